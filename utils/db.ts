import Dexie, { type EntityTable } from 'dexie';

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
  /** Precomputed for search: full pinyin and initials of title (and shortcut). */
  pinyin?: string;
  initials?: string;
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

export class SeaKitDb extends Dexie {
  snippets!: EntityTable<Snippet, 'id'>;
  packs!: EntityTable<InstalledPack, 'id'>;
  subscriptions!: EntityTable<Subscription, 'url'>;

  constructor(name = 'seakit') {
    super(name);
    this.version(1).stores({
      snippets: 'id, [line+owner], packId, shortcut, useCount, updatedAt',
      packs: 'id',
      subscriptions: 'url',
    });
  }
}

export const db = new SeaKitDb();
