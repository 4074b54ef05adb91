/**
 * The 话术包 list as the options page shows it, kept in storage.local as well as derived from the database:
 * the page paints the list from this copy at once, without loading Dexie or opening the database (the
 * 话术包 view's first open: docs/performance.md), then re-renders from the database as soon as it answers.
 * The copy is rewritten from the database by the background whenever packs or subscriptions change
 * (utils/packs/list.ts `keepPackListCached`) and by the page after each answer it reads, so it is behind
 * the database for one read at most. No Dexie here: this module is in the page's first code.
 */
import { browser } from 'wxt/browser';
import type { InstalledPack, Subscription } from '../records';

const PACK_LIST_KEY = 'packList';

/** What a pack card shows of an installed pack (its body, products and glossary stay in the database). */
export interface PackSummary {
  id: string;
  name: string;
  line: InstalledPack['line'];
  version: number;
  author: string;
  updated: string;
  signer?: string;
  disabled?: string;
  phraseLists?: unknown;
  productCount: number;
  glossaryCount: number;
}

/** One card of the list: a subscription (with the pack it brought, if any) or a pack from a file. */
export interface PackListRow {
  key: string;
  subscription?: Subscription;
  pack?: PackSummary;
  snippetCount: number;
}

const count = (list: unknown) => (Array.isArray(list) ? list.length : 0);

export function packSummary(pack: InstalledPack): PackSummary {
  const { id, name, line, version, author, updated, signer, disabled, phraseLists } = pack;
  return { id, name, line, version, author, updated, signer, disabled, phraseLists, productCount: count(pack.products), glossaryCount: count(pack.glossary) };
}

/** The cached list, or undefined when there is none (or it cannot be read: the page then waits for the database). */
export async function readCachedPackList(): Promise<PackListRow[] | undefined> {
  try {
    const list = (await browser.storage.local.get(PACK_LIST_KEY))[PACK_LIST_KEY];
    return Array.isArray(list) ? (list as PackListRow[]) : undefined;
  } catch {
    return undefined;
  }
}

let written = '';

/** Stores the list the database gave (skipped when this context last wrote the same); a failure only costs the next first paint its shortcut. */
export async function cachePackList(list: PackListRow[]): Promise<void> {
  const text = JSON.stringify(list);
  if (text === written) return;
  written = text;
  // Plain JSON: storage.local keeps no undefined fields, and the page compares nothing else.
  await browser.storage.local.set({ [PACK_LIST_KEY]: JSON.parse(text) }).catch(() => (written = ''));
}
