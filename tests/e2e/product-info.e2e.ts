/**
 * product-info (issue 13 item 5) with the demo pack (tests/fixtures/packs/products.json) installed the way an
 * agent does, on every fixture: the demo SEA, Vue 3 + Element Plus, React + antd, and the classic admin with
 * its iframe tabs and dialog iframe. Beside every product name the pack knows (name or alias, full-width or
 * spaced), one out-of-flow chip with code and insurer; a FAQ chip opens the side panel on that FAQ, a link
 * chip opens the product page in a new tab without an opener. Also: the packs' glossary terms (item 7).
 *
 * Each test fails with the feature off: SEAKIT_E2E_FEATURES_OFF=1 switches product-info off first.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { checkEachPage, demoUrl, launchBrowser, watchConsole, type ConsoleWatch, type LaunchedBrowser } from './harness';
import { setFeature } from './helpers';
import { DEMO_PRODUCTS_PACK, importPackFile } from '../fixtures/browser.mjs';
import { startFrameworkServer } from '../fixtures/frameworks/serve.mjs';
import { startClassicServer } from '../fixtures/classic/serve.mjs';
import * as demo from '../fixtures/demo/data';
import * as classic from '../fixtures/classic/data.mjs';
import { productIndex, productKey, type ProductEntry } from '../../utils/products';
import type { Pack } from '../../utils/packs/format';

const pack = JSON.parse(readFileSync(DEMO_PRODUCTS_PACK, 'utf8')) as Pack;
const products: ProductEntry[] = pack.products!.map((p) => ({ packId: pack.id, packName: pack.name, aliases: [], faq: [], ...p }));
const index = productIndex(products);
/** The chip the contract of this feature expects beside a displayed product name (null: none). */
const expectedChip = (shown: string) => {
  const p = index.get(productKey(shown));
  return p ? `${p.code} · ${p.insurer}` : null;
};

let browser: LaunchedBrowser;
let frameworks: { url: string; close(): Promise<void> };
let classicServer: { url: string; close(): Promise<void> };
let page: Page;
let watch: ConsoleWatch;

/** The extension's own API, inside its service worker (evaluate() runs there, not in Node). */
declare const chrome: { storage: { session: { get(key: string): Promise<Record<string, any>> } } };

beforeAll(async () => {
  [browser, frameworks, classicServer] = await Promise.all([launchBrowser(), startFrameworkServer(), startClassicServer(0)]);
  await importPackFile(browser.context, browser.extensionId!, DEMO_PRODUCTS_PACK);
  if (process.env.SEAKIT_E2E_FEATURES_OFF) {
    await setFeature(browser, 'product-info', false);
    await setFeature(browser, 'glossary', false);
  }
  // The product pages are on the internet: answered here, so a link chip's tab has a page to show.
  await browser.context.route('https://example.com/**', (route) => route.fulfill({ contentType: 'text/html', body: '<title>产品页面</title>产品页面' }));
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await frameworks?.close();
  await classicServer?.close();
});
checkEachPage(() => ({ page, watch }));

async function open(url: string): Promise<Page> {
  page = await browser.newPage();
  watch = watchConsole(page);
  await page.goto(url);
  return page;
}

interface Cell {
  shown: string;
  chip: string | null;
  kind?: string;
  /** A list's chip is a small tag first in its cell, in the top padding (like same-id's): never in the flow of the name. */
  tag: boolean;
  inCell: boolean;
  /** Its box ends inside its cell (it never covers the next column). */
  fits: boolean;
}

/** Every 产品名称 cell of the list (by its header), its page text and the chip beside it. */
function productCells(root: Page | Frame, rows: string, headers: string): Promise<Cell[]> {
  return root.evaluate(({ rows, headers }) => {
    const own = (el: Element) => {
      const copy = el.cloneNode(true) as Element;
      copy.querySelectorAll('[data-seakit]').forEach((n) => n.remove());
      return copy.textContent!.trim();
    };
    const column = [...document.querySelectorAll(headers)].findIndex((th) => own(th).replace(/\s/g, '') === '产品名称');
    // The page core reads a long list's rows as they come into view: the rows on screen are the ones to check.
    const onScreen = (tr: Element) => {
      const box = tr.getBoundingClientRect();
      return box.bottom > 0 && box.top < innerHeight;
    };
    return [...document.querySelectorAll(rows)].filter(onScreen).map((tr) => {
      const td = tr.children[column];
      const chips = [...td.querySelectorAll('[data-seakit="product-info"]')] as HTMLElement[];
      return {
        shown: own(td),
        chip: chips.length === 1 ? chips[0].textContent : chips.length ? `${chips.length} chips` : null,
        kind: chips[0]?.dataset.kind,
        tag: chips.every((c) => td.firstElementChild === c && c.hasAttribute('data-in-row') && getComputedStyle(c).display === 'block'),
        inCell: chips.every((c) => td.contains(c)),
        fits: chips.every((c) => c.getBoundingClientRect().right <= td.getBoundingClientRect().right + 1),
      };
    });
  }, { rows, headers });
}

/** Every cell with the chip this feature promises, and at least one chip of each kind asked for. */
async function expectChips(root: Page | Frame, rows: string, headers: string, kinds: string[]) {
  await expect.poll(async () => (await productCells(root, rows, headers)).filter((c) => c.chip).length, { timeout: 15_000 }).toBeGreaterThan(0);
  const cells = await productCells(root, rows, headers);
  expect(cells.length).toBeGreaterThan(2);
  for (const cell of cells) {
    expect(cell.chip, cell.shown).toBe(expectedChip(cell.shown));
    if (cell.chip) expect([cell.tag, cell.inCell, cell.fits], cell.shown).toEqual([true, true, true]);
  }
  for (const kind of kinds) expect(cells.map((c) => c.kind), kind).toContain(kind);
  return cells;
}

const chip = (root: Page | Frame, kind: string) => root.locator(`[data-seakit="product-info"][data-kind="${kind}"]`).first();

/** The side panel page, as Chrome shows it beside SEA (a tab here: headless Chromium draws no side panel). */
async function openPanel(): Promise<Page> {
  const panel = await browser.newPage();
  await panel.setViewportSize({ width: 400, height: 760 });
  await panel.goto(browser.extensionUrl('sidepanel.html'));
  await panel.getByRole('tab', { name: '话术' }).waitFor();
  return panel;
}

/** A FAQ chip: the background keeps the request and the open panel shows that product's FAQ, as text. */
async function expectFaqOpens(root: Page | Frame) {
  const panel = await openPanel();
  try {
    const faqChip = chip(root, 'faq');
    const name = await faqChip.getAttribute('data-name');
    await faqChip.click();
    await expect.poll(() => browser.serviceWorker!.evaluate(() => chrome.storage.session.get('productFaq').then((v) => v.productFaq?.name))).toBe(name);
    const card = panel.locator('article.product');
    await expect.poll(() => card.locator('h2').innerText().catch(() => '')).toBe(name);
    expect(await panel.getByRole('tab', { name: '产品' }).getAttribute('aria-selected')).toBe('true');
    const product = products.find((p) => p.name === name)!;
    expect(await card.locator('.faq dt').allInnerTexts()).toEqual(product.faq.map((f) => `问：${f.q}`));
    expect(await card.locator('.faq dd').allInnerTexts()).toEqual(product.faq.map((f) => `答：${f.a}`));
    // Pack text is text: the answer's <b> is shown, not drawn.
    expect(await card.locator('b').count()).toBe(0);
    return panel;
  } catch (error) {
    await panel.close();
    throw error;
  }
}

/** A link chip opens the product page in a new tab, with no way back to SEA (noopener). */
async function expectLinkOpens(root: Page | Frame) {
  const link = chip(root, 'link');
  const href = await link.getAttribute('href');
  expect(products.map((p) => p.url)).toContain(href);
  const [popup] = await Promise.all([browser.context.waitForEvent('page'), link.click()]);
  await popup.waitForLoadState();
  expect(popup.url()).toBe(href);
  expect(await popup.evaluate(() => window.opener)).toBeNull();
  await popup.close();
  // SEA stayed where it was.
  expect(root.url()).not.toContain('example.com');
}

describe('demo SEA', () => {
  it('chips on known products in the list (alias, spacing and full-width matched), a tag in the cell’s top padding; FAQ opens the side panel', async () => {
    // 40 rows on one page: every product of the demo is in it.
    await open(demoUrl('/search?rows=40'));
    await page.getByRole('button', { name: '查 询' }).click();
    const rows = '.sea-table__body tr.sea-table__row';
    const cells = await expectChips(page, rows, '.sea-table__header th', ['faq', 'link']);
    // The pack writes 百万医疗险 2024版 and 综合意外险（个人版）; the demo shows them without the space and half-width.
    expect(cells.filter((c) => c.chip).every((c) => c.fits), 'a chip covers the next cell').toBe(true);
    const spaced = page.locator(rows, { hasText: '百万医疗险2024版' }).first();
    await spaced.scrollIntoViewIfNeeded();
    await expect.poll(() => spaced.locator('[data-seakit="product-info"]').textContent()).toBe('BW-2024 · 示例健康保险');
    const panel = await expectFaqOpens(page);
    mkdirSync('screenshots', { recursive: true });
    await panel.screenshot({ path: 'screenshots/product-faq.png' });
    await panel.close();
    await page.evaluate(() => scrollTo(0, 0));
    await page.waitForTimeout(300);
    await page.screenshot({ path: 'screenshots/product-info.png' });
    await expectLinkOpens(page);
  }, 120_000);

  it('chips on the detail view (产品名称 and 险种名称)', async () => {
    // A product with a FAQ (its chip ends in ？), on a 待支付 policy (its 缴费状态 code has a pack term).
    const withFaq = (p: demo.Policy) => !!index.get(productKey(p.product))?.faq.length;
    const policy = demo.policies.find((p) => withFaq(p) && p.status === '待支付') ?? demo.policies.find(withFaq)!;
    await open(demoUrl(`/policy/${policy.no}`));
    const chips = page.locator('[data-seakit="product-info"]');
    await expect.poll(() => chips.count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    expect(new Set(await chips.allTextContents())).toEqual(new Set([expectedChip(policy.product)]));
    mkdirSync('screenshots', { recursive: true });
    await page.screenshot({ path: 'screenshots/product-info-detail.png' });
  }, 60_000);

  it('switched off, the chips go; on again, they come back', async () => {
    await open(demoUrl('/search'));
    await page.getByRole('button', { name: '查 询' }).click();
    await expectChips(page, '.sea-table__body tr.sea-table__row', '.sea-table__header th', []);
    await setFeature(browser, 'product-info', false);
    await expect.poll(() => page.locator('[data-seakit="product-info"]').count()).toBe(0);
    await setFeature(browser, 'product-info', true);
    await expect.poll(() => page.locator('[data-seakit="product-info"]').count()).toBeGreaterThan(0);
  }, 60_000);
});

describe('glossary terms from packs (demo SEA)', () => {
  it('a pack term is shown beside its code, the page text unchanged', async () => {
    await open(demoUrl('/search?rows=40'));
    await page.getByRole('button', { name: '查 询' }).click();
    // A 待支付 policy's expand row (查看更多) shows 缴费状态 UNPAID; the pack says 待缴费 (built in: 未支付).
    const row = page.locator('.sea-table__body tr.sea-table__row', { hasText: '待支付' }).first();
    await row.getByText('查看更多').click();
    const value = page.locator('.kv', { hasText: '缴费状态' }).first().locator('span').nth(1);
    await expect.poll(() => value.evaluate((el) => el.querySelector('[data-seakit="glossary"]')?.textContent ?? null), { timeout: 10_000 })
      .toBe('待缴费');
    expect(await value.evaluate((el) => el.firstChild!.textContent)).toBe('UNPAID');
  }, 60_000);
});

/** A client-side route change, as a framework's router sees Back/Forward. */
async function pushRoute(to: string) {
  await page.evaluate((path) => {
    history.pushState(null, '', path);
    dispatchEvent(new PopStateEvent('popstate', { state: null }));
  }, new URL(to).pathname);
}

for (const app of ['vue', 'react'] as const) {
  describe(app === 'vue' ? 'Vue 3 + Element Plus' : 'React + antd', () => {
    it('chips on the detail view (full-width name), following route changes; FAQ in the side panel, a link to the product page', async () => {
      // The framework lists have no product column: their detail views show 产品名称.
      await open(`${frameworks.url}/${app}/policy/BD2025000101`);
      const chips = page.locator('[data-seakit="product-info"]');
      await expect.poll(() => chips.allTextContents(), { timeout: 15_000 }).toEqual(['AX-2025 · 安心财产保险']);
      expect(await chips.first().evaluate((el) => [getComputedStyle(el).position, el.parentElement!.firstChild!.textContent!.trim()]))
        .toEqual(['absolute', '安心百万医疗险（2025版）']);
      await page.screenshot({ path: `screenshots/product-info-${app}.png` });
      await (await expectFaqOpens(page)).close();

      await pushRoute(`${frameworks.url}/${app}/policy/BD2025000104`);
      await expect.poll(() => chips.allTextContents(), { timeout: 15_000 }).toEqual(['SE-ZJ · 示例人寿保险']);
      await expectLinkOpens(page);
      await pushRoute(`${frameworks.url}/${app}/policy/BD2025000103`);
      await expect.poll(() => chips.allTextContents(), { timeout: 15_000 }).toEqual(['CX-YW · 安心财产保险']);
    }, 120_000);
  });
}

describe('classic admin (iframe tabs, dialog iframe)', () => {
  it('chips in the 保单清单 tab’s list and in the 详情 dialog iframe; FAQ from inside a frame opens the side panel', async () => {
    await open(classicServer.url + '/');
    await page.locator('.sidebar .menuItem', { hasText: '保单清单' }).click();
    const listFrame = page.locator('.mainContent iframe[data-id^="/list"]');
    await listFrame.waitFor();
    const frame = (await (await listFrame.elementHandle())!.contentFrame())!;
    await frame.locator('#bigList td').first().waitFor();
    // The list writes 安心百万医疗险: an alias of AX-2025.
    await expectChips(frame, '#bigList tr:has(td)', '#bigList tr:first-child th', ['faq']);
    await (await expectFaqOpens(frame)).close();

    await page.locator('.sidebar .menuItem', { hasText: '保单查询' }).click();
    const tab = page.frameLocator('.mainContent iframe[data-id="/search"]');
    await tab.getByRole('button', { name: '查询' }).click();
    await tab.locator('.fixed-table-body tbody tr[data-index]').first().getByText('详情').click();
    const dialog = page.frameLocator('.layui-layer iframe');
    await expect.poll(() => dialog.locator('[data-seakit="product-info"]').allTextContents(), { timeout: 15_000 })
      .toEqual([expectedChip(classic.policies[0].product)]);
  }, 120_000);
});
