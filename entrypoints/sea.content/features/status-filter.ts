import { defineFeature } from '~/utils/page/feature';
import { createInjected } from '~/utils/page/inject';
import { afterRows, cellAt, columnOf, listContainer, listVersion, onListChange, recordRows } from '~/utils/page/lists';
import { isEmptyValue, ownText } from '~/utils/page/text';
import { normalizeStatus } from '~/utils/status-text';

/**
 * Seed item 33: 全部 / 保障中 / 待支付 … with counts above a policy list; a click shows one status only.
 * Rows are hidden by an attribute and the stylesheet, never removed, so the page's framework keeps every node.
 */
const FILTERED = 'data-seakit-filtered';
const ALL = '';

interface List {
  body: Element;
  root: Element;
  /** The status column's index. */
  column: number;
  /** Which list this is across re-renders (headers and heading), so a choice survives a new table element. */
  key: string;
  bar?: HTMLElement;
  /** Each record row's status as counted, and the counts, as of the list version below. */
  counted: Map<Element, string>;
  counts: Map<string, number>;
  version: number;
}

const lists = new Map<Element, List>();
/** Each handed-over row's status as of its last pass: a list pass counts without reading the page. */
let statuses = new WeakMap<Element, string>();
/** The status each list shows, by list key; kept while the list re-renders, pages or sorts. */
const chosen = new Map<string, string>();

function statusOf(row: Element, column: number): string {
  let status = statuses.get(row);
  if (status === undefined) {
    // A row the page core has not handed over yet (out of view): read its cell once.
    const cell = cellAt(row, column);
    status = cell ? normalizeStatus(ownText(cell)) : '';
    statuses.set(row, status);
  }
  return status;
}

function setFiltered(row: Element, hide: boolean): void {
  if (hide === row.hasAttribute(FILTERED)) return;
  if (hide) row.setAttribute(FILTERED, '');
  else row.removeAttribute(FILTERED);
}

function clear(list: List): void {
  list.bar?.remove();
  list.bar = undefined;
  for (const row of recordRows(list.body)) setFiltered(row, false);
}

function button(status: string, count: number, pressed: boolean): HTMLButtonElement {
  const el = document.createElement('button');
  el.type = 'button';
  el.dataset.status = status;
  el.setAttribute('aria-pressed', String(pressed));
  // "保障中 6": the count is part of the name, so an agent (and a screen reader) hears both.
  el.append(`${status || '全部'} `);
  const badge = document.createElement('span');
  badge.textContent = String(count);
  el.append(badge);
  return el;
}

function render(list: List, counts: Map<string, number>, total: number, current: string): void {
  const bar = (list.bar ??= createBar(list));
  const container = listContainer(list.root);
  if (bar.nextElementSibling !== container) container.parentElement?.insertBefore(bar, container);
  const entries: Array<[string, number]> = [[ALL, total], ...counts];
  if (current !== ALL && !counts.has(current)) entries.push([current, 0]);
  const signature = JSON.stringify([entries, current]);
  if (bar.dataset.signature === signature) return;
  bar.dataset.signature = signature;
  bar.replaceChildren(...entries.map(([status, count]) => button(status, count, status === current)));
}

function createBar(list: List): HTMLElement {
  const bar = createInjected('div', 'status-filter');
  bar.setAttribute('role', 'toolbar');
  bar.setAttribute('aria-label', '按保单状态筛选');
  bar.addEventListener('click', (event) => {
    const target = (event.target as Element).closest('button');
    if (!target || !bar.contains(target)) return;
    event.preventDefault();
    chosen.set(list.key, target.dataset.status ?? ALL);
    pass(list, true);
  });
  return bar;
}

/**
 * Counts every row's status and hides the rows of the other statuses: the whole list when its rows were
 * added, removed or moved, a status changed, or the agent chose another one; otherwise the last counts
 * stand (a scroll through 2,000 rows hands them over a few screens at a time: no walk for each).
 */
function pass(list: List, whole = false): void {
  if (!list.body.isConnected) {
    clear(list);
    lists.delete(list.body);
    return;
  }
  const current = chosen.get(list.key) ?? ALL;
  const version = listVersion(list.body);
  if (whole || version !== list.version) {
    list.version = version;
    list.counted.clear();
    list.counts.clear();
    for (const row of recordRows(list.body)) {
      const status = statusOf(row, list.column);
      list.counted.set(row, status);
      if (!isEmptyValue(status)) list.counts.set(status, (list.counts.get(status) ?? 0) + 1);
      setFiltered(row, current !== ALL && status !== current);
    }
  }
  if (list.counted.size < 2) return clear(list);
  render(list, list.counts, list.counted.size, current);
}

export default defineFeature({
  id: 'status-filter',
  title: '状态筛选',
  description: '保单列表上方按状态（保障中、待支付、已失效…）显示条数，点一下只看这一种。',
  order: 62,
  fields: ['policyStatus'],
  marks: [FILTERED],
  start({ signal }) {
    signal.addEventListener('abort', () => {
      lists.clear();
      chosen.clear();
      statuses = new WeakMap();
    });
  },
  apply(scope, { signal }) {
    if (scope.kind !== 'row' || !scope.table || !scope.fields.some((f) => f.kind === 'policyNo')) return;
    const status = scope.fields.find((f) => f.kind === 'policyStatus')!;
    const body = scope.el.parentElement!;
    let list = lists.get(body);
    if (!list || list.root !== scope.table.el) {
      const column = columnOf(status.valueEl.closest('td, th'));
      if (column < 0) return;
      list = {
        body, root: scope.table.el, column, key: `${scope.table.headers.join('|')}@${scope.table.context}`,
        counted: new Map(), counts: new Map(), version: -1,
      };
      lists.set(body, list);
    }
    // This row at once (no flash of a row the agent filtered out), the counts after the batch.
    const current = chosen.get(list.key) ?? ALL;
    const shown = normalizeStatus(status.value);
    statuses.set(scope.el, shown);
    // A status that changed under a counted row: count again (the buttons follow the rows' order).
    const was = list.counted.get(scope.el);
    if (was !== undefined && was !== shown) list.version = -1;
    setFiltered(scope.el, current !== ALL && shown !== current);
    const target = list;
    const countList = () => pass(target);
    onListChange(body, list, countList, signal);
    afterRows(list, countList);
  },
});
