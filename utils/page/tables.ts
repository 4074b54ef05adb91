import { normalizeLabel, type FieldKind } from './labels';
import { ownText } from './text';

/** A data table: header texts and which column holds which field kind. */
export interface TableMap {
  /** The element grouping header and body (the table, or the framework's wrapper of both tables). */
  root: Element;
  headerRow: Element;
  headerCells: Element[];
  headers: string[];
  columns: Map<number, FieldKind>;
  signature: string;
  /** The batch (generation) in which the signature was last checked: once per batch is enough. */
  checked?: number;
  context?: string;
}

const cache = new WeakMap<Element, TableMap | number>();
/** What the agent types in: a rich-text reply box. */
export const EDITABLE = '[contenteditable]:not([contenteditable="false"])';
/** Bumped once per observer batch: "not a data table" is only trusted within the batch that found it. */
let generation = 0;
export function nextGeneration(): void {
  generation++;
}

function cellsOf(row: Element): Element[] {
  const cells: Element[] = [];
  for (let c = row.firstElementChild; c; c = c.nextElementSibling) if (c.tagName === 'TD' || c.tagName === 'TH') cells.push(c);
  return cells;
}

/** Column index of each cell, counting colspans. */
function columnIndex(row: Element, cell: Element): number {
  let index = 0;
  for (const c of cellsOf(row)) {
    if (c === cell) return index;
    index += (c as HTMLTableCellElement).colSpan || 1;
  }
  return -1;
}

/** The header row of a table that draws its own header: the last thead row, or a first row of only th. */
/*
 * These look at a table's own children, never with querySelector: a selector such as
 * ':scope > thead' walks the whole table when it has none, 60,000 nodes on a 2,000-row list.
 */

function childTagged(el: Element, tag: string): Element | null {
  for (let c = el.firstElementChild; c; c = c.nextElementSibling) if (c.tagName === tag) return c;
  return null;
}

const isShownRow = (el: Element) => el.tagName === 'TR' && el.getAttribute('aria-hidden') !== 'true';

/** The first row an agent sees (Ant Design puts a hidden measure row first). */
function firstVisibleRow(table: Element): Element | null {
  for (let c = table.firstElementChild; c; c = c.nextElementSibling) {
    if (isShownRow(c)) return c;
    if (c.tagName !== 'TBODY') continue;
    for (let row = c.firstElementChild; row; row = row.nextElementSibling) if (isShownRow(row)) return row;
  }
  return null;
}

/** A table holding only a header: no body row has a td. */
function hasBodyCells(table: Element): boolean {
  for (let body = table.firstElementChild; body; body = body.nextElementSibling) {
    if (body.tagName !== 'TBODY') continue;
    for (let row = body.firstElementChild; row; row = row.nextElementSibling) if (row.tagName === 'TR' && childTagged(row, 'TD')) return true;
  }
  return false;
}

const BOLD = new Set(['B', 'STRONG']);

/**
 * A cell that reads as a column header in a classic table with no <thead>: a th, or a td holding only
 * bold text (<td><b>保单号码</b></td>). Never a label of a pair: those end in ':' or '：'.
 */
function isHeaderCell(cell: Element): boolean {
  const text = cell.textContent?.trim() ?? '';
  if (!text || text.length > 24 || /[:：]$/.test(text)) return false;
  if (cell.tagName === 'TH') return true;
  let inner: Element | null = cell;
  while (inner && inner.childElementCount === 1 && !BOLD.has(inner.tagName)) inner = inner.firstElementChild;
  return !!inner && BOLD.has(inner.tagName) && inner.textContent!.trim() === text;
}

function ownHeaderRow(table: Element): Element | null {
  const thead = childTagged(table, 'THEAD');
  if (thead?.lastElementChild && thead.lastElementChild.tagName === 'TR') return thead.lastElementChild;
  const first = firstVisibleRow(table);
  if (first) {
    const cells = cellsOf(first);
    if (cells.length >= 2 && cells.every((c) => c.tagName === 'TH')) return first;
    // Classic markup: a first row of bold cells over rows of plain values.
    if (cells.length >= 2 && first.nextElementSibling && cells.every(isHeaderCell)) return first;
  }
  return null;
}

/**
 * Frameworks (Element Plus, Ant Design with a fixed header) draw the header and the body as separate
 * tables: look for the nearest header-only table before this one within a few ancestors (in what
 * comes before it only: earlier siblings of it and of its ancestors, nearest first).
 */
function separateHeaderRow(table: Element): { row: Element; root: Element } | null {
  let from: Element = table;
  for (let depth = 0; from.parentElement && depth < 7; depth++, from = from.parentElement) {
    for (let sibling = from.previousElementSibling; sibling; sibling = sibling.previousElementSibling) {
      // Nearest first: later tables in document order, and a table after the tables inside it.
      const candidates: Element[] = [...sibling.getElementsByTagName('table')].reverse();
      if (sibling.tagName === 'TABLE') candidates.push(sibling);
      for (const candidate of candidates) {
        const row = ownHeaderRow(candidate);
        if (row && !hasBodyCells(candidate)) return { row, root: from.parentElement };
      }
    }
  }
  return null;
}

/**
 * The header cell over each column, as the agent reads it: with grouped headers (投保人信息 over 姓名 and
 * 证件号, others spanning both rows) that is the lowest cell covering the column.
 */
function headerColumns(headerRow: Element): Element[] {
  const section = headerRow.parentElement;
  const rows = section?.tagName === 'THEAD' ? [...section.children].filter((r) => r.tagName === 'TR') : [headerRow];
  const grid: Element[][] = rows.map(() => []);
  rows.forEach((row, r) => {
    let column = 0;
    for (const cell of cellsOf(row)) {
      while (grid[r][column]) column++;
      const { colSpan = 1, rowSpan = 1 } = cell as HTMLTableCellElement;
      for (let dr = 0; dr < Math.max(rowSpan, 1) && r + dr < rows.length; dr++) {
        for (let dc = 0; dc < Math.max(colSpan, 1); dc++) grid[r + dr][column + dc] = cell;
      }
      column += Math.max(colSpan, 1);
    }
  });
  return grid[rows.length - 1];
}

function buildMap(table: Element, labelIndex: Map<string, FieldKind>): TableMap | null {
  // A table the agent is typing (in a rich-text reply box) is not SEA's data. The attribute, not
  // isContentEditable: that forces a style recalc.
  if (table.closest(EDITABLE)) return null;
  let headerRow = ownHeaderRow(table);
  let root: Element = table;
  if (!headerRow) {
    // A table whose first cells are labels is a label/value table, not a headerless body.
    const first = firstVisibleRow(table);
    if (!first || cellsOf(first).some((c) => labelIndex.has(normalizeLabel(ownText(c))))) return null;
    const separate = separateHeaderRow(table);
    if (!separate) return null;
    headerRow = separate.row;
    root = separate.root;
  }
  const headerCells = headerColumns(headerRow);
  const headers = headerCells.map((cell) => normalizeLabel(ownText(cell)));
  const columns = new Map<number, FieldKind>();
  headers.forEach((text, index) => {
    const kind = labelIndex.get(text);
    if (kind) columns.set(index, kind);
  });
  return { root, headerRow, headerCells, headers, columns, signature: headerRow.textContent ?? '' };
}

/** The map of the data table a body row belongs to, cached per table until its header text changes. */
export function tableMapOf(table: Element, labelIndex: Map<string, FieldKind>): TableMap | null {
  const cached = cache.get(table);
  if (cached === generation) return null;
  if (typeof cached === 'object') {
    if (cached.checked === generation) return cached;
    if (cached.headerRow.isConnected && cached.signature === cached.headerRow.textContent) {
      cached.checked = generation;
      return cached;
    }
  }
  const map = buildMap(table, labelIndex);
  cache.set(table, map ?? generation);
  return map;
}

export interface RowInfo {
  map: TableMap;
  cells: Element[];
}

/** At least two cells: a one-cell row is an expand row (holding pairs), not a record. */
function hasTwoCells(row: Element): boolean {
  let count = 0;
  for (let c = row.firstElementChild; c; c = c.nextElementSibling) if ((c.tagName === 'TD' || c.tagName === 'TH') && ++count === 2) return true;
  return false;
}

/** A record row of the data table `map` belongs to: not its header row, not a one-cell expand row. */
export function isRecordRow(row: Element, map: TableMap): boolean {
  // Ant Design's hidden measure row keeps column widths; it is not a record.
  return row.tagName === 'TR' && map.headerRow !== row && row.getAttribute('aria-hidden') !== 'true' && hasTwoCells(row);
}

/** The map of the data table this is a body row of. */
function dataTableOf(row: Element, labelIndex: Map<string, FieldKind>): TableMap | null {
  const parent = row.parentElement;
  const table = parent?.tagName === 'TABLE' ? parent : parent?.parentElement;
  if (!table || table.tagName !== 'TABLE' || parent!.tagName === 'THEAD') return null;
  const map = tableMapOf(table, labelIndex);
  return map && isRecordRow(row, map) ? map : null;
}

/** For a tbody of a data table: the table's map (its rows then sort cheaply with isRecordRow). */
export function bodyTableMap(body: Element, labelIndex: Map<string, FieldKind>): TableMap | null {
  const table = body.parentElement;
  return body.tagName === 'TBODY' && table?.tagName === 'TABLE' ? tableMapOf(table, labelIndex) : null;
}

/** The header row of a data table that draws it inside its body (no <thead>): never a label/value row. */
export function isBodyHeaderRow(row: Element, labelIndex: Map<string, FieldKind>): boolean {
  const parent = row.parentElement;
  const table = parent?.tagName === 'TABLE' ? parent : parent?.parentElement;
  if (!table || table.tagName !== 'TABLE' || parent!.tagName === 'THEAD') return false;
  return tableMapOf(table, labelIndex)?.headerRow === row;
}

/** Whether this is a body row of a data table; cheaper than dataRowInfo (no cell list). */
export function isDataRow(row: Element, labelIndex: Map<string, FieldKind>): boolean {
  return dataTableOf(row, labelIndex) !== null;
}

/** A body row of a data table (not its header row, not a one-cell expand row), with its cells. */
export function dataRowInfo(row: Element, labelIndex: Map<string, FieldKind>): RowInfo | null {
  const map = dataTableOf(row, labelIndex);
  return map && { map, cells: cellsOf(row) };
}

/**
 * Elements matching `selector`, in document order, outside the bodies of data tables the page core
 * has mapped: headings, tabs and breadcrumbs are never a list's records. On a 2,000-row list this is
 * ~20 times cheaper than document.querySelectorAll, which walks every cell.
 */
export function queryOutsideLists(selector: string, root: Element = document.body): Element[] {
  const found: Element[] = [];
  const visit = (parent: Element) => {
    for (let el = parent.firstElementChild; el; el = el.nextElementSibling) {
      if (el.tagName === 'TBODY' && typeof cache.get(el.parentElement!) === 'object') continue;
      if (el.matches(selector)) found.push(el);
      if (el.firstElementChild) visit(el);
    }
  };
  visit(root);
  return found;
}

export { cellsOf, columnIndex };
