/**
 * The dom-contract.md rows policy-summary, status-filter, row-number and refund-status on every fixture:
 * the demo SEA (Preact, rows reused by index), Vue 3 + Element Plus (rows reused) and React + antd (rows
 * replaced). Assertions come from the contract text (data-seakit selectors, texts, attributes, what is
 * displayed); the fixture-specific parts only drive the page (its pager, its sort header) and say which
 * elements are its list rows and header cells.
 *
 * Each test fails with its feature off: SEAKIT_E2E_FEATURES_OFF=1 switches the four off first (the check
 * that a test really tests its feature; every test is expected to fail then).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserForTests, checkEachPage, serveForFile, demoUrl, watchConsole, type ConsoleWatch } from './harness';
import { setFeature } from './helpers';
import { startFrameworkServer } from '../fixtures/frameworks/serve.mjs';
import { startClassicServer } from '../fixtures/classic/serve.mjs';
import * as classic from '../fixtures/classic/data.mjs';
import * as demo from '../fixtures/demo/data';
import * as fw from '../fixtures/frameworks/shared/data';

const FEATURES = ['policy-summary', 'status-filter', 'row-number', 'refund-status', 'glossary'];
const REFUND_TEXT = { none: '无需退款', pending: '待退款', done: '已退款', failed: '退款失败', unknown: '状态不明' } as const;
type RefundKind = keyof typeof REFUND_TEXT;

interface Fixture {
  url(path: string): string;
  searchPath: string;
  /** Record rows of the search list and its header cells (column order). */
  rows: string;
  headers: string;
  statusHeader: string;
  search(page: Page): Promise<void>;
  gotoPage(page: Page, n: number): Promise<void>;
  currentPage(page: Page): Promise<number>;
  pageSize: number;
  /** Sorts the list by a column; null where the list has no sort control. */
  sort: ((page: Page) => Promise<void>) | null;
  /** The element that scrolls the search list sideways; null where the list wraps instead. */
  scroller: string | null;
  detail: { policyNo: string; expected: Array<[string, string]> };
  otherDetail: { policyNo: string; expected: Array<[string, string]> };
  detailPath(no: string): string;
  /** Goes to another path in the same tab: a client-side route change, or a page load on a multi-page admin. */
  routeTo(page: Page, path: string): Promise<void>;
  surrenderPath: string;
  surrenderRows: string;
  surrenderHeaders: string;
  /** Expected refund kind per row, in list order (first page). */
  refundKinds: RefundKind[];
  /** A raw code on the detail view of `detail`: its label, the code shown and the term expected beside it. */
  glossary: { label: string; code: string; term: string } | null;
}

/** A client-side route change, as a framework's router sees Back/Forward. */
async function pushRoute(page: Page, url: string) {
  await page.evaluate((to) => {
    history.pushState(null, '', to);
    dispatchEvent(new PopStateEvent('popstate', { state: null }));
  }, new URL(url).pathname);
}

/** What the demo's refund rows say, by the contract's words (a zero amount is nothing to refund). */
function demoRefundKind(s: demo.Surrender): RefundKind {
  if (/^¥0\.00$/.test(s.refund) || /无退款|退款0元/.test(s.refundStatus)) return 'none';
  if (/失败/.test(s.refundStatus)) return 'failed';
  if (/未退款|待退款|退款中|处理中/.test(s.refundStatus)) return 'pending';
  if (/已退款|退款成功/.test(s.refundStatus)) return 'done';
  return 'unknown';
}

const demoDetail = (p: demo.Policy): Array<[string, string]> => [
  ['保单号', p.no], ['产品名称', p.product], ['保单状态', p.status], ['投保人', p.applicant],
  ['被保人', p.insured], ['投保时间', p.createdAt], ['生效时间', p.effectiveAt], ['到期时间', p.expiresAt],
];
const fwDetail = (p: fw.Policy): Array<[string, string]> => [
  ['保单号', p.policyNo], ['产品名称', p.product], ['保单状态', p.status], ['投保人', p.applicant], ['被保人', p.insured],
];

const frameworkServer = serveForFile(startFrameworkServer);
const classicServer = serveForFile(() => startClassicServer(0));

const classicDetail = (p: (typeof classic.policies)[number]): Array<[string, string]> => [
  ['保单号', p.policyNo], ['产品名称', p.product], ['保单状态', p.status], ['投保人', p.applicant],
  ['被保人', p.insured], ['投保时间', p.applied], ['生效时间', p.effective],
];
const classicRefund: Record<string, RefundKind> = { 已退款: 'done', 退款中: 'pending', 退款失败: 'failed', '退款0元(无退款)': 'none', 未退款: 'pending' };

const fixtures: Record<string, () => Fixture> = {
  demo: () => ({
    url: (path) => demoUrl(path),
    searchPath: '/search',
    rows: '.sea-table__body tr.sea-table__row',
    headers: '.sea-table__header th',
    statusHeader: '状态',
    search: (page) => page.getByRole('button', { name: '查 询' }).click(),
    gotoPage: (page, n) => page.locator('.pager').getByRole('button', { name: String(n), exact: true }).click(),
    currentPage: async (page) => Number(await page.locator('.pager__number.is-active').innerText()),
    pageSize: 10,
    sort: (page) => page.locator('.sea-table__header th', { hasText: '保单号' }).click(),
    scroller: '.sea-table',
    detail: { policyNo: demo.FACTS.selfPolicy, expected: demoDetail(demo.findPolicy(demo.FACTS.selfPolicy)!) },
    otherDetail: { policyNo: demo.FACTS.spousePolicy, expected: demoDetail(demo.findPolicy(demo.FACTS.spousePolicy)!) },
    detailPath: (no) => `/policy/${no}`,
    routeTo: (page, path) => pushRoute(page, demoUrl(path)),
    surrenderPath: '/surrenders',
    surrenderRows: '.surrender-table tbody tr',
    surrenderHeaders: '.surrender-table th',
    refundKinds: demo.surrenders.slice(0, 10).map(demoRefundKind),
    glossary: demo.findPolicy(demo.FACTS.selfPolicy)!.status === '待支付'
      ? { label: '电子保单已发送', code: 'false', term: '否' }
      : { label: '电子保单已发送', code: 'true', term: '是' },
  }),
  ...Object.fromEntries((['vue', 'react'] as const).map((app) => [app, (): Fixture => ({
    url: (path) => `${frameworkServer.url}/${app}${path}`,
    searchPath: '/search',
    rows: app === 'vue' ? '.el-table__body tr.el-table__row' : '.ant-table-tbody tr.ant-table-row',
    headers: app === 'vue' ? '.el-table__header-wrapper th' : '.ant-table-thead th',
    statusHeader: '保单状态',
    search: (page) => page.getByRole('button', { name: /^查\s?询$/ }).click(),
    gotoPage: (page, n) => page.locator(app === 'vue' ? `.el-pager li[aria-label="第 ${n} 页"]` : `.ant-pagination-item-${n}`).click(),
    currentPage: async (page) => Number((await page.locator(app === 'vue' ? '.el-pager li.is-active' : '.ant-pagination-item-active').innerText()).trim()),
    pageSize: fw.FACTS.pageSize,
    sort: async (page) => {
      if (app === 'vue') await page.locator('.el-table__header th .sort-caret.descending').first().click();
      else await page.locator('.ant-table-header th[aria-label="保单号"]').click();
    },
    scroller: app === 'vue' ? '.el-table__body-wrapper .el-scrollbar__wrap' : '.ant-table-body',
    detail: { policyNo: 'BD2025000101', expected: fwDetail(fw.findPolicy('BD2025000101')!) },
    otherDetail: { policyNo: 'BD2025000104', expected: fwDetail(fw.findPolicy('BD2025000104')!) },
    detailPath: (no) => `/policy/${no}`,
    routeTo: (page, path) => pushRoute(page, `${frameworkServer.url}/${app}${path}`),
    surrenderPath: '/surrenders',
    surrenderRows: app === 'vue' ? '.el-table__body tr.el-table__row' : '.ant-table-tbody tr.ant-table-row',
    surrenderHeaders: app === 'vue' ? '.el-table__header-wrapper th' : '.ant-table-thead th',
    refundKinds: fw.surrenders.map((s) => fw.refundKinds[s.policyNo]),
    glossary: { label: '自动续保', code: 'Y', term: '是' },
  })])),
  // The classic jQuery/Bootstrap admin, its views loaded as full pages (classic.e2e.ts covers its iframe tabs).
  classic: () => ({
    url: (path) => classicServer.url + path,
    searchPath: '/search',
    rows: '.fixed-table-body tbody tr[data-index]',
    headers: '.fixed-table-header th',
    statusHeader: '状态',
    search: (page) => page.getByRole('button', { name: '查询' }).click(),
    gotoPage: (page, n) => page.locator('.page-link', { hasText: new RegExp(`^${n}$`) }).click(),
    currentPage: async (page) => Number((await page.locator('.page-item.active .page-link').innerText()).trim()),
    pageSize: 5,
    sort: null,
    scroller: null,
    detail: { policyNo: classic.FACTS.selfPolicy, expected: classicDetail(classic.findPolicy(classic.FACTS.selfPolicy)!) },
    otherDetail: { policyNo: classic.FACTS.emptyInsuredIdPolicy, expected: classicDetail(classic.findPolicy(classic.FACTS.emptyInsuredIdPolicy)!) },
    detailPath: (no) => `/detail?policyNo=${no}`,
    routeTo: async (page, path) => { await page.goto(classicServer.url + path); },
    surrenderPath: '/surrenders',
    surrenderRows: '#surrenderTable tr:not(:first-child)',
    surrenderHeaders: '#surrenderTable tr:first-child td',
    refundKinds: classic.surrenders.map((row) => classicRefund[row[4]]),
    glossary: null,
  }),
};

/** Each list row as the agent sees it: cells by header (page text only), and what the features did to it. */
function readRows(page: Page, rows: string, headers: string) {
  return page.evaluate(({ rows, headers }) => {
    const own = (el: Element) => {
      const copy = el.cloneNode(true) as Element;
      copy.querySelectorAll('[data-seakit]').forEach((n) => n.remove());
      return copy.textContent!.replace(/\s+/g, ' ').trim();
    };
    const names = [...document.querySelectorAll(headers)].map((th) => own(th).replace(/\s/g, ''));
    return [...document.querySelectorAll(rows)].map((tr) => {
      const cells: Record<string, string> = {};
      [...tr.children].forEach((td, i) => names[i] && (cells[names[i]] = own(td)));
      const numbers = [...tr.querySelectorAll('[data-seakit="row-number"]')];
      const refund = [...tr.querySelectorAll('span[data-seakit="refund-status"]')] as HTMLElement[];
      const refundCell = names.indexOf('退款状态');
      return {
        cells,
        numbers: numbers.map((n) => n.textContent!.trim()),
        numberInFirstCell: numbers.length === 1 && tr.firstElementChild!.contains(numbers[0]),
        filtered: tr.hasAttribute('data-seakit-filtered'),
        shown: (tr as HTMLElement).offsetParent !== null && tr.getBoundingClientRect().height > 0,
        refund: refund.map((s) => `${s.dataset.kind}:${s.textContent!.trim()}`),
        refundInStatusCell: refund.length === 1 && !!tr.children[refundCell]?.contains(refund[0]),
      };
    });
  }, { rows, headers });
}

/** The status-filter bars on the page: their buttons' texts and which is pressed. */
function readBars(page: Page) {
  return page.evaluate(() => [...document.querySelectorAll('[data-seakit="status-filter"]')].map((bar) => ({
    buttons: [...bar.querySelectorAll('button')].map((b) => b.textContent!.replace(/\s+/g, ' ').trim()),
    pressed: [...bar.querySelectorAll('button[aria-pressed="true"]')].map((b) => b.textContent!.replace(/\s+/g, ' ').trim()),
  })));
}

/** 全部 N, then each status with its count in order of first appearance. */
function expectedButtons(statuses: string[]): string[] {
  const counts = new Map<string, number>();
  for (const s of statuses) counts.set(s, (counts.get(s) ?? 0) + 1);
  return [`全部 ${statuses.length}`, ...[...counts].map(([s, n]) => `${s} ${n}`)];
}

describe.each(Object.keys(fixtures))('list and detail features on the %s fixture', (name) => {
  let fixture: Fixture;
  let page: Page;
  let watch: ConsoleWatch;

  const browser = browserForTests(async (browser) => {
    fixture = fixtures[name]();
    const origin = new URL(fixture.url('/')).origin;
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
    if (process.env.SEAKIT_E2E_FEATURES_OFF) for (const id of FEATURES) await setFeature(browser, id, false);
  });
  checkEachPage(() => ({ page, watch }));

  async function open(path: string, width = 1280) {
    page = await browser.newPage();
    await page.setViewportSize({ width, height: 800 });
    watch = watchConsole(page);
    await page.goto(fixture.url(path));
  }
  const rows = () => readRows(page, fixture.rows, fixture.headers);
  const statusesShown = async () => (await rows()).map((r) => r.cells[fixture.statusHeader]);

  async function expectNumbered(offset: number) {
    await expect.poll(async () => (await rows()).map((r) => [r.numbers, r.numberInFirstCell])).toEqual(
      (await rows()).map((_, i) => [[String(offset + i + 1)], true]),
    );
  }

  async function expectFilteredTo(status: string | null) {
    await expect.poll(async () => {
      const list = await rows();
      return list.map((r) => ({ status: r.cells[fixture.statusHeader], filtered: r.filtered, shown: r.shown }));
    }).toEqual((await statusesShown()).map((s) => {
      const hidden = status !== null && s !== status;
      return { status: s, filtered: hidden, shown: !hidden };
    }));
  }

  it('status-filter and row-number: one bar with counts above the list; filtering holds through paging and sorting; numbers continue across pages', async () => {
    await open(fixture.searchPath);
    await fixture.search(page);
    await expect.poll(async () => (await rows()).length).toBe(fixture.pageSize);
    const trCount = await page.locator(fixture.rows).count();

    // row-number: 1..n on page 1, inside each row's first cell.
    await expectNumbered(0);

    // status-filter: one bar, 全部 and one button per status with its count, above the list.
    const statuses = await statusesShown();
    await expect.poll(() => readBars(page)).toEqual([{ buttons: expectedButtons(statuses), pressed: [`全部 ${statuses.length}`] }]);
    const barAbove = await page.evaluate((rowsSel) => {
      const bar = document.querySelector('[data-seakit="status-filter"]')!.getBoundingClientRect();
      return bar.height > 0 && bar.bottom <= document.querySelector(rowsSel)!.getBoundingClientRect().top;
    }, fixture.rows);
    expect(barAbove).toBe(true);

    // Choose a status that is not the first row's: only its rows stay displayed; no page node is removed.
    const chosen = statuses.find((s) => s !== statuses[0])!;
    await page.locator('[data-seakit="status-filter"] button', { hasText: chosen }).click();
    await expectFilteredTo(chosen);
    expect(await page.locator(fixture.rows).count()).toBe(trCount);
    expect((await readBars(page))[0].pressed[0]).toMatch(new RegExp(`^${chosen} \\d+$`));

    // Page 2: the choice holds, the counts follow the rows now shown, numbering continues.
    await fixture.gotoPage(page, 2);
    await expect.poll(() => fixture.currentPage(page)).toBe(2);
    await expectNumbered(fixture.pageSize);
    const page2 = await statusesShown();
    const chosenCount = page2.filter((s) => s === chosen).length;
    if (page2.length < 2) {
      // A one-row page gets no bar and hides nothing; back on page 1 the choice is still there.
      await expect.poll(() => readBars(page)).toEqual([]);
      expect(page2.length).toBe(1);
      await fixture.gotoPage(page, 1);
      await expect.poll(() => fixture.currentPage(page)).toBe(1);
      await expectFilteredTo(chosen);
      await expectNumbered(0);
    } else {
      await expectFilteredTo(chosen);
      await expect.poll(() => readBars(page)).toEqual([{
        buttons: [...expectedButtons(page2), ...(chosenCount ? [] : [`${chosen} 0`])],
        pressed: [`${chosen} ${chosenCount}`],
      }]);
    }

    // Sorting: the choice still holds and the numbers follow the displayed order.
    if (fixture.sort) {
      await fixture.sort(page);
      await page.waitForTimeout(300);
      await expectFilteredTo(chosen);
      await expectNumbered((await fixture.currentPage(page) - 1) * fixture.pageSize);
    }

    // 全部 shows every row again.
    await page.locator('[data-seakit="status-filter"] button', { hasText: '全部' }).click();
    await expectFilteredTo(null);
    expect(await page.locator('[data-seakit-filtered]').count()).toBe(0);
  });

  it('row-number: stays visible when the list scrolls sideways', async (ctx) => {
    if (!fixture.scroller) return ctx.skip();
    await open(fixture.searchPath, 760);
    await fixture.search(page);
    await expect.poll(async () => (await rows())[0]?.numbers).toEqual(['1']);
    const scrolled = await page.evaluate((scrollerSel) => {
      const scroller = document.querySelector(scrollerSel)!;
      scroller.scrollLeft = 400;
      return scroller.scrollLeft;
    }, fixture.scroller);
    expect(scrolled).toBeGreaterThan(100);
    await page.waitForTimeout(200);
    const visible = await page.evaluate(({ scrollerSel, rowsSel }) => {
      const scroller = document.querySelector(scrollerSel)!.getBoundingClientRect();
      const number = document.querySelector(rowsSel)!.querySelector('[data-seakit="row-number"]')!;
      const box = number.getBoundingClientRect();
      const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      return box.left >= scroller.left - 1 && box.right <= scroller.right + 1 && !!hit && number.contains(hit);
    }, { scrollerSel: fixture.scroller, rowsSel: fixture.rows });
    expect(visible).toBe(true);
  });

  it('policy-summary: one card at the top of a detail view with the facts as displayed; it follows the view and never shows on a list', async () => {
    const card = () => page.evaluate(() => [...document.querySelectorAll('[data-seakit="policy-summary"]')].map((c) =>
      [...c.querySelectorAll('dt')].map((dt) => [dt.textContent!.trim(), dt.nextElementSibling!.textContent!.trim()])));
    await open(fixture.detailPath(fixture.detail.policyNo));
    await expect.poll(card).toEqual([fixture.detail.expected]);
    // At the top of the view: before every label/value pair of the policy.
    const first = await page.evaluate((policyNo) => {
      const cardEl = document.querySelector('[data-seakit="policy-summary"]')!;
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (n.nodeValue!.includes(policyNo) && !cardEl.contains(n)) return !!(cardEl.compareDocumentPosition(n) & Node.DOCUMENT_POSITION_FOLLOWING);
      }
      return false;
    }, fixture.detail.policyNo);
    expect(first).toBe(true);

    // Each fact is copyable.
    await page.locator('[data-seakit="policy-summary"] button[aria-label="复制摘要里的保单号"]').click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(fixture.detail.policyNo);

    // Another policy in the same view (a route change, or a page load on the classic admin): the card follows.
    await fixture.routeTo(page, fixture.detailPath(fixture.otherDetail.policyNo));
    await expect.poll(card).toEqual([fixture.otherDetail.expected]);

    // Leaving the view removes it; a list never gets one.
    await fixture.routeTo(page, fixture.searchPath);
    await fixture.search(page);
    await expect.poll(async () => (await rows()).length).toBeGreaterThan(0);
    await expect.poll(card).toEqual([]);
  });

  it('refund-status: one labelled span per refund row in the refund-status cell; 无需退款 and 待退款 look different', async () => {
    await open(fixture.surrenderPath);
    const refunds = async () => (await readRows(page, fixture.surrenderRows, fixture.surrenderHeaders)).map((r) => [r.refund, r.refundInStatusCell]);
    await expect.poll(refunds).toEqual(fixture.refundKinds.map((k) => [[`${k}:${REFUND_TEXT[k]}`], true]));
    const colours = await page.evaluate(() => {
      const style = (kind: string) => {
        const el = document.querySelector(`[data-seakit="refund-status"][data-kind="${kind}"]`);
        return el && `${getComputedStyle(el).color} ${getComputedStyle(el).backgroundColor}`;
      };
      return [style('none'), style('pending')];
    });
    expect(colours[0]).toBeTruthy();
    expect(colours[1]).toBeTruthy();
    expect(colours[0]).not.toBe(colours[1]);
  });

  it('glossary: a raw code in the detail view gets its Chinese term beside it; the page text stays as it was', async (ctx) => {
    const glossary = fixture.glossary;
    if (!glossary) return ctx.skip();
    await open(fixture.detailPath(fixture.detail.policyNo));
    const read = () => page.evaluate((label) => {
      const own = (el: Element) => {
        const copy = el.cloneNode(true) as Element;
        copy.querySelectorAll('[data-seakit]').forEach((n) => n.remove());
        return copy.textContent!.trim();
      };
      const labelEl = [...document.querySelectorAll('td, th, dt')].find((el) => own(el) === label);
      const value = labelEl?.nextElementSibling;
      if (!value) return null;
      return [own(value), [...value.querySelectorAll('[data-seakit="glossary"]')].map((t) => t.textContent!.trim())];
    }, glossary.label);
    await expect.poll(read).toEqual([glossary.code, [glossary.term]]);
    // Names are never annotated, and nothing lands in the policy-summary card.
    expect(await page.locator('[data-seakit="policy-summary"] [data-seakit="glossary"]').count()).toBe(0);
  });

  it('switched off: every element and mark of the four goes; on again: they come back', async () => {
    await open(fixture.searchPath);
    await fixture.search(page);
    await expect.poll(async () => (await rows())[0]?.numbers).toEqual(['1']);
    await page.locator('[data-seakit="status-filter"] button').nth(1).click();
    await expect.poll(() => page.locator('[data-seakit-filtered]').count()).toBeGreaterThan(0);
    for (const id of FEATURES) await setFeature(browser, id, false);
    await expect.poll(() => page.evaluate(() =>
      document.querySelectorAll('[data-seakit="status-filter"], [data-seakit="row-number"], [data-seakit="glossary"], [data-seakit-filtered], [data-seakit-numbered]').length)).toBe(0);
    for (const id of FEATURES) await setFeature(browser, id, true);
    await expect.poll(async () => (await rows())[0]?.numbers).toEqual(['1']);
    await expect.poll(() => page.locator('[data-seakit="status-filter"]').count()).toBe(1);
  }, 150_000); // ten trips to the options page
});
