import { buildLabelIndex, fieldKindNames, type FieldKind, type LabelOverrides } from './labels';
import type { Field, PageApi, Scope, TableInfo } from './feature';
import { scanPairs } from './pairs';
import { dataRowInfo, type TableMap } from './tables';
import { ownText, textHolder } from './text';

const contextCache = new WeakMap<Element, string>();
const HEADING = 'h1, h2, h3, h4, h5, h6, legend, caption, [role="heading"], [class*="title"], [class*="header"]';

/** Text of the headings before a table (card titles, section headers), nearest first; cached per table. */
function tableContext(root: Element): string {
  const cached = contextCache.get(root);
  if (cached !== undefined) return cached;
  const texts: string[] = [];
  let ancestor = root.parentElement;
  for (let depth = 0; ancestor && depth < 6 && texts.join('').length < 200; depth++, ancestor = ancestor.parentElement) {
    for (const heading of ancestor.querySelectorAll(HEADING)) {
      if (root.contains(heading) || heading.contains(root)) continue;
      if (heading.compareDocumentPosition(root) & Node.DOCUMENT_POSITION_FOLLOWING) {
        const text = ownText(heading).trim();
        if (text && text.length < 60) texts.push(text);
      }
    }
  }
  const caption = root.querySelector('caption');
  if (caption) texts.unshift(ownText(caption));
  const context = texts.join(' ');
  contextCache.set(root, context);
  return context;
}

/** Reads SEA-like pages: fields by visible label, in table rows and in label/value pairs. */
export class PageScanner implements PageApi {
  readonly index: Map<string, FieldKind>;

  constructor(
    labels: LabelOverrides = {},
    private readonly selectors: Partial<Record<FieldKind, string>> = {},
  ) {
    this.index = buildLabelIndex(labels);
  }

  /** The fields of one data-table row, or null when the row is not part of a data table. */
  rowScope(row: Element): Scope | null {
    const info = dataRowInfo(row, this.index);
    if (!info) return null;
    const { map, cells } = info;
    const fields: Field[] = [];
    let column = 0;
    for (const cell of cells) {
      const kind = map.columns.get(column);
      if (kind) {
        const valueEl = textHolder(cell);
        fields.push({ kind, label: map.headers[column], labelEl: map.headerCells[column] ?? null, valueEl, value: ownText(valueEl).trim() });
      }
      column += (cell as HTMLTableCellElement).colSpan || 1;
    }
    return { kind: 'row', el: row, table: this.tableInfo(map), fields };
  }

  tableInfo(map: TableMap): TableInfo {
    return { el: map.root, headers: map.headers, context: (map.context ??= tableContext(map.root)) };
  }

  /** Label/value pairs of the whole page (outside data-table rows), plus site selector overrides. */
  pageScope(): Scope {
    const fields = scanPairs(document.body, this.index);
    for (const [kind, selector] of Object.entries(this.selectors) as Array<[FieldKind, string]>) {
      let matched: NodeListOf<Element>;
      try {
        matched = document.querySelectorAll(selector);
      } catch {
        continue; // A broken override selector must not stop the page.
      }
      for (const el of matched) {
        if (fields.some((f) => f.valueEl === el)) continue;
        const valueEl = textHolder(el);
        fields.push({ kind, label: fieldKindNames[kind], labelEl: null, valueEl, value: ownText(valueEl).trim() });
      }
    }
    return { kind: 'page', el: document.body, fields };
  }

  /** Every data-table row of the document (or under a root). */
  rows(root: ParentNode = document): Element[] {
    return [...root.querySelectorAll('tr')].filter((row) => dataRowInfo(row, this.index));
  }

  find(kind: FieldKind): Field[] {
    const fromRows = this.rows().flatMap((row) => this.rowScope(row)?.fields ?? []);
    return [...this.pageScope().fields, ...fromRows].filter((f) => f.kind === kind);
  }

  scopeOf(el: Element): Scope | undefined {
    const row = el.closest('tr');
    return (row && this.rowScope(row)) || this.pageScope();
  }
}
