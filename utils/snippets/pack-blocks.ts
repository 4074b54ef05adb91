/** How installed packs' snippets are cut into stored blocks (utils/snippets/pack-rows.ts); no database here, so utils/db.ts can use it. */
import type { PackSnippetBlock, Snippet, SnippetUse } from '../records';

export const BLOCK_SIZE = 500;

/** The pack a row id names (`packId:snippetId`, install.ts packSnippetRowId; pack ids have no colon). */
export function packIdOfRow(id: string): string | undefined {
  const colon = id.indexOf(':');
  return colon > 0 ? id.slice(0, colon) : undefined;
}

/** A pack's snippet rows cut into blocks, in the pack's order. */
export function toBlocks(packId: string, rows: Snippet[]): PackSnippetBlock[] {
  const blocks: PackSnippetBlock[] = [];
  for (let start = 0; start < rows.length; start += BLOCK_SIZE) {
    blocks.push({ id: `${packId}#${start / BLOCK_SIZE}`, packId, json: JSON.stringify(rows.slice(start, start + BLOCK_SIZE)) });
  }
  return blocks;
}

/** The use row of a pack snippet as it is now (a snippet never used has none). */
export function useOf(row: Snippet): SnippetUse | undefined {
  if (!row.useCount && !row.lastUsedAt && !row.pinnedAt) return undefined;
  const use: SnippetUse = { id: row.id, packId: row.packId!, useCount: row.useCount ?? 0 };
  if (row.lastUsedAt) use.lastUsedAt = row.lastUsedAt;
  if (row.pinnedAt) use.pinnedAt = row.pinnedAt;
  return use;
}

/** A block's snippets. */
export function blockSnippets(block: PackSnippetBlock): Snippet[] {
  return JSON.parse(block.json) as Snippet[];
}
