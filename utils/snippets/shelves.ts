import type { BusinessLine, ShelfOwner } from '../records';
import type { Settings } from '../settings';

/** The four shelves the agents asked for (seed item 46), in the order they are shown. */
export const shelves: Array<{ key: string; line: BusinessLine; owner: ShelfOwner; name: string }> = [
  { key: '保/公用', line: '保', owner: '公用', name: '保公用话术' },
  { key: '互助/公用', line: '互助', owner: '公用', name: '互助公用话术' },
  { key: '保/个人', line: '保', owner: '个人', name: '保个人话术' },
  { key: '互助/个人', line: '互助', owner: '个人', name: '互助个人话术' },
];

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
