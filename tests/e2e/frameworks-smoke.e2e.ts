/**
 * The Vue 3 + Element Plus and React + antd fixture apps in Chromium WITHOUT the extension. If this
 * fails, feature tests on those apps are testing a broken fixture. It also pins the DOM shapes the
 * features have to cope with (split tables, reused or keyed rows, td or th description labels,
 * "查 询" buttons). Screenshots go to tests/fixtures/frameworks/.dist/screens.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowser, watchConsole, type ConsoleWatch, type LaunchedBrowser } from './harness';
import { startFrameworkServer } from '../fixtures/frameworks/serve.mjs';
import { FACTS, findPolicy, policies, policyLogs, searchPolicies, surrenderKinds, surrenders } from '../fixtures/frameworks/shared/data';
import { hasValidCheckDigit, normalizeId } from '../../utils/id-number';

const screens = fileURLToPath(new URL('../fixtures/frameworks/.dist/screens/', import.meta.url));

describe('framework fixture data', () => {
  it('has valid GB 11643 IDs except the one deliberately broken', () => {
    const ids = policies.flatMap((p) => [p.applicantId, p.insuredId]).filter((id) => id !== '-');
    expect(ids.filter((id) => !hasValidCheckDigit(id))).toEqual([FACTS.invalidInsuredId]);
    expect(ids.some((id) => id.endsWith('X'))).toBe(true);
  });

  it('has the cases FACTS names', () => {
    const self = findPolicy(FACTS.selfPolicy)!;
    expect([self.relation, self.insuredId]).toEqual(['本人', self.applicantId]);
    const conflict = findPolicy(FACTS.conflictPolicy)!;
    expect(conflict.applicantId.endsWith('x') && conflict.insuredId.endsWith('X')).toBe(true);
    expect([conflict.relation, normalizeId(conflict.insuredId)]).toEqual(['子女', normalizeId(conflict.applicantId)]);
    expect(findPolicy(FACTS.invalidInsuredIdPolicy)!.insuredId).toBe(FACTS.invalidInsuredId);
    expect(findPolicy(FACTS.emptyInsuredIdPolicy)!.insuredId).toBe('-');
    const reused = findPolicy(FACTS.reusedSlotPolicy)!;
    expect(policies.indexOf(reused) - policies.indexOf(conflict)).toBe(FACTS.pageSize);
    expect(normalizeId(reused.insuredId)).not.toBe(normalizeId(reused.applicantId));
    expect(searchPolicies({ policyNo: '', applicant: '张伟', insuredId: '' }).map((p) => p.policyNo)).toEqual([...FACTS.zhangWeiPolicies]);
    expect(policies).toHaveLength(FACTS.total);
    expect(new Set(surrenders.map((s) => surrenderKinds[s.policyNo]))).toEqual(new Set(['self', 'assisted', 'unknown']));
  });
});

interface AppShape {
  /** Data rows of the search/surrender table body (no measure rows). */
  row: string;
  pagerItem(n: number): string;
  headerTable: string;
  bodyTable: string;
  descriptionLabel: string;
  breadcrumb: string;
  /** Text of the two-character search button as the DOM holds it. */
  searchText: string;
  sortByPolicyNoDescending(page: Page): Promise<void>;
  /** First policy on page 1 after that sort. */
  firstAfterSort: string;
  /** A string only the development build of the framework contains. */
  devOnly: string;
}

const apps: Record<'vue' | 'react', AppShape> = {
  vue: {
    row: '.el-table__body tr.el-table__row',
    pagerItem: (n) => `.el-pager li[aria-label="第 ${n} 页"]`,
    headerTable: '.el-table__header-wrapper table.el-table__header',
    bodyTable: 'table.el-table__body',
    descriptionLabel: 'td.el-descriptions__label',
    breadcrumb: '.el-breadcrumb',
    searchText: '查询', // spaced by CSS only
    sortByPolicyNoDescending: (page) => page.locator('.el-table__header th .sort-caret.descending').first().click(),
    // Element Plus sorts only the rows it was given: the current page.
    firstAfterSort: policies[4].policyNo,
    devOnly: '[Vue warn]',
  },
  react: {
    row: '.ant-table-tbody tr.ant-table-row',
    pagerItem: (n) => `.ant-pagination-item-${n}`,
    headerTable: '.ant-table-header table',
    bodyTable: '.ant-table-body table',
    descriptionLabel: 'th.ant-descriptions-item-label',
    breadcrumb: '.ant-breadcrumb',
    searchText: '查 询', // antd inserts a real space
    sortByPolicyNoDescending: async (page) => {
      const header = page.locator('.ant-table-header th[aria-label="保单号"]');
      await header.click(); // ascending
      await header.click();
    },
    firstAfterSort: policies[policies.length - 1].policyNo,
    devOnly: 'css-dev-only-do-not-override',
  },
};

let server: { url: string; close(): Promise<void> };
let browser: LaunchedBrowser;

beforeAll(async () => {
  server = await startFrameworkServer();
  browser = await launchBrowser({ extension: false });
  mkdirSync(screens, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe.each(Object.entries(apps))('%s fixture app in Chromium (no extension)', (app, shape) => {
  let page: Page;
  let watch: ConsoleWatch;
  const url = (path: string) => `${server.url}/${app}${path}`;
  const rows = () => page.locator(shape.row);
  const firstCells = () => rows().locator('td:first-child').allInnerTexts();
  const shot = (name: string) => page.screenshot({ path: `${screens}${app}-${name}.png`, fullPage: true });
  const searchButton = () => page.getByRole('button', { name: /^查\s?询$/ });

  beforeAll(async () => {
    page = await browser.newPage();
    watch = watchConsole(page);
  });
  afterAll(() => page?.close());
  afterEach(() => {
    expect(watch.messages).toEqual([]);
  });

  it('is a production build', async () => {
    await page.goto(url('/search'));
    // Under vitest NODE_ENV is "test": without serve.mjs's care Vite would bundle the dev builds.
    const bundle = await page.evaluate(async () => {
      const script = document.querySelector<HTMLScriptElement>('script[type="module"]')!;
      return (await fetch(script.src)).text();
    });
    expect(bundle.length).toBeGreaterThan(100_000);
    expect(bundle).not.toContain(shape.devOnly);
  });

  it('searches by name, then pages and sorts in place', async () => {
    await page.goto(url('/search'));
    expect(await searchButton().textContent()).toBe(shape.searchText);
    expect(await rows().count()).toBe(0);
    await page.getByLabel('投保人姓名').fill('张伟');
    await searchButton().click();
    await expect.poll(firstCells).toEqual([...FACTS.zhangWeiPolicies]);

    await page.getByRole('button', { name: /^重\s?置$/ }).click();
    expect(await page.getByLabel('投保人姓名').inputValue()).toBe('');
    await searchButton().click();
    await expect.poll(firstCells).toEqual(policies.slice(0, 5).map((p) => p.policyNo));
    await page.getByText(`共 ${FACTS.total} 条`).waitFor();
    // Header and body are separate <table>s in both libraries.
    expect(await page.locator(shape.headerTable).locator('th').first().innerText()).toBe('保单号');
    expect(await page.locator(shape.bodyTable).locator('th').count()).toBe(0);
    await shot('search');

    const conflictRow = await rows().nth(1).elementHandle();
    await page.locator(shape.pagerItem(2)).click();
    await expect.poll(firstCells).toEqual(policies.slice(5, 10).map((p) => p.policyNo));
    const sameRowElement = await conflictRow!.evaluate((tr) => tr.isConnected && tr.querySelector('td')!.textContent!.trim());
    // Element Plus reuses the <tr> and swaps its text; antd rows are keyed by policy number and replaced.
    expect(sameRowElement).toBe(app === 'vue' ? FACTS.reusedSlotPolicy : false);

    await page.locator(shape.pagerItem(1)).click();
    await expect.poll(async () => (await firstCells())[0]).toBe(FACTS.selfPolicy);
    await shape.sortByPolicyNoDescending(page);
    await expect.poll(async () => (await firstCells())[0]).toBe(shape.firstAfterSort);
  });

  it('opens 查看更多 in a new tab and keeps the list', async () => {
    await page.goto(url('/search'));
    await searchButton().click();
    await expect.poll(() => rows().count()).toBe(FACTS.pageSize);
    const [detail] = await Promise.all([
      browser.context.waitForEvent('page'),
      rows().first().getByRole('button', { name: '查看更多' }).click(),
    ]);
    const detailWatch = watchConsole(detail);
    await detail.getByText(findPolicy(FACTS.selfPolicy)!.applicantId).first().waitFor();
    expect(new URL(detail.url()).pathname).toBe(`/${app}/policy/${FACTS.selfPolicy}`);
    await detail.close();
    expect(detailWatch.messages).toEqual([]);
    expect(await rows().count()).toBe(FACTS.pageSize);
  });

  it('replaces the search with the log on 查看日志, and Back shows an empty search', async () => {
    await rows().nth(1).getByRole('button', { name: '查看日志' }).click();
    await page.waitForURL(`**/${app}/policy/${FACTS.conflictPolicy}/log`);
    expect(await page.locator(shape.breadcrumb).innerText()).toMatch(/保单查询\s*\/\s*保单详情\s*\/\s*操作日志/);
    expect(await page.getByRole('tab').innerText()).toContain('日志');
    await page.getByText(FACTS.conflictPolicy).first().waitFor();
    const logs = policyLogs(FACTS.conflictPolicy);
    await expect.poll(() => page.locator('tbody tr:has(td)').count()).toBe(logs.length);
    await page.getByText(logs[3].detail).waitFor();
    await shot('log');

    await page.goBack();
    await page.waitForURL(`**/${app}/search`);
    await page.getByText('请输入条件后查询').waitFor();
    expect(await rows().count()).toBe(0);
  });

  it('shows policy details as bordered label/value pairs, also on a direct load', async () => {
    await page.goto(url(`/policy/${FACTS.conflictPolicy}`));
    const labels = page.locator(shape.descriptionLabel);
    await labels.first().waitFor();
    expect(await labels.allInnerTexts()).toEqual([
      '保单号', '订单号', '产品名称', '保单状态', '投保人', '投保人证件号', '被保险人', '被保险人证件号', '被保人与投保人关系', '联系电话', '保费', '自动续保',
    ]);
    const conflict = findPolicy(FACTS.conflictPolicy)!;
    const idLabel = labels.filter({ hasText: /^投保人证件号$/ });
    expect(await idLabel.evaluate((el) => el.nextElementSibling!.textContent!.trim())).toBe(conflict.applicantId);
    await shot('detail');
    await page.getByRole('button', { name: '查看日志' }).click();
    await page.waitForURL(`**/${app}/policy/${FACTS.conflictPolicy}/log`);
  });

  it('lists surrenders under a 退保记录 card', async () => {
    await page.goto(url('/surrenders'));
    await page.getByText('退保记录', { exact: true }).last().waitFor();
    await expect.poll(firstCells).toEqual(surrenders.map((s) => s.policyNo));
    const operators = await rows().locator('td:nth-child(5)').allInnerTexts();
    expect(operators).toEqual(surrenders.map((s) => s.operator));
    await shot('surrenders');
  });

  it('sends the model value of the reply textarea', async () => {
    await page.goto(url('/chat'));
    const reply = page.getByPlaceholder('请输入回复内容');
    await reply.fill('您好，欢迎咨询');
    await page.getByRole('button', { name: /^发\s?送$/ }).click();
    await expect.poll(() => page.locator('.chat-message .chat-text').last().innerText()).toBe('您好，欢迎咨询');
    expect(await reply.inputValue()).toBe('');
    // A DOM-only change (no input event) is not in the model, so 发送 ignores it.
    await reply.evaluate((el: HTMLTextAreaElement) => (el.value = '未通知框架'));
    await page.getByRole('button', { name: /^发\s?送$/ }).click();
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    expect(await page.locator('.chat-message').count()).toBe(3);
    await shot('chat');
  });
});
