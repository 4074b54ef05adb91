/**
 * The demo SEA itself, in Chromium WITHOUT the extension: if this fails, the feature e2e tests
 * are testing a broken fixture. Also checks the data facts the feature tests rely on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoUrl, launchBrowser, watchConsole, type ConsoleWatch, type LaunchedBrowser } from './harness';
import { FACTS, findPolicy, isValidId, policies, surrenders } from '../fixtures/demo/data';

describe('demo data', () => {
  it('has valid GB 11643 IDs except the deliberately broken ones', () => {
    const broken = new Set<string>([FACTS.invalidInsuredIdPolicy, FACTS.invalidSameIdPolicy, FACTS.invalidApplicantIdPolicy, FACTS.invalidInsuredIdPolicy2]);
    for (const p of policies) {
      const ids = [p.applicantId, p.insuredId].filter(Boolean);
      expect(ids.every(isValidId), `${p.no} ${ids}`).toBe(!broken.has(p.no));
    }
    expect(policies.some((p) => p.applicantId.endsWith('X'))).toBe(true);
  });

  it('has the same-id cases where FACTS says', () => {
    const self = findPolicy(FACTS.selfPolicy)!;
    expect([self.relationship, self.insuredId]).toEqual(['本人', self.applicantId]);
    const conflict = findPolicy(FACTS.conflictPolicy)!;
    expect([conflict.relationship, conflict.insuredId]).toEqual(['子女', conflict.applicantId]);
    const lowerX = findPolicy(FACTS.lowerXPolicy)!;
    expect(lowerX.applicantId.endsWith('X')).toBe(true);
    expect(lowerX.insuredId).toBe(lowerX.applicantId.toLowerCase());
    expect(findPolicy(FACTS.spousePolicy)!.insuredId).not.toBe(findPolicy(FACTS.spousePolicy)!.applicantId);
    expect(findPolicy(FACTS.emptyValuesPolicy)!.orderNo).toBe('');
  });

  it('has self, assisted and unknown surrenders on the first page', () => {
    expect(new Set(surrenders.slice(0, 10).map((s) => s.expected))).toEqual(new Set(['self', 'assisted', 'unknown']));
  });
});

describe('demo SEA in Chromium (no extension)', () => {
  let browser: LaunchedBrowser;
  let page: Page;
  let watch: ConsoleWatch;

  beforeAll(async () => {
    browser = await launchBrowser({ extension: false });
    page = await browser.newPage();
    watch = watchConsole(page);
  });
  afterAll(async () => {
    await browser?.close();
  });

  const rows = () => page.locator('.sea-table__body tr.sea-table__row');
  const cellTexts = (row: number) => rows().nth(row).locator('td').allInnerTexts();

  it('searches, pages with reused rows, sorts and expands', async () => {
    await page.goto(demoUrl('/search'));
    // The page keeps its own marker across in-app navigation: no reloads.
    await page.evaluate(() => ((window as unknown as { demoMarker: number }).demoMarker = 42));
    expect(await rows().count()).toBe(0);

    await page.getByRole('button', { name: '查 询' }).click();
    await expect.poll(() => rows().count()).toBe(10);
    expect(await page.locator('.pager__total').innerText()).toBe('共 120 条');
    const header = await page.locator('.sea-table__header th').allInnerTexts();
    expect(header.map((h) => h.trim())).toEqual(['序号', '保单号', '产品名称', '投保人', '被保人', '投保人手机号', '状态', '投保时间', '操作']);
    expect((await cellTexts(0))[1]).toBe(FACTS.selfPolicy);

    const firstRow = await rows().first().elementHandle();
    await page.getByRole('button', { name: '下一页' }).click();
    await expect.poll(async () => (await cellTexts(0))[0]).toBe('11');
    // Same <tr>, new text: the framework reused the row element.
    expect(await firstRow!.evaluate((tr) => tr.isConnected && tr.querySelector('td')!.textContent)).toBe('11');
    expect((await cellTexts(0))[1]).toBe(policies[10].no);

    await page.getByRole('button', { name: '12', exact: true }).click();
    await expect.poll(() => rows().count()).toBe(10);
    expect((await cellTexts(9))[0]).toBe('120');

    await page.locator('.sea-table__header th', { hasText: '保单号' }).click();
    const sortedNos = [...policies].map((p) => p.no).sort();
    await expect.poll(async () => (await cellTexts(0))[1]).toBe(sortedNos[0]);
    await page.locator('.sea-table__header th', { hasText: '保单号' }).click();
    await expect.poll(async () => (await cellTexts(0))[1]).toBe(sortedNos[sortedNos.length - 1]);
    await page.locator('.sea-table__header th', { hasText: '保单号' }).click();
    await expect.poll(async () => (await cellTexts(0))[1]).toBe(FACTS.selfPolicy);

    await rows().nth(2).getByRole('button', { name: '查看更多' }).click();
    const expand = page.locator('tr.sea-table__expanded-row');
    await expect.poll(() => expand.count()).toBe(1);
    const conflict = findPolicy(FACTS.conflictPolicy)!;
    expect(await expand.textContent()).toContain(`投保人证件号：${conflict.applicantId}`);
    expect(await expand.textContent()).toContain('与投保人关系：子女');
    await rows().nth(2).getByRole('button', { name: '查看更多' }).click();
    await expect.poll(() => expand.count()).toBe(0);
  });

  it('filters as typed: a trailing space finds nothing', async () => {
    const applicant = findPolicy(FACTS.spousePolicy)!.applicant;
    await page.getByLabel('投保人姓名').fill(applicant);
    await page.getByRole('button', { name: '查 询' }).click();
    await expect.poll(async () => (await cellTexts(0))[3]).toBe(applicant);
    await page.getByLabel('保单号').fill(FACTS.spousePolicy + ' ');
    await page.getByRole('button', { name: '查 询' }).click();
    await expect.poll(() => page.locator('.sea-table__empty').innerText()).toBe('暂无数据');
    await page.getByRole('button', { name: '重置' }).click();
    expect(await page.getByLabel('保单号').inputValue()).toBe('');
  });

  it('routes to detail and log without reloading, and loses the search on the way back', async () => {
    await page.getByRole('button', { name: '查 询' }).click();
    await expect.poll(() => rows().count()).toBe(10);
    await rows().nth(2).getByRole('button', { name: '详情' }).click();
    await page.waitForURL(`**/policy/${FACTS.conflictPolicy}`);
    const desc = page.locator('table.descriptions');
    await desc.waitFor();
    expect(await desc.locator('td.descriptions__label').allInnerTexts()).toEqual([
      '保单号', '订单编号', '产品名称', '投保人', '投保人证件号', '被保人', '被保人证件号', '与投保人关系', '投保账户手机号', '生效时间', '到期时间',
    ]);
    expect(await desc.locator('tr').first().locator('td').allInnerTexts()).toEqual(['保单号', FACTS.conflictPolicy, '订单编号', findPolicy(FACTS.conflictPolicy)!.orderNo]);
    expect(await page.locator('dl.info-list dt').allInnerTexts()).toContain('联系电话');
    expect(await page.locator('.summary .kv').first().textContent()).toBe(`保单编号：${FACTS.conflictPolicy}`);

    await page.getByRole('button', { name: '查看日志' }).click();
    await page.waitForURL(`**/policy/${FACTS.conflictPolicy}/log`);
    expect(await page.locator('.breadcrumb').innerText()).toMatch(/保单查询\s*\/\s*保单详情\s*\/\s*操作日志/);
    expect(await page.locator('h2').innerText()).toContain('日志');
    expect(await page.locator('.log-policy').innerText()).toBe(`保单号：${FACTS.conflictPolicy}`);
    await expect.poll(() => page.locator('.plain-table tbody tr').count()).toBeGreaterThanOrEqual(3);
    expect(await page.locator('.plain-table thead th').allInnerTexts()).toEqual(['时间', '操作人', '操作内容']);

    await page.goBack();
    await page.waitForURL(`**/policy/${FACTS.conflictPolicy}`);
    await page.getByRole('button', { name: '返回' }).click();
    await page.waitForURL('**/search');
    expect(await page.evaluate(() => (window as unknown as { demoMarker?: number }).demoMarker)).toBe(42);
    // The results were component state: gone, as in SEA.
    expect(await rows().count()).toBe(0);
  });

  it('opens a policy and the log directly (SPA fallback) and shows empty values as "-"', async () => {
    await page.goto(demoUrl(`/policy/${FACTS.emptyValuesPolicy}`));
    await page.locator('table.descriptions').waitFor();
    const cells = await page.locator('table.descriptions td').allInnerTexts();
    expect(cells[cells.indexOf('订单编号') + 1]).toBe('-');
    expect(cells[cells.indexOf('被保人证件号') + 1]).toBe('-');
    await page.goto(demoUrl(`/policy/${FACTS.selfPolicy}/log`));
    expect(await page.locator('.log-policy').innerText()).toBe(`保单号：${FACTS.selfPolicy}`);
  });

  it('lists surrenders with operators and pages them', async () => {
    await page.goto(demoUrl('/search'));
    await page.getByRole('link', { name: '退保记录' }).click();
    await page.waitForURL('**/surrenders');
    const body = page.locator('.surrender-table tbody tr');
    expect(await body.count()).toBe(10);
    expect(await page.locator('.surrender-table th').allInnerTexts()).toEqual(['保单号', '投保人', '退保申请时间', '退款金额', '退款状态', '退保操作人', '退保渠道']);
    const operators = await body.locator('td:nth-child(6)').allInnerTexts();
    expect(operators).toEqual(surrenders.slice(0, 10).map((s) => s.operator || '-'));
    await page.getByRole('button', { name: '下一页' }).click();
    await expect.poll(() => body.first().locator('td').first().innerText()).toBe(surrenders[10].policyNo);
    expect(await body.nth(2).locator('td:nth-child(6)').innerText()).toBe('-');
  });

  it('sends chat replies from the textarea and the rich-text box', async () => {
    await page.getByRole('link', { name: '在线客服' }).click();
    await page.waitForURL('**/chat');
    const reply = page.getByLabel('回复内容', { exact: true });
    await reply.click();
    await page.keyboard.type('您好，欢迎咨询');
    await page.getByRole('button', { name: '发送' }).first().click();
    await expect.poll(() => page.locator('.msg--agent .msg__bubble').last().innerText()).toBe('您好，欢迎咨询');
    expect(await reply.inputValue()).toBe('');

    await page.getByRole('tab', { name: '富文本回复' }).click();
    const rich = page.getByRole('textbox', { name: '富文本回复内容' });
    await rich.click();
    await page.keyboard.type('请稍等');
    await page.locator('.chat__editor:not([hidden]) button', { hasText: '发送' }).click();
    await expect.poll(() => page.locator('.msg--agent .msg__bubble').last().innerText()).toBe('请稍等');
    expect(await rich.innerText()).toBe('');
  });

  it('renders ?rows=2000 on one page and ?rerender=1 changes every status each second', async () => {
    await page.goto(demoUrl('/search?rows=2000'));
    await expect.poll(() => rows().count()).toBe(2000);
    expect((await cellTexts(1999))[0]).toBe('2000');

    await page.goto(demoUrl('/search?rerender=1'));
    await expect.poll(() => rows().count()).toBe(10);
    const statuses = () => rows().locator('td:nth-child(7)').allInnerTexts();
    const before = await statuses();
    await expect.poll(async () => (await statuses()).every((s, i) => s !== before[i]), { timeout: 3000 }).toBe(true);
  });

  it('logged nothing to the console', () => {
    expect(watch.messages).toEqual([]);
  });
});
