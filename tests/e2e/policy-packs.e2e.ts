/**
 * IT policy and packs in real Chromium: the Linux policy example of docs/it-admin.md, written to
 * /etc/chromium/policies/managed/ (needs root), switches a feature off on one site and not on another,
 * installs a signed pack from a loopback URL, refuses a tampered one, and locks values in the options page.
 * The policy file is removed when the file finishes (and on exit), so no other test ever sees it.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmdirSync, unlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { EXTENSION_DIR, demoUrl, launchBrowser, watchConsole, type LaunchedBrowser } from './harness';
import { FACTS } from '../fixtures/demo/data';
import { EXTENSION_ID, linuxExample } from '../unit/packs/docs';
import { signPack, signerFromCryptoKeys, type PackSigner } from '../../utils/packs/signing';
import { verifyPack } from '../../utils/packs/trust';
import type { Pack, UnsignedPack } from '../../utils/packs/format';

const POLICY_DIR = '/etc/chromium/policies/managed';
const POLICY_FILE = path.join(POLICY_DIR, `seakit-e2e-${process.pid}.json`);
const isRoot = process.getuid?.() === 0;
if (!isRoot) console.log(`跳过 policy-packs e2e：写 ${POLICY_DIR} 需要 root（当前 uid=${process.getuid?.()}）。`);

/** Directories this run created, removed again (innermost first) if they end up empty. */
const createdDirs: string[] = [];

function removePolicy(): void {
  if (existsSync(POLICY_FILE)) unlinkSync(POLICY_FILE);
  for (const dir of [...createdDirs].reverse()) {
    if (existsSync(dir) && readdirSync(dir).length === 0) rmdirSync(dir);
  }
}

function writePolicy(policy: unknown): void {
  // A run that was killed may have left its file: drop files of processes that are gone.
  if (existsSync(POLICY_DIR)) {
    for (const name of readdirSync(POLICY_DIR)) {
      const pid = Number(/^seakit-e2e-(\d+)\.json$/.exec(name)?.[1]);
      if (!pid) continue;
      try {
        process.kill(pid, 0);
      } catch {
        unlinkSync(path.join(POLICY_DIR, name));
      }
    }
  }
  for (const dir of ['/etc/chromium', '/etc/chromium/policies', POLICY_DIR]) {
    if (!existsSync(dir)) {
      mkdirSync(dir);
      createdDirs.push(dir);
    }
  }
  process.once('exit', removePolicy);
  writeFileSync(POLICY_FILE, JSON.stringify(policy, null, 2));
}

/** The loopback pack server: what each path serves can change during the test. */
const served = new Map<string, string>();
let packServer: http.Server;
let packBase: string;

async function startPackServer(): Promise<void> {
  packServer = http.createServer((req, res) => {
    const body = served.get(req.url ?? '');
    if (body === undefined) return res.writeHead(404).end('not found');
    const etag = `"${Buffer.from(body).length}-${body.length % 997}-${[...body].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7)}"`;
    if (req.headers['if-none-match'] === etag) return res.writeHead(304, { ETag: etag }).end();
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', ETag: etag }).end(body);
  });
  await new Promise<void>((resolve) => packServer.listen(0, '127.0.0.1', resolve));
  packBase = `http://127.0.0.1:${(packServer.address() as AddressInfo).port}`;
}

function pack(version: number, overrides: Partial<UnsignedPack> = {}): UnsignedPack {
  return {
    format: 1, id: 'e2e-bao', name: '回访话术（测试）', line: '保', version, author: '测试组长', updated: '2026-11-20',
    snippets: [
      { id: 'greet', title: '回访开场白', text: `您好，这里是 SEA Kit 测试话术 v${version}`, shortcut: 'kcb' },
      { id: 'html', title: '<b>不是标签</b>', text: '<img src=x onerror="window.__pwned=1">' },
    ],
    ...overrides,
  };
}

let lead: PackSigner;
async function signed(unsigned: UnsignedPack): Promise<Pack> {
  return signPack(unsigned, lead);
}
async function tampered(unsigned: UnsignedPack): Promise<string> {
  const p = await signed(unsigned);
  p.snippets[0]!.text = '签名之后被改过的内容';
  return JSON.stringify(p);
}

let browser: LaunchedBrowser;

async function optionsPage(section: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(browser.extensionUrl(`options.html#${section}`));
  return page;
}

/** A pack's snippets in the extension's own IndexedDB (blocks of JSON text, utils/snippets/pack-rows.ts), read from one of its pages. */
function packSnippets(page: Page, packId: string): Promise<Array<{ id: string; owner: string; text: string }>> {
  return page.evaluate((id) => new Promise((resolve, reject) => {
    const open = indexedDB.open('seakit');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const request = open.result.transaction('packSnippets').objectStore('packSnippets').index('packId').getAll(id);
      const number = (block: { id: string }) => Number(block.id.slice(block.id.lastIndexOf('#') + 1));
      request.onsuccess = () => resolve(request.result.sort((a: any, b: any) => number(a) - number(b))
        .flatMap((block: any) => JSON.parse(block.json)).map((s: any) => ({ id: s.id, owner: s.owner, text: s.text })));
      request.onerror = () => reject(request.error);
    };
  }), packId);
}

describe('the page script stays small', () => {
  it('has none of the pack libraries (Ajv validator, @noble/ed25519, papaparse, XLSX reader/writer)', () => {
    const content = readFileSync(path.join(EXTENSION_DIR, 'content-scripts/sea.js'), 'utf8');
    const background = readFileSync(path.join(EXTENSION_DIR, 'background.js'), 'utf8');
    // Markers of each library, checked to be present where they belong so the test cannot pass vacuously.
    for (const marker of ['instancePath', 'zip215']) {
      expect(background, marker).toContain(marker);
      expect(content, marker).not.toContain(marker);
    }
    for (const marker of ['papaparse', 'sharedStrings', 'read-excel-file', 'write-excel-file']) expect(content, marker).not.toContain(marker);
  });
});

describe.skipIf(!isRoot)('IT policy file and pack subscriptions (real Chromium)', () => {
  beforeAll(async () => {
    const keys = (await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])) as CryptoKeyPair;
    lead = await signerFromCryptoKeys(keys);
    await startPackServer();
    served.set('/packs/bao.json', JSON.stringify(await signed(pack(1))));
    served.set('/packs/tampered.json', await tampered(pack(1, { id: 'e2e-tampered', name: '被篡改的包' })));

    // The documented policy, pointed at this machine: the example's "SEA 测试" site becomes localhost (copy-fields
    // off there), the built-in demo site keeps 127.0.0.1; pack URLs and the trusted key are this test's.
    const { policy } = linuxExample();
    const seaTest = policy.sites!.find((s) => s.id === 'sea-test')!;
    const testPolicy = {
      ...policy,
      sites: [{ id: 'demo', matches: ['*://127.0.0.1/*'] }, { ...seaTest, matches: ['*://localhost/*'] }],
      packUrls: [`${packBase}/packs/bao.json`, `${packBase}/packs/tampered.json`],
      trustedKeys: [lead.publicKey],
      // The 组长 section shows only where policy (or the agent) turns it on.
      leadTools: true,
    };
    expect(testPolicy.allowAgentPacks).toBe(false);
    expect(seaTest.features).toEqual({ 'copy-fields': false });
    writePolicy({ '3rdparty': { extensions: { [EXTENSION_ID]: testPolicy } } });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    try {
      await browser?.close();
    } finally {
      removePolicy();
      await new Promise<void>((resolve) => (packServer ? packServer.close(() => resolve()) : resolve()));
    }
  });

  it('installs the signed pack from the loopback URL and refuses the tampered one', async () => {
    const page = await optionsPage('packs');
    const good = page.locator('[data-pack="e2e-bao"]');
    await expect.poll(() => good.count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => good.locator('[data-field="version"]').innerText()).toBe('版本 1');
    expect(await good.locator('[data-field="author"]').innerText()).toBe('作者 测试组长');
    expect(await good.innerText()).toContain('由管理员设置');
    expect(await good.locator('[data-field="last-check"]').innerText()).toMatch(/最后检查：\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    const rows = await packSnippets(page, 'e2e-bao');
    expect(rows.map((r) => [r.id, r.owner]).sort()).toEqual([['e2e-bao:greet', '公用'], ['e2e-bao:html', '公用']]);
    expect(rows.find((r) => r.id === 'e2e-bao:html')!.text).toBe('<img src=x onerror="window.__pwned=1">');

    const bad = page.locator(`[data-url="${packBase}/packs/tampered.json"]`);
    await expect.poll(() => bad.locator('[data-field="error"]').count(), { timeout: 30_000 }).toBe(1);
    expect(await bad.locator('[data-field="error"]').innerText()).toContain('签名不符');
    expect(await bad.innerText()).toContain('尚未获取到话术包');
    expect(await packSnippets(page, 'e2e-tampered')).toEqual([]);
    // Pack text is shown as text: the <b> and <img> in it never become elements.
    expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
    await page.close();
  });

  it('keeps the last good version when an update is tampered, and installs a good newer one', async () => {
    const page = await optionsPage('packs');
    const card = page.locator('[data-pack="e2e-bao"]');
    await card.waitFor({ timeout: 30_000 });
    served.set('/packs/bao.json', await tampered(pack(2)));
    await page.getByRole('button', { name: '立即检查更新' }).click();
    await expect.poll(() => card.locator('[data-field="error"]').count(), { timeout: 20_000 }).toBe(1);
    expect(await card.locator('[data-field="error"]').innerText()).toMatch(/签名不符.*保留原版本|保留原版本.*签名不符/s);
    expect(await card.locator('[data-field="version"]').innerText()).toBe('版本 1');
    expect((await packSnippets(page, 'e2e-bao')).find((r) => r.id === 'e2e-bao:greet')!.text).toContain('v1');

    served.set('/packs/bao.json', JSON.stringify(await signed(pack(2))));
    await page.getByRole('button', { name: '立即检查更新' }).click();
    await expect.poll(() => card.locator('[data-field="version"]').innerText(), { timeout: 20_000 }).toBe('版本 2');
    // The pack row and the subscription's status are two writes: the card may show 版本 2 a moment before the error goes.
    await expect.poll(() => card.locator('[data-field="error"]').count()).toBe(0);
    expect((await packSnippets(page, 'e2e-bao')).find((r) => r.id === 'e2e-bao:greet')!.text).toContain('v2');
    await page.close();
  });

  it('shows what policy set as locked (由管理员设置) in the options page', async () => {
    const page = await optionsPage('packs');
    await page.locator('[data-card="pack-policy"]').waitFor({ timeout: 20_000 });
    for (const setting of ['packUrls', 'trustedKeys', 'allowAgentPacks', 'allowPersonalSnippets', 'snippetTrigger', 'packPollMinutes']) {
      expect(await page.locator(`[data-setting="${setting}"]`).innerText(), setting).toContain('由管理员设置');
    }
    expect(await page.locator('[data-setting="trustedKeys"]').innerText()).toContain(lead.publicKey);
    expect(await page.locator('[data-setting="packPollMinutes"] input').isDisabled()).toBe(true);
    expect(await page.locator('[data-card="add-pack"]').innerText()).toContain('管理员不允许坐席自行添加话术包');
    expect(await page.locator('[data-card="add-pack"] input[type="file"]').count()).toBe(0);

    await page.goto(browser.extensionUrl('options.html#sites'));
    await page.reload();
    const site = page.locator('[data-site="sea-test"]');
    await site.waitFor({ timeout: 20_000 });
    expect(await site.locator('h2').innerText()).toContain('由管理员设置');
    const copy = site.locator('input[data-feature="copy-fields"]');
    expect([await copy.isChecked(), await copy.isDisabled()]).toEqual([false, true]);
    const other = site.locator('input[data-feature="same-id"]');
    expect([await other.isChecked(), await other.isDisabled()]).toEqual([true, false]);
    await page.close();
  });

  it('switches copy-fields off on the policy\'s site (localhost) and not on the other (127.0.0.1)', async () => {
    // Page scripts read the policy the background cached; wait until it has this policy.
    await expect.poll(() => browser.context.serviceWorkers()[0]!.evaluate(async () =>
      ((await (globalThis as any).chrome.storage.local.get('policyCache')).policyCache as any)?.sites?.length ?? 0), { timeout: 20_000 }).toBe(2);
    const detail = `/policy/${FACTS.selfPolicy}`;
    for (const [url, copyButtons] of [[demoUrl(detail), 'some'], [demoUrl(detail).replace('127.0.0.1', 'localhost'), 'none']] as const) {
      const page = await browser.newPage();
      const watch = watchConsole(page);
      await page.goto(url);
      // same-id runs on both sites: the page script is there and has applied the site's settings.
      await expect.poll(() => page.locator('[data-seakit="same-id"]').count(), { timeout: 15_000 }).toBe(1);
      const count = await page.locator('[data-seakit="copy-fields"]').count();
      if (copyButtons === 'some') expect(count, url).toBeGreaterThan(0);
      else expect(count, url).toBe(0);
      expect(watch.messages).toEqual([]);
      await page.close();
    }
  });

  it('a lead signs in Chromium (WebCrypto key, exportable only encrypted) and Node verifies the exported pack and key file', async () => {
    const page = await optionsPage('lead');
    await page.getByRole('button', { name: '生成签名密钥' }).click();
    const publicKey = (await page.locator('[data-field="public-key"]').innerText()).trim();
    expect(publicKey).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(await page.evaluate(() => new Promise((resolve) => {
      const open = indexedDB.open('seakit-lead');
      open.onsuccess = () => {
        const get = open.result.transaction('keys').objectStore('keys').get('default');
        get.onsuccess = () => resolve([get.result.kind, get.result.keys.privateKey.extractable]);
      };
    }))).toEqual(['webcrypto', true]);
    // The key file for another PC: encrypted PKCS#8 that Node (the CLI) opens with the passphrase.
    await page.locator('[data-field="key-file"] summary').first().click();
    await page.getByLabel('导出口令', { exact: true }).fill('换电脑时用的导出口令');
    await page.getByLabel('确认导出口令').fill('换电脑时用的导出口令');
    const [keyDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出密钥文件' }).click()]);
    const keyPem = await streamText(await keyDownload.createReadStream());
    expect(keyPem).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----/);
    const { createPrivateKey, createPublicKey } = await import('node:crypto');
    const fromFile = createPublicKey(createPrivateKey({ key: keyPem, passphrase: '换电脑时用的导出口令' })).export({ format: 'der', type: 'spki' });
    expect(Buffer.from(fromFile.subarray(-32)).toString('base64')).toBe(publicKey);

    await page.getByLabel('话术包编号').fill('lead-e2e');
    await page.getByLabel('话术包编号').dispatchEvent('change');
    await page.getByLabel('话术包名称').fill('组长测试包');
    await page.getByLabel('作者').fill('王组长');
    await page.getByLabel('选择话术表格').setInputFiles({
      name: '话术.csv', mimeType: 'text/csv',
      buffer: Buffer.from('\uFEFF分类,标题,内容,快捷词,标签\n开场,问候,您好，请问有什么可以帮您？,nh,电话\n结束,结束语,感谢来电，再见！,zj,\n'),
    });
    await expect.poll(() => page.locator('[data-card="lead-preview"] tbody tr').count()).toBe(2);
    expect(await page.locator('[data-field="lead-problems"]').count()).toBe(0);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '签名并导出' }).click()]);
    expect(download.suggestedFilename()).toBe('lead-e2e-v1.json');
    const exported = JSON.parse(await streamText(await download.createReadStream())) as Pack;
    expect(exported.signature!.key).toBe(publicKey);
    await expect(verifyPack(exported, [publicKey])).resolves.toBe(publicKey);
    exported.snippets[0]!.text += '！';
    await expect(verifyPack(exported, [publicKey])).rejects.toThrow('签名不符');
    await page.close();
  });
});

async function streamText(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
