/** Shared by the snippet tests: fresh databases and search entries made the way the database makes them. */
import { SeaKitDb, type BusinessLine, type ShelfOwner } from '~/utils/db';
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
