/**
 * Where the library's snippets are stored (utils/db.ts): personal snippets and the starter shelf one row
 * each in `snippets`; installed packs' snippets in blocks (`packSnippets`, BLOCK_SIZE per row), their use
 * counts, last uses and pins in `snippetUse`, one row per snippet that has any. A 20,000-snippet import
 * writes 40 blocks instead of 20,000 rows (IndexedDB's cost is per row: docs/performance.md).
 * Every reader goes through these functions, which hand back whole Snippet objects as before.
 */
import Dexie from 'dexie';
import type { InstalledPack, PackSnippetBlock, SeaKitDb, Snippet, SnippetUse } from '../db';
import { blockSnippets, packIdOfRow, toBlocks, useOf } from './pack-blocks';

export { packIdOfRow, useOf } from './pack-blocks';

/** A block's snippet with its use (in place: the objects were just parsed). */
function withUse(snippet: Snippet, use: SnippetUse | undefined): Snippet {
  if (!use) return snippet;
  snippet.useCount = use.useCount;
  if (use.lastUsedAt !== undefined) snippet.lastUsedAt = use.lastUsedAt;
  if (use.pinnedAt !== undefined) snippet.pinnedAt = use.pinnedAt;
  return snippet;
}

function expand(blocks: PackSnippetBlock[], uses: SnippetUse[]): Snippet[] {
  const byId = new Map(uses.map((u) => [u.id, u]));
  const rows: Snippet[] = [];
  for (const block of blocks) for (const s of blockSnippets(block)) rows.push(withUse(s, byId.get(s.id)));
  return rows;
}

/** Every snippet in the library (personal, starter shelf, installed packs), read in one transaction. */
export function readAllSnippets(database: SeaKitDb): Promise<Snippet[]> {
  return database.transaction('r', database.snippetTables, async () => {
    const [own, blocks, uses] = await Promise.all([database.snippets.toArray(), database.packSnippets.toArray(), database.snippetUse.toArray()]);
    return own.concat(expand(blocks, uses));
  });
}

/** One installed pack's snippets (none while it is switched off). */
export function readPackSnippets(database: SeaKitDb, packId: string): Promise<Snippet[]> {
  return database.transaction('r', database.snippetTables, async () => {
    const [blocks, uses] = await Promise.all([
      database.packSnippets.where('packId').equals(packId).toArray(),
      database.snippetUse.where('packId').equals(packId).toArray(),
    ]);
    return expand(blocks.sort((a, b) => blockNumber(a) - blockNumber(b)), uses);
  });
}

const blockNumber = (block: PackSnippetBlock) => Number(block.id.slice(block.id.lastIndexOf('#') + 1));

/** How many snippets a pack puts in the library: the count kept at install, without reading the snippets. */
export async function countPackSnippets(database: SeaKitDb, pack: InstalledPack): Promise<number> {
  if (pack.disabled) return 0;
  return pack.snippetCount ?? (await readPackSnippets(database, pack.id)).length;
}

/** One snippet by row id, wherever it is stored. */
export function readSnippet(database: SeaKitDb, id: string): Promise<Snippet | undefined> {
  return database.transaction('r', database.snippetTables, async () => {
    const own = await database.snippets.get(id);
    if (own) return own;
    const packId = packIdOfRow(id);
    if (!packId) return undefined;
    for (const block of await database.packSnippets.where('packId').equals(packId).toArray()) {
      const found = blockSnippets(block).find((s) => s.id === id);
      if (found) return withUse(found, await database.snippetUse.get(id));
    }
    return undefined;
  });
}

/** Replaces a pack's blocks with these rows (their use goes to snippetUse separately). Inside the caller's transaction. */
export async function writePackSnippets(database: SeaKitDb, packId: string, rows: Snippet[]): Promise<void> {
  // One id, one snippet: a row of the snippets table already named like this pack's (a personal snippet
  // restored from a backup, the starter shelf) stops the install as a key collision would.
  const taken = await database.snippets.where('id').startsWith(`${packId}:`).primaryKeys();
  if (taken.length) {
    const ids = new Set(rows.map((r) => r.id));
    const clash = taken.find((id) => ids.has(id));
    if (clash) throw new Dexie.ConstraintError(`话术编号「${clash}」已被另一条话术使用`);
  }
  await database.packSnippets.where('packId').equals(packId).delete();
  await database.packSnippets.bulkAdd(toBlocks(packId, rows));
}

/** Takes a pack's snippets out of the library; `keepUse` keeps their counts and pins (a pack switched off, to come back). */
export async function removePackSnippets(database: SeaKitDb, packId: string, keepUse = false): Promise<void> {
  await database.packSnippets.where('packId').equals(packId).delete();
  if (!keepUse) await database.snippetUse.where('packId').equals(packId).delete();
}

type UseChange = Partial<Pick<Snippet, 'useCount' | 'lastUsedAt' | 'pinnedAt'>>;

/**
 * Changes a snippet's use count, last use or pin (undefined clears it), wherever it is stored.
 * False when there is no such snippet.
 */
export function changeUse(database: SeaKitDb, id: string, change: (current: Snippet) => UseChange): Promise<boolean> {
  return database.transaction('rw', database.snippetTables, async () => {
    const own = await database.snippets.get(id);
    if (own) {
      await database.snippets.update(id, change(own));
      return true;
    }
    const current = await readSnippet(database, id);
    if (!current) return false;
    const use = useOf({ ...current, ...change(current) });
    if (use) await database.snippetUse.put(use);
    else await database.snippetUse.delete(id);
    return true;
  });
}
