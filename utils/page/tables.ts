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
  context?: string;
}

const cache = new WeakMap<Element, TableMap | number>();
/** Bumped once per observer batch: "not a data table" is only trusted within the batch that found it. */
let generation = 0;
export function nextGeneration(): void {
  generation++;
}

function cellsOf(row: Element): Element[] {
  return [...row.children].filter((c) => c.tagName === 'TD' || c.tagName === 'TH');
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
/** The first row an agent sees (Ant Design puts a hidden measure row first). */
function firstVisibleRow(table: Element): Element | null {
  return table.querySelector(':scope > tbody > tr:not([aria-hidden="true"]), :scope > tr:not([aria-hidden="true"])');
}

function ownHeaderRow(table: Element): Element | null {
  const thead = table.querySelector(':scope > thead');
  if (thead?.lastElementChild && thead.lastElementChild.tagName === 'TR') return thead.lastElementChild;
  const first = firstVisibleRow(table);
  if (first) {
    const cells = cellsOf(first);
    if (cells.length >= 2 && cells.every((c) => c.tagName === 'TH')) return first;
  }
  return null;
}

/**
 * Frameworks (Element Plus, Ant Design with a fixed header) draw the header and the body as separate
 * tables: look for the nearest header-only table before this one within a few ancestors.
 */
function separateHeaderRow(table: Element): { row: Element; root: Element } | null {
  let ancestor = table.parentElement;
  for (let depth = 0; ancestor && depth < 7; depth++, ancestor = ancestor.parentElement) {
    const tables = ancestor.querySelectorAll('table');
    let found: Element | null = null;
    for (const candidate of tables) {
      if (candidate === table) break;
      if (candidate.contains(table) || table.contains(candidate)) continue;
      const row = ownHeaderRow(candidate);
      if (row && !candidate.querySelector(':scope > tbody > tr > td')) found = row;
    }
    if (found) return { row: found, root: ancestor };
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
  if (typeof cached === 'object' && cached.headerRow.isConnected && cached.signature === cached.headerRow.textContent) {
    return cached;
  }
  const map = buildMap(table, labelIndex);
  cache.set(table, map ?? generation);
  return map;
}

/** A body row of a data table (not its header row, not a one-cell expand row). */
export function dataRowInfo(row: Element, labelIndex: Map<string, FieldKind>): { map: TableMap; cells: Element[] } | null {
  const table = row.parentElement?.tagName === 'TABLE' ? row.parentElement : row.parentElement?.parentElement;
  if (!table || table.tagName !== 'TABLE') return null;
  const map = tableMapOf(table, labelIndex);
  if (!map || map.headerRow === row || row.parentElement?.tagName === 'THEAD') return null;
  // Ant Design's hidden measure row keeps column widths; it is not a record. Nor is a table the agent is typing.
  if (row.getAttribute('aria-hidden') === 'true' || (row as HTMLElement).isContentEditable) return null;
  const cells = cellsOf(row);
  if (cells.length < 2) return null;
  return { map, cells };
}

export { cellsOf, columnIndex };
