import type { FillPlan } from '~/utils/snippets/placeholders';
import { buildFillForm, FILL_FORM_CSS } from './fill-form';
import type { SearchEntry } from '~/utils/snippets/search';
import type { CaretRect } from '~/utils/snippets/reply-box';
import { shelfName } from '~/utils/snippets/shelves';
import { displayText } from '~/utils/snippets/template';

/**
 * The in-page snippet picker: a list at the caret inside a shadow root (SEA's styles can't reach it,
 * its styles can't reach SEA), and the small form that asks for placeholders the page can't fill.
 * Plain DOM, no framework: it ships in the content script on every SEA page. All snippet text is
 * set with textContent.
 */

const CSS = FILL_FORM_CSS + `
:host { all: initial; position: fixed; z-index: 2147483647; }
.box { width: 360px; max-width: calc(100vw - 16px); background: #fff; color: #1f2329; border: 1px solid #d0d3d6;
  border-radius: 8px; box-shadow: 0 6px 24px rgba(0,0,0,.16); font: 13px/1.5 system-ui, "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif; overflow: hidden; }
.head { display: flex; justify-content: space-between; gap: 8px; padding: 6px 10px; color: #646a73; background: #f7f8fa; border-bottom: 1px solid #eef0f2; font-size: 12px; }
.query { color: #1664ff; font-weight: 600; max-width: 140px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
ul { list-style: none; margin: 0; padding: 4px 0; max-height: 300px; overflow-y: auto; }
li { padding: 6px 10px; cursor: pointer; }
li[aria-selected="true"] { background: #e8f3ff; }
.line1 { display: flex; align-items: center; gap: 6px; }
.title { font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.shelf { flex: none; font-size: 11px; color: #646a73; background: #f2f3f5; border-radius: 3px; padding: 0 4px; }
.shelf[data-owner="个人"] { color: #1a7f37; background: #e6f7e9; }
.hint { flex: none; font-size: 11px; color: #fff; background: #1664ff; border-radius: 3px; padding: 0 4px; }
.pin { flex: none; font-size: 11px; color: #b54708; background: #fff4e5; border-radius: 3px; padding: 0 4px; }
.num { flex: none; width: 1.2em; text-align: center; font: 11px/1.4 ui-monospace, monospace; color: #646a73; background: #f2f3f5; border-radius: 3px; }
.key { flex: none; margin-left: auto; font: 11px/1.4 ui-monospace, monospace; color: #8f959e; }
.text { color: #646a73; font-size: 12px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.status { padding: 10px; color: #8f959e; }
`;

export interface PickerEvents {
  /** An item was chosen with Enter or a click. */
  choose(entry: SearchEntry): void;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text = ''): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  if (text) node.textContent = text;
  return node;
}

/** The text of a node with one text child (or none), written only when it changes. */
function setText(node: HTMLElement, text: string): void {
  if (node.textContent !== text) node.textContent = text;
}

/**
 * One place in the list (its digit, id and element stay), showing whichever entry is there now: a
 * keystroke that changes the list rewrites a few texts in the items it has, not ~240 new elements.
 */
interface Row {
  item: HTMLLIElement;
  line1: HTMLElement;
  badge: HTMLElement | null;
  title: HTMLElement;
  shelf: HTMLElement;
  key: HTMLElement | null;
  text: HTMLElement;
  entry: SearchEntry | null;
  /** 'hint' (建议), 'pin' (置顶) or ''. */
  kind: string;
}

function newRow(position: number): Row {
  const item = el('li', { role: 'option', id: `seakit-snippet-${position}`, 'aria-selected': String(position === 0) });
  const line1 = el('div', { class: 'line1' });
  // The digit that picks the item at this position (the first nine have one).
  if (position < 9) line1.append(el('span', { class: 'num', 'aria-hidden': 'true' }, String(position + 1)));
  const title = el('span', { class: 'title' });
  const shelf = el('span', { class: 'shelf' });
  line1.append(title, shelf);
  const text = el('div', { class: 'text' });
  item.append(line1, text);
  return { item, line1, badge: null, title, shelf, key: null, text, entry: null, kind: '' };
}

/** Shows an entry in a row: its title, shelf, shortcut and text; `kind` marks it 建议 (hint) or 置顶 (pin). */
function fillRow(row: Row, entry: SearchEntry, kind: string): void {
  if (row.entry === entry && row.kind === kind) return;
  if (row.kind !== kind) {
    row.badge?.remove();
    row.badge = kind === 'hint' ? el('span', { class: 'hint', title: '与客户最近的消息最相关' }, '建议') : kind === 'pin' ? el('span', { class: 'pin' }, '置顶') : null;
    if (row.badge) row.line1.insertBefore(row.badge, row.title);
  }
  setText(row.title, entry.title);
  setText(row.shelf, shelfName(entry));
  if (row.shelf.dataset.owner !== entry.owner) row.shelf.dataset.owner = entry.owner;
  if (!entry.shortcut) {
    row.key?.remove();
    row.key = null;
  } else if (row.key) setText(row.key, entry.shortcut);
  else row.line1.append((row.key = el('span', { class: 'key' }, entry.shortcut)));
  setText(row.text, displayText(entry.text));
  row.entry = entry;
  row.kind = kind;
}

export class SnippetPicker {
  private host: HTMLElement | null = null;
  private root: ShadowRoot | null = null;
  private list: HTMLUListElement | null = null;
  private head: { el: HTMLElement; query: HTMLElement } | null = null;
  /** The list's places, first first: a keystroke rewrites what they show, it does not build new ones. */
  private rows: Row[] = [];
  private entries: SearchEntry[] = [];
  private active = 0;
  /**
   * Where the `//keyword` starts on screen, or how to measure it; the picker follows its content's
   * height from there.
   */
  private anchor: CaretRect | (() => CaretRect) | null = null;
  private placing = false;
  /** Answers the open placeholder form, if any. */
  private settle: ((values: Record<string, string> | null) => void) | undefined;

  constructor(private events: PickerEvents) {}

  get isOpen(): boolean {
    return !!this.host?.isConnected;
  }

  /** The host element, to tell focus moving into the picker from focus leaving the reply box. */
  contains(node: EventTarget | null): boolean {
    // Inside the shadow root, contains() from the host does not see the node: compare roots.
    return this.isOpen && node instanceof Node && (this.host === node || node.getRootNode() === this.root);
  }

  open(at: CaretRect | (() => CaretRect)): void {
    if (!this.isOpen) {
      // One picker per page, even if an older content-script instance left one behind.
      for (const stale of document.querySelectorAll('[data-seakit="snippet-picker"]')) stale.remove();
      // The same host each time: the next `//` refills the items it had, rather than building them again.
      if (!this.host) this.build();
      // Shown once placed, in the next frame.
      this.host!.style.visibility = 'hidden';
      document.documentElement.append(this.host!);
    }
    this.anchor = at;
    this.placeSoon();
  }

  private build(): void {
    this.host = el('div', { 'data-seakit': 'snippet-picker' });
    this.root = this.host.attachShadow({ mode: 'open' });
    const style = el('style', {}, CSS);
    this.root.append(style, el('div', { class: 'box', role: 'dialog', 'aria-label': '话术选择' }));
    // Keys typed into the placeholder form are the picker's business, not the page's shortcuts.
    for (const type of ['keydown', 'keyup', 'keypress', 'input', 'beforeinput'] as const) {
      this.host.addEventListener(type, (e) => e.stopPropagation());
    }
  }

  /** Below the caret line, or above it when there is no room below; always inside the viewport. */
  place(at = this.anchor): void {
    if (!this.host || !at) return;
    const caret = typeof at === 'function' ? at() : at;
    this.anchor = caret;
    const width = Math.min(360, innerWidth - 16);
    const height = this.box().getBoundingClientRect().height;
    const below = caret.bottom + 4;
    const roomBelow = innerHeight - below - 8;
    const top = height <= roomBelow || roomBelow >= caret.top - 12 ? below : caret.top - 4 - height;
    this.host.style.left = `${Math.max(8, Math.min(caret.left, innerWidth - width - 8))}px`;
    this.host.style.top = `${Math.max(8, Math.min(top, innerHeight - 48))}px`;
    this.host.style.visibility = '';
  }

  /**
   * Placed in the next frame, not in the keystroke: measuring the caret and the list there forces a
   * layout of the page, which the frame then does again (bench: 5-10 ms on the demo chat per key).
   */
  private placeSoon(): void {
    if (this.placing) return;
    this.placing = true;
    requestAnimationFrame(() => {
      this.placing = false;
      this.place();
    });
  }

  close(): void {
    this.settle?.(null);
    // Kept, out of the page, for the next open.
    this.host?.remove();
    this.anchor = null;
    this.entries = [];
  }

  private box(): HTMLElement {
    return this.root!.querySelector('.box')!;
  }

  /**
   * The list for a query; `status` replaces it (loading, an error) when given. `suggested` (what
   * answers the customer's latest messages) leads the list, each marked 建议.
   */
  show(found: SearchEntry[], query: string, status?: string, suggested: SearchEntry[] = []): void {
    if (!this.isOpen) return;
    const lead = new Set(suggested.map((e) => e.id));
    const entries = [...suggested, ...found.filter((e) => !lead.has(e.id))];
    this.entries = entries;
    const active = this.active;
    this.active = 0;
    const box = this.box();
    if (!this.head || box.firstChild !== this.head.el) {
      const query = el('span', { class: 'query' });
      this.head = { el: el('div', { class: 'head' }), query };
      this.head.el.append(el('span', {}, '话术 · ↑↓ 或数字选择 · 回车插入 · Esc 关闭'), query);
      box.replaceChildren(this.head.el);
      this.list = null;
      this.rows = [];
    }
    if (this.head.query.textContent !== query) this.head.query.textContent = query;
    if (status || !entries.length) {
      this.list = null;
      this.rows = [];
      box.replaceChildren(this.head.el, el('div', { class: 'status', role: 'status' }, status ?? `没有与“${query}”匹配的话术`));
      return this.placeSoon();
    }
    // A new list is filled before it goes in (one insertion into the page, as the first `//` always did).
    const fresh = !this.list;
    const list = (this.list ??= this.newList());
    const rows = this.rows;
    if (rows.length) {
      rows[active]?.item.setAttribute('aria-selected', 'false');
      rows[0].item.setAttribute('aria-selected', 'true');
    }
    const added: HTMLLIElement[] = [];
    entries.forEach((entry, i) => {
      if (!rows[i]) added.push((rows[i] = newRow(i)).item);
      fillRow(rows[i], entry, lead.has(entry.id) ? 'hint' : entry.pinnedAt ? 'pin' : '');
    });
    for (const gone of rows.splice(entries.length)) gone.item.remove();
    if (added.length) list.append(...added);
    if (fresh) box.replaceChildren(this.head.el, list);
    this.placeSoon();
  }

  /** The list element; its items' mouse events are handled here, whichever entry an item shows now. */
  private newList(): HTMLUListElement {
    const list = el('ul', { role: 'listbox', 'aria-label': '话术' });
    const position = (e: Event) => {
      const item = e.target instanceof Element ? e.target.closest('li') : null;
      return item ? Array.prototype.indexOf.call(list.children, item) : -1;
    };
    // mousedown would take focus (and the caret) away from the reply box.
    list.addEventListener('mousedown', (e) => e.preventDefault());
    list.addEventListener('click', (e) => {
      const at = position(e);
      if (at >= 0) this.events.choose(this.entries[at]);
    });
    list.addEventListener('mousemove', (e) => {
      const at = position(e);
      if (at >= 0) this.highlight(at);
    });
    return list;
  }

  private highlight(index: number): void {
    if (!this.list) return;
    this.list.children[this.active]?.setAttribute('aria-selected', 'false');
    this.active = index;
    const item = this.list.children[index] as HTMLElement | undefined;
    item?.setAttribute('aria-selected', 'true');
    item?.scrollIntoView({ block: 'nearest' });
  }

  /** ↑/↓: moves the highlight, wrapping around. */
  move(delta: number): void {
    if (this.entries.length) this.highlight((this.active + delta + this.entries.length) % this.entries.length);
  }

  current(): SearchEntry | undefined {
    return this.list ? this.entries[this.active] : undefined;
  }

  /** The entry shown at a position (0 first), for the digit keys. */
  at(position: number): SearchEntry | undefined {
    return this.list ? this.entries[position] : undefined;
  }

  /**
   * The small form for the fields the page could not fill (fill-form.ts, shared with the side panel).
   * Resolves with the answers, or null when the agent cancels; an empty answer is refused, never inserted.
   */
  ask(title: string, plan: FillPlan): Promise<Record<string, string> | null> {
    return new Promise((done) => {
      const resolve = (values: Record<string, string> | null) => {
        this.settle = undefined;
        done(values);
      };
      this.settle = resolve;
      const { form, focus } = buildFillForm(document, { title, plan, onDone: resolve, onCancel: () => resolve(null) });
      this.box().replaceChildren(form);
      this.list = null;
      this.rows = [];
      this.place();
      focus();
    });
  }
}
