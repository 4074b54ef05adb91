/**
 * SEA's layout is left alone (issue 12, point 1): on every fixture, every table cell and row has the
 * same box with SEA Kit as without it (no wrapping, no taller rows, no wider columns), while the
 * enhancements are there. Copy buttons in lists stay quiet until the row is hovered or the button
 * is reached by keyboard.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { demoUrl, launchBrowser, type LaunchedBrowser } from './harness';
import { startFrameworkServer } from '../fixtures/frameworks/serve.mjs';
import { startClassicServer } from '../fixtures/classic/serve.mjs';
import { DEMO_PRODUCTS_PACK, importPackFile } from '../fixtures/browser.mjs';

let withKit: LaunchedBrowser;
let without: LaunchedBrowser;
let frameworks: { url: string; close(): Promise<void> };
let classic: { url: string; close(): Promise<void> };

beforeAll(async () => {
  [withKit, without, frameworks, classic] = await Promise.all([launchBrowser(), launchBrowser({ extension: false }), startFrameworkServer(), startClassicServer(0)]);
  // Product chips beside product names are in the cells too (the pack the demo ships).
  await importPackFile(withKit.context, withKit.extensionId!, DEMO_PRODUCTS_PACK);
}, 120_000);

afterAll(async () => {
  await Promise.all([withKit?.close(), without?.close(), frameworks?.close(), classic?.close()]);
});

interface View {
  name: string;
  url: () => string;
  /** Clicks 查询 first (the framework apps show results only after a search). */
  search?: boolean;
  /** What SEA Kit must have added before the boxes count (so the test cannot pass on an empty page). */
  expects: string;
  /** The classic admin: the view is an iframe (a tab, the 详情 dialog) reached by clicks; its boxes are measured there. */
  frame?: (page: Page) => Promise<Frame>;
}

/** The classic admin's tab for `url` (opened from the menu unless it is the first tab), loaded. */
async function classicTab(page: Page, url: string, menuItem?: string): Promise<Frame> {
  if (menuItem) await page.locator('.sidebar .menuItem', { hasText: menuItem }).click();
  const frame = (await (await page.waitForSelector(`.mainContent iframe[data-id="${url}"]`)).contentFrame())!;
  await frame.waitForLoadState();
  return frame;
}

/** The classic admin's 保单查询 tab after 查询 (bootstrap-table draws the rows). */
async function classicSearch(page: Page): Promise<Frame> {
  const frame = await classicTab(page, '/search');
  await frame.getByRole('button', { name: '查询' }).click();
  return frame;
}

const views: View[] = [
  { name: '演示 保单查询', url: () => demoUrl('/search?rows=40'), expects: '[data-seakit="product-info"]' },
  { name: '演示 退保记录', url: () => demoUrl('/surrenders'), expects: '[data-seakit="surrender-source"]' },
  { name: 'Element Plus 保单查询', url: () => `${frameworks.url}/vue/search`, search: true, expects: '[data-seakit="same-id"]' },
  { name: 'Element Plus 保单详情', url: () => `${frameworks.url}/vue/policy/BD2025000102`, expects: '[data-seakit="same-id"]' },
  { name: 'Element Plus 退保记录', url: () => `${frameworks.url}/vue/surrenders`, expects: '[data-seakit="surrender-source"]' },
  { name: 'Ant Design 保单查询', url: () => `${frameworks.url}/react/search`, search: true, expects: '[data-seakit="same-id"]' },
  { name: 'Ant Design 保单详情', url: () => `${frameworks.url}/react/policy/BD2025000102`, expects: '[data-seakit="same-id"]' },
  { name: 'Ant Design 退保记录', url: () => `${frameworks.url}/react/surrenders`, expects: '[data-seakit="surrender-source"]' },
  { name: '经典后台 保单查询标签页', url: () => `${classic.url}/`, frame: classicSearch, expects: '[data-seakit="copy-fields"]' },
  {
    name: '经典后台 详情弹窗',
    url: () => `${classic.url}/`,
    frame: async (page) => {
      const tab = await classicSearch(page);
      await tab.locator('tbody tr[data-index]').first().getByText('详情').click();
      const dialog = (await (await page.waitForSelector('.layui-layer iframe')).contentFrame())!;
      await dialog.waitForLoadState();
      return dialog;
    },
    expects: '[data-seakit="copy-fields"]',
  },
  { name: '经典后台 退保记录标签页', url: () => `${classic.url}/`, frame: (page) => classicTab(page, '/surrenders', '退保记录'), expects: '[data-seakit="surrender-source"]' },
  { name: '经典后台 保单清单标签页', url: () => `${classic.url}/`, frame: (page) => classicTab(page, '/list?rows=200', '保单清单'), expects: '[data-seakit="product-info"]' },
];

/**
 * Every cell and row box of the page, rounded to a tenth of a pixel, placed relative to its table: the contract puts
 * some UI above a list or a detail view (status-filter's bar, policy-summary's card), which may move the table as a
 * whole, but nothing may change a cell's size or its place inside the table.
 */
function boxes(page: Page | Frame): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('tr, td, th')].map((el) => {
      const r = el.getBoundingClientRect();
      const t = el.closest('table')!.getBoundingClientRect();
      return `${el.tagName} ${(r.x - t.x).toFixed(1)},${(r.y - t.y).toFixed(1)} ${r.width.toFixed(1)}x${r.height.toFixed(1)}`;
    }),
  );
}

/** The view, drawn, with what SEA Kit adds; `target` is where its table is (the page, or the classic admin's iframe). */
async function openView(browser: LaunchedBrowser, view: View, waitFor?: string): Promise<{ page: Page; target: Page | Frame }> {
  const page = await browser.newPage();
  await page.goto(view.url());
  const target = view.frame ? await view.frame(page) : page;
  if (view.search) await target.locator('button[type="submit"]').click();
  await target.locator('tbody tr:not([aria-hidden]) td').first().waitFor();
  if (waitFor) await target.locator(waitFor).first().waitFor({ state: 'attached' });
  // Two frames: whatever SEA Kit adds in the frame after the rows are drawn is in.
  await target.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await page.waitForTimeout(300);
  return { page, target };
}

async function open(browser: LaunchedBrowser, view: View, waitFor?: string): Promise<Page> {
  return (await openView(browser, view, waitFor)).page;
}

describe('SEA Kit never changes SEA’s layout', () => {
  for (const view of views) {
    it(`${view.name}: every cell and row box is the same with and without SEA Kit`, async () => {
      const [a, b] = await Promise.all([openView(withKit, view, view.expects), openView(without, view)]);
      try {
        const withBoxes = await boxes(a.target);
        const withoutBoxes = await boxes(b.target);
        expect(withBoxes.length).toBeGreaterThan(10);
        expect(withBoxes).toEqual(withoutBoxes);
      } finally {
        await Promise.all([a.page.close(), b.page.close()]);
      }
    }, 60_000);
  }
});

describe('copy buttons in lists', () => {
  /** Drawn: its icon and box show (quiet buttons draw nothing, yet keep their box: a click still lands). */
  const drawn = (el: Element) => getComputedStyle(el).backgroundImage !== 'none' && getComputedStyle(el).borderTopColor !== 'rgba(0, 0, 0, 0)';
  const shown = (page: Page, selector: string) => page.locator(selector).first().evaluate(drawn);

  it('stay quiet until the row is hovered, and show when reached by keyboard', async () => {
    const page = await open(withKit, views[0], views[0].expects);
    try {
      const firstRow = 'tbody tr:nth-child(1) [data-seakit="copy-fields"]';
      const secondRow = 'tbody tr:nth-child(2) [data-seakit="copy-fields"]';
      expect(await shown(page, firstRow)).toBe(false);
      await page.locator('tbody tr:nth-child(1) td').nth(1).hover();
      expect(await shown(page, firstRow)).toBe(true);
      expect(await shown(page, secondRow)).toBe(false);

      // Keyboard: Tab from the last search field reaches a copy button, which then shows.
      await page.mouse.move(0, 0);
      await page.locator('#q-insuredId').focus();
      let reached = false;
      for (let i = 0; i < 40 && !reached; i++) {
        await page.keyboard.press('Tab');
        reached = await page.evaluate(() => document.activeElement?.getAttribute('data-seakit') === 'copy-fields');
      }
      expect(reached).toBe(true);
      expect(await page.evaluate(`(${drawn})(document.activeElement)`)).toBe(true);
      expect(await page.evaluate(() => document.activeElement!.getAttribute('aria-label'))).toMatch(/^复制/);
    } finally {
      await page.close();
    }
  }, 60_000);
});

describe('badges beside IDs in list rows', () => {
  // A small tag in the ID cell's top padding: a narrow ID column leaves no room after the number, where the badge
  // used to lie over the next column's text (与投保人关系 read “本人 人”).
  for (const view of [views[2], views[5]]) {
    it(`${view.name}: every same-id badge in a row sits inside its cell, above the ID, all its words still read out`, async () => {
      const page = await open(withKit, view, view.expects);
      await page.setViewportSize({ width: 1280, height: 800 });
      try {
        const badges = await page.locator('tbody [data-seakit="same-id"]').evaluateAll((els) =>
          els.map((el) => {
            const box = el.getBoundingClientRect();
            const cell = el.closest('td, th')!.getBoundingClientRect();
            const range = document.createRange();
            const id = [...el.closest('td, th')!.querySelectorAll('*')].concat(el.closest('td, th')!)
              .flatMap((e) => [...e.childNodes]).find((n) => n.nodeType === 3 && /\d{6}/.test(n.nodeValue ?? ''))!;
            range.selectNodeContents(id);
            const text = range.getBoundingClientRect();
            return {
              inside: box.left >= cell.left - 0.5 && box.right <= cell.right + 0.5 && box.top >= cell.top - 2 && box.bottom <= cell.bottom,
              aboveId: box.bottom <= text.top + 2,
              text: (el as HTMLElement).innerText,
              title: el.getAttribute('title'),
            };
          }));
        expect(badges.length).toBeGreaterThan(0);
        for (const b of badges) {
          expect(b).toMatchObject({ inside: true, aboveId: true, text: '本人（投被保人证件号相同）' });
          expect(b.title).toContain('证件号相同');
        }
      } finally {
        await page.close();
      }
    }, 60_000);
  }
});

describe('badges beside IDs in narrow detail cells', () => {
  const details: Array<View & { badge: string; words: string; title: string }> = [
    { ...views[3], badge: '[data-seakit="same-id"]', words: '本人（投被保人证件号相同）', title: '证件号相同' },
    { ...views[6], badge: '[data-seakit="same-id"]', words: '本人（投被保人证件号相同）', title: '证件号相同' },
    {
      name: 'Element Plus 保单详情（校验位错误）', url: () => `${frameworks.url}/vue/policy/BD2025000103`, expects: '[data-seakit="id-invalid"]',
      badge: '[data-seakit="id-invalid"]', words: '证件号校验位错误', title: '校验码',
    },
  ];
  for (const view of details) {
    it(`${view.name}: the badge stays inside its cell (the page's card cut it off), all its words still read out`, async () => {
      const page = await open(withKit, view, view.expects);
      try {
        const badge = page.locator(view.badge).first();
        // Fitted in the frame after it was placed (open() waits two frames).
        const [box, cell] = await badge.evaluate((el) =>
          [el.getBoundingClientRect(), el.closest('td, th')!.getBoundingClientRect()].map((r) => [r.left, r.right]));
        expect(box[0]).toBeGreaterThanOrEqual(cell[0]);
        expect(box[1]).toBeLessThanOrEqual(cell[1]);
        expect(await badge.innerText()).toBe(view.words);
        expect(await badge.getAttribute('title')).toContain(view.title);
      } finally {
        await page.close();
      }
    }, 60_000);
  }
});
