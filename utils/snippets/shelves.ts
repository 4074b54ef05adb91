import type { BusinessLine, ShelfOwner } from '../db';
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

/** The snippets an agent may use in the page: personal ones only where allowed, the starter shelf unless policy hides it. */
export function visibleSnippets<T extends { id: string; owner: ShelfOwner }>(entries: T[], settings: Pick<Settings, 'allowPersonalSnippets' | 'starterSnippets'>): T[] {
  return entries.filter((e) => (settings.allowPersonalSnippets || e.owner !== '个人') && (settings.starterSnippets || !isStarterSnippet(e.id)));
}
