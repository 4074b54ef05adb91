/**
 * Every page-feature row of dom-contract.md on the classic admin fixture (tests/fixtures/classic): a top frame
 * with a menu and iframe tabs that stay alive when hidden, a dialog iframe in the top window (layer.open type 2),
 * and multi-page views with real jQuery, Bootstrap and bootstrap-table. Also after switching tabs, opening a
 * tab later, reloading a tab's iframe, and a full-page log round trip; and bad frames (issue 10).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, FrameLocator, Page } from 'playwright-core';
import { launchBrowser, watchConsole, type ConsoleWatch, type LaunchedBrowser } from './harness';
import { startClassicServer } from '../fixtures/classic/serve.mjs';
import { FACTS, policies, surrenders } from '../fixtures/classic/data.mjs';

let browser: LaunchedBrowser;
let server: { url: string; port: number; close(): Promise<void> };
let page: Page;
let watch: ConsoleWatch;

/** The extension's own API, inside its service worker (evaluate() runs there, not in Node). */
declare const chrome: { storage: { local: { get(key: string): Promise<Record<string, any>>; set(v: object): Promise<void>; remove(key: string): Promise<void> } } };

beforeAll(async () => {
  server = await startClassicServer(0);
  browser = await launchBrowser();
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});
afterEach(async () => {
  // Never break SEA: nothing the extension did may log an error or warning in the page or any of its frames.
  expect(watch.messages).toEqual([]);
  await page?.close();
});

async function openAdmin(path = '/') {
  page = await browser.newPage();
  watch = watchConsole(page);
  await page.goto(server.url + path);
}

const tab = (url: string): FrameLocator => page.frameLocator(`.mainContent iframe[data-id="${url}"]`);
const menu = (name: string) => page.locator('.sidebar .menuItem', { hasText: name }).click();
const dialog = (): FrameLocator => page.frameLocator('.layui-layer iframe');
/** The live Frame of a tab (for evaluate). */
const frameOf = async (selector: string): Promise<Frame> => (await page.locator(selector).elementHandle())!.contentFrame() as Promise<Frame>;

const searchTab = () => tab('/search');
const resultRows = (f: FrameLocator = searchTab()) => f.locator('.fixed-table-body tbody tr[data-index]');
async function search(f: FrameLocator = searchTab(), fields: Record<string, string> = {}) {
  for (const [label, value] of Object.entries(fields)) await f.getByLabel(label).fill(value);
  await f.getByRole('button', { name: '查询' }).click();
  await expect.poll(() => resultRows(f).count()).toBeGreaterThan(0);
}
const policyCells = (f: FrameLocator = searchTab()) => resultRows(f).locator('td:nth-child(1)');
const copyIn = (f: FrameLocator, scope = 'body') => f.locator(`${scope} button[data-seakit="copy-fields"]`);

describe('copy-fields', () => {
  it('one labelled button per value in a bootstrap-table tab, after paging, switching tabs, a tab opened later and a reloaded tab', async () => {
    await openAdmin();
    await search();
    const check = async () => {
      await expect.poll(() => copyIn(searchTab(), '.fixed-table-body tbody td:nth-child(1)').count()).toBe(await resultRows().count());
      for (let i = 0; i < (await resultRows().count()); i++) {
        const buttons = policyCells().nth(i).locator('[data-seakit="copy-fields"]');
        expect(await buttons.count(), `row ${i + 1}`).toBe(1);
        expect(await buttons.getAttribute('aria-label')).toBe('复制保单号');
      }
      // The value sits in a link: the button is beside it, never inside it.
      expect(await searchTab().locator('a [data-seakit]').count()).toBe(0);
      // Nothing in the split header table.
      expect(await searchTab().locator('.fixed-table-header [data-seakit]').count()).toBe(0);
    };
    await check();
    await searchTab().locator('.page-link', { hasText: '2' }).click();
    await expect.poll(() => policyCells().first().innerText()).toContain(policies[5].policyNo);
    await check();

    // Another tab opened later, then back: the hidden tab kept its page and its buttons.
    await menu('退保记录');
    await expect.poll(() => copyIn(tab('/surrenders')).count()).toBeGreaterThan(0);
    await page.locator('.menuTab', { hasText: '保单查询' }).click();
    await check();

    const button = policyCells().first().locator('[data-seakit="copy-fields"]');
    await button.click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(policies[5].policyNo);
    await expect.poll(() => button.innerText()).toBe('已复制');

    // Reloading the tab's iframe (刷新当前页): a new page, a new page core, the same result.
    await page.getByRole('button', { name: '刷新当前页' }).click();
    await expect.poll(() => resultRows().count()).toBe(0);
    await search();
    await check();
    // The top frame (menu and tabs, no data) got nothing.
    expect(await page.locator('[data-seakit]:not(style)').count()).toBe(0);
  });

  it('reads two label/value pairs per row (labels in td with ：, a value in a link, &nbsp; padding) in a dialog iframe', async () => {
    await openAdmin();
    await search();
    await resultRows().first().getByText('详情').click();
    const detail = dialog();
    await expect.poll(() => copyIn(detail).count()).toBe(7);
    expect(await copyIn(detail).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')))).toEqual(
      ['复制保单号码', '复制订单编号', '复制投保人', '复制投保人证件号', '复制被保人', '复制被保人证件号', '复制联系电话']);
    await copyIn(detail).first().click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(FACTS.selfPolicy);
    // Closing the dialog removes its frame and everything in it; nothing is left in the top window.
    await page.getByRole('link', { name: '关闭' }).click();
    expect(await page.locator('.layui-layer').count()).toBe(0);
    expect(await page.locator('[data-seakit]:not(style)').count()).toBe(0);
  });
});

describe('surrender-source', () => {
  it('labels every row of a headerless table (<td><b>…</b></td> headers), also after switching tabs and a reload', async () => {
    await openAdmin();
    await menu('退保记录');
    const badges = () => tab('/surrenders').locator('[data-seakit="surrender-source"]');
    const kinds = () => badges().evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
    const want = surrenders.map((s) => s[5]);
    await expect.poll(kinds).toEqual(want);
    expect(await tab('/surrenders').locator('tr').first().locator('[data-seakit]').count()).toBe(0);
    await menu('保单查询');
    await menu('退保记录');
    expect(await kinds()).toEqual(want);
    await page.getByRole('button', { name: '刷新当前页' }).click();
    await expect.poll(kinds).toEqual(want);
  });
});

describe('same-id', () => {
  it('marks equal IDs with 本人, a conflicting relationship and a wrong check digit, in list rows and in detail dialogs', async () => {
    await openAdmin();
    await search();
    const row = (no: string) => resultRows().filter({ hasText: no });
    await expect.poll(() => row(FACTS.selfPolicy).locator('[data-seakit="same-id"]').count()).toBe(1);
    expect(await row(FACTS.selfPolicy).locator('[data-seakit="same-id"]').innerText()).toContain('本人');
    expect(await row(FACTS.conflictPolicy).locator('[data-seakit-conflict]').count()).toBeGreaterThan(0);
    expect(await row(FACTS.invalidInsuredIdPolicy).locator('[data-seakit="id-invalid"]').innerText()).toBe('证件号校验位错误');
    expect(await row(policies[4].policyNo).locator('[data-seakit="same-id"], [data-seakit-conflict]').count()).toBe(0);

    await row(FACTS.conflictPolicy).getByText('详情').click();
    await expect.poll(() => dialog().locator('[data-seakit="same-id"]').count()).toBe(1);
    expect(await dialog().locator('[data-seakit-conflict]').count()).toBeGreaterThan(0);
  });
});

describe('paste-trim', () => {
  it('trims a real paste into a search field inside a tab; jQuery reads the trimmed value', async () => {
    await openAdmin();
    await page.evaluate(() => navigator.clipboard.writeText('\u3000 BD2025100002\u00a0\n'));
    const input = searchTab().getByLabel('保单号');
    await input.click();
    await page.keyboard.press('Control+v');
    await expect.poll(() => input.inputValue()).toBe(FACTS.conflictPolicy);
    await searchTab().getByRole('button', { name: '查询' }).click();
    await expect.poll(() => resultRows().count()).toBe(1);
    // A textarea (the chat's reply box) keeps what was pasted.
    await menu('在线客服');
    const reply = tab('/chat').getByLabel('回复内容');
    await reply.click();
    await page.keyboard.press('Control+v');
    expect(await reply.inputValue()).toBe('\u3000 BD2025100002\u00a0\n');
  });
});

describe('view-more-mark', () => {
  it('marks the row, keeps it across paging, a reloaded tab, and shows it in another frame at once', async () => {
    await openAdmin();
    await search();
    // A second view of the list in a dialog iframe, open before the click.
    await page.evaluate(() => (window as any).layer.open({ type: 2, title: '保单查询', content: '/search' }));
    await search(dialog());
    const viewed = (f: FrameLocator) => f.locator('tr[data-seakit-viewed]').evaluateAll((rows) => rows.map((r) => r.querySelector('td')!.textContent!.trim()));
    await page.getByRole('link', { name: '关闭' }).click();

    await resultRows().filter({ hasText: FACTS.conflictPolicy }).getByText('查看更多').click();
    await expect.poll(() => viewed(searchTab())).toEqual([FACTS.conflictPolicy]);
    const background = await resultRows().filter({ hasText: FACTS.conflictPolicy }).evaluate((r) => getComputedStyle(r.querySelector('td')!).backgroundColor);
    const plain = await resultRows().filter({ hasText: FACTS.selfPolicy }).evaluate((r) => getComputedStyle(r.querySelector('td')!).backgroundColor);
    expect(background).not.toBe(plain);

    await searchTab().locator('.page-link', { hasText: '2' }).click();
    await expect.poll(() => viewed(searchTab())).toEqual([]);
    await searchTab().locator('.page-link', { hasText: '1' }).click();
    await expect.poll(() => viewed(searchTab())).toEqual([FACTS.conflictPolicy]);

    // Another frame (a dialog opened now) and a reloaded tab (a new page load) show it too.
    await page.evaluate(() => (window as any).layer.open({ type: 2, title: '保单查询', content: '/search' }));
    await search(dialog());
    await expect.poll(() => viewed(dialog())).toEqual([FACTS.conflictPolicy]);
    await page.getByRole('link', { name: '关闭' }).click();
    await page.getByRole('button', { name: '刷新当前页' }).click();
    await search();
    await expect.poll(() => viewed(searchTab())).toEqual([FACTS.conflictPolicy]);

    // Stored by key, never the policy number.
    const stored = JSON.stringify(await browser.serviceWorker!.evaluate(() => chrome.storage.local.get('viewMarks')));
    expect(stored).not.toContain(FACTS.conflictPolicy);
  });

  it('a mark made in one tab shows at once in another tab that is already open', async () => {
    await openAdmin();
    await search();
    await page.evaluate(() => (window as any).openTab('/search?again=1', '保单查询2'));
    const second = tab('/search?again=1');
    await search(second);
    await page.locator('.menuTab', { hasText: /^保单查询×?$/ }).click();
    await resultRows().filter({ hasText: policies[4].policyNo }).getByText('查看更多').click();
    await expect.poll(() => second.locator('tr[data-seakit-viewed]').count()).toBe(1);
    expect(await second.locator('tr[data-seakit-viewed]').innerText()).toContain(policies[4].policyNo);
  });
});
