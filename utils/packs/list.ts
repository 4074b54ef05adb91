/**
 * The 话术包 list from the database: installed packs and subscriptions, subscriptions first, then packs
 * from files. The options page reads it live; the background keeps the storage.local copy the page paints
 * first (utils/packs/list-cache.ts) current with it.
 */
import { liveQuery } from 'dexie';
import type { InstalledPack, SeaKitDb } from '../db';
import { countPackSnippets } from '../snippets/pack-rows';
import { cachePackList, packSummary, type PackListRow } from './list-cache';

export async function readPackList(database: SeaKitDb): Promise<PackListRow[]> {
  const [packs, subscriptions] = await Promise.all([database.packs.toArray(), database.subscriptions.toArray()]);
  const row = async (key: string, pack: InstalledPack | undefined, subscription?: PackListRow['subscription']): Promise<PackListRow> => ({
    key,
    ...(subscription ? { subscription } : {}),
    ...(pack ? { pack: packSummary(pack) } : {}),
    snippetCount: pack ? await countPackSnippets(database, pack) : 0,
  });
  const result: PackListRow[] = [];
  for (const sub of subscriptions) result.push(await row(sub.url, packs.find((p) => p.id === sub.packId), sub));
  for (const pack of packs) {
    if (!subscriptions.some((s) => s.packId === pack.id)) result.push(await row(`pack:${pack.id}`, pack));
  }
  return result;
}

/**
 * Background: rewrites the cached list whenever packs or subscriptions change, whoever changed them (a
 * subscription check here, an import in the options page). Settles once the first copy is written.
 */
export function keepPackListCached(database: SeaKitDb): Promise<void> {
  return new Promise((resolve) => {
    liveQuery(() => readPackList(database)).subscribe({
      next: (list) => void cachePackList(list).then(resolve),
      error: () => resolve(),
    });
  });
}
