import { describe, expect, it } from 'vitest';
import { buildSearchIndex, countUse, searchSnippets } from '~/utils/snippets/search';
import { searchFieldsFor } from '~/utils/snippets/search-fields';
import { libraryOrder, toSearchEntry, type SearchEntry } from '~/utils/snippets/search';
import { entry, starterRows } from './helpers';

const titles = (entries: SearchEntry[]) => entries.map((e) => e.title);
const search = (entries: SearchEntry[], query: string, limit = 50) => titles(searchSnippets(buildSearchIndex(entries), query, limit));

describe('search fields (computed at write time)', () => {
  it('has full pinyin and initials of the title, initials of the text, toneless, lower case, no punctuation', () => {
    expect(searchFieldsFor({ title: '欢迎语', text: '您好，很高兴为您服务！' })).toEqual({
      pinyin: 'huanyingyu',
      initials: 'hyy',
      textInitials: 'nhhgxwnfw',
    });
    expect(searchFieldsFor({ title: 'VIP 退保', text: '绿色通道 A1' })).toEqual({ pinyin: 'viptuibao', initials: 'viptb', textInitials: 'lstda1' });
  });
});

describe('searchSnippets', () => {
  const greeting = entry('欢迎语', '您好，欢迎咨询，请问有什么可以帮您？', { shortcut: 'hy' });
  const hold = entry('请稍等', '请您稍等，我这边马上为您查询。', { shortcut: 'qsd' });
  const closing = entry('结束语', '感谢您的耐心咨询，再见！');
  const refund = entry('退款到账时间', '退款会在3-5个工作日原路退回。');

  it('finds 欢迎 by its initials hy and by full pinyin, with and without the shortcut', () => {
    const noShortcut = { ...greeting, shortcut: undefined };
    expect(search([hold, noShortcut, closing], 'hy')[0]).toBe('欢迎语');
    expect(search([hold, noShortcut, closing], 'huany')).toEqual(['欢迎语']);
    expect(search([hold, noShortcut, closing], 'huanying')).toEqual(['欢迎语']);
    expect(search([hold, noShortcut, closing], '欢迎')).toEqual(['欢迎语']);
  });

  it('matches the text, the shortcut, and Latin case-insensitively; full-width IME letters fold', () => {
    expect(search([greeting, hold, refund], '工作日')).toEqual(['退款到账时间']);
    expect(search([greeting, hold, refund], 'QSD')).toEqual(['请稍等']);
    expect(search([greeting, hold, refund], 'ｑｓｄ')).toEqual(['请稍等']);
    // Initials of the text: 原路退回 → yltH
    expect(search([greeting, hold, refund], 'ylth')).toEqual(['退款到账时间']);
  });

  it('ranks by match quality: exact shortcut, title start, initials, pinyin, inside the title, the text', () => {
    const byText = entry('其他', '这是关于hy的说明', { id: 'text' });
    const inTitle = entry('会员欢迎', '', { id: 'inside' }); // initials hyhy: hy is a prefix of the initials
    const titleInside = entry('新会员hy说明', '', { id: 'title-inside' });
    const exact = entry('某个话术', '', { id: 'exact', shortcut: 'hy' });
    const shortcutStart = entry('另一个', '', { id: 'shortcut-start', shortcut: 'hyz' });
    const titleStart = entry('hy开头', '', { id: 'title-start' });
    const pinyinStart = entry('还有', '', { id: 'pinyin-start' }); // huanyou: hy is its initials
    const list = [byText, titleInside, inTitle, pinyinStart, titleStart, shortcutStart, exact];
    const ids = searchSnippets(buildSearchIndex(list), 'hy', 10).map((e) => e.id);
    expect(ids.slice(0, 3)).toEqual(['exact', 'shortcut-start', 'title-start']);
    expect(ids.indexOf('inside')).toBeLessThan(ids.indexOf('title-inside'));
    expect(ids.indexOf('title-inside')).toBeLessThan(ids.indexOf('text'));
    expect(ids.at(-1)).toBe('text');
  });

  it('breaks ties by use count, then by the most recent use', () => {
    const a = entry('问候一', '', { useCount: 1 });
    const b = entry('问候二', '', { useCount: 9 });
    const c = entry('问候三', '', { useCount: 9, lastUsedAt: 2000 });
    expect(search([a, b, c], '问候')).toEqual(['问候三', '问候二', '问候一']);
    // Quality still comes first: a title start beats a more used match in the text.
    const used = entry('其他', '问候客户', { useCount: 100 });
    expect(search([used, a], '问候')).toEqual(['问候一', '其他']);
  });

  it('lists the most used when the query is empty, and honours the limit', () => {
    const list = [entry('甲', '', { useCount: 1 }), entry('乙', '', { useCount: 5 }), entry('丙', '', { useCount: 3 })];
    expect(search(list, '')).toEqual(['乙', '丙', '甲']);
    expect(search(list, '', 2)).toEqual(['乙', '丙']);
    expect(search(list, 'zzz')).toEqual([]);
    expect(search(list, '', 0)).toEqual([]);
  });

  it('needs every space-separated term to match', () => {
    expect(search([greeting, hold, refund], '退款 工作日')).toEqual(['退款到账时间']);
    expect(search([greeting, hold, refund], '退款 欢迎')).toEqual([]);
  });

  it('does not let one letter match the initials of a text (noise), nor two those of a longer text, but three do', () => {
    const t = entry('甲', '好的');
    expect(search([t], 'h')).toEqual([]);
    expect(search([t], 'hd')).toEqual(['甲']);
    const long = entry('乙', '请问还有其他可以帮您的吗');
    expect(search([long], 'hy')).toEqual([]);
    expect(search([long], 'hyq')).toEqual(['乙']);
  });

  it('//hy: the greeting whose title starts with the initials first, titles holding them next, no texts that merely contain 还有', () => {
    const starter = libraryOrder(starterRows()).map(toSearchEntry);
    const found = search(starter, 'hy');
    expect(found[0]).toBe('欢迎语');
    expect(found).toEqual(['欢迎语', '互助欢迎语', '互助核实会员']);
    expect(found).not.toContain('结束语');
    // Typing on still finds texts by their initials.
    expect(search(starter, 'hyqt')).toEqual(expect.arrayContaining(['结束语']));
  });

  it('finds the starter shelf phrases a fresh install has', () => {
    const starter = libraryOrder(starterRows().reverse()).map(toSearchEntry);
    // With no query and no use yet, the library's own order: the greeting first.
    expect(search(starter, '')[0]).toBe('欢迎语');
    expect(search(starter, 'hy')[0]).toBe('欢迎语');
    expect(search(starter, 'qsd')[0]).toBe('请稍等');
    expect(search(starter, 'js')[0]).toBe('结束语');
    expect(search(starter, 'daoqian').length + search(starter, 'dq').length).toBeGreaterThan(0);
  });

  it('gives the same results while typing, deleting and retyping as a fresh search each time', () => {
    const list = [...starterRows().map(toSearchEntry), entry('退款到账时间', '退款会在3-5个工作日原路退回。'), entry('会员欢迎', '欢迎加入')];
    const index = buildSearchIndex(list);
    const typed = ['h', 'hy', 'hyy', 'hy', 'h', '', 'h', 'hu', 'hua', 'huan', 'huany', '退', '退款', '退款 ', '退款 工', '退款 ', 'ｈ', 'ｈｙ'];
    for (const q of typed) {
      expect(titles(searchSnippets(index, q, 10)), q).toEqual(titles(searchSnippets(buildSearchIndex(list), q, 10)));
    }
  });

  // Correctness at scale only: keystroke → list p95 at 20,000 snippets is measured by npm run bench
  // (the library page and the // picker in real Chromium), never by a timed test.
  it('finds by shortcut, initials and words among 20,000 snippets', () => {
    const words = '保单 退保 理赔 续保 缴费 核实 身份 欢迎 等待 抱歉 感谢 咨询 投保人 被保人 订单 退款 互助 会员 计划 短信'.split(' ');
    // Pinyin per word once; the snippets' fields are put together from them (as pinyin-pro would give).
    const fields = new Map(words.map((w) => [w, searchFieldsFor({ title: w, text: '' })]));
    let seed = 7;
    const pick = () => words[(seed = (seed * 16807) % 2147483647) % words.length];
    const many: SearchEntry[] = [];
    for (let i = 0; i < 20_000; i++) {
      const [a, b] = [pick(), pick()];
      const body = Array.from({ length: 10 }, pick);
      many.push({
        id: String(i), line: '保', owner: '公用', title: a + b + i, text: `您好，${body.join('，')}，请您知悉。`,
        pinyin: fields.get(a)!.pinyin + fields.get(b)!.pinyin + i,
        initials: fields.get(a)!.initials + fields.get(b)!.initials + i,
        textInitials: `nh${body.map((w) => fields.get(w)!.initials).join('')}qnzx`,
        useCount: i % 37,
        ...(i % 5 ? {} : { shortcut: `k${i}` }),
      });
    }
    const index = buildSearchIndex(many);
    expect(titles(searchSnippets(index, 'k100', 1))).toEqual([many[100].title]);
    expect(searchSnippets(index, 'hy', 30)).toHaveLength(30);
    expect(titles(searchSnippets(index, '欢迎欢迎', 30)).every((t) => t.startsWith('欢迎欢迎'))).toBe(true);
    expect(searchSnippets(index, 'zzzz', 30)).toHaveLength(0);
  });
});

describe('short queries at scale (the prefix index)', () => {
  it('ranks exactly as a scan of every entry would, letter by letter, on a 2,000-snippet library', { timeout: 60_000 }, async () => {
    // @ts-expect-error the bench's snippet generator is plain JavaScript, without types
    const { makeSnippets, QUERIES } = await import('../../../bench/lib/snippet-data.mjs');
    const entries = (makeSnippets(2000) as Array<{ id: string; title: string; text: string; shortcut?: string }>).map((s, i) =>
      toSearchEntry({ ...s, line: '保', owner: '公用', tags: [], createdAt: i, updatedAt: i, useCount: i % 7 === 0 ? i % 5 : 0, ...searchFieldsFor(s) }));
    const index = buildSearchIndex(entries);
    // A letter starts thousands of keys here: the ranking comes from its prefix list alone.
    expect(index.prefixes!.get('h')!.length).toBeGreaterThan(30);
    expect(index.prefixes!.get('h')!.length).toBeLessThan(entries.length);
    const letters = [...'abcdefghijklmnopqrstuvwxyz'];
    // Every one and two letters, and three where a few keys start so and more hold it inside.
    const typed = [...letters, ...letters.flatMap((a) => letters.map((b) => a + b)), 'hyz', 'tbx', 'qsh', 'nhw', '理', '退',
      ...(QUERIES as string[]).flatMap((q) => [...q].map((_, n) => q.slice(0, n + 1)))];
    for (const limit of [30, 5]) {
      for (const query of typed) {
        // A copy without the prefix lists and the joined keys (and without the last query's memo) scans every entry.
        const scanned = searchSnippets({ ...index, prefixes: undefined, all: undefined }, query, limit).map((e) => e.id);
        expect(searchSnippets(index, query, limit).map((e) => e.id), query).toEqual(scanned);
      }
    }
  });

  it('looks inside too when fewer than the list start with the term, though many start with its first two letters', () => {
    const visits = Array.from({ length: 35 }, (_, n) => entry(`回访${n}`, '您好'));
    const starting = entry('回复到账', '您好');
    const inside = Array.from({ length: 5 }, (_, n) => entry(`说明${n}`, '我们会回复到您的手机'));
    const index = buildSearchIndex([...visits, starting, ...inside]);
    expect(index.prefixes!.get('hf')!.length).toBeGreaterThanOrEqual(30);
    expect(titles(searchSnippets(index, 'hfd', 30))).toEqual(['回复到账', ...inside.map((e) => e.title)]);
  });
});

describe('the list with no keyword, held per index', () => {
  it('is the same list until a use is counted, which puts the used snippet first', () => {
    const entries = Array.from({ length: 50 }, (_, n) => entry(`话术${n}`, `内容${n}`, { useCount: n % 3 }));
    const index = buildSearchIndex(entries);
    const first = searchSnippets(index, '', 30);
    expect(first.slice(0, 3).map((e) => e.useCount)).toEqual([2, 2, 2]);
    // A keyword between two empty lists does not change it.
    searchSnippets(index, 'hs', 30);
    expect(searchSnippets(index, '', 30)).toEqual(first);
    const quiet = entries[49];
    expect(first).not.toContain(quiet);
    countUse(index, quiet, 1000);
    expect(quiet.useCount).toBe(2);
    const after = searchSnippets(index, '', 30);
    expect(after[0]).toBe(quiet);
    // As computed afresh on a new index of the same entries.
    expect(after).toEqual(searchSnippets(buildSearchIndex(entries), '', 30));
    // Another limit is computed for that limit.
    expect(searchSnippets(index, '', 5)).toEqual(after.slice(0, 5));
  });
});

describe('searching by jumping between the entries that hold the term', () => {
  /** The ranking as first written: every entry, one search string of all six keys, scored term by term. */
  function everyEntry(entries: SearchEntry[], query: string, limit: number): string[] {
    const fold = (t: string) => t.normalize('NFKC').toLowerCase();
    const terms = fold(query).split(/\s+/).filter(Boolean);
    const inside = [60, 55, 50, 45, 30, 20];
    const scored: Array<{ i: number; score: number }> = [];
    entries.forEach((e, i) => {
      const keys = [fold(e.title), e.initials, e.pinyin, fold(e.shortcut ?? ''), fold(e.text), e.textInitials];
      const hay = keys.join('\u0001');
      const starts = keys.map((_, f) => keys.slice(0, f).reduce((n, k) => n + k.length + 1, 0));
      let score = 0;
      for (const term of terms) {
        const found = hay.indexOf(term);
        if (found < 0) return;
        let s: number;
        if (hay.startsWith(term, starts[3])) s = keys[3] === term ? 100 : 90;
        else if (found === 0) s = 85;
        else if (hay.startsWith(term, starts[1])) s = 80;
        else if (hay.startsWith(term, starts[2])) s = 75;
        else {
          let field = 0;
          while (field < 5 && found >= starts[field + 1]) field++;
          s = field === 5 && term.length < Math.min(3, keys[5].length) ? 0 : inside[field];
        }
        if (s === 0) return;
        score += s;
      }
      scored.push({ i, score });
    });
    const by = (a: { i: number; score: number }, b: { i: number; score: number }) => {
      const ea = entries[a.i];
      const eb = entries[b.i];
      return b.score - a.score || eb.useCount - ea.useCount || (eb.lastUsedAt ?? 0) - (ea.lastUsedAt ?? 0) ||
        ea.title.length - eb.title.length || a.i - b.i;
    };
    return scored.sort(by).slice(0, limit).map(({ i }) => entries[i].id);
  }

  it('ranks as scoring every entry did, key by key, with one- and two-letter texts among 2,000 snippets', { timeout: 60_000 }, async () => {
    // @ts-expect-error the bench's snippet generator is plain JavaScript, without types
    const { makeSnippets, QUERIES } = await import('../../../bench/lib/snippet-data.mjs');
    const entries = (makeSnippets(2000) as Array<{ id: string; title: string; text: string; shortcut?: string }>).map((s, i) =>
      toSearchEntry({ ...s, line: '保', owner: '公用', tags: [], createdAt: i, updatedAt: i, useCount: i % 7 === 0 ? i % 5 : 0, ...searchFieldsFor(s) }));
    // Texts whose initials are one or two letters: there a one- or two-letter term counts.
    entries.push(entry('短一', '好'), entry('短二', '好的'), entry('短三', '稍等'), entry('短四', 'qs'));
    const index = buildSearchIndex(entries);
    expect([...index.shortInitials!].map((i) => entries[i].title)).toEqual(expect.arrayContaining(['短一', '短二', '短三']));
    const typed = [...(QUERIES as string[]), 'hd', 'h', 'qd', 'sd', 'hao', 'tb hd', 'hy tb', 'q s', 'zz', 'shao deng', '退保 lc', 'k1 hy']
      .flatMap((q) => [...q].map((_, n) => q.slice(0, n + 1)));
    for (const limit of [30, 5]) {
      for (const query of typed) expect(searchSnippets(index, query, limit).map((e) => e.id), `${query} (${limit})`).toEqual(everyEntry(entries, query, limit));
    }
  });
});
