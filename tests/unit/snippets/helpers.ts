/** Shared by the snippet tests: fresh databases and search entries made the way the database makes them. */
import { SeaKitDb, type BusinessLine, type ShelfOwner, type Snippet } from '~/utils/db';
import '~/utils/snippets/writes';
import { starterSnippets } from '~/utils/snippets/starter';
import { searchFieldsFor } from '~/utils/snippets/search-fields';
import type { SearchEntry } from '~/utils/snippets/search';

let counter = 0;
export function dbName(): string {
  return `seakit-snippets-test-${Date.now()}-${counter++}`;
}

export async function freshDb(): Promise<SeaKitDb> {
  const db = new SeaKitDb(dbName());
  await db.open();
  return db;
}

export function entry(
  title: string,
  text = '',
  more: Partial<Omit<SearchEntry, 'title' | 'text'>> & { line?: BusinessLine; owner?: ShelfOwner } = {},
): SearchEntry {
  return {
    id: more.id ?? title,
    line: '保',
    owner: '公用',
    title,
    text,
    useCount: 0,
    ...searchFieldsFor({ title, text }),
    ...more,
  };
}

/** The starter shelf as the database stores it (the write hook adds the search fields). */
export function starterRows(now?: number): Snippet[] {
  return starterSnippets(now).map((s) => ({ ...s, ...searchFieldsFor(s) }));
}
