// @vitest-environment node
/**
 * The attack and fault matrix of issue 11 (docs/packs.md "信任规则"): each case says what the agent sees,
 * and where nothing may change, the database (snippets, packs, subscriptions, lineage) and the settings
 * are byte-identical to before. Transport cases run against a real HTTP server on 127.0.0.1 (port 0).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { SeaKitDb } from '~/utils/db';
import { MAX_PACK_BYTES, PackError, type Pack, type UnsignedPack } from '~/utils/packs/format';
import { ingestPack } from '~/utils/packs/ingest';
import { removePack, reverifyInstalledPacks } from '~/utils/packs/install';
import type { PackSigner } from '~/utils/packs/signing';
import { checkSubscription, reconcileSubscriptions, removeSubscription } from '~/utils/packs/subscriptions';
import { trustPolicyFrom } from '~/utils/packs/trust';
import { packPhrases } from '~/utils/phrases-service';
import { basePack, freshDb, newSigner, signed, snapshot } from './helpers';
import { changeUse, readPackSnippets, readSnippet } from '~/utils/snippets/pack-rows';

let db: SeaKitDb;
let lead: PackSigner;
let other: PackSigner;
const json = (value: unknown) => JSON.stringify(value);
const PERSONAL = { id: 'mine', line: '保' as const, owner: '个人' as const, title: '我的话术', text: '个人内容', tags: [],
  createdAt: 1, updatedAt: 1, useCount: 2 };

/** Database and settings, serialized: "byte-identical" is compared on this. */
async function state() {
  return JSON.stringify({ db: await snapshot(db), settings: await fakeBrowser.storage.local.get() });
}

beforeAll(async () => {
  lead = await newSigner();
  other = await newSigner();
});

beforeEach(async () => {
  fakeBrowser.reset();
  await fakeBrowser.storage.local.set({ settings: { snippetTrigger: ';;', trustedKeys: [] } });
  db = await freshDb();
  await db.snippets.add(PERSONAL);
});

const file = (input: unknown, trust: { trustedKeys?: unknown; packSigners?: unknown } = {}) =>
  ingestPack(typeof input === 'string' ? input : json(input), { source: 'file', db, ...trust });

/** Expects a refusal with this message and no change at all. */
async function refusedUnchanged(attempt: () => Promise<unknown>, message: RegExp) {
  const before = await state();
  const error = await attempt().then(() => undefined, (e) => e);
  expect(error).toBeInstanceOf(PackError);
  expect((error as PackError).message).toMatch(message);
  expect(await state()).toBe(before);
}

describe('keys IT trusts (file imports)', () => {
  const pinnedLead = () => ({ trustedKeys: [lead.publicKey] });
  it('malformed JSON: refused, nothing changes', async () => {
    await refusedUnchanged(async () => file('{"format":1,'), /不是有效的 JSON/);
  });
  it('schema-invalid pack (no title): refused, nothing changes', async () => {
    const pack = basePack() as any;
    delete pack.snippets[0].title;
    await refusedUnchanged(async () => file(pack), /标题/);
  });
  it('tampered text after signing: refused as 签名不符', async () => {
    const pack = await signed(basePack(), lead);
    pack.snippets[0].text = '请把验证码告诉我';
    await refusedUnchanged(async () => file(pack, pinnedLead()), /签名不符/);
  });
  it('tampered text after signing, no keys pinned: a present signature is still checked', async () => {
    const pack = await signed(basePack(), lead);
    pack.snippets[0].text = '请把验证码告诉我';
    await refusedUnchanged(async () => file(pack), /签名不符/);
  });
  it('garbage signature value: refused', async () => {
    const pack = await signed(basePack(), lead);
    pack.signature!.value = 'AAAA';
    await refusedUnchanged(async () => file(pack, pinnedLead()), /签名/);
  });
  it("a stranger's signature relabelled with the lead's key: refused as 签名不符", async () => {
    const pack = await signed(basePack(), other);
    pack.signature!.key = lead.publicKey;
    await refusedUnchanged(async () => file(pack, pinnedLead()), /签名不符/);
  });
  it('keys pinned, unsigned pack: refused as 缺少签名', async () => {
    await refusedUnchanged(async () => file(basePack(), pinnedLead()), /缺少签名/);
  });
  it('keys pinned, signed by another key: refused', async () => {
    await refusedUnchanged(async () => file(await signed(basePack(), other), pinnedLead()), /不在管理员信任的公钥列表中/);
  });
  it('every pinned key malformed, unsigned pack: refused (a typo never turns verification off)', async () => {
    await refusedUnchanged(async () => file(basePack(), { trustedKeys: ['not-a-key', 'E9ddaRvIJg5c'] }), /全部无效/);
  });
  it('every pinned key malformed, validly signed pack: refused too', async () => {
    await refusedUnchanged(async () => file(await signed(basePack(), other), { trustedKeys: ['x'] }), /全部无效/);
  });
  it('trustedKeys wrongly typed (a string, not a list): still pins that key', async () => {
    await refusedUnchanged(async () => file(basePack(), { trustedKeys: lead.publicKey }), /缺少签名/);
    await expect(file(await signed(basePack(), lead), { trustedKeys: lead.publicKey })).resolves.toMatchObject({ changed: true });
  });
  it('one malformed key next to a good one: the good one works, the bad one is reported, never trusted', async () => {
    const trust = { trustedKeys: ['typo', lead.publicKey] };
    expect(trustPolicyFrom(trust)).toMatchObject({ keys: [lead.publicKey], invalid: ['typo'], pinned: true });
    await refusedUnchanged(async () => file(basePack(), trust), /缺少签名/);
    const { pack } = await file(await signed(basePack(), lead), trust);
    expect(pack.signer).toBe(lead.publicKey);
  });
  it('no policy: an unsigned pack from a file installs, marked unsigned (no signer)', async () => {
    const { pack } = await file(basePack());
    expect(pack.signer).toBeUndefined();
    expect(await readPackSnippets(db, 'bao-callback').then((r) => r.length)).toBe(2);
  });
});

describe('signer binding per pack id', () => {
  it("another lead's key cannot replace a pack (no keys pinned)", async () => {
    await file(await signed(basePack(), lead));
    await refusedUnchanged(async () => file(await signed(basePack({ version: 9 }), other)), /由另一位组长/);
  });
  it("another trusted lead's key cannot replace a pack (both pinned)", async () => {
    const trust = { trustedKeys: [lead.publicKey, other.publicKey] };
    await file(await signed(basePack(), lead), trust);
    await refusedUnchanged(async () => file(await signed(basePack({ version: 9 }), other), trust), /由另一位组长/);
  });
  it('an unsigned version cannot replace a signed pack', async () => {
    await file(await signed(basePack(), lead));
    await refusedUnchanged(async () => file(basePack({ version: 9 })), /原本有签名/);
  });
  it('a signed version may replace an unsigned pack, and then owns the id', async () => {
    await file(basePack());
    await file(await signed(basePack({ version: 4 }), lead));
    expect(await db.lineage.get('bao-callback')).toMatchObject({ owner: lead.publicKey, highestVersion: 4 });
    await refusedUnchanged(async () => file(await signed(basePack({ version: 5 }), other)), /由另一位组长/);
  });
  it('a key IT names in packSigners takes the pack over (a new lead)', async () => {
    await file(await signed(basePack(), lead));
    const trust = { packSigners: { 'bao-callback': [other.publicKey] } };
    const { pack } = await file(await signed(basePack({ version: 4 }), other), trust);
    expect(pack.signer).toBe(other.publicKey);
    expect((await db.lineage.get('bao-callback'))!.owner).toBe(other.publicKey);
  });
  it('once IT names keys for an id, the old owner is refused', async () => {
    await file(await signed(basePack(), lead));
    await refusedUnchanged(async () => file(await signed(basePack({ version: 4 }), lead), { packSigners: { 'bao-callback': [other.publicKey] } }),
      /只能由指定的组长公钥签名/);
  });
  it('packSigners with only malformed keys for an id: nothing installs under that id, the entry is reported', async () => {
    const trust = { packSigners: { 'bao-callback': ['oops'] } };
    expect(trustPolicyFrom(trust).invalid).toEqual(['packSigners.bao-callback: oops']);
    await refusedUnchanged(async () => file(await signed(basePack(), lead), trust), /指定的签名公钥无效/);
  });
});

describe('rollback protection', () => {
  it('an older version is refused', async () => {
    await file(await signed(basePack({ version: 5 }), lead));
    await refusedUnchanged(async () => file(await signed(basePack({ version: 4 }), lead)), /比曾经安装过的版本 5 旧/);
  });
  it('an older version is refused also after the pack was removed', async () => {
    await file(await signed(basePack({ version: 5 }), lead));
    await removePack('bao-callback', db);
    await refusedUnchanged(async () => file(await signed(basePack({ version: 3 }), lead)), /比曾经安装过的版本 5 旧/);
  });
  it('after removal, the same version with other content is refused', async () => {
    await file(await signed(basePack({ version: 5 }), lead));
    await removePack('bao-callback', db);
    const changed = basePack({ version: 5 });
    changed.snippets[0].text = '改过的内容';
    await refusedUnchanged(async () => file(await signed(changed, lead)), /内容不同/);
  });
  it('after removal, the very same version installs again', async () => {
    const pack = await signed(basePack({ version: 5 }), lead);
    await file(pack);
    await removePack('bao-callback', db);
    await expect(file(pack)).resolves.toMatchObject({ changed: true });
  });
  it('the same version and content again is a no-op', async () => {
    const pack = await signed(basePack(), lead);
    await file(pack);
    const before = await state();
    await expect(file(pack)).resolves.toMatchObject({ changed: false });
    expect(await state()).toBe(before);
  });
});

describe('policy packs are never shadowed', () => {
  async function policyPack(version = 3) {
    const url = 'https://packs.corp.example/bao.json';
    await reconcileSubscriptions([url], true, db);
    await ingestPack(json(await signed(basePack({ version }), lead)), { source: url, byPolicy: true, subscription: url, db });
  }
  it('an agent file import of a policy pack id (version 999) is refused', async () => {
    await policyPack();
    await refusedUnchanged(async () => file(basePack({ version: 999 })), /属于管理员下发的话术包/);
  });
  it("an agent subscription serving a policy pack id is refused", async () => {
    await policyPack();
    await refusedUnchanged(async () => ingestPack(json(basePack({ version: 999 })), { source: 'https://evil.example/p.json', byPolicy: false, db }),
      /属于管理员下发的话术包/);
  });
  it("a policy pack replaces the agent's earlier import of its id, whatever version the agent used", async () => {
    await file(await signed(basePack({ version: 999 }), other));
    await policyPack(3);
    expect(await db.packs.get('bao-callback')).toMatchObject({ version: 3, byPolicy: true, signer: lead.publicKey });
    expect(await db.lineage.get('bao-callback')).toMatchObject({ highestVersion: 3, owner: lead.publicKey, byPolicy: true });
  });
  it('after IT withdraws the URL, the agent still cannot take the id', async () => {
    await policyPack();
    await reconcileSubscriptions([], true, db);
    expect(await db.packs.get('bao-callback')).toBeUndefined();
    await refusedUnchanged(async () => file(basePack({ version: 999 })), /属于管理员下发的话术包/);
  });
});

describe('re-verification when trust changes', () => {
  const packSnippetCount = () => readPackSnippets(db, 'bao-callback').then((r) => r.length);
  it('removing the signing key from trustedKeys disables its pack with a notice; personal snippets untouched', async () => {
    await file(await signed(basePack(), lead), { trustedKeys: [lead.publicKey] });
    await changeUse(db, 'bao-callback:greet', () => ({ useCount: 7 }));
    const changes = await reverifyInstalledPacks(trustPolicyFrom({ trustedKeys: [other.publicKey] }), true, db);
    expect(changes).toEqual([{ id: 'bao-callback', name: '保险回访话术', disabled: expect.stringMatching(/已不在管理员信任的列表中/) }]);
    expect(await packSnippetCount()).toBe(0);
    expect((await db.packs.get('bao-callback'))!.disabled).toMatch(/已停用/);
    expect(await db.snippets.get('mine')).toMatchObject(PERSONAL);
    expect(await packPhrases(db)).toEqual([]);
    // The key comes back: the pack is on again, use counts kept.
    await reverifyInstalledPacks(trustPolicyFrom({ trustedKeys: [lead.publicKey] }), true, db);
    expect(await packSnippetCount()).toBe(2);
    expect((await readSnippet(db, 'bao-callback:greet'))!.useCount).toBe(7);
    expect((await db.packs.get('bao-callback'))!.disabled).toBeUndefined();
  });
  it('IT starts pinning keys: an unsigned pack from before is disabled', async () => {
    await file(basePack());
    await reverifyInstalledPacks(trustPolicyFrom({ trustedKeys: [lead.publicKey] }), true, db);
    expect((await db.packs.get('bao-callback'))!.disabled).toMatch(/未签名/);
    expect(await packSnippetCount()).toBe(0);
  });
  it('allowAgentPacks:false disables packs the agent added, not policy packs', async () => {
    await file(await signed(basePack({ id: 'agent-pack' }), lead));
    const url = 'https://packs.corp.example/bao.json';
    await reconcileSubscriptions([url], true, db);
    await ingestPack(json(await signed(basePack(), lead)), { source: url, byPolicy: true, subscription: url, db });
    await reverifyInstalledPacks(trustPolicyFrom({}), false, db);
    expect((await db.packs.get('agent-pack'))!.disabled).toMatch(/不允许坐席自行添加/);
    expect(await readPackSnippets(db, 'agent-pack').then((r) => r.length)).toBe(0);
    expect((await db.packs.get('bao-callback'))!.disabled).toBeUndefined();
    expect(await packSnippetCount()).toBe(2);
  });
  it('nothing changed in trust: re-verification writes nothing', async () => {
    await file(await signed(basePack(), lead));
    const before = await state();
    expect(await reverifyInstalledPacks(trustPolicyFrom({}), true, db)).toEqual([]);
    expect(await state()).toBe(before);
  });
});

describe('transport (a real HTTP server on 127.0.0.1)', () => {
  type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;
  const routes = new Map<string, Handler>();
  let server: http.Server;
  let base: string;
  let port: number;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const handler = routes.get(req.url ?? '');
      if (handler) handler(req, res);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(() => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }));
  beforeEach(() => routes.clear());

  const body = (text: string | Buffer, headers: Record<string, string> = {}): Handler => (_req, res) =>
    res.writeHead(200, { 'Content-Type': 'application/json', ...headers }).end(text);
  async function subscribed(path: string, byPolicy = true) {
    await reconcileSubscriptions([`${base}${path}`], byPolicy, db);
    return `${base}${path}`;
  }
  const check = (url: string, trustedKeys: unknown = [lead.publicKey], timeoutMs = 3000) =>
    checkSubscription(url, { trustedKeys, db, hostPermitted: async () => true, timeoutMs });
  /** The check fails with this message and changes nothing but the subscription's error and time. */
  async function failsUnchanged(url: string, message: RegExp, trustedKeys?: unknown, timeoutMs?: number) {
    const before = await snapshot(db);
    const outcome = await check(url, trustedKeys, timeoutMs);
    expect(outcome).toMatchObject({ status: 'error', error: expect.stringMatching(message) });
    const after = await snapshot(db);
    expect(json({ ...after, subscriptions: undefined })).toBe(json({ ...before, subscriptions: undefined }));
    const row = after.subscriptions.find((s) => s.url === url)!;
    expect(row.error).toMatch(message);
    const { error: _e, lastCheck: _l, ...rest } = row;
    const { error: _e0, lastCheck: _l0, ...restBefore } = before.subscriptions.find((s) => s.url === url)!;
    expect(rest).toEqual(restBefore);
  }

  it('http without pinned keys: an unsigned pack is refused', async () => {
    routes.set('/u.json', body(json(basePack())));
    await failsUnchanged(await subscribed('/u.json'), /http 地址没有加密/, []);
  });
  it('http without pinned keys: a signed pack is refused too (the channel cannot vouch for the key)', async () => {
    routes.set('/s.json', body(json(await signed(basePack(), lead))));
    await failsUnchanged(await subscribed('/s.json'), /http 地址没有加密/, []);
  });
  it('http with a pinned key: a pack signed by it installs', async () => {
    routes.set('/p.json', body(json(await signed(basePack(), lead))));
    expect(await check(await subscribed('/p.json'))).toMatchObject({ status: 'updated' });
    expect((await db.packs.get('bao-callback'))!.signer).toBe(lead.publicKey);
  });
  it('oversize with a Content-Length header: refused before reading', async () => {
    routes.set('/big.json', (_req, res) => {
      res.writeHead(200, { 'Content-Length': String(MAX_PACK_BYTES + 1) });
      res.write('x'.repeat(1000));
      setTimeout(() => res.destroy(), 200);
    });
    await failsUnchanged(await subscribed('/big.json'), /文件太大/);
  });
  it('oversize chunked (no Content-Length): cut off while streaming', async () => {
    let sent = 0;
    routes.set('/chunked.json', (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      const chunk = Buffer.alloc(256 * 1024, 0x20);
      const pump = () => {
        while (sent < 8 * MAX_PACK_BYTES && res.write(chunk)) sent += chunk.length;
        if (sent < 8 * MAX_PACK_BYTES) res.once('drain', pump);
        else res.end();
      };
      res.on('close', () => res.removeAllListeners('drain'));
      pump();
    });
    await failsUnchanged(await subscribed('/chunked.json'), /文件太大/);
    expect(sent).toBeLessThan(8 * MAX_PACK_BYTES);
  });
  it('gzip bomb (small on the wire, honest Content-Length): counted after decompression', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(MAX_PACK_BYTES / 10);
    routes.set('/bomb.json', body(bomb, { 'Content-Encoding': 'gzip', 'Content-Length': String(bomb.length) }));
    await failsUnchanged(await subscribed('/bomb.json'), /文件太大/);
  });
  it('a gzip-compressed pack under the limit installs', async () => {
    routes.set('/gz.json', body(gzipSync(json(await signed(basePack(), lead))), { 'Content-Encoding': 'gzip' }));
    expect(await check(await subscribed('/gz.json'))).toMatchObject({ status: 'updated' });
  });
  it('a redirect to another host is refused', async () => {
    routes.set('/moved.json', (_req, res) => res.writeHead(302, { Location: `http://localhost:${port}/p.json` }).end());
    routes.set('/p.json', body(json(await signed(basePack(), lead))));
    await failsUnchanged(await subscribed('/moved.json'), /转到了其他主机/);
  });
  it('a redirect within the same host is followed', async () => {
    routes.set('/moved.json', (_req, res) => res.writeHead(301, { Location: '/p.json' }).end());
    routes.set('/p.json', body(json(await signed(basePack(), lead))));
    expect(await check(await subscribed('/moved.json'))).toMatchObject({ status: 'updated' });
    expect((await db.packs.get('bao-callback'))!.source).toBe(`${base}/p.json`);
  });
  it('500: error recorded, last good version kept', async () => {
    routes.set('/p.json', body(json(await signed(basePack(), lead))));
    const url = await subscribed('/p.json');
    await check(url);
    routes.set('/p.json', (_req, res) => res.writeHead(500).end('boom'));
    await failsUnchanged(url, /服务器出错（500）/);
  });
  it('timeout before any header', async () => {
    routes.set('/slow.json', () => undefined);
    await failsUnchanged(await subscribed('/slow.json'), /连接超时/, undefined, 300);
  });
  it('slow body: headers at once, the body trickles past the time limit', async () => {
    routes.set('/trickle.json', (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"format":1,');
      const timer = setInterval(() => res.write(' '), 50);
      res.on('close', () => clearInterval(timer));
    });
    await failsUnchanged(await subscribed('/trickle.json'), /连接超时/, undefined, 400);
  });
  it('unsubscribing while the fetch is in flight never installs an orphan', async () => {
    let release!: () => void;
    const pack = json(await signed(basePack(), lead));
    routes.set('/p.json', (_req, res) => { release = () => res.writeHead(200).end(pack); });
    const url = await subscribed('/p.json', false);
    const before = await snapshot(db);
    const checking = check(url, [lead.publicKey], 3000);
    await vi.waitFor(() => expect(release).toBeDefined());
    await removeSubscription(url, db);
    release();
    await checking;
    expect(await db.packs.count()).toBe(0);
    expect(await readPackSnippets(db, 'bao-callback').then((r) => r.length)).toBe(0);
    expect((await snapshot(db)).subscriptions).toEqual(before.subscriptions.filter((s) => s.url !== url));
  });
  it('a URL switching to another signed pack id cannot bring an older version of the first back', async () => {
    routes.set('/p.json', body(json(await signed(basePack({ version: 5 }), lead))));
    const url = await subscribed('/p.json');
    await check(url);
    routes.set('/p.json', body(json(await signed(basePack({ id: 'other-pack', version: 1 }), lead))));
    expect(await check(url)).toMatchObject({ status: 'updated' });
    expect(await db.packs.get('bao-callback')).toBeUndefined();
    routes.set('/p.json', body(json(await signed(basePack({ version: 2 }), lead))));
    await failsUnchanged(url, /比曾经安装过的版本 5 旧/);
  });
  it('a storage failure (not a PackError) is recorded on the subscription, the old version kept', async () => {
    routes.set('/p.json', body(json(await signed(basePack(), lead))));
    const url = await subscribed('/p.json');
    await check(url);
    routes.set('/p.json', body(json(await signed(basePack({ version: 4 }), lead))));
    const quota = Object.assign(new Error('quota'), { name: 'QuotaExceededError' });
    const put = vi.spyOn(db.packs, 'put').mockRejectedValueOnce(quota);
    await failsUnchanged(url, /存储空间已满/);
    put.mockRestore();
  });
  it('a key collision (a real BulkError from IndexedDB) is recorded in Chinese, nothing half-installed', async () => {
    await db.snippets.add({ ...PERSONAL, id: 'bao-callback:greet' });
    routes.set('/p.json', body(json(await signed(basePack(), lead))));
    await failsUnchanged(await subscribed('/p.json'), /话术编号冲突/);
  });
});
