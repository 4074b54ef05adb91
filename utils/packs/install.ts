/**
 * Installs a checked pack into the snippet library: whole or not at all, in one Dexie transaction.
 * Search fields (pinyin, initials) are filled by the db's snippet hooks (utils/db.ts, utils/snippets/search-fields.ts).
 */
import { db as defaultDb, type InstalledPack, type SeaKitDb, type Snippet } from '../db';
import { canonicalPackBytes } from './canonical';
import { PackError, type Pack } from './format';

/**
 * Row id of a pack snippet: pack snippet ids are only unique inside their pack, and personal snippets
 * share the table, so the pack id is the namespace.
 */
export function packSnippetRowId(packId: string, snippetId: string): string {
  return `${packId}:${snippetId}`;
}

/** SHA-256 of the canonical bytes: tells an unchanged re-fetch (fine) from an edit without a version bump. */
export async function packContentHash(pack: Pack): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', canonicalPackBytes(pack)));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

export interface InstallResult {
  /** false when the same version with the same content was already installed. */
  changed: boolean;
  pack: InstalledPack;
}

/**
 * Replaces the pack's snippets with the new version's, keeping each snippet's use count by id.
 * Refuses an older version, and the same version with different content (a lead forgot to bump it).
 */
export async function installPack(pack: Pack, options: { source: string; signer?: string; db?: SeaKitDb }): Promise<InstallResult> {
  const database = options.db ?? defaultDb;
  const now = Date.now();
  const contentHash = await packContentHash(pack);
  return database.transaction('rw', database.snippets, database.packs, async () => {
    const installed = await database.packs.get(pack.id);
    if (installed) {
      if (pack.version === installed.version && installed.contentHash === contentHash) return { changed: false, pack: installed };
      if (pack.version <= installed.version) {
        throw new PackError([{ path: '/version', message: pack.version === installed.version
          ? `版本 ${pack.version} 已安装但内容不同：组长修改后需要提高版本号`
          : `版本 ${pack.version} 比已安装的版本 ${installed.version} 旧，保留已安装版本` }]);
      }
    }
    const previous = await database.snippets.where('packId').equals(pack.id).toArray();
    const usage = new Map(previous.map((s) => [s.id, s]));
    const rows: Snippet[] = pack.snippets.map((s) => {
      const id = packSnippetRowId(pack.id, s.id);
      const before = usage.get(id);
      return {
        id,
        line: pack.line,
        owner: '公用',
        packId: pack.id,
        title: s.title,
        text: s.text,
        shortcut: s.shortcut,
        tags: s.tags ?? [],
        createdAt: before?.createdAt ?? now,
        updatedAt: now,
        useCount: before?.useCount ?? 0,
        lastUsedAt: before?.lastUsedAt,
      };
    });
    const record: InstalledPack = {
      id: pack.id,
      name: pack.name,
      line: pack.line,
      version: pack.version,
      author: pack.author,
      updated: pack.updated,
      source: options.source,
      signer: options.signer,
      phraseLists: pack.phraseLists ?? [],
      installedAt: now,
      contentHash,
    };
    await database.snippets.where('packId').equals(pack.id).delete();
    await database.snippets.bulkAdd(rows);
    await database.packs.put(record);
    return { changed: true, pack: record };
  });
}

/** Removes a pack and its snippets together. */
export async function removePack(packId: string, database: SeaKitDb = defaultDb): Promise<void> {
  await database.transaction('rw', database.snippets, database.packs, async () => {
    await database.snippets.where('packId').equals(packId).delete();
    await database.packs.delete(packId);
  });
}
