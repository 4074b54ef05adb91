import type { Settings, SiteProfile, FeatureId } from '../settings';
import type { Feature, FeatureContext, Scope } from './feature';
import { RowsNearView } from './in-view';
import { listChanged } from './lists';
import { PageMemory } from './memory';
import { PageScanner } from './scan';
import { dataRowInfo, nextGeneration, type RowInfo } from './tables';

interface Running {
  feature: Feature;
  controller: AbortController;
  ctx: FeatureContext;
}

/** The last feature errors in this frame, newest last, for the side panel's page inspector. */
export const recentErrors: Array<{ feature: FeatureId; message: string; at: number }> = [];

/** Logged at info level: SEA's own console must not fill with our errors. */
function report(id: FeatureId, error: unknown) {
  console.info(`[SEA Kit] 功能 ${id} 出错，已在本页停用：`, error);
  recentErrors.push({ feature: id, message: error instanceof Error ? error.message : String(error), at: Date.now() });
  recentErrors.splice(0, recentErrors.length - 20);
}

/** Bench only: bench/run.mjs marks <html data-seakit-bench> so each pass becomes a User Timing measure. */
const benchTiming = document.documentElement.hasAttribute('data-seakit-bench');
function timed<T>(name: string, pass: () => T): T {
  if (!benchTiming) return pass();
  const start = performance.now();
  try {
    return pass();
  } finally {
    performance.measure(`seakit:${name}`, { start });
  }
}

/**
 * A pass hands the main thread back to the page after this long; the rest follows in the next frame.
 * Not shorter: only rows near the screen are worked on (a few screens' worth), and every further slice
 * that writes costs the page another style and layout pass of the whole list (docs/performance.md).
 */
const SLICE_MS = 50;
/** About two screens of rows: a new list's first rows are enhanced before its first paint. */
const FIRST_ROWS = 40;

/** Our own insertions and removals: every node carries data-seakit itself. */
function onlyOurNodes(record: MutationRecord): boolean {
  return allOurs(record.addedNodes) && allOurs(record.removedNodes);
}

/** Indexed, not iterated: a scroll through a big list brings thousands of records of our own insertions. */
function allOurs(nodes: NodeList): boolean {
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    if (node.nodeType !== Node.ELEMENT_NODE || !(node as Element).hasAttribute('data-seakit')) return false;
  }
  return true;
}

/** Not content: a framework's comment anchor or blank text between rows. */
const isFiller = (node: Node) => node.nodeType === Node.COMMENT_NODE || (node.nodeType === Node.TEXT_NODE && !node.nodeValue!.trim());
const isRow = (node: Node) => node.nodeType === Node.ELEMENT_NODE && (node as Element).tagName === 'TR';

/**
 * Cells in columns no feature reads (序号, 状态, 操作), as of their row's last pass: a change inside
 * them alone (a status that re-renders every second) needs no pass. A row pass reads nothing else,
 * and a header change or a cell added or removed re-reads the whole row, which renews this.
 */
const plainCells = new WeakSet<Element>();

function notePlainCells({ map, cells }: RowInfo): void {
  let column = 0;
  for (const cell of cells) {
    if (map.columns.has(column)) plainCells.delete(cell);
    else plainCells.add(cell);
    column += (cell as HTMLTableCellElement).colSpan || 1;
  }
}

function onlyPlainCells(changed: Set<Element>): boolean {
  for (const cell of changed) if (!plainCells.has(cell)) return false;
  return true;
}

/** The feature's declared settings as this site sets them (rules.<key>), else their defaults. */
export function featureOptions(feature: Feature, site: SiteProfile): Record<string, unknown> {
  const rules = site.rules as Record<string, unknown>;
  return Object.fromEntries(Object.entries(feature.settings ?? {}).map(([key, setting]) => [key, rules[key] ?? setting.default]));
}

/** Removes what a feature put into the page. */
export function removeFeatureTraces(feature: Feature): void {
  for (const id of [feature.id, ...(feature.alsoInjects ?? [])]) {
    for (const el of document.querySelectorAll(`[data-seakit="${id}"]`)) el.remove();
  }
  for (const mark of feature.marks ?? []) {
    for (const el of document.querySelectorAll(`[${mark}]`)) el.removeAttribute(mark);
  }
}

/**
 * The only code that watches SEA's DOM: one MutationObserver for all features, batched per frame.
 * Rows that changed are re-read alone, only where a field changed, and only near the screen (far rows when they come near);
 * anything outside table rows re-reads the page's label/value pairs. Passes run in slices of
 * SLICE_MS, so a 2,000-row render never holds the page up (docs/performance.md).
 */
export class PageCore {
  readonly scanner: PageScanner;
  /** What the passes found; the features' PageApi. */
  readonly page: PageMemory;
  private running = new Map<FeatureId, Running>();
  private observer = new MutationObserver((records) => timed('collect', () => this.collect(records)));
  /** Rows to re-read: null for the whole row, else the cells that changed. */
  private dirtyRows = new Map<Element, Set<Element> | null>();
  private inView = new RowsNearView((rows) => {
    for (const row of rows) {
      this.dirtyRows.set(row, null);
      this.together.add(row);
    }
    this.schedule();
  });
  /** Rows that came near together: written in one slice, so the list is restyled and laid out once for them all. */
  private together = new Set<Element>();
  /** Whole rows read per list body since the queue was last empty: a new list's first rows are likely on screen. */
  private listed = new Map<Element | null, number>();
  private pageDirty = false;
  /** How long the last page pass took: it waits for a slice of its own when it would not fit. */
  private pagePassMs = 0;
  private scheduled = false;
  private href = location.href;
  /** Once stopped, a core never starts observing again (a stop can come while start() awaits). */
  private stopped = false;
  /** Waiting for every queued pass to run (rows out of view excepted). */
  private whenDone: Array<() => void> = [];

  /** Elements added outside the lists since the last page pass, for `beforePagePass`. */
  private added: Element[] = [];

  /**
   * `beforePagePass` gets what was added outside the lists since the last page pass (the content script looks
   * there for somewhere to write, utils/page/late.ts, before the features' onPage read it): only new subtrees,
   * never the whole 2,000-row page again.
   */
  constructor(private site: SiteProfile, private settings: Settings, private beforePagePass: (added: Element[]) => void = () => {}) {
    this.scanner = new PageScanner(site.labels, site.selectors);
    this.page = new PageMemory(this.scanner);
  }

  async start(features: Feature[]): Promise<void> {
    await Promise.all(features.map((f) => this.startFeature(f)));
    // Stopped while the features were starting (settings changed, the extension reloaded): never observe.
    if (this.stopped) return;
    this.observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
    window.addEventListener('popstate', this.onRoute);
    window.addEventListener('hashchange', this.onRoute);
    await this.applyAll();
  }

  stop(): void {
    this.stopped = true;
    this.observer.disconnect();
    this.inView.disconnect();
    window.removeEventListener('popstate', this.onRoute);
    window.removeEventListener('hashchange', this.onRoute);
    for (const id of [...this.running.keys()]) this.stopFeature(id);
    this.scheduled = false;
    this.dirtyRows.clear();
    this.together.clear();
    this.added = [];
    for (const done of this.whenDone.splice(0)) done();
    this.page.forget();
  }

  isRunning(id: FeatureId): boolean {
    return this.running.has(id);
  }

  /** Switches features on and off to match `features` (a live settings change), then applies the new ones. */
  async update(features: Feature[]): Promise<void> {
    if (this.stopped) return;
    const wanted = new Map(features.map((f) => [f.id, f]));
    // A feature handed over in another form (a late feature whose code arrived) starts again in it.
    for (const [id, { feature }] of [...this.running]) if (wanted.get(id) !== feature) this.stopFeature(id);
    const added = features.filter((f) => !this.running.has(f.id));
    await Promise.all(added.map((f) => this.startFeature(f)));
    if (this.stopped) return;
    // Features are idempotent: the ones already running simply find their work done.
    if (added.length) await this.applyAll();
  }

  private async startFeature(feature: Feature): Promise<void> {
    const controller = new AbortController();
    const ctx: FeatureContext = {
      site: this.site, settings: this.settings, signal: controller.signal, page: this.page, options: featureOptions(feature, this.site),
      fail: (error) => this.fail(running, error),
    };
    const running: Running = { feature, controller, ctx };
    this.running.set(feature.id, running);
    try {
      await feature.start?.(ctx);
      // Stopped meanwhile: what start() set up is tied to the aborted signal; make sure it is gone.
      if (this.running.get(feature.id) !== running) controller.abort();
    } catch (error) {
      this.fail(running, error);
    }
  }

  private stopFeature(id: FeatureId): void {
    const running = this.running.get(id);
    if (!running) return;
    this.running.delete(id);
    running.controller.abort();
    removeFeatureTraces(running.feature);
  }

  private fail(running: Running, error: unknown): void {
    if (this.running.get(running.feature.id) !== running) return;
    report(running.feature.id, error);
    this.stopFeature(running.feature.id);
  }

  private onRoute = () => {
    this.pageDirty = true;
    this.schedule();
  };

  private collect(records: MutationRecord[]): void {
    // A framework inserts a list's rows one record each into the same tbody: look at each target once.
    let lastTarget: Node | null = null;
    let hit: Element | null = null;
    for (const record of records) {
      const target = record.target;
      const el = target.nodeType === Node.ELEMENT_NODE ? (target as Element) : target.parentElement;
      if (!el) continue;
      // Most records while a big list scrolls are our own insertions: the cheapest test first.
      if (record.type === 'childList' && onlyOurNodes(record)) continue;
      // One walk up: inside our own element (skip), or the cell or row the change is in.
      if (target !== lastTarget) hit = el.closest('[data-seakit], td, th, tr');
      lastTarget = target;
      if (hit?.hasAttribute('data-seakit')) continue;
      if (record.type === 'childList') {
        if (el.tagName === 'TBODY') listChanged(el);
        // Rows added to or taken from a list body: each new row gets its own pass, no page pass.
        if (!hit && el.tagName === 'TBODY' && this.rowsChanged(record)) continue;
        for (const node of record.removedNodes) this.forgetRows(node);
      }
      const row = hit?.tagName === 'TR' ? hit : hit?.parentElement;
      if (row?.tagName === 'TR' && row.parentElement?.tagName !== 'THEAD') {
        // Within a row: re-read that row alone (flush falls back to a page pass if it is not a data row).
        this.rowChanged(row, hit === row ? null : hit!);
        continue;
      }
      this.pageDirty = true;
      if (record.type !== 'childList') continue;
      for (const node of record.addedNodes) {
        if (node.nodeType !== Node.ELEMENT_NODE || (node as Element).hasAttribute('data-seakit')) continue;
        const added = node as Element;
        this.added.push(added);
        if (added.tagName === 'TR') this.dirtyRows.set(added, null);
        else for (const r of added.getElementsByTagName('tr')) this.dirtyRows.set(r, null);
      }
      // A header that changed remaps its body rows.
      if (el.closest('thead')) for (const r of document.getElementsByTagName('tr')) this.dirtyRows.set(r, null);
    }
    this.schedule();
  }

  /** A tbody change that only adds or removes rows: notes them and says true (else the caller goes on). */
  private rowsChanged(record: MutationRecord): boolean {
    for (const node of record.addedNodes) if (!isRow(node) && !isFiller(node)) return false;
    for (const node of record.removedNodes) if (!isRow(node) && !isFiller(node)) return false;
    for (const node of record.addedNodes) if (isRow(node)) this.dirtyRows.set(node as Element, null);
    for (const node of record.removedNodes) if (isRow(node)) this.inView.forget(node as Element);
    return true;
  }

  /** Notes the changed cell; a change to the row itself (cells added or removed) re-reads all of it. */
  private rowChanged(row: Element, cell: Element | null): void {
    const changed = this.dirtyRows.get(row);
    if (changed === null) return;
    if (!cell) this.dirtyRows.set(row, null);
    else if (changed) changed.add(cell);
    else this.dirtyRows.set(row, new Set([cell]));
  }

  private forgetRows(node: Node): void {
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    const el = node as Element;
    if (el.tagName === 'TR') this.inView.forget(el);
    else for (const row of el.getElementsByTagName('tr')) this.inView.forget(row);
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    const run = () => {
      if (!this.scheduled) return;
      this.scheduled = false;
      timed('flush', () => this.flush());
    };
    requestAnimationFrame(run);
    // Background tabs get no frames; still catch up soon.
    setTimeout(run, 200);
  }

  /** Every row and the page's pairs; resolves when the rows in view are done. */
  private applyAll(): Promise<void> {
    for (const row of document.getElementsByTagName('tr')) this.dirtyRows.set(row, null);
    this.pageDirty = true;
    const done = new Promise<void>((resolve) => this.whenDone.push(resolve));
    this.scheduled = false;
    timed('flush', () => this.flush());
    return done;
  }

  /** One slice: dirty rows in order until SLICE_MS is spent, then the page pass; the rest is rescheduled. */
  private flush(): void {
    // What the page changed since the observer last reported is read first; what the passes below write is
    // dropped at the end unread: thousands of records of our own insertions on a big list (docs/performance.md).
    const pending = this.observer.takeRecords();
    if (pending.length) this.collect(pending);
    nextGeneration();
    const deadline = performance.now() + SLICE_MS;
    let page = this.pageDirty || location.href !== this.href;
    this.href = location.href;
    this.pageDirty = false;
    const running = [...this.running.values()];
    let readRows = false;
    for (const [row, changed] of this.dirtyRows) {
      // A list's first rows all go in one slice: each slice that changes a big page costs it a layout.
      const nth = (this.listed.get(row.parentElement) ?? 0) + 1;
      const cameNear = this.together.delete(row);
      const first = cameNear || (!changed && nth <= FIRST_ROWS);
      if (!first && performance.now() > deadline) break;
      this.dirtyRows.delete(row);
      if (!row.isConnected || (changed && onlyPlainCells(changed))) continue;
      if (!changed) this.listed.set(row.parentElement, nth);
      // Far from the screen, the row's whole pass is owed: it runs when the row comes near.
      if (!this.inView.has(row, first)) continue;
      const info = dataRowInfo(row, this.scanner.index);
      if (!info) {
        page = true; // a row of a label/value table, or an expand row holding pairs
        continue;
      }
      notePlainCells(info);
      if (!changed || !onlyPlainCells(changed)) this.applyScope(this.scanner.rowScope(row, info)!, running);
      readRows = true;
    }
    // The page pass is one piece: after rows, only if the last one would still fit in this slice.
    if (page && (!readRows || performance.now() + this.pagePassMs <= deadline)) {
      const start = performance.now();
      this.beforePagePass(this.added.splice(0));
      this.applyScope(this.scanner.pageScope(), running, true);
      this.pagePassMs = performance.now() - start;
    } else this.pageDirty ||= page;
    this.observer.takeRecords();
    if (this.dirtyRows.size || this.pageDirty) return this.schedule();
    this.listed.clear();
    for (const done of this.whenDone.splice(0)) done();
  }

  private applyScope(scope: Scope, running: Running[], pagePass = false): void {
    this.page.remember(scope);
    for (const r of running) {
      const { feature, ctx } = r;
      if (!this.running.has(feature.id)) continue;
      try {
        const applies = !!feature.apply && !!feature.fields?.some((kind) => scope.fields.some((f) => f.kind === kind));
        if (!applies && !(pagePass && feature.onPage)) continue;
        if (feature.include && !feature.include(this.page)) continue;
        if (applies) feature.apply!(scope, ctx);
        if (pagePass) feature.onPage?.(ctx);
      } catch (error) {
        this.fail(r, error);
      }
    }
  }
}
