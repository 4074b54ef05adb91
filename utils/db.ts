import Dexie, { type EntityTable } from 'dexie';
import { searchFieldsFor } from './snippets/search-fields';
import { starterSnippets } from './snippets/starter';

/** 保 (insurance) or 互助 (mutual aid): the two business lines, each with a shared and a personal shelf. */
export type BusinessLine = '保' | '互助';
export type ShelfOwner = '公用' | '个人';

export interface Snippet {
  id: string;
  line: BusinessLine;
  owner: ShelfOwner;
  /** Set for shared snippets: the pack they came from. Personal snippets have none. */
  packId?: string;
  title: string;
  text: string;
  shortcut?: string;
  tags: string[];
  createdAt: number;
  updatedAt: number;
  useCount: number;
  lastUsedAt?: number;
  /** Precomputed for search (utils/snippets/search-fields.ts), kept current by the hooks below. */
  pinyin?: string;
  initials?: string;
  textInitials?: string;
}

export interface InstalledPack {
  id: string;
  name: string;
  line: BusinessLine;
  version: number;
  author: string;
  updated: string;
  /** Where it came from: a subscribed URL or 'file'. */
  source: string;
  /** Public key (base64) that verified it, if signed. */
  signer?: string;
  phraseLists?: unknown;
  installedAt: number;
  /** SHA-256 (hex) of the pack's canonical bytes: an unchanged re-fetch is a no-op, an edit needs a new version. */
  contentHash?: string;
  /** Delivered by IT policy (a policy subscription) rather than added by the agent. */
  byPolicy?: boolean;
  /** Why the pack is switched off (trust changed): its snippets are out of the library until it passes again. */
  disabled?: string;
  /** The pack as installed (signature included), so it can be verified again when trust changes. */
  body?: unknown;
  /** Use counts of a disabled pack's snippets, given back when it is enabled again. */
  usage?: Record<string, Pick<Snippet, 'useCount' | 'lastUsedAt' | 'createdAt'>>;
}

/** Per pack id, kept after removal: who owns the id and the highest version seen (utils/packs/trust.ts). */
export interface PackLineageRow {
  id: string;
  highestVersion: number;
  highestHash: string;
  owner?: string;
  byPolicy: boolean;
}

export interface Subscription {
  url: string;
  etag?: string;
  lastCheck?: number;
  lastOk?: number;
  /** Chinese error from the last check, kept until a check succeeds. */
  error?: string;
  packId?: string;
  /** Added by IT policy (locked) or by the agent. */
  byPolicy: boolean;
}

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
