// @vitest-environment node
// (Node's own fetch against a real local HTTP server; happy-dom's fetch would add its own CORS rules.)
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SeaKitDb } from '~/utils/db';
import type { Pack } from '~/utils/packs/format';
import type { PackSigner } from '~/utils/packs/signing';
import { checkSubscription, reconcileSubscriptions } from '~/utils/packs/subscriptions';
import { basePack, freshDb, newSigner, signed } from './helpers';
import { readPackSnippets } from '~/utils/snippets/pack-rows';

/** What the pack server answers next, per path; it records the request headers it saw. */
interface Route { status?: number; body?: string; etag?: string; delayMs?: number }
const routes = new Map<string, Route>();
const seen: Array<{ path: string; ifNoneMatch?: string }> = [];
let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const route = routes.get(req.url ?? '') ?? { status: 404, body: 'not found' };
    const ifNoneMatch = req.headers['if-none-match'];
    seen.push({ path: req.url ?? '', ifNoneMatch });
    const send = () => {
      if (route.etag && ifNoneMatch === route.etag) return res.writeHead(304, { ETag: route.etag }).end();
      res.writeHead(route.status ?? 200, { 'Content-Type': 'application/json', ...(route.etag ? { ETag: route.etag } : {}) });
      res.end(route.body ?? '');
    };
    if (route.delayMs) setTimeout(send, route.delayMs);
    else send();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }));

let db: SeaKitDb;
let lead: PackSigner;
const permitted = async () => true;
const serve = (path: string, pack: Pack | string, etag?: string, extra: Route = {}) =>
  routes.set(path, { body: typeof pack === 'string' ? pack : JSON.stringify(pack), etag, ...extra });
const check = (path: string, extra: Partial<Parameters<typeof checkSubscription>[1]> = {}) =>
  checkSubscription(`${base}${path}`, { trustedKeys: [lead.publicKey], db, hostPermitted: permitted, timeoutMs: 1500, ...extra });

beforeEach(async () => {
  routes.clear();
  seen.length = 0;
  db = await freshDb();
  lead ??= await newSigner();
});

async function subscribeAndInstallV3(path = '/packs/bao.json') {
  serve(path, await signed(basePack(), lead), '"v3"');
  await reconcileSubscriptions([`${base}${path}`], true, db);
  expect(await check(path)).toEqual({ url: `${base}${path}`, status: 'updated' });
}

describe('pack subscriptions against a local HTTP server', () => {
  it('installs on first fetch, then revalidates with If-None-Match and gets 304', async () => {
    await subscribeAndInstallV3();
    const row = await db.subscriptions.get(`${base}/packs/bao.json`);
    expect(row).toMatchObject({ etag: '"v3"', packId: 'bao-callback', byPolicy: true });
    expect(row!.error).toBeUndefined();
    expect(row!.lastOk).toBeGreaterThan(0);
    expect(await check('/packs/bao.json')).toMatchObject({ status: 'unchanged' });
    expect(seen.map((s) => s.ifNoneMatch)).toEqual([undefined, '"v3"']);
  });

  it('without a host permission sends no custom header (no CORS preflight) and still sees an unchanged pack', async () => {
    await subscribeAndInstallV3();
    expect(await check('/packs/bao.json', { hostPermitted: async () => false })).toMatchObject({ status: 'unchanged' });
    expect(seen[1].ifNoneMatch).toBeUndefined();
  });

  const faults: Array<[string, (path: string) => Promise<void> | void, RegExp]> = [
    ['404', (p) => void routes.set(p, { status: 404, body: 'nope' }), /找不到这个文件（404）/],
    ['500', (p) => void routes.set(p, { status: 500, body: 'boom' }), /服务器出错（500）/],
    ['timeout', (p) => void routes.set(p, { status: 200, body: '{}', delayMs: 4000 }), /连接超时/],
    ['bad JSON', (p) => void serve(p, '{"format":1,', '"bad"'), /话术包有问题，保留原版本：文件已损坏或被改错，无法读取/],
    ['an older version', async (p) => void serve(p, await signed(basePack({ version: 2 }), lead), '"v2"'), /比曾经安装过的版本 3 旧/],
    ['a tampered pack', async (p) => {
      const pack = await signed(basePack({ version: 4 }), lead);
      pack.snippets[0].text = '篡改';
      serve(p, pack, '"v4x"');
    }, /签名不符/],
    ['an unsigned pack while keys are pinned', (p) => void serve(p, basePack({ version: 4 }) as Pack, '"u4"'), /缺少签名/],
  ];
  for (const [name, breakIt, message] of faults) {
    it(`keeps the last good version on ${name} and records the error`, async () => {
      await subscribeAndInstallV3();
      const url = `${base}/packs/bao.json`;
      const lastOk = (await db.subscriptions.get(url))!.lastOk;
      const snippetsBefore = await readPackSnippets(db, 'bao-callback');
      await breakIt('/packs/bao.json');
      const outcome = await check('/packs/bao.json');
      expect(outcome.status).toBe('error');
      expect(outcome.error).toMatch(message);
      const row = (await db.subscriptions.get(url))!;
      expect(row.error).toMatch(message);
      expect(row.lastOk).toBe(lastOk);
      expect(row.lastCheck).toBeGreaterThanOrEqual(lastOk!);
      expect(row.etag).toBe('"v3"');
      expect((await db.packs.get('bao-callback'))!.version).toBe(3);
      expect(await readPackSnippets(db, 'bao-callback')).toEqual(snippetsBefore);
    });
  }

  it('reports a refused connection', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/p.json`;
    await new Promise<void>((r) => closed.close(() => r()));
    await reconcileSubscriptions([url], false, db);
    const outcome = await checkSubscription(url, { trustedKeys: [], db, hostPermitted: permitted });
    expect(outcome.error).toMatch(/无法连接服务器/);
  });

  it('installs a newer version after an error and clears the error', async () => {
    await subscribeAndInstallV3();
    routes.set('/packs/bao.json', { status: 500 });
    await check('/packs/bao.json');
    serve('/packs/bao.json', await signed(basePack({ version: 4 }), lead), '"v4"');
    expect(await check('/packs/bao.json')).toMatchObject({ status: 'updated' });
    const row = (await db.subscriptions.get(`${base}/packs/bao.json`))!;
    expect(row.etag).toBe('"v4"');
    expect(row.error).toBeUndefined();
    expect((await db.packs.get('bao-callback'))!).toMatchObject({ version: 4, source: `${base}/packs/bao.json`, signer: lead.publicKey });
  });

  it('follows policy: IT URLs come and go with their packs, the agent\'s stay', async () => {
    await subscribeAndInstallV3('/it.json');
    serve('/mine.json', await signed(basePack({ id: 'mine', version: 1 }), lead));
    await db.subscriptions.add({ url: `${base}/mine.json`, byPolicy: false });
    await check('/mine.json');
    await reconcileSubscriptions([], false, db);
    expect((await db.subscriptions.toArray()).map((r) => r.url)).toEqual([`${base}/mine.json`]);
    expect(await db.packs.get('bao-callback')).toBeUndefined();
    expect(await readPackSnippets(db, 'bao-callback').then((r) => r.length)).toBe(0);
    expect(await db.packs.get('mine')).toBeDefined();
  });
});
