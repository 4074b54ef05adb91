/**
 * Every page-feature row of dom-contract.md on the classic admin fixture (tests/fixtures/classic): a top frame
 * with a menu and iframe tabs that stay alive when hidden, a dialog iframe in the top window (layer.open type 2),
 * and multi-page views with real jQuery, Bootstrap and bootstrap-table. Also after switching tabs, opening a
 * tab later, reloading a tab's iframe, and a full-page log round trip; and bad frames (issue 10).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, FrameLocator, Page } from 'playwright-core';
import { checkEachPage, launchBrowser, watchConsole, type ConsoleWatch, type LaunchedBrowser } from './harness';
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
checkEachPage(() => ({ page, watch }));

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
  afterEach(() => browser.serviceWorker!.evaluate(() => chrome.storage.local.remove('viewMarks')));

  it('marks the row, keeps it across paging, a reloaded tab, and shows it in another frame at once', async () => {
    await openAdmin();
    await search();
    // A second view of the list in a dialog iframe, open before the click.
    await page.evaluate(() => (window as any).layer.open({ type: 2, title: '保单查询', content: '/search' }));
    await search(dialog());
    const viewed = (f: FrameLocator) => f.locator('tr[data-seakit-viewed]').evaluateAll((rows) => rows.map((r) => r.querySelector('td')!.textContent!.match(/BD\d+/)![0]));
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
    await page.locator('.menuTab[data-id="/search"]').click();
    await resultRows().filter({ hasText: policies[4].policyNo }).getByText('查看更多').click();
    await expect.poll(() => second.locator('tr[data-seakit-viewed]').count()).toBe(1);
    expect(await second.locator('tr[data-seakit-viewed]').innerText()).toContain(policies[4].policyNo);
  });
});

describe('log-return', () => {
  it('full-page log in the same tab: 返回保单 brings back the search with its fields filled and its results shown, searched once', async () => {
    await openAdmin();
    await search(searchTab(), { 投保人: '李' });
    expect(await resultRows().count()).toBe(1);
    // A full page load of the log in the tab's iframe (no-store: the search page's state is gone).
    await resultRows().first().getByText('查看日志').click();
    const button = searchTab().locator('button[data-seakit="log-return"]');
    await button.waitFor();
    expect(await button.innerText()).toBe('返回保单');
    expect(await button.count()).toBe(1);
    await button.click();
    await expect.poll(() => searchTab().getByRole('textbox', { name: '投保人：' }).inputValue()).toBe('李');
    await expect.poll(() => resultRows().count()).toBe(1);
    expect(await resultRows().first().innerText()).toContain(FACTS.conflictPolicy);
    await page.waitForTimeout(500);
    expect(await searchTab().locator('body').getAttribute('data-searches')).toBe('1');
    // The other tabs were not taken back through the tab's joint history.
    expect(await page.locator('.menuTab').count()).toBe(1);
  });

  it('a log opened from a detail in a dialog iframe returns to that detail in the dialog', async () => {
    await openAdmin();
    await menu('退保记录');
    await menu('保单查询');
    await search();
    await resultRows().filter({ hasText: policies[2].policyNo }).getByText('详情').click();
    await dialog().getByText('查看日志').click();
    const button = dialog().locator('button[data-seakit="log-return"]');
    await button.waitFor();
    await button.click();
    // The log's own cells also name the policy: wait for the detail's heading, then its cells.
    await expect.poll(() => dialog().locator('h4').innerText().catch(() => '')).toBe('保单详情');
    await expect.poll(() => dialog().locator('td', { hasText: policies[2].policyNo }).count()).toBeGreaterThan(0);
    // The tabs behind the dialog stayed where they were.
    expect(await resultRows().count()).toBeGreaterThan(0);
    expect(await tab('/surrenders').locator('h4').innerText()).toBe('退保记录');
  });
});

describe('snippets and phrase-check in a chat tab', () => {
  const GREETING = '您好，欢迎咨询，很高兴为您服务，请问有什么可以帮您？';

  it('opens the picker on // in the framed reply box, inserts with Enter, and jQuery sends the text', async () => {
    await openAdmin();
    await menu('在线客服');
    const chat = tab('/chat');
    const reply = chat.getByLabel('回复内容');
    await reply.click();
    await page.keyboard.type('//hy');
    const picker = chat.locator('[data-seakit="snippet-picker"]');
    await expect.poll(() => picker.locator('[role="option"] .title').first().innerText().catch(() => '')).toBe('欢迎语');
    await page.keyboard.press('Enter');
    expect(await reply.inputValue()).toBe(GREETING);
    expect(await picker.count()).toBe(0);
    await page.keyboard.press('Enter');
    await expect.poll(() => chat.locator('.msg.agent').last().innerText()).toBe(GREETING);
    // Nothing of the picker leaked into the top window or another tab.
    expect(await page.locator('[data-seakit="snippet-picker"]').count()).toBe(0);
  });

  it('names a 服务禁语 under the framed reply box and changes nothing', async () => {
    await openAdmin();
    await menu('在线客服');
    const chat = tab('/chat');
    await chat.getByLabel('回复内容').click();
    await page.keyboard.type('不好意思，请稍等');
    const note = chat.locator('[data-seakit="phrase-check"]');
    await expect.poll(() => note.count()).toBe(1);
    expect(await note.innerText()).toContain('不好意思');
    expect(await chat.getByLabel('回复内容').inputValue()).toBe('不好意思，请稍等');
  });
});

describe('surrender-alert in a chat tab', () => {
  it('shows one 退保预警 note beside the framed reply box when the customer wants to surrender', async () => {
    await openAdmin();
    await menu('在线客服');
    const note = tab('/chat').locator('[data-seakit="surrender-alert"][role="alert"]');
    await expect.poll(() => note.count()).toBe(1);
    expect(await note.innerText()).toContain('退保预警');
    // The search tab (no reply box, no conversation) has none.
    expect(await searchTab().locator('[data-seakit="surrender-alert"]').count()).toBe(0);
  });
});

describe('settings for a framed site', () => {
  it('switching a feature off in the options page takes it away in every frame without a reload, and back on', async () => {
    const { setFeature } = await import('./helpers');
    await openAdmin();
    await search();
    await resultRows().first().getByText('详情').click();
    await expect.poll(() => copyIn(dialog()).count()).toBe(7);
    const inTab = () => copyIn(searchTab()).count();
    expect(await inTab()).toBeGreaterThan(0);
    await setFeature(browser, 'copy-fields', false);
    try {
      await expect.poll(inTab).toBe(0);
      await expect.poll(() => copyIn(dialog()).count()).toBe(0);
    } finally {
      await setFeature(browser, 'copy-fields', true);
    }
    await expect.poll(inTab).toBeGreaterThan(0);
    await expect.poll(() => copyIn(dialog()).count()).toBe(7);
  });
});

describe('snippets across frames', () => {
  const p = policies[4];
  const CHECK = `请您核对保单信息：投保人${p.applicant}，被保人${p.insured}，保单号${p.policyNo}，产品名称${p.product}，请问信息是否正确？`;

  it('fills placeholders in the chat tab from the policy shown in another tab of the same admin', async () => {
    await openAdmin();
    await page.evaluate((no) => (window as any).openTab(`/detail?policyNo=${no}`, '保单详情'), p.policyNo);
    await tab(`/detail?policyNo=${p.policyNo}`).locator('[data-seakit="copy-fields"]').first().waitFor();
    await menu('在线客服');
    const chat = tab('/chat');
    await chat.getByLabel('回复内容').click();
    await page.keyboard.type('//hdbd');
    await expect.poll(() => chat.locator('[data-seakit="snippet-picker"] [role="option"] .title').first().innerText().catch(() => '')).toBe('核对保单信息');
    await page.keyboard.press('Enter');
    await expect.poll(() => chat.getByLabel('回复内容').inputValue()).toBe(CHECK);
  });

  it('the side panel inserts into the frame where the caret is, with the other frame\'s placeholders', async () => {
    await openAdmin();
    await page.evaluate((no) => (window as any).openTab(`/detail?policyNo=${no}`, '保单详情'), p.policyNo);
    await menu('在线客服');
    const reply = tab('/chat').getByLabel('回复内容');
    await reply.click();
    await page.keyboard.type('您好，');
    const panel = await browser.newPage();
    try {
      await panel.goto(browser.extensionUrl('sidepanel.html'));
      await panel.getByRole('searchbox', { name: '搜索话术' }).fill('核对保单');
      await panel.locator('.item__main', { hasText: '核对保单信息' }).first().click();
      await expect.poll(() => panel.getByRole('status').innerText()).toContain('已插入');
      expect(await reply.inputValue()).toBe(`您好，${CHECK}`);
      // Not into the search tab's fields or the top window.
      expect(await searchTab().getByLabel('保单号').inputValue()).toBe('');
    } finally {
      await panel.close();
    }
  });
});

describe('frames', () => {
  it('a page with 50 frames (script-written about:blank, sandboxed, cross-origin) and frames removed mid-pass: no error', async () => {
    const other = `http://localhost:${server.port}`;
    await openAdmin(`/frames?other=${encodeURIComponent(other)}`);
    const frames = page.locator('iframe');
    expect(await frames.count()).toBe(50);
    // Same-origin views and the blank frames written by script get their features.
    const slow = { timeout: 30_000 };
    await expect.poll(() => page.frameLocator('iframe[data-kind="view"] >> nth=0').locator('[data-seakit="surrender-source"]').count(), slow).toBe(surrenders.length);
    await expect.poll(() => page.frameLocator('iframe[data-kind="blank"] >> nth=0').locator('[data-seakit="copy-fields"]').count(), slow).toBe(2);
    await expect.poll(() => page.frameLocator('iframe[data-kind="cross-origin"] >> nth=0').locator('[data-seakit="surrender-source"]').count(), slow).toBe(surrenders.length);
    // Remove frames while their passes run, and add ones that are removed at once.
    await page.evaluate(() => {
      const holder = document.getElementById('frames')!;
      for (const frame of [...holder.querySelectorAll('iframe')].slice(0, 25)) frame.remove();
      for (let i = 0; i < 10; i++) {
        const frame = document.createElement('iframe');
        frame.src = '/list?rows=300';
        holder.append(frame);
        setTimeout(() => frame.remove(), i * 20);
      }
    });
    await page.waitForTimeout(1500);
    expect(await frames.count()).toBe(25);
    // The top page shows no leftovers of removed frames (nothing of ours at all outside its own frames).
    expect(await page.locator('[data-seakit]:not(style)').count()).toBe(0);
  }, 120_000);

  it('a SEA frame inside a non-SEA workbench gets SEA Kit; a non-SEA frame inside SEA does not', async () => {
    const onlyLocalhost = { id: 'demo', name: '演示', matches: ['*://localhost/*'], features: {}, labels: {}, selectors: {}, rules: {} };
    await browser.serviceWorker!.evaluate((site) => chrome.storage.local.set({ settings: { sites: [site] } }), onlyLocalhost);
    try {
      const sea = `http://localhost:${server.port}`;
      // The workbench (127.0.0.1, not SEA) embeds SEA's surrender list (localhost).
      await openAdmin(`/workbench?frame=${encodeURIComponent(`${sea}/surrenders`)}`);
      const embedded = page.frameLocator('#embedded');
      await expect.poll(() => embedded.locator('[data-seakit="surrender-source"]').count()).toBe(surrenders.length);
      await page.waitForTimeout(300);
      expect(await page.locator('[data-seakit]').count()).toBe(0);
      await page.close();
      // SEA (localhost) embedding a page of another site (127.0.0.1).
      page = await browser.newPage();
      watch = watchConsole(page);
      await page.goto(`${sea}/workbench?frame=${encodeURIComponent(`${server.url}/surrenders`)}`);
      await expect.poll(() => page.locator('[data-seakit="copy-fields"]').count()).toBe(2);
      await page.waitForTimeout(500);
      expect(await page.frameLocator('#embedded').locator('[data-seakit]').count()).toBe(0);
    } finally {
      await browser.serviceWorker!.evaluate(() => chrome.storage.local.remove('settings'));
    }
  });
});
