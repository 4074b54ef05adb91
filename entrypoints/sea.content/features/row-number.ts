import { defineFeature } from '~/utils/page/feature';
import { createInjected } from '~/utils/page/inject';
import { afterRows, listVersion, onListChange, pagerOf, readPager, recordRows } from '~/utils/page/lists';

/**
 * Seed item 26: each row of a policy list shows its place in the whole result (page 2 at 10 a page starts
 * at 11), so an agent can say "the 13th policy" and find it again after paging or sorting.
 */
const STICKY = 'data-seakit-numbered';

/** Rows the page core has handed over, with their number element once made (the rest follow as they are read). */
let numbered = new WeakMap<Element, HTMLElement | null>();
const roots = new Set<Element>();

function numberSpan(row: Element): HTMLElement | null {
  const first = row.firstElementChild;
  if (!first) return null;
  // In the cell itself, not the element holding its text: that one may clip (page.css).
  const existing = first.firstElementChild;
  if (existing?.getAttribute('data-seakit') === 'row-number') return existing as HTMLElement;
  // One per row: a stray one elsewhere in the cell (the cell's content moved) goes.
  for (const stray of first.querySelectorAll('[data-seakit="row-number"]')) stray.remove();
  const span = createInjected('span', 'row-number');
  span.title = '在全部结果中的序号';
  first.insertBefore(span, first.firstChild);
  return span;
}

/** Each list body's record rows by position, as of its last whole walk (valid while its rows did not change). */
interface Numbering {
  version: number;
  offset: number;
  positions: Map<Element, number>;
}
let numberings = new WeakMap<Element, Numbering>();
/** Rows handed over since their body's last pass. */
const handed = new Map<Element, Element[]>();

function write(row: Element, position: number): void {
  let span = numbered.get(row);
  if (span === undefined) return;
  if (!span || !row.firstElementChild?.contains(span)) {
    span = numberSpan(row);
    numbered.set(row, span);
  }
  const text = String(position);
  if (span && span.textContent !== text) span.textContent = text;
}

/**
 * Numbers the rows handed over in displayed order, offset by the pages before this one. The whole list
 * is walked only when its rows were added, removed or moved, or the page changed; otherwise the new
 * rows' positions are known (a scroll through 2,000 rows hands them over a few screens at a time).
 */
function pass(body: Element, root: Element): void {
  const rows = handed.get(body) ?? [];
  handed.delete(body);
  if (!body.isConnected) return;
  const pager = pagerOf(root);
  const { page, size } = pager ? readPager(pager) : { page: null, size: null };
  const offset = page && size ? (page - 1) * size : 0;
  const version = listVersion(body);
  const known = numberings.get(body);
  if (known && known.version === version && known.offset === offset && rows.every((row) => known.positions.has(row))) {
    for (const row of rows) write(row, offset + known.positions.get(row)!);
    return;
  }
  const positions = new Map<Element, number>();
  let position = 0;
  for (const row of recordRows(body)) {
    positions.set(row, ++position);
    write(row, offset + position);
  }
  numberings.set(body, { version, offset, positions });
}

export default defineFeature({
  id: 'row-number',
  title: '结果序号',
  description: '保单列表每行前显示它在全部结果中的序号，翻页、排序后接着数，横向滚动时始终可见。',
  order: 64,
  fields: ['policyNo'],
  marks: [STICKY],
  start({ signal }) {
    signal.addEventListener('abort', () => {
      numbered = new WeakMap();
      numberings = new WeakMap();
      handed.clear();
      roots.clear();
    });
    // The first column stays in place only while a list is scrolled sideways: sticky cells on every row
    // cost the page a heavier layout and paint on each change, so they are set only when needed.
    document.addEventListener('scroll', (event) => {
      const scroller = event.target;
      if (!(scroller instanceof Element) || !roots.size) return;
      for (const root of roots) {
        if (!root.isConnected) {
          roots.delete(root);
          continue;
        }
        if (!root.contains(scroller) && !scroller.contains(root)) continue;
        const sideways = scroller.scrollLeft > 0;
        if (sideways !== root.hasAttribute(STICKY)) {
          if (sideways) root.setAttribute(STICKY, '');
          else root.removeAttribute(STICKY);
        }
      }
    }, { capture: true, passive: true, signal });
  },
  apply(scope, { signal }) {
    if (scope.kind !== 'row' || !scope.table) return;
    const body = scope.el.parentElement!;
    const root = scope.table.el;
    // The cell may have been re-rendered: look for the number again.
    numbered.set(scope.el, null);
    roots.add(root);
    const rows = handed.get(body);
    if (rows) rows.push(scope.el);
    else handed.set(body, [scope.el]);
    const numberList = () => pass(body, root);
    onListChange(body, body, numberList, signal);
    afterRows(body, numberList);
  },
});
