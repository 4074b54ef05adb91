import type { Settings, SiteProfile, FeatureId } from '../settings';
import type { Feature, FeatureContext, Scope } from './feature';
import { PageScanner } from './scan';
import { nextGeneration } from './tables';
import { isInjected } from './text';

interface Running {
  feature: Feature;
  controller: AbortController;
  ctx: FeatureContext;
}

/** Logged at info level: SEA's own console must not fill with our errors. */
function report(id: FeatureId, error: unknown) {
  console.info(`[SEA Kit] 功能 ${id} 出错，已在本页停用：`, error);
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
 * Rows that changed are re-read alone; anything outside table rows re-reads the page's label/value pairs.
 */
export class PageCore {
  readonly scanner: PageScanner;
  private running = new Map<FeatureId, Running>();
  private observer = new MutationObserver((records) => timed('collect', () => this.collect(records)));
  private dirtyRows = new Set<Element>();
  private pageDirty = false;
  private scheduled = false;
  private href = location.href;

  constructor(private site: SiteProfile, private settings: Settings) {
    this.scanner = new PageScanner(site.labels, site.selectors);
  }

  async start(features: Feature[]): Promise<void> {
    await Promise.all(features.map((f) => this.startFeature(f)));
    this.observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
    window.addEventListener('popstate', this.onRoute);
    window.addEventListener('hashchange', this.onRoute);
    timed('apply-all', () => this.applyAll([...this.running.values()]));
  }

  stop(): void {
    this.observer.disconnect();
    window.removeEventListener('popstate', this.onRoute);
    window.removeEventListener('hashchange', this.onRoute);
    for (const id of [...this.running.keys()]) this.stopFeature(id);
  }

  isRunning(id: FeatureId): boolean {
    return this.running.has(id);
  }

  /** Switches features on and off to match `features` (a live settings change), then applies the new ones. */
  async update(features: Feature[]): Promise<void> {
    const wanted = new Set(features.map((f) => f.id));
    for (const id of [...this.running.keys()]) if (!wanted.has(id)) this.stopFeature(id);
    const added = features.filter((f) => !this.running.has(f.id));
    await Promise.all(added.map((f) => this.startFeature(f)));
    timed('apply-all', () => this.applyAll(added.map((f) => this.running.get(f.id)).filter((r): r is Running => !!r)));
  }

  private async startFeature(feature: Feature): Promise<void> {
    const controller = new AbortController();
    const ctx: FeatureContext = { site: this.site, settings: this.settings, signal: controller.signal, page: this.scanner };
    const running = { feature, controller, ctx };
    this.running.set(feature.id, running);
    try {
      await feature.start?.(ctx);
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
    for (const record of records) {
      const target = record.target;
      if (isInjected(target)) continue;
      if (record.type === 'childList' && [...record.addedNodes, ...record.removedNodes].every(isInjected)) continue;
      const el = target.nodeType === Node.ELEMENT_NODE ? (target as Element) : target.parentElement;
      if (!el) continue;
      const row = el.closest('tr');
      if (row && !el.closest('thead')) {
        // Within a row: re-read that row alone (flush falls back to a page pass if it is not a data row).
        this.dirtyRows.add(row);
        continue;
      }
      this.pageDirty = true;
      if (record.type !== 'childList') continue;
      for (const node of record.addedNodes) {
        if (node.nodeType !== Node.ELEMENT_NODE || isInjected(node)) continue;
        const added = node as Element;
        if (added.tagName === 'TR') this.dirtyRows.add(added);
        else for (const r of added.getElementsByTagName('tr')) this.dirtyRows.add(r);
      }
      // A header that changed remaps its body rows.
      if (el.closest('thead')) for (const r of document.getElementsByTagName('tr')) this.dirtyRows.add(r);
    }
    this.schedule();
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

  private flush(): void {
    nextGeneration();
    const rows = [...this.dirtyRows].filter((r) => r.isConnected);
    let page = this.pageDirty || location.href !== this.href;
    this.href = location.href;
    this.dirtyRows.clear();
    this.pageDirty = false;
    const running = [...this.running.values()];
    for (const row of rows) {
      const scope = this.scanner.rowScope(row);
      if (scope) this.applyScope(scope, running);
      else page = true; // a row of a label/value table, or an expand row holding pairs
    }
    if (page) this.applyScope(this.scanner.pageScope(), running, true);
  }

  private applyAll(running: Running[]): void {
    if (!running.length) return;
    nextGeneration();
    for (const row of this.scanner.rows()) {
      const scope = this.scanner.rowScope(row);
      if (scope) this.applyScope(scope, running);
    }
    this.applyScope(this.scanner.pageScope(), running, true);
  }

  private applyScope(scope: Scope, running: Running[], pagePass = false): void {
    for (const r of running) {
      const { feature, ctx } = r;
      if (!this.running.has(feature.id)) continue;
      try {
        if (feature.apply && feature.fields?.some((kind) => scope.fields.some((f) => f.kind === kind))) {
          feature.apply(scope, ctx);
        }
        if (pagePass) feature.onPage?.(ctx);
      } catch (error) {
        this.fail(r, error);
      }
    }
  }
}
