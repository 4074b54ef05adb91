import Dexie, { type EntityTable } from 'dexie';
import { searchFieldsFor } from './snippets/search-fields';
import { starterSnippets } from './snippets/starter';

export type { BusinessLine, InstalledPack, PackLineageRow, ShelfOwner, Snippet, Subscription } from './records';
import type { InstalledPack, PackLineageRow, Snippet, Subscription } from './records';

/** A write touching these (a put that drops the derived fields too) recomputes the search fields. */
const SEARCH_INPUTS = ['title', 'text', 'pinyin', 'initials', 'textInitials'];

/**
 * The extension's database (extension origin). Only for extension pages and the background: a content
 * script's IndexedDB is the SEA page's, so page code asks the background (utils/snippets/service.ts).
 */
export class SeaKitDb extends Dexie {
  snippets!: EntityTable<Snippet, 'id'>;
  packs!: EntityTable<InstalledPack, 'id'>;
  subscriptions!: EntityTable<Subscription, 'url'>;
  lineage!: EntityTable<PackLineageRow, 'id'>;

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
          Object.assign(s, searchFieldsFor(s));
        }),
      );
    // v3: only the indexes something queries (shelf, pack); the others slowed every write (a 20,000-snippet
    // import ~30 %, bench). Rows are untouched.
    this.version(3).stores({ snippets: 'id, [line+owner], packId' });
    // v4: pack lineage (signer binding, rollback memory) outlives the packs themselves.
    this.version(4).stores({ lineage: 'id' });
    // A fresh install gets the built-in starter shelf, so the picker is useful on day one.
    this.on('populate', (tx) => tx.table<Snippet>('snippets').bulkAdd(starterSnippets()));
    // Whoever writes a snippet (options page, side panel, pack installer), search stays right.
    this.snippets.hook('creating', (_key, snippet) => {
      Object.assign(snippet, searchFieldsFor(snippet));
    });
    this.snippets.hook('updating', (changes, _key, old) => {
      if (!SEARCH_INPUTS.some((k) => k in changes)) return undefined;
      return searchFieldsFor({ ...old, ...(changes as Partial<Snippet>) });
    });
  }
}

export const db = new SeaKitDb();
