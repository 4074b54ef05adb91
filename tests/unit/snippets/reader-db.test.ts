/**
 * Pages that only read the library (the packs list, the library's first paint) open the database
 * without the pinyin dictionary (utils/snippets/writes.ts is what loads it). Search must not suffer:
 * a fresh database such a page creates gets its search fields just after it is open, and a write
 * from a module that forgot to import writes.ts fails loudly instead of storing unsearchable rows.
 */
import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { dbName } from './helpers';

const names: string[] = [];
afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

/** utils/db.ts as a page that never imported writes.ts has it. */
async function readerDb(name: string) {
  vi.resetModules();
  const { SeaKitDb } = await import('~/utils/db');
  names.push(name);
  return new SeaKitDb(name);
}

describe('the database without the dictionary', () => {
  it('a fresh database created by a reading page has the starter shelf searchable once open', async () => {
    const db = await readerDb(dbName());
    // The first read does not wait for the dictionary…
    expect((await db.snippets.toArray()).length).toBeGreaterThan(10);
    // …which fills the fields just after.
    await expect.poll(async () => (await db.snippets.toArray()).every((s) => typeof s.pinyin === 'string' && typeof s.textInitials === 'string')).toBe(true);
    expect((await db.snippets.toArray()).find((s) => s.title === '欢迎语')).toMatchObject({ pinyin: 'huanyingyu', initials: 'hyy' });
    db.close();
  });

  it('a page closed before filling them: the background fills the starter shelf\'s fields when it opens the database', async () => {
    const name = dbName();
    const page = await readerDb(name);
    await page.open();
    page.close();
    // What the page left if it closed before its idle fill: starter rows without search fields.
    const raw = new Dexie(name);
    await raw.open();
    await raw.table('snippets').toCollection().modify((s: Record<string, unknown>) => {
      delete s.pinyin;
      delete s.initials;
      delete s.textInitials;
    });
    raw.close();
    vi.resetModules();
    await import('~/utils/snippets/writes');
    const { SeaKitDb } = await import('~/utils/db');
    const background = new SeaKitDb(name);
    await background.open();
    await background.fillSearchFieldsLeftByPages();
    expect((await background.snippets.toArray()).find((s) => s.title === '欢迎语')).toMatchObject({ pinyin: 'huanyingyu', initials: 'hyy' });
    background.close();
  });

  it('refuses a snippet write from a module that did not load the search fields', async () => {
    const name = dbName();
    const first = await readerDb(name);
    await first.open();
    first.close();
    const db = await readerDb(name);
    await expect(db.snippets.add({ id: 'x', line: '保', owner: '个人', title: '退款', text: '退款', tags: [], createdAt: 1, updatedAt: 1, useCount: 0 })).rejects.toThrow(/写入话术前未加载拼音搜索字段/);
    db.close();
  });
});
