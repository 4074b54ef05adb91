/** What the extension's database keeps (utils/db.ts), as plain types: code that only reads shapes imports these, not the database. */

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
  /** When the agent pinned it (置顶): pinned snippets lead the picker and the library's list. */
  pinnedAt?: number;
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
  /** The pack's products and glossary terms (format.ts PackProduct, GlossaryTerm); absent on packs installed before they existed. */
  products?: unknown;
  glossary?: unknown;
  installedAt: number;
  /**
   * When this pack id was first installed here (kept across versions): of two packs naming the same product,
   * the one installed first wins (utils/products.ts). Absent on older rows: installedAt stands in.
   */
  firstInstalledAt?: number;
  /** SHA-256 (hex) of the pack's canonical bytes: an unchanged re-fetch is a no-op, an edit needs a new version. */
  contentHash?: string;
  /** Delivered by IT policy (a policy subscription) rather than added by the agent. */
  byPolicy?: boolean;
  /** Why the pack is switched off (trust changed): its snippets are out of the library until it passes again. */
  disabled?: string;
  /** The pack as installed (signature included), so it can be verified again when trust changes. */
  body?: unknown;
  /** How many snippets the installed version has (the pack list shows it without reading them). Absent on rows before v5. */
  snippetCount?: number;
  /** Use counts of a disabled pack's snippets, given back when it is enabled again. */
  usage?: Record<string, Pick<Snippet, 'useCount' | 'lastUsedAt' | 'createdAt' | 'pinnedAt'>>;
}

/**
 * A block of an installed pack's snippets, as stored: a few hundred snippets per row, because IndexedDB
 * spends a fixed cost per row (20,000 one-snippet rows took 3.7 s to write; docs/performance.md).
 * What changes per snippet (use count, last use, pin) is in SnippetUse, so a block is only written by an install.
 */
export interface PackSnippetBlock {
  /** `${packId}#${n}` */
  id: string;
  packId: string;
  /**
   * The block's snippets as JSON text: one string for IndexedDB to store, not 500 objects to clone
   * (20,000 snippets as objects: ~0.4 s of the write, as text: bench in docs/performance.md).
   */
  json: string;
}

/** A pack snippet's use count, last use and pin, kept by row id (utils/snippets/pack-rows.ts). */
export interface SnippetUse {
  id: string;
  packId: string;
  useCount: number;
  lastUsedAt?: number;
  pinnedAt?: number;
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
