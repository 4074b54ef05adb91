import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { SeaKitDb, type Snippet } from '~/utils/db';
import { STARTER_PACK_ID } from '~/utils/snippets/shelves';
import { copyToPersonal, createPersonal, deletePersonal, draftError, parseTags, recordUse, updatePersonal, type SnippetDraft } from '~/utils/snippets/store';
import { changeUse, readAllSnippets, readPackSnippets, readSnippet } from '~/utils/snippets/pack-rows';
import { dbName, freshDb } from './helpers';

const draft = (over: Partial<SnippetDraft> = {}): SnippetDraft => ({ line: '保', title: '退款到账', text: '退款会在3个工作日内原路退回。', shortcut: 'tk', tags: ['退款'], ...over });

const opened: Dexie[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});
async function db() {
  const d = await freshDb();
  opened.push(d);
  return d;
}

describe('fresh install', () => {
  it('starts with the starter shelf: shared, read-only, with 欢迎, a closing and a hold phrase, pinyin precomputed', async () => {
    const d = await db();
    const starter = await d.snippets.where('packId').equals(STARTER_PACK_ID).toArray();
    expect(starter.length).toBeGreaterThanOrEqual(10);
    expect(starter.every((s) => s.owner === '公用' && s.pinyin && s.initials && s.textInitials)).toBe(true);
    const titles = starter.map((s) => s.title);
    expect(titles).toEqual(expect.arrayContaining(['欢迎语', '结束语', '请稍等', '致歉', '核实身份']));
    expect(starter.find((s) => s.title === '欢迎语')!.text).toContain('欢迎');
    expect(new Set(starter.map((s) => s.line))).toEqual(new Set(['保', '互助']));
    await expect(updatePersonal(starter[0].id, draft(), d)).rejects.toThrow('公用话术只读');
    await expect(deletePersonal(starter[0].id, d)).rejects.toThrow('公用话术只读');
    expect(await d.snippets.get(starter[0].id)).toEqual(starter[0]);
  });

  it('follows the service rules: no forbidden phrase (服务禁语) in any starter text', async () => {
    const d = await db();
    const forbidden = ['不清楚', '不知道', '大概', '可能', '估计', '预计', '差不多', '不好意思', '好的拉', '晓得了', '听我解释', '你'];
    for (const s of await d.snippets.toArray()) {
      for (const phrase of forbidden) expect(s.text, `${s.title} has ${phrase}`).not.toContain(phrase);
    }
  });
});

describe('personal snippets', () => {
  it('creates with search fields computed, updates them when title or text change, keeps them on other updates', async () => {
    const d = await db();
    const created = await createPersonal(draft({ title: '欢迎新会员' }), d);
    expect(created).toMatchObject({ owner: '个人', line: '保', title: '欢迎新会员', shortcut: 'tk', tags: ['退款'], useCount: 0, initials: 'hyxhy' });
    expect(created.packId).toBeUndefined();
    await updatePersonal(created.id, draft({ title: '退保说明', shortcut: '' }), d);
    const updated = (await d.snippets.get(created.id))!;
    expect(updated).toMatchObject({ title: '退保说明', initials: 'tbsm', pinyin: 'tuibaoshuoming' });
    expect(updated.shortcut ?? '').toBe('');
    expect(updated.updatedAt).toBeGreaterThanOrEqual(created.updatedAt);
    await recordUse(created.id, d, 1234);
    await recordUse(created.id, d, 5678);
    expect(await d.snippets.get(created.id)).toMatchObject({ useCount: 2, lastUsedAt: 5678, initials: 'tbsm' });
  });

  it('refuses a bad draft in Chinese and writes nothing', async () => {
    const d = await db();
    const before = await d.snippets.count();
    await expect(createPersonal(draft({ title: '  ' }), d)).rejects.toThrow('请填写标题');
    await expect(createPersonal(draft({ text: '' }), d)).rejects.toThrow('请填写话术内容');
    expect(await d.snippets.count()).toBe(before);
    expect(draftError(draft({ shortcut: 'a b' }))).toBe('快捷词不能包含空格');
    expect(draftError(draft({ line: '车险' as never }))).toBe('请选择业务线：保 或 互助');
    expect(draftError(draft({ title: '长'.repeat(101) }))).toBe('标题最多 100 个字');
    expect(draftError(draft())).toBeNull();
    expect(draftError(draft({ text: '{选项:}{日期+3:MM月DD日}{投保人' }))).toBe(
      '话术内容的占位符写法有误：「{选项:}」没有写选项：应为 {选项:上午|下午}，选项之间用 | 分隔；「{投保人」的花括号没有闭合：请补上 }；要写花括号本身，请写成 {{ 或 }}',
    );
    expect(draftError(draft({ text: '{填写:称呼=先生}您好，{cursor}{{编号}}' }))).toBeNull();
    expect(parseTags('退款， 到账、退款 加急')).toEqual(['退款', '到账', '加急']);
  });

  it('copies a shared snippet to the personal shelf of its line as an editable copy, and duplicates personal ones', async () => {
    const d = await db();
    const shared = (await d.snippets.where('packId').equals(STARTER_PACK_ID).filter((s) => s.line === '互助').first())!;
    const mine = await copyToPersonal(shared.id, d);
    expect(mine).toMatchObject({ owner: '个人', line: '互助', title: shared.title, text: shared.text });
    expect(mine.id).not.toBe(shared.id);
    expect(mine.packId).toBeUndefined();
    await updatePersonal(mine.id, draft({ line: '互助', title: '我的版本' }), d);
    expect((await d.snippets.get(shared.id))!.title).toBe(shared.title);
    const dup = await copyToPersonal(mine.id, d);
    expect(dup.title).toBe('我的版本（副本）');
    await deletePersonal(mine.id, d);
    expect(await d.snippets.get(mine.id)).toBeUndefined();
    expect(await d.snippets.get(dup.id)).toBeDefined();
  });

  it('keeps search fields right whoever writes: a pack installer bulk-putting rows without them', async () => {
    const d = await db();
    const row = { id: 'p1', line: '保', owner: '公用', packId: 'pack', title: '理赔进度', text: '请您耐心等待', tags: [], createdAt: 1, updatedAt: 1, useCount: 0 } as Snippet;
    await d.snippets.bulkAdd([row]);
    expect(await d.snippets.get('p1')).toMatchObject({ initials: 'lpjd' });
    // A replacement put (same id, no derived fields): recomputed, not lost.
    await d.snippets.bulkPut([{ ...row, title: '理赔材料' }]);
    expect(await d.snippets.get('p1')).toMatchObject({ initials: 'lpcl', pinyin: 'lipeicailiao', textInitials: 'qnnxdd' });
    await d.snippets.put({ ...row, title: '理赔材料' });
    expect(await d.snippets.get('p1')).toMatchObject({ initials: 'lpcl' });
  });
});

describe('schema migration', () => {
  it('opens a version 1 database with nothing lost, adds the search fields, and keeps only the queried indexes', async () => {
    const name = dbName();
    const old = new Dexie(name);
    old.version(1).stores({ snippets: 'id, [line+owner], packId, shortcut, useCount, updatedAt', packs: 'id', subscriptions: 'url' });
    const rows = [
      { id: 'a', line: '保', owner: '个人', title: '我的问候', text: '您好，张先生', shortcut: 'wd', tags: ['开场'], createdAt: 10, updatedAt: 20, useCount: 7, lastUsedAt: 30 },
      { id: 'b', line: '互助', owner: '公用', packId: 'p', title: '互助说明', text: '互助计划说明', tags: ['说明', '互助'], createdAt: 1, updatedAt: 2, useCount: 0, pinyin: 'stale', initials: 'x' },
      // Written by a careless v1 writer: no tags at all.
      { id: 'c', line: '保', owner: '个人', title: '无标签', text: '内容', createdAt: 1, updatedAt: 1, useCount: 0 },
    ];
    await old.table('snippets').bulkAdd(rows);
    await old.table('packs').add({ id: 'p', name: '互助包' });
    await old.table('subscriptions').add({ url: 'https://x/p.json', byPolicy: true });
    old.close();

    const upgraded = new SeaKitDb(name);
    opened.push(upgraded);
    await upgraded.open();
    expect(upgraded.verno).toBe(5);
    const a = (await upgraded.snippets.get('a'))!;
    expect(a).toMatchObject(rows[0]);
    expect(a).toMatchObject({ pinyin: 'wodewenhou', initials: 'wdwh', textInitials: 'nhzxs' });
    // Not named as an installed pack's snippet (`p:…`), so it stays a row (v5).
    expect(await readSnippet(upgraded, 'b')).toMatchObject({ ...rows[1], pinyin: 'huzhushuoming', initials: 'hzsm' });
    expect(await upgraded.snippets.get('c')).toMatchObject({ ...rows[2], tags: [] });
    expect(await readAllSnippets(upgraded)).toHaveLength(3); // no starter shelf pushed into an existing library
    expect(await upgraded.packs.get('p')).toEqual({ id: 'p', name: '互助包', snippetCount: 0 });
    expect(await upgraded.subscriptions.get('https://x/p.json')).toEqual({ url: 'https://x/p.json', byPolicy: true });
    expect((await readAllSnippets(upgraded)).filter((s) => s.line === '互助' && s.owner === '公用').map((s) => s.id)).toEqual(['b']);
    expect(upgraded.snippets.schema.indexes.map((i) => i.name).sort()).toEqual(['[line+owner]', 'packId']);
  });

  it('opens a version 4 database with installed packs’ snippets moved into blocks, every use count, last use and pin kept', async () => {
    const name = dbName();
    const old = new Dexie(name);
    old.version(4).stores({ snippets: 'id, [line+owner], packId', packs: 'id', subscriptions: 'url', lineage: 'id' });
    const row = (id: string, over: Partial<Snippet> = {}): Snippet =>
      ({ id, line: '保', owner: '公用', packId: 'big', title: `标题${id}`, text: '正文', tags: [], createdAt: 1, updatedAt: 1, useCount: 0, pinyin: 'p', initials: 'i', textInitials: 't', ...over });
    const packRows = Array.from({ length: 1_200 }, (_, i) => row(`big:s${String(i).padStart(4, '0')}`));
    packRows[3] = row('big:s0003', { useCount: 4, lastUsedAt: 99 });
    packRows[1_100] = row('big:s1100', { pinnedAt: 55 });
    const mine = row('mine', { owner: '个人', packId: undefined, useCount: 2, pinnedAt: 7 });
    delete mine.packId;
    const starter = row(`${STARTER_PACK_ID}:hi`, { packId: STARTER_PACK_ID, useCount: 1 });
    await old.table('snippets').bulkAdd([...packRows, mine, starter]);
    await old.table('packs').bulkAdd([{ id: 'big', name: '大包' }, { id: 'off', name: '停用', disabled: '签名不再受信任', usage: { 'off:a': { useCount: 3 } } }]);
    old.close();

    const upgraded = new SeaKitDb(name);
    opened.push(upgraded);
    await upgraded.open();
    expect(upgraded.verno).toBe(5);
    // Personal snippets and the starter shelf stay rows; the pack is 3 blocks of at most 500.
    expect((await upgraded.snippets.toArray()).map((s) => s.id).sort()).toEqual(['mine', `${STARTER_PACK_ID}:hi`]);
    expect((await upgraded.packSnippets.toArray()).map((b) => [b.id, JSON.parse(b.json).length])).toEqual([['big#0', 500], ['big#1', 500], ['big#2', 200]]);
    expect((await upgraded.snippetUse.toArray()).map((u) => u.id)).toEqual(['big:s0003', 'big:s1100']);
    expect(await readPackSnippets(upgraded, 'big')).toEqual(packRows);
    const byId = (a: Snippet, b: Snippet) => (a.id < b.id ? -1 : 1);
    expect((await readAllSnippets(upgraded)).sort(byId)).toEqual([...packRows, mine, starter].sort(byId));
    expect(await upgraded.packs.get('big')).toMatchObject({ snippetCount: 1_200 });
    // A disabled pack keeps its use counts where it kept them (given back when it is switched on).
    expect(await upgraded.packs.get('off')).toMatchObject({ usage: { 'off:a': { useCount: 3 } }, snippetCount: 0 });

    // Counting a use and pinning work on a pack snippet and on a personal one alike.
    await recordUse('big:s1100', upgraded, 1234);
    await recordUse('mine', upgraded, 1235);
    expect(await readSnippet(upgraded, 'big:s1100')).toMatchObject({ useCount: 1, lastUsedAt: 1234, pinnedAt: 55 });
    expect(await readSnippet(upgraded, 'mine')).toMatchObject({ useCount: 3, lastUsedAt: 1235, pinnedAt: 7 });
    await changeUse(upgraded, 'big:s1100', () => ({ pinnedAt: undefined }));
    expect((await readSnippet(upgraded, 'big:s1100'))!.pinnedAt).toBeUndefined();
    expect(await changeUse(upgraded, 'big:nope', () => ({ useCount: 1 }))).toBe(false);
    expect(await upgraded.snippetUse.get('big:nope')).toBeUndefined();
  });
});
