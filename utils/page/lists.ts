/**
 * Whole-list work for features that need more than one row (status counts, row positions): rows are
 * still handed over one by one by the page core; a feature notes the list and gets one pass over it
 * after the current batch, at most once per batch, by walking the body's own rows (no document queries,
 * no layout reads).
 */
import { cellsOf } from './tables';

const pending = new Map<object, () => void>();
let queued = false;

/** Runs `pass` once after the rows of this batch were handed over (later calls for the same key replace it). */
export function afterRows(key: object, pass: () => void): void {
  pending.set(key, pass);
  if (queued) return;
  queued = true;
  queueMicrotask(() => {
    queued = false;
    const passes = [...pending.values()];
    pending.clear();
    for (const run of passes) {
      try {
        run();
      } catch (error) {
        console.info('[SEA Kit] 列表处理出错：', error);
      }
    }
  });
}

/**
 * How many times a list body's rows were added, removed or moved (the page core counts its childList
 * changes): a feature that numbered or counted the whole list can tell whether that still holds and
 * handle only the rows handed over since, instead of walking 2,000 rows on every batch.
 */
const versions = new WeakMap<Element, number>();

/** Whole-list passes to run again when a body's rows change, even if no row of it is handed over (rows removed). */
const watchers = new WeakMap<Element, Map<object, () => void>>();

export function listChanged(body: Element): void {
  versions.set(body, (versions.get(body) ?? 0) + 1);
  for (const [key, pass] of watchers.get(body) ?? []) afterRows(key, pass);
}

/**
 * Runs `pass` (as `afterRows(key, pass)`) whenever the body's rows are added, removed or moved, until
 * `signal` aborts (a feature switched off must not come back on the next change).
 */
export function onListChange(body: Element, key: object, pass: () => void, signal: AbortSignal): void {
  if (signal.aborted) return;
  let passes = watchers.get(body);
  if (!passes) watchers.set(body, (passes = new Map()));
  if (!passes.has(key)) signal.addEventListener('abort', () => passes.delete(key), { once: true });
  passes.set(key, pass);
}

export function listVersion(body: Element): number {
  return versions.get(body) ?? 0;
}

/** A list's record rows in displayed order: not header rows, hidden measure rows or one-cell expand rows. */
export function* recordRows(body: Element): Generator<Element> {
  for (let row = body.firstElementChild; row; row = row.nextElementSibling) {
    if (row.tagName !== 'TR' || row.getAttribute('aria-hidden') === 'true') continue;
    // Walked once per batch over the whole list: the row's own cell list, not a walk of its children.
    const cells = (row as HTMLTableRowElement).cells;
    if (cells.length >= 2 && hasDataCell(cells)) yield row;
  }
}

function hasDataCell(cells: HTMLCollectionOf<HTMLTableCellElement>): boolean {
  if (cells[0].tagName === 'TD' || cells[cells.length - 1].tagName === 'TD') return true;
  for (const cell of cells) if (cell.tagName === 'TD') return true;
  return false;
}

/** The column a cell is in (colspans counted), or -1. */
export function columnOf(cell: Element | null): number {
  if (!cell) return -1;
  let column = 0;
  for (const c of cellsOf(cell.parentElement!)) {
    if (c === cell) return column;
    column += (c as HTMLTableCellElement).colSpan || 1;
  }
  return -1;
}

/** A row's cell in a column (from columnOf), or undefined. */
export function cellAt(row: Element, column: number): Element | undefined {
  let at = 0;
  for (const c of cellsOf(row)) {
    if (at === column) return c;
    at += (c as HTMLTableCellElement).colSpan || 1;
    if (at > column) return undefined;
  }
  return undefined;
}

const WRAPPER = /table|spin|loading/i;

/**
 * The outermost element that is only this list (its framework wrappers: el-table, ant-table-wrapper,
 * table-responsive), where a bar above the list goes.
 */
export function listContainer(root: Element): Element {
  let el = root;
  for (let depth = 0; depth < 5; depth++) {
    const parent = el.parentElement;
    if (!parent || parent === document.body || !WRAPPER.test(parent.getAttribute('class') ?? '')) break;
    el = parent;
  }
  return el;
}

const PAGER = '[class*="pagination"], [class*="pager"], [class*="paging"], [aria-label*="分页"], [aria-label*="pagination" i]';

function isPager(el: Element): boolean {
  return el.matches(PAGER);
}

/** The pagination control that belongs to a list: the first one after it, within a few of its ancestors. */
export function pagerOf(root: Element): Element | null {
  let from: Element | null = root;
  for (let depth = 0; from && from !== document.body && depth < 6; depth++, from = from.parentElement) {
    for (let sibling = from.nextElementSibling; sibling; sibling = sibling.nextElementSibling) {
      if (sibling.hasAttribute('data-seakit')) continue;
      // A following table is another list: its pager is not this one's.
      if (sibling.tagName === 'TABLE' || sibling.querySelector('table')) return null;
      if (isPager(sibling) || sibling.querySelector(PAGER)) return sibling;
    }
  }
  return null;
}

const ACTIVE = '[aria-current="page"], .active, .is-active, .current, [class*="item-active"], [class*="is-current"]';
/** A page-size dropdown's option list (bootstrap-table's 每页显示 [5 ▾]): its items are choices, not the pager's state. */
const MENU = '[class*="dropdown-menu"], [role="menu"], [role="listbox"]';

/** Text of an element without option lists and our own elements. */
function visibleText(el: Element): string {
  let text = '';
  const walk = (node: Node) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === Node.TEXT_NODE) text += child.nodeValue;
      else if (child.nodeType === Node.ELEMENT_NODE) {
        const e = child as Element;
        if (e.tagName === 'SELECT' || e.tagName === 'OPTION' || e.tagName === 'DATALIST' || e.hasAttribute('data-seakit') || e.matches(MENU)) continue;
        walk(e);
        text += ' ';
      }
    }
  };
  walk(el);
  return text;
}

const SIZE_PATTERNS = [/(\d+)\s*[条项行]\s*\/\s*页/, /每页\s*(?:显示)?\s*(\d+)\s*[条项行]/, /(\d+)\s*[条项行]每页/, /(\d+)\s*\/\s*page/i];

/** The page number and page size a list's pager shows; null for what it does not show. */
export function readPager(pager: Element): { page: number | null; size: number | null } {
  let page: number | null = null;
  const region = pager;
  for (const el of pager.querySelectorAll(ACTIVE)) {
    if (el.closest(MENU)) continue;
    const n = /^\s*(\d+)/.exec(el.textContent ?? '');
    if (n) {
      page = Number(n[1]);
      break;
    }
  }
  const text = visibleText(region);
  page ??= Number(/第\s*(\d+)\s*(?:\/\s*\d+\s*)?页/.exec(text)?.[1]) || null;
  let size: number | null = null;
  for (const pattern of SIZE_PATTERNS) {
    const m = pattern.exec(text);
    if (m) {
      size = Number(m[1]);
      break;
    }
  }
  if (size === null) {
    // A plain <select> of sizes (每页 [10] 条): the chosen option, when the text around it says 每页 or 条/页.
    for (const select of region.querySelectorAll('select')) {
      const chosen = (select as HTMLSelectElement).selectedOptions[0]?.text ?? '';
      const around = visibleText(select.parentElement!);
      const n = /(\d+)/.exec(chosen);
      if (n && (/每页|条\s*\/\s*页|页显示/.test(around) || /条\s*\/\s*页/.test(chosen))) {
        size = Number(n[1]);
        break;
      }
    }
  }
  return { page: page && page > 0 ? page : null, size: size && size > 0 ? size : null };
}
