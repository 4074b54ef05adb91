import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { SeaKitDb } from '~/utils/db';
import { BACKUP_FORMAT, exportPersonal, importBackup, parseBackup, type BackupFile } from '~/utils/snippets/backup';
import { STARTER_PACK_ID } from '~/utils/snippets/shelves';
import { createPersonal, recordUse, setPinned } from '~/utils/snippets/store';
import { freshDb } from './helpers';

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

async function withPersonal(d: SeaKitDb) {
  await createPersonal({ line: '保', title: '退款到账', text: '退款会在{日期}后3个工作日内到账。', shortcut: 'tk', tags: ['退款'] }, d);
  const b = await createPersonal({ line: '互助', title: '互助加入', text: '加入互助计划请在APP操作。', tags: [] }, d);
  await recordUse(b.id, d, 99);
}

const everything = (d: SeaKitDb) => d.snippets.orderBy('id').toArray();
const withoutExportTime = (json: string) => ({ ...(JSON.parse(json) as BackupFile), exportedAt: '' });

describe('export and import', () => {
  it('exports only personal snippets, and importing them into an empty library gives the same export', async () => {
    const source = await db();
    await withPersonal(source);
    const exported = await exportPersonal(source);
    const file = JSON.parse(exported) as BackupFile;
    expect(file.format).toBe(BACKUP_FORMAT);
    expect(file.snippets.map((s) => s.title).sort()).toEqual(['互助加入', '退款到账']);
    expect(file.snippets.some((s) => 'pinyin' in s || 'owner' in s)).toBe(false);

    const target = await db();
    expect(await importBackup(exported, target)).toEqual({ added: 2, updated: 0, unchanged: 0 });
    expect(withoutExportTime(await exportPersonal(target))).toEqual(withoutExportTime(exported));
    // The imported rows are searchable like any other.
    const imported = (await target.snippets.where('[line+owner]').equals(['保', '个人']).first())!;
    expect(imported).toMatchObject({ owner: '个人', initials: 'tkdz', pinyin: 'tuikuandaozhang' });
  });

  it('keeps pinned snippets pinned: the pin travels in the backup and comes back on restore', async () => {
    const source = await db();
    await withPersonal(source);
    const pinned = (await everything(source)).find((s) => s.title === '退款到账')!;
    await setPinned(pinned.id, true, source, 1234);
    const exported = await exportPersonal(source);
    expect((JSON.parse(exported) as BackupFile).snippets.find((s) => s.id === pinned.id)!.pinnedAt).toBe(1234);

    const target = await db();
    await importBackup(exported, target);
    const restored = (await target.snippets.where('[line+owner]').anyOf([['保', '个人'], ['互助', '个人']]).toArray())
      .map((s) => [s.title, s.pinnedAt]);
    expect(restored.sort()).toEqual([['互助加入', undefined], ['退款到账', 1234]]);
  });

  it('a backup from before pins were kept still imports, and leaves a pin made here alone', async () => {
    const d = await db();
    await withPersonal(d);
    const file = JSON.parse(await exportPersonal(d)) as BackupFile;
    for (const s of file.snippets) delete s.pinnedAt;
    const edited = file.snippets.find((s) => s.title === '退款到账')!;
    await setPinned(edited.id, true, d, 77);
    edited.text = '退款会在3个工作日内到账。';
    edited.updatedAt += 1000;
    expect(await importBackup(JSON.stringify(file), d)).toEqual({ added: 0, updated: 1, unchanged: 1 });
    expect(await d.snippets.get(edited.id)).toMatchObject({ text: '退款会在3个工作日内到账。', pinnedAt: 77 });

    const fresh = await db();
    expect(await importBackup(JSON.stringify(file), fresh)).toMatchObject({ added: 2 });
    expect((await fresh.snippets.get(edited.id))!.pinnedAt).toBeUndefined();
  });

  it('merges by id: importing twice adds nothing, a later edit wins, use counts keep the higher', async () => {
    const d = await db();
    await withPersonal(d);
    const exported = await exportPersonal(d);
    const before = await everything(d);
    expect(await importBackup(exported, d)).toEqual({ added: 0, updated: 0, unchanged: 2 });
    expect(await everything(d)).toEqual(before);

    const file = JSON.parse(exported) as BackupFile;
    const edited = file.snippets[0];
    edited.title = '改过的标题';
    edited.updatedAt += 1000;
    edited.useCount = 0;
    const older = file.snippets[1];
    older.title = '旧标题';
    older.updatedAt -= 1000;
    expect(await importBackup(JSON.stringify(file), d)).toEqual({ added: 0, updated: 1, unchanged: 1 });
    const rows = await everything(d);
    expect(rows).toHaveLength(before.length);
    const mergedEdited = rows.find((s) => s.id === edited.id)!;
    expect(mergedEdited.title).toBe('改过的标题');
    expect(mergedEdited.useCount).toBe(before.find((s) => s.id === edited.id)!.useCount);
    expect(rows.find((s) => s.id === older.id)!.title).not.toBe('旧标题');
  });
});

describe('a bad file changes nothing and says why in Chinese', () => {
  const good = (): BackupFile => ({
    format: BACKUP_FORMAT,
    version: 1,
    exportedAt: '2026-11-23T00:00:00.000Z',
    snippets: [
      { id: 'x1', line: '保', title: '标题一', text: '内容一', tags: [], createdAt: 1, updatedAt: 1, useCount: 0 },
      { id: 'x2', line: '互助', title: '标题二', text: '内容二', tags: ['a'], createdAt: 1, updatedAt: 1, useCount: 3 },
    ],
  });
  /** A value seen as the untyped JSON it is, to break on purpose. */
  const loose = (value: unknown) => value as Record<string, unknown>;
  const mutate = (change: (f: BackupFile & Record<string, unknown>) => void) => {
    const f = good() as BackupFile & Record<string, unknown>;
    change(f);
    return JSON.stringify(f);
  };
  const cases: Array<[string, string, string]> = [
    ['empty file', '', '文件是空的'],
    ['only spaces', '   \n', '文件是空的'],
    ['not JSON', '{"format": "seakit-personal-snippets", ', '不是有效的 JSON'],
    ['a JSON array', '[]', '不是 SEA Kit 个人话术备份文件'],
    ['another JSON file', '{"name":"x"}', '不是 SEA Kit 个人话术备份文件'],
    ['from a newer version', mutate((f) => (f.version = 9)), '更新版本'],
    ['no snippet list', mutate((f) => (loose(f).snippets = 'x')), '缺少话术列表'],
    ['an item that is not an object', mutate((f) => ((f.snippets as unknown[])[1] = 'x')), '第 2 条话术：不是一条话术'],
    ['an item without id', mutate((f) => (loose(f.snippets[0]).id = undefined)), '第 1 条话术：缺少编号'],
    ['an item without title', mutate((f) => (loose(f.snippets[1]).title = 5)), '第 2 条话术：缺少标题'],
    ['an empty text', mutate((f) => (f.snippets[0].text = ' ')), '第 1 条话术：请填写话术内容'],
    ['an unknown line', mutate((f) => (loose(f.snippets[0]).line = '车险')), '第 1 条话术：请选择业务线'],
    ['bad tags', mutate((f) => (loose(f.snippets[0]).tags = '退款')), '第 1 条话术：标签格式不对'],
    ['a bad number', mutate((f) => (loose(f.snippets[1]).useCount = '3')), '第 2 条话术：useCount 不是有效的数字'],
    ['a bad pin time', mutate((f) => (loose(f.snippets[0]).pinnedAt = '昨天')), '第 1 条话术：pinnedAt 不是有效的数字'],
    ['a duplicate id', mutate((f) => (f.snippets[1].id = 'x1')), '第 2 条话术与第 1 条编号重复'],
    ['a shortcut with a space', mutate((f) => (f.snippets[0].shortcut = 'a b')), '第 1 条话术：快捷词不能包含空格'],
    ['a malformed placeholder', mutate((f) => (f.snippets[1].text = '请{选项:}')), '第 2 条话术：话术内容的占位符写法有误：「{选项:}」没有写选项'],
  ];

  for (const [what, text, error] of cases) {
    it(`${what}`, async () => {
      const d = await db();
      await withPersonal(d);
      const before = await everything(d);
      const parsed = parseBackup(text);
      expect(parsed.ok).toBe(false);
      expect(!parsed.ok && parsed.error).toContain(error);
      await expect(importBackup(text, d)).rejects.toThrow(error);
      expect(await everything(d)).toEqual(before);
    });
  }

  it('an id that belongs to a shared snippet aborts the whole import, even after good items', async () => {
    const d = await db();
    const before = await everything(d);
    const starterId = before.find((s) => s.packId === STARTER_PACK_ID)!.id;
    const text = mutate((f) => (f.snippets[1].id = starterId));
    await expect(importBackup(text, d)).rejects.toThrow('第 2 条话术的编号与一条公用话术相同');
    expect(await everything(d)).toEqual(before);
  });

  it('a good file is accepted', async () => {
    expect(parseBackup(JSON.stringify(good()))).toMatchObject({ ok: true });
  });
});
