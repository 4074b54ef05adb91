import { describe, expect, it } from 'vitest';
import { buildSearchIndex, searchSnippets, toSearchEntry, type SearchEntry } from '~/utils/snippets/search';
import { comboOf, formatShortcut, matchesShortcut, parseShortcut, type KeyCombo } from '~/utils/snippets/shortcut';
import { recordUse, setPinned } from '~/utils/snippets/store';
import { entry, freshDb } from './helpers';

const titles = (entries: SearchEntry[]) => entries.map((e) => e.title);
const key = (init: KeyboardEventInit) => new KeyboardEvent('keydown', init);
const combo = (text: string) => parseShortcut(text) as KeyCombo;

describe('the picker shortcut', () => {
  it('reads Alt+/, Ctrl+Shift+K and names the key of a modifier-less or editing combination in Chinese', () => {
    expect(combo('Alt+/')).toEqual({ ctrl: false, alt: true, shift: false, meta: false, key: '/' });
    expect(formatShortcut(combo('control+shift+k'))).toBe('Ctrl+Shift+K');
    expect(parseShortcut('')).toBeNull();
    expect(parseShortcut('K')).toEqual({ error: expect.stringContaining('需要包含 Ctrl、Alt 或 Meta') });
    expect(parseShortcut('Hyper+K')).toEqual({ error: expect.stringContaining('“Hyper”不是修饰键') });
    expect(parseShortcut('Ctrl+V')).toEqual({ error: expect.stringContaining('编辑常用键') });
    expect(formatShortcut(combo('F2'))).toBe('F2');
  });

  it('matches by the key or by where it sits (Option+/ types ÷ on a Mac), and not with other modifiers', () => {
    const altSlash = combo('Alt+/');
    expect(matchesShortcut(key({ key: '/', code: 'Slash', altKey: true }), altSlash)).toBe(true);
    expect(matchesShortcut(key({ key: '÷', code: 'Slash', altKey: true }), altSlash)).toBe(true);
    expect(matchesShortcut(key({ key: '/', code: 'Slash' }), altSlash)).toBe(false);
    expect(matchesShortcut(key({ key: '/', code: 'Slash', altKey: true, ctrlKey: true }), altSlash)).toBe(false);
    expect(matchesShortcut(key({ key: '?', code: 'Slash', altKey: true, shiftKey: true }), altSlash)).toBe(false);
    expect(matchesShortcut(key({ key: 'K', code: 'KeyK', ctrlKey: true, shiftKey: true }), combo('Ctrl+Shift+K'))).toBe(true);
    expect(matchesShortcut(key({ key: 'k', code: 'KeyK', ctrlKey: true }), combo('Ctrl+Shift+K'))).toBe(false);
  });

  it('records a pressed combination by position, and nothing for a bare modifier', () => {
    expect(formatShortcut(comboOf(key({ key: '/', code: 'Slash', altKey: true }))!)).toBe('Alt+/');
    // Alt+/ where the layout makes it a dead key.
    expect(formatShortcut(comboOf(key({ key: 'Dead', code: 'Slash', altKey: true }))!)).toBe('Alt+/');
    expect(comboOf(key({ key: 'Alt', code: 'AltLeft', altKey: true }))).toBeNull();
  });
});

describe('the list with no keyword: pinned, then the last used, then the most used', () => {
  const at = (n: number) => 1_700_000_000_000 + n;
  const library = [
    entry('欢迎语', '', { useCount: 50 }),
    entry('请稍等', '', { useCount: 40 }),
    entry('结束语', '', { useCount: 1, lastUsedAt: at(5) }),
    entry('退款到账', '', { useCount: 2, lastUsedAt: at(9) }),
    entry('理赔材料', '', { pinnedAt: at(1) }),
    entry('发票', '', { pinnedAt: at(3) }),
    entry('续保', '', { useCount: 3, lastUsedAt: at(7) }),
    entry('改手机号', '', { useCount: 4, lastUsedAt: at(2) }),
  ];

  it('leads with the latest pin, then the three last used, then by use', () => {
    expect(titles(searchSnippets(buildSearchIndex(library), ''))).toEqual(['发票', '理赔材料', '退款到账', '续保', '结束语', '欢迎语', '请稍等', '改手机号']);
    expect(titles(searchSnippets(buildSearchIndex(library), '', 3))).toEqual(['发票', '理赔材料', '退款到账']);
    // A keyword is a search: ranked by match as before.
    expect(titles(searchSnippets(buildSearchIndex(library), 'hy'))[0]).toBe('欢迎语');
  });

  it('a pin is kept in the database and comes back as the entry’s pinnedAt; unpinning takes it off', async () => {
    const db = await freshDb();
    const [first, second] = await db.snippets.toArray();
    await setPinned(second.id, true, db, at(1));
    await recordUse(first.id, db, at(2));
    let entries = (await db.snippets.toArray()).map(toSearchEntry);
    expect(searchSnippets(buildSearchIndex(entries), '', 2).map((e) => e.id)).toEqual([second.id, first.id]);
    await setPinned(second.id, false, db);
    entries = (await db.snippets.toArray()).map(toSearchEntry);
    expect(entries.find((e) => e.id === second.id)?.pinnedAt).toBeUndefined();
    await expect(setPinned('gone', true, db)).rejects.toThrow('这条话术已不存在');
  });
});
