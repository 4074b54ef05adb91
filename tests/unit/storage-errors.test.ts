/**
 * Dexie failures the agent or IT may meet, as Chinese text; a blocked upgrade (an old page holding the
 * database open) raised by fake-indexeddb's real IndexedDB semantics, not a mock.
 */
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { SeaKitDb } from '~/utils/db';
import { BLOCKED_MESSAGE, storageErrorMessage } from '~/utils/storage-errors';

const named = (name: string, extra: object = {}) => Object.assign(new Error(name), { name }, extra);

describe('storage errors in Chinese', () => {
  const cases: Array<[string, unknown, RegExp]> = [
    ['quota', named('QuotaExceededError'), /存储空间已满.*原有话术保持不变/],
    ['quota inside an aborted transaction', named('AbortError', { inner: named('QuotaExceededError') }), /存储空间已满/],
    ['a BulkError of aborted requests whose transaction hit the quota', named('BulkError', { failures: [named('AbortError')], cause: named('QuotaExceededError') }), /存储空间已满/],
    ['a full disk (Chromium: UnknownError)', named('BulkError', { failures: [named('AbortError')], cause: named('UnknownError') }), /磁盘空间不足/],
    // What Chromium 131+ said in tests/e2e/storage-failures.e2e.ts once pack snippets were stored in blocks (big values go to files).
    ['a full disk under a big value (Chromium: DataError, blobs)', named('AbortError', { inner: named('DataError', { message: 'Failed to write blobs (IOError)' }) }), /磁盘空间不足/],
    ['another DataError', named('DataError', { message: 'Data provided to an operation does not meet requirements.' }), /原有数据未改动/],
    ['a key collision', named('BulkError', { failures: [named('ConstraintError')] }), /话术编号冲突/],
    ['a closed database', named('DatabaseClosedError'), /暂时打不开/],
    ['an open failure', named('OpenFailedError', { inner: named('UnknownError') }), /暂时打不开/],
    ['a newer database than the extension', named('VersionError'), /版本比当前扩展新/],
    ['IndexedDB unavailable', named('MissingAPIError'), /不允许扩展使用本地数据库/],
    ['anything else', new Error('boom'), /原有数据未改动：boom/],
  ];
  for (const [name, error, message] of cases) {
    it(`explains ${name}`, () => expect(storageErrorMessage(error)).toMatch(message));
  }
});

describe('a blocked upgrade', () => {
  it('fires blocked while an old connection holds the database, then upgrades with nothing lost', async () => {
    const name = `seakit-blocked-${Date.now()}`;
    const old = new Dexie(name);
    old.version(3).stores({ snippets: 'id, [line+owner], packId', packs: 'id', subscriptions: 'url' });
    await old.open();
    await old.table('packs').put({ id: 'p', name: '旧包' });
    // The old page ignores versionchange (as an old build without a handler would).
    old.on('versionchange', () => false);
    const fresh = new SeaKitDb(name);
    const blocked = new Promise<void>((resolve) => fresh.on('blocked', () => resolve()));
    const opening = fresh.open();
    await blocked;
    expect(BLOCKED_MESSAGE).toMatch(/请关闭其他 SEA Kit 页面后重试/);
    old.close();
    await opening;
    expect(fresh.verno).toBe(5);
    expect(await fresh.packs.get('p')).toEqual({ id: 'p', name: '旧包', snippetCount: 0 });
    fresh.close();
  });
});
