import type { BusinessLine, ShelfOwner } from '../records';
import type { Settings } from '../settings';

/** A shelf's name, the same wherever it is shown (tabs, badges, the in-page picker, the editor): 保·公用. */
export function shelfName(s: { line: BusinessLine; owner: ShelfOwner }): string {
  return `${s.line}·${s.owner}`;
}

/** The four shelves the agents asked for (seed item 46), in the order they are shown. */
export const shelves: Array<{ key: string; line: BusinessLine; owner: ShelfOwner; name: string }> = (
  [['保', '公用'], ['互助', '公用'], ['保', '个人'], ['互助', '个人']] as const
).map(([line, owner]) => ({ key: `${line}/${owner}`, line, owner, name: shelfName({ line, owner }) }));

export function shelfKey(s: { line: BusinessLine; owner: ShelfOwner }): string {
  return `${s.line}/${s.owner}`;
}

/** The built-in pack of standard service phrases (starter.ts); its snippet ids start with `seakit-starter:`. */
export const STARTER_PACK_ID = 'seakit-starter';

export function isStarterSnippet(id: string): boolean {
  return id.startsWith(`${STARTER_PACK_ID}:`);
}

/**
 * The snippets the agent may see: no personal ones where policy forbids them, no starter shelf where policy
 * hides it. The page picker, the side panel and the options page all filter with this.
 */
export function visibleSnippets<T extends { id: string; owner: string }>(
  items: T[],
  settings: Pick<Settings, 'allowPersonalSnippets' | 'starterSnippets'>,
): T[] {
  return items.filter((s) => (settings.allowPersonalSnippets || s.owner !== '个人') && (settings.starterSnippets || !isStarterSnippet(s.id)));
}
