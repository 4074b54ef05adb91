import { describe, expect, it, vi } from 'vitest';
import { ingestPack } from '~/utils/packs/ingest';
import { trustPolicyFrom } from '~/utils/packs/trust';
import { installPack, removePack } from '~/utils/packs/install';
import { basePack, freshDb, snapshot } from './helpers';
import { changeUse, readPackSnippets } from '~/utils/snippets/pack-rows';

const file = { source: 'file', trustedKeys: [] };

describe('installing a pack', () => {
  it('puts its snippets on the shared shelf of its line, read-only source recorded', async () => {
    const db = await freshDb();
    const { pack } = await ingestPack(JSON.stringify(basePack({ line: '互助' })), { ...file, db });
    expect(pack).toMatchObject({ id: 'bao-callback', version: 3, author: '王组长', line: '互助', source: 'file' });
    const rows = await readPackSnippets(db, 'bao-callback').then((r) => r.sort((a, b) => a.id.localeCompare(b.id)));
    expect(rows.map((r) => [r.id, r.owner, r.line, r.title])).toEqual([
      ['bao-callback:bye', '公用', '互助', '回访结束语'],
      ['bao-callback:greet', '公用', '互助', '回访开场白'],
    ]);
    // Search fields come from the snippet library's write hooks.
    expect(rows[1].initials).toBe('hfkcb');
    expect((await db.packs.get('bao-callback'))!.phraseLists).toEqual(basePack().phraseLists);
  });

  it('a new version replaces the snippets, keeps use counts by snippet id and leaves personal snippets alone', async () => {
    const db = await freshDb();
    await ingestPack(JSON.stringify(basePack()), { ...file, db });
    await changeUse(db, 'bao-callback:greet', () => ({ useCount: 12, lastUsedAt: 1000 }));
    await changeUse(db, 'bao-callback:bye', () => ({ useCount: 5 }));
    await db.snippets.add({ id: 'p1', line: '保', owner: '个人', title: '个人', text: '我的', tags: [], createdAt: 1, updatedAt: 1, useCount: 9 });
    const next = basePack({
      version: 4,
      snippets: [
        { id: 'greet', title: '回访开场白（新）', text: '新的开场白' },
        { id: 'new', title: '新增话术', text: '新内容' },
      ],
    });
    const result = await ingestPack(JSON.stringify(next), { ...file, db });
    expect(result.changed).toBe(true);
    const rows = await readPackSnippets(db, 'bao-callback').then((r) => r.sort((a, b) => a.id.localeCompare(b.id)));
    expect(rows.map((r) => [r.id, r.title, r.useCount, r.lastUsedAt])).toEqual([
      ['bao-callback:greet', '回访开场白（新）', 12, 1000],
      ['bao-callback:new', '新增话术', 0, undefined],
    ]);
    expect(await db.snippets.get('p1')).toMatchObject({ owner: '个人', useCount: 9 });
    expect((await db.packs.get('bao-callback'))!.version).toBe(4);
  });

  it('the same version with the same content is a no-op, even with a different signature field', async () => {
    const db = await freshDb();
    await ingestPack(JSON.stringify(basePack()), { ...file, db });
    await changeUse(db, 'bao-callback:greet', () => ({ useCount: 3 }));
    const before = await snapshot(db);
    const again = await ingestPack(JSON.stringify({ ...basePack(), snippets: basePack().snippets }), { ...file, db });
    expect(again.changed).toBe(false);
    expect(await snapshot(db)).toEqual(before);
  });

  it('is all or nothing: a failure late in the transaction leaves the old version in place', async () => {
    const db = await freshDb();
    await ingestPack(JSON.stringify(basePack()), { ...file, db });
    const before = await snapshot(db);
    const put = vi.spyOn(db.packs, 'put').mockRejectedValueOnce(new Error('disk full'));
    await expect(installPack(basePack({ version: 9, snippets: [{ id: 'x', title: 't', text: 'x' }] }) as any, { origin: { source: 'file', byPolicy: false }, policy: trustPolicyFrom({}), db }))
      .rejects.toThrow('disk full');
    put.mockRestore();
    expect(await snapshot(db)).toEqual(before);
  });

  it('removing a pack removes its snippets only', async () => {
    const db = await freshDb();
    await ingestPack(JSON.stringify(basePack()), { ...file, db });
    await ingestPack(JSON.stringify(basePack({ id: 'other', version: 1 })), { ...file, db });
    await removePack('bao-callback', db);
    expect(await db.packs.toCollection().primaryKeys()).toEqual(['other']);
    expect(await readPackSnippets(db, 'bao-callback').then((r) => r.length)).toBe(0);
    expect(await readPackSnippets(db, 'other').then((r) => r.length)).toBe(2);
  });
});
