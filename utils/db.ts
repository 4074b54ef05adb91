import Dexie, { type EntityTable } from 'dexie';
import type { SearchFields } from './snippets/search-fields';
import { starterSnippets } from './snippets/starter';
import { STARTER_PACK_ID } from './snippets/shelves';

import { toBlocks, useOf } from './snippets/pack-blocks';

export type { BusinessLine, InstalledPack, PackLineageRow, PackSnippetBlock, ShelfOwner, Snippet, SnippetUse, Subscription } from './records';
import type { InstalledPack, PackLineageRow, PackSnippetBlock, Snippet, SnippetUse, Subscription } from './records';

/** A write touching these (a put that drops the derived fields too) recomputes the search fields. */
const SEARCH_INPUTS = ['title', 'text', 'pinyin', 'initials', 'textInitials'];

type FieldsFor = (snippet: { title: string; text: string }) => SearchFields;
let fieldsFor: FieldsFor | undefined;

/**
 * The search fields need the pinyin dictionary (~280 kB), which a page that only reads (the packs list,
 * the library's first paint) should not load: utils/snippets/writes.ts hands the function over, and
 * every module that writes snippets imports it.
 */
export function provideSearchFields(compute: FieldsFor): void {
  fieldsFor = compute;
}

/**
 * Rows whose search fields the writer computed just before the write (a pack install, in one pass outside
 * the transaction): the creating hook leaves them as they are.
 */
const computedRows = new WeakSet<object>();

/** The rows with their search fields, marked so the write does not compute them again. */
export function withSearchFields<T extends { title: string; text: string }>(rows: T[]): Array<T & SearchFields> {
  return rows.map((row) => {
    const filled = Object.assign(row, searchFieldsFor(row));
    computedRows.add(filled);
    return filled;
  });
}

function searchFieldsFor(snippet: { title: string; text: string }): SearchFields {
  if (!fieldsFor) throw new Error('SEA Kit 内部错误：写入话术前未加载拼音搜索字段（utils/snippets/writes.ts）');
  return fieldsFor(snippet);
}

/**
 * Loads the dictionary and fills the rows written without it (the starter shelf of a fresh database). The
 * fields are computed before the write: the dictionary's first use (80-250 ms on a busy PC) happens
 * outside the transaction, which a page opening the database meanwhile would wait for.
 */
async function fillMissingSearchFields(db: SeaKitDb): Promise<void> {
  provideSearchFields((await import('./snippets/search-fields')).searchFieldsFor);
  const rows = await db.snippets.filter((s) => s.pinyin === undefined).toArray();
  if (!rows.length) return;
  const computed = new Map(rows.map((s) => [s.id, searchFieldsFor(s)]));
  await db.snippets
    .where('id')
    .anyOf([...computed.keys()])
    .filter((s) => s.pinyin === undefined)
    .modify((s) => void Object.assign(s, computed.get(s.id)));
}

/**
 * The extension's database (extension origin). Only for extension pages and the background: a content
 * script's IndexedDB is the SEA page's, so page code asks the background (utils/snippets/service.ts).
 */
export class SeaKitDb extends Dexie {
  snippets!: EntityTable<Snippet, 'id'>;
  packs!: EntityTable<InstalledPack, 'id'>;
  subscriptions!: EntityTable<Subscription, 'url'>;
  lineage!: EntityTable<PackLineageRow, 'id'>;
  /** Installed packs' snippets, BLOCK_SIZE per row; read and written through utils/snippets/pack-rows.ts. */
  packSnippets!: EntityTable<PackSnippetBlock, 'id'>;
  /** Use count, last use and pin of the pack snippets that have any. */
  snippetUse!: EntityTable<SnippetUse, 'id'>;
  /** Rows were created or upgraded here before the search fields were available. */
  private searchFieldsPending = false;

  constructor(name = 'seakit') {
    super(name);
    this.version(1).stores({
      snippets: 'id, [line+owner], packId, shortcut, useCount, updatedAt',
      packs: 'id',
      subscriptions: 'url',
    });
    // v2: tags become searchable by index, and rows written before search fields existed get them.
    this.version(2)
      .stores({ snippets: 'id, [line+owner], packId, shortcut, useCount, updatedAt, *tags' })
      .upgrade((tx) =>
        tx.table<Snippet>('snippets').toCollection().modify((s) => {
          if (!Array.isArray(s.tags)) s.tags = [];
          if (fieldsFor) Object.assign(s, fieldsFor(s));
          else this.searchFieldsPending = true;
        }),
      );
    // v3: only the indexes something queries (shelf, pack); the others slowed every write (a 20,000-snippet
    // import ~30 %, bench). Rows are untouched.
    this.version(3).stores({ snippets: 'id, [line+owner], packId' });
    // v4: pack lineage (signer binding, rollback memory) outlives the packs themselves.
    this.version(4).stores({ lineage: 'id' });
    // v5: installed packs' snippets move into blocks (a 20,000-snippet import wrote 20,000 rows: 3.7 s),
    // their use counts and pins into snippetUse. Personal snippets and the starter shelf stay.
    this.version(5)
      .stores({ packSnippets: 'id, packId', snippetUse: 'id, packId' })
      .upgrade(async (tx) => {
        const snippets = tx.table<Snippet, string>('snippets');
        // Only rows named as install.ts names them (`packId:snippetId`): readers find a pack snippet by its id's prefix.
        const rows = await snippets.filter((s) => !!s.packId && s.packId !== STARTER_PACK_ID && s.id.startsWith(`${s.packId}:`)).toArray();
        const byPack = new Map<string, Snippet[]>();
        const uses: SnippetUse[] = [];
        for (const row of rows) {
          const use = useOf(row);
          if (use) uses.push(use);
          const { lastUsedAt: _l, pinnedAt: _p, ...stored } = row;
          const packRows = byPack.get(row.packId!) ?? [];
          byPack.set(row.packId!, packRows);
          packRows.push({ ...stored, useCount: 0 });
        }
        await tx.table('packSnippets').bulkAdd([...byPack].flatMap(([packId, packRows]) => toBlocks(packId, packRows)));
        await tx.table('snippetUse').bulkAdd(uses);
        await snippets.bulkDelete(rows.map((r) => r.id));
        await tx.table<InstalledPack, string>('packs').toCollection().modify((pack) => {
          pack.snippetCount = byPack.get(pack.id)?.length ?? 0;
        });
      });
    // A fresh install gets the built-in starter shelf, so the picker is useful on day one.
    // Usually the background creates the database (it has the dictionary); a page that gets there first
    // writes the shelf without search fields and fills them in just after the open.
    this.on('populate', (tx) => {
      if (!fieldsFor) this.searchFieldsPending = true;
      return tx.table<Snippet>('snippets').bulkAdd(starterSnippets());
    });
    this.on('ready', () => {
      if (!this.searchFieldsPending) return;
      this.searchFieldsPending = false;
      // After the open, not inside it: the page's first read does not wait for the dictionary, and in a
      // page not before it has painted (idle), where loading the dictionary would delay the first render.
      const fill = () => void fillMissingSearchFields(this).catch(() => undefined);
      if (typeof requestIdleCallback === 'function') requestIdleCallback(fill, { timeout: 2000 });
      else setTimeout(fill);
    });
    // Whoever writes a snippet (options page, side panel, pack installer), search stays right.
    this.snippets.hook('creating', (_key, snippet) => {
      if (computedRows.has(snippet)) return;
      if (fieldsFor || !this.searchFieldsPending) Object.assign(snippet, searchFieldsFor(snippet));
    });
    this.snippets.hook('updating', (changes, _key, old) => {
      if (!SEARCH_INPUTS.some((k) => k in changes)) return undefined;
      return searchFieldsFor({ ...old, ...(changes as Partial<Snippet>) });
    });
  }

  /** The tables holding the library's snippets (utils/snippets/pack-rows.ts): what a transaction on snippets takes. */
  get snippetTables() {
    return [this.snippets, this.packSnippets, this.snippetUse];
  }

  /**
   * Background, once it has opened the database: the starter shelf a page created without search fields
   * (populate, above) gets them now if that page closed before filling them. A few indexed reads when
   * there is nothing to do.
   */
  async fillSearchFieldsLeftByPages(): Promise<void> {
    const missing = await this.snippets.where('packId').equals(STARTER_PACK_ID).filter((s) => s.pinyin === undefined).count();
    if (missing) await fillMissingSearchFields(this);
  }
}

export const db = new SeaKitDb();
