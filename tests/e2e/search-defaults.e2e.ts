/**
 * search-defaults (seed items 20, 27) on the demo SEA (Preact, a native select), Vue 3 + Element Plus (an
 * el-select prepended to the search box, a sortable="custom" column), React + antd (Select in a Space.Compact,
 * a column sorter) and the classic admin (a native select and a bootstrap-table sortable column, in an iframe
 * tab). Configured in the options page as an agent would: 查询类型先选 投保账户手机号, 结果顺序 最新在上.
 *
 * What is checked is what the agent sees and what the page's framework knows: the select shows the option and
 * a search by it finds the policy with that phone (the framework's model changed, not only the DOM); the
 * list's 投保时间 values run newest first across the whole result; the agent's own choice and order stay
 * through re-renders; leaving the view and coming back applies the defaults again; a view without such
 * controls is left alone. SEAKIT_E2E_FEATURES_OFF=1 switches the feature off first: the first two tests fail then.
 */
import { describe, expect, it, vi } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { browserForTests, checkEachPage, serveForFile, demoUrl, watchConsole, type ConsoleWatch, type LaunchedBrowser } from './harness';
import { setFeature } from './helpers';
import { startFrameworkServer } from '../fixtures/frameworks/serve.mjs';
import { startClassicServer } from '../fixtures/classic/serve.mjs';
import * as classic from '../fixtures/classic/data.mjs';
import * as demo from '../fixtures/demo/data';
import * as fw from '../fixtures/frameworks/shared/data';

declare const chrome: { storage: { local: { get(key: string): Promise<Record<string, any>> } } };

interface Fixture {
  /** Opens the search view and gives the frame it lives in. */
  open(page: Page): Promise<Frame>;
  /** The text the search-type select shows now. */
  shownType(view: Frame): Promise<string>;
  /** The agent picks an option of the search-type select by hand. */
  chooseType(view: Frame, label: string): Promise<void>;
  /** Types into the box beside the search-type select and searches. */
  search(view: Frame, keyword?: string): Promise<void>;
  /** The agent clicks the 投保时间 header once. */
  clickDateHeader(view: Frame): Promise<void>;
  /** Header clicks that take the list from newest first to oldest first in this library. */
  clicksToOldest: number;
  rows: string;
  headers: string;
  /** Goes to another page of results (a re-render of every row). */
  nextPage(view: Frame): Promise<void>;
  /** Leaves the search view and comes back to it (a new appearance of the view). */
  leaveAndReturn(page: Page, view: Frame): Promise<Frame>;
  /** A view with a date column but no search-type select and no sort control. */
  plainView: { open(page: Page): Promise<Frame>; rows: string; firstCells: string[] };
  /** Every 投保时间 of the full result, and one policy findable by its phone. */
  dates: string[];
  phone: { value: string; policyNo: string };
}

const frameworkServer = serveForFile(startFrameworkServer);
const classicServer = serveForFile(() => startClassicServer(0));

const byHeader = (view: Frame, header: string) => view.locator(header, { hasText: '投保时间' }).first();

const fixtures: Record<string, () => Fixture> = {
  demo: () => {
    const phoned = demo.policies.find((p) => p.applicantPhone && demo.policies.filter((q) => q.applicantPhone === p.applicantPhone).length === 1)!;
    return {
      open: async (page) => {
        await page.goto(demoUrl('/search'));
        return page.mainFrame();
      },
      shownType: (view) => view.locator('#q-keywordType').evaluate((s: HTMLSelectElement) => s.selectedOptions[0].text),
      chooseType: async (view, label) => { await view.locator('#q-keywordType').selectOption({ label }); },
      search: async (view, keyword = '') => {
        await view.getByLabel('查询内容').fill(keyword);
        await view.getByRole('button', { name: '查 询' }).click();
      },
      clickDateHeader: (view) => byHeader(view, '.sea-table__header th').click(),
      clicksToOldest: 2,
      rows: '.sea-table__body tr.sea-table__row',
      headers: '.sea-table__header th',
      nextPage: (view) => view.locator('.pager').getByRole('button', { name: '2', exact: true }).click(),
      leaveAndReturn: async (page, view) => {
        await view.locator('.sea-table__body tr.sea-table__row').first().getByRole('button', { name: '详情' }).click();
        await page.waitForURL(/\/policy\//);
        await view.locator('#q-keywordType').waitFor({ state: 'detached' });
        await page.goBack();
        return page.mainFrame();
      },
      plainView: {
        open: async (page) => {
          await page.goto(demoUrl('/surrenders'));
          return page.mainFrame();
        },
        rows: '.surrender-table tbody tr',
        firstCells: demo.surrenders.slice(0, 10).map((s) => s.policyNo),
      },
      dates: demo.policies.map((p) => p.createdAt),
      phone: { value: phoned.applicantPhone, policyNo: phoned.no },
    };
  },
  ...Object.fromEntries((['vue', 'react'] as const).map((app) => [app, (): Fixture => {
    const vue = app === 'vue';
    const typeItem = (view: Frame) => view.locator(vue ? '.el-form-item' : '.ant-form-item', { hasText: '查询类型' });
    return {
      open: async (page) => {
        await page.goto(`${frameworkServer.url}/${app}/search`);
        return page.mainFrame();
      },
      shownType: async (view) => vue
        ? (await typeItem(view).locator('.el-select__selected-item:not(.is-hidden)').first().innerText()).trim()
        : (await typeItem(view).locator('.ant-select-content').getAttribute('title')) ?? '',
      chooseType: async (view, label) => {
        await typeItem(view).locator(vue ? '.el-select__wrapper' : '.ant-select').click();
        const option = vue
          ? view.locator('.el-select-dropdown__item:visible', { hasText: new RegExp(`^${label}$`) })
          : view.locator(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="${label}"]`);
        await option.click();
      },
      search: async (view, keyword = '') => {
        await view.getByPlaceholder('请输入查询内容').fill(keyword);
        await view.getByRole('button', { name: /^查\s?询$/ }).click();
      },
      clickDateHeader: (view) => byHeader(view, vue ? '.el-table__header-wrapper th' : '.ant-table-thead th').click(),
      clicksToOldest: 2,
      rows: vue ? '.el-table__body tr.el-table__row' : '.ant-table-tbody tr.ant-table-row',
      headers: vue ? '.el-table__header-wrapper th' : '.ant-table-thead th',
      nextPage: (view) => view.locator(vue ? '.el-pager li[aria-label="第 2 页"]' : '.ant-pagination-item-2').click(),
      leaveAndReturn: async (page, view) => {
        await view.locator(vue ? '.el-table__body tr.el-table__row' : '.ant-table-tbody tr.ant-table-row').first().getByRole('button', { name: '查看日志' }).click();
        await page.waitForURL(/\/log$/);
        // The router commits the log view (the search view unmounts) a little after the URL changes.
        await typeItem(view).waitFor({ state: 'detached' });
        await page.goBack();
        return page.mainFrame();
      },
      plainView: {
        open: async (page) => {
          await page.goto(`${frameworkServer.url}/${app}/surrenders`);
          return page.mainFrame();
        },
        rows: vue ? '.el-table__body tr.el-table__row' : '.ant-table-tbody tr.ant-table-row',
        firstCells: fw.surrenders.map((s) => s.policyNo),
      },
      dates: fw.policies.map((p) => p.appliedAt),
      phone: { value: '13912345678', policyNo: 'BD2025000102' },
    };
  }])),
  // The classic admin: the search view is the first iframe tab of the top page.
  classic: () => {
    const tabFrame = async (page: Page) => {
      const handle = await page.locator('.mainContent iframe[data-id="/search"]').elementHandle();
      const frame = (await handle!.contentFrame())!;
      await frame.waitForLoadState();
      await frame.locator('#keywordType').waitFor();
      return frame;
    };
    return {
      open: async (page) => {
        await page.goto(classicServer.url + '/');
        return tabFrame(page);
      },
      shownType: (view) => view.locator('#keywordType').evaluate((s: HTMLSelectElement) => s.selectedOptions[0].text),
      chooseType: async (view, label) => { await view.locator('#keywordType').selectOption({ label }); },
      search: async (view, keyword = '') => {
        await view.getByLabel('查询内容').fill(keyword);
        await view.getByRole('button', { name: '查询' }).click();
      },
      clickDateHeader: (view) => view.locator('.fixed-table-header th .th-inner', { hasText: '投保时间' }).click(),
      clicksToOldest: 1,
      rows: '.fixed-table-body tbody tr[data-index]',
      headers: '.fixed-table-header th',
      nextPage: (view) => view.locator('.page-link', { hasText: /^2$/ }).click(),
      leaveAndReturn: async (page) => {
        // 刷新当前页 reloads the tab's iframe: the view appears anew.
        await page.getByText('刷新当前页').click();
        await page.waitForTimeout(300);
        return tabFrame(page);
      },
      plainView: {
        open: async (page) => {
          await page.goto(classicServer.url + '/surrenders');
          return page.mainFrame();
        },
        rows: '#surrenderTable tr:not(:first-child)',
        firstCells: classic.surrenders.map((s) => s[0]),
      },
      dates: classic.policies.map((p) => p.applied),
      phone: { value: '13912345678', policyNo: 'BD2025100002' },
    };
  },
};

/** The list's rows as shown: 保单号 (by pattern: the first cell may also hold SEA Kit's marks) and 投保时间. */
function readList(view: Frame, rows: string, headers: string) {
  return view.evaluate(({ rows, headers }) => {
    const own = (el: Element) => {
      const copy = el.cloneNode(true) as Element;
      copy.querySelectorAll('[data-seakit]').forEach((n) => n.remove());
      return copy.textContent!.replace(/\s+/g, ' ').trim();
    };
    const names = [...document.querySelectorAll(headers)].map((th) => own(th).replace(/\s/g, ''));
    const at = names.indexOf('投保时间');
    return [...document.querySelectorAll(rows)].map((tr) => ({
      policyNo: /BD\d+|[A-Z]{1,4}\d{8,}/.exec(own(tr))?.[0] ?? '',
      date: own(tr.children[at]),
    }));
  }, { rows, headers });
}

/** The demo site's saved search-defaults rules. */
function savedRules(browser: LaunchedBrowser) {
  return browser.serviceWorker!.evaluate(async () => {
    const { settings } = await chrome.storage.local.get('settings');
    const rules = settings?.sites?.find((s: { id: string }) => s.id === 'demo')?.rules ?? {};
    return [rules.searchType, rules.resultOrder];
  });
}

/** The agent's settings for the site, in the options page: 查询类型先选 …, 结果顺序 … (each saved before the next). */
async function setSearchDefaults(browser: LaunchedBrowser, searchType: string, resultOrder: string) {
  const options = await browser.newPage();
  await options.goto(browser.extensionUrl('options.html'));
  const row = options.locator('[data-site="demo"] [data-setting="search-defaults"]');
  await row.locator('[data-field="searchType"]').fill(searchType);
  await row.locator('[data-field="searchType"]').press('Tab');
  const saved = (want: unknown[]) => vi.waitFor(async () => expect(await savedRules(browser)).toEqual(want), { timeout: 10_000, interval: 200 });
  await saved([searchType, undefined]);
  await row.locator('[data-field="resultOrder"]').selectOption(resultOrder);
  await saved([searchType, resultOrder]);
  await options.close();
}

const newestFirst = (dates: string[]) => [...dates].sort().reverse();

describe.each(Object.keys(fixtures))('search-defaults on the %s fixture', (name) => {
  let fixture: Fixture;
  let page: Page;
  let watch: ConsoleWatch;

  const browser = browserForTests(async (browser) => {
    fixture = fixtures[name]();
    await setSearchDefaults(browser, '投保账户手机号', 'newest');
    if (process.env.SEAKIT_E2E_FEATURES_OFF) await setFeature(browser, 'search-defaults', false);
  });
  checkEachPage(() => ({ page, watch }));

  async function openSearch(): Promise<Frame> {
    page = await browser.newPage();
    await page.setViewportSize({ width: 1400, height: 900 });
    watch = watchConsole(page);
    return fixture.open(page);
  }
  const list = (view: Frame) => readList(view, fixture.rows, fixture.headers);
  const dates = async (view: Frame) => (await list(view)).map((r) => r.date);

  it('starts the search type on 投保账户手机号 and shows the results newest first, through the page’s own controls', async () => {
    const view = await openSearch();
    await expect.poll(() => fixture.shownType(view)).toBe('投保账户手机号');
    await fixture.search(view);
    // Newest first over the whole result: page 1 holds the newest dates of all.
    const shown = await (async () => {
      await expect.poll(async () => (await dates(view)).length).toBeGreaterThan(1);
      return dates(view);
    })();
    await expect.poll(() => dates(view)).toEqual(newestFirst(fixture.dates).slice(0, shown.length));
    // The framework's model has the type too: the box beside it searches phones.
    await fixture.search(view, fixture.phone.value);
    await expect.poll(async () => (await list(view)).map((r) => r.policyNo)).toEqual([fixture.phone.policyNo]);
  });

  it('leaves the agent’s own choice and order through re-renders, and applies the defaults again when the view appears again', async () => {
    let view = await openSearch();
    await expect.poll(() => fixture.shownType(view)).toBe('投保账户手机号');
    await fixture.search(view);
    await expect.poll(async () => (await dates(view))[0]).toBe(newestFirst(fixture.dates)[0]);
    // The agent wants 保单号 and oldest first.
    await fixture.chooseType(view, '保单号');
    for (let i = 0; i < fixture.clicksToOldest; i++) await fixture.clickDateHeader(view);
    const oldest = [...fixture.dates].sort();
    await expect.poll(async () => (await dates(view))[0]).toBe(oldest[0]);
    // Re-renders: a new search and another page of results; SEA Kit stays out of it.
    await fixture.search(view);
    await page.waitForTimeout(800);
    await fixture.nextPage(view);
    await page.waitForTimeout(800);
    expect(await fixture.shownType(view)).toBe('保单号');
    const page2 = await dates(view);
    expect(page2.length).toBeGreaterThan(0);
    expect(page2).toEqual([...page2].sort());
    expect(page2[0] > oldest[0]).toBe(true);
    // Leaving the view and coming back is a new appearance: the defaults again.
    view = await fixture.leaveAndReturn(page, view);
    await expect.poll(() => fixture.shownType(view)).toBe('投保账户手机号');
    await fixture.search(view);
    await expect.poll(async () => (await dates(view))[0]).toBe(newestFirst(fixture.dates)[0]);
  });

  it('leaves a view without a search-type select or a sortable date column alone', async () => {
    page = await browser.newPage();
    watch = watchConsole(page);
    const view = await fixture.plainView.open(page);
    await expect.poll(() => view.locator(fixture.plainView.rows).count()).toBeGreaterThan(0);
    // Past the time the feature waits for a page to settle, and again later: nothing of it happened.
    await page.waitForTimeout(1200);
    const before = await view.locator('body').innerHTML();
    await page.waitForTimeout(800);
    const firsts = await view.locator(fixture.plainView.rows).evaluateAll((rows) => rows.map((r) => /[A-Z]{1,4}\d{8,}/.exec(r.textContent ?? '')?.[0]));
    expect(firsts).toEqual(fixture.plainView.firstCells.slice(0, firsts.length));
    // No dropdown was opened, nothing changed since the page settled.
    expect(await view.locator('.el-select-dropdown:visible, .ant-select-dropdown:not(.ant-select-dropdown-hidden)').count()).toBe(0);
    expect(await view.locator('body').innerHTML()).toBe(before);
  });
});
