import type { FieldKind } from '../fields';
import type { Field, PageApi, Scope, SearchForm, TableInfo } from './feature';
import { readSearchForm } from './forms';
import type { PageScanner } from './scan';
import { queryOutsideLists, queryOutsideRecords } from './tables';

/** Fields in document order (rows are remembered in the order they were read, not shown). */
function inDocumentOrder(fields: Field[]): Field[] {
  return fields.sort((a, b) => (a.valueEl.compareDocumentPosition(b.valueEl) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
}

/**
 * What the page core's passes found: the scope of each row it read and the page's pairs of its last page
 * pass. Features ask it (PageApi) instead of scanning: a snippet insert asks find() five times, each a
 * walk over remembered fields, not over the document. A row not read yet (out of view) is read on demand.
 */
export class PageMemory implements PageApi {
  private rows = new Map<Element, Scope>();
  private page: Scope | null = null;
  /** outsideLists answers, valid until the next page pass. */
  private outside = new Map<string, Element[]>();

  constructor(private readonly scanner: PageScanner) {}

  /** The core hands over each scope it just read. */
  remember(scope: Scope): void {
    if (scope.kind === 'row') this.rows.set(scope.el, scope);
    else {
      this.page = scope;
      this.outside.clear();
    }
  }

  forget(): void {
    this.rows.clear();
    this.page = null;
    this.outside.clear();
  }

  private pageScope(): Scope {
    return (this.page ??= this.scanner.pageScope());
  }

  private liveRows(): Scope[] {
    const live: Scope[] = [];
    for (const [row, scope] of this.rows) {
      if (row.isConnected) live.push(scope);
      else this.rows.delete(row);
    }
    return live;
  }

  find(kind: FieldKind): Field[] {
    const fromRows = this.liveRows().flatMap((scope) => scope.fields.filter((f) => f.kind === kind));
    const fromPage = this.pageScope().fields.filter((f) => f.kind === kind && f.valueEl.isConnected);
    return [...fromPage, ...inDocumentOrder(fromRows)];
  }

  scopeOf(el: Element): Scope | undefined {
    const row = el.closest('tr');
    if (row) {
      const known = this.rows.get(row) ?? this.scanner.rowScope(row);
      if (known) return known;
    }
    return this.pageScope();
  }

  tables(): TableInfo[] {
    const byRoot = new Map<Element, TableInfo>();
    for (const scope of this.liveRows()) if (scope.table) byRoot.set(scope.table.el, scope.table);
    return [...byRoot.values()];
  }

  outsideLists(selector: string): Element[] {
    let found = this.outside.get(selector);
    if (!found) this.outside.set(selector, (found = queryOutsideLists(selector)));
    return found.filter((el) => el.isConnected);
  }

  outsideRecords(selector: string): Element[] {
    return queryOutsideRecords(selector); // one walk after the page settles (glossary): not worth keeping
  }

  inList(el: Element): boolean {
    return this.scanner.inList(el);
  }

  searchForm(): SearchForm {
    // Read at the time of asking: the agent types into it between passes.
    return readSearchForm((el) => this.inList(el));
  }
}
