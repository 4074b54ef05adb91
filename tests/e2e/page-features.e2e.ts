/**
 * Every page-feature row of dom-contract.md (but snippets) in real Chromium with the built extension on
 * the demo SEA: after pagination, a route change and a reload; each fails when its feature is switched off.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { demoUrl, launchBrowser, watchConsole, type ConsoleWatch, type LaunchedBrowser } from './harness';
import { injectedCounts, setFeature } from './helpers';
import { FACTS, findPolicy, policies, surrenders } from '../fixtures/demo/data';

let browser: LaunchedBrowser;
let page: Page;
let watch: ConsoleWatch;

beforeAll(async () => {
  browser = await launchBrowser();
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: demoUrl('/').replace(/\/$/, '') });
});
afterAll(async () => {
  await browser?.close();
});

async function open(path: string) {
  page = await browser.newPage();
  watch = watchConsole(page);
  await page.goto(demoUrl(path));
}

afterEach(async () => {
  // Never break SEA: nothing the extension did may log an error or warning in the page.
  expect(watch.messages).toEqual([]);
  await page?.close();
});

const bodyRows = () => page.locator('.sea-table__body tr.sea-table__row');
const search = async () => {
  await page.getByRole('button', { name: '查 询' }).click();
  await expect.poll(() => bodyRows().count()).toBeGreaterThan(0);
};
const columnCells = (header: string) => page.locator('.sea-table__body tr.sea-table__row').locator(`td:nth-child(${HEADERS.indexOf(header) + 1})`);
const HEADERS = ['序号', '保单号', '产品名称', '投保人', '被保人', '投保人手机号', '状态', '投保时间', '操作'];
const copyButtonsIn = (cell: Locator) => cell.locator('button[data-seakit="copy-fields"]');
const gotoPage = async (n: number) => {
  await page.locator('.pager').getByRole('button', { name: String(n), exact: true }).click();
  await expect.poll(() => columnCells('保单号').first().innerText()).toContain(policies[(n - 1) * 10].no);
};

describe('copy-fields', () => {
  it('puts exactly one labelled copy button beside each copyable value, also after paging, and copies the value', async () => {
    await open('/search');
    await search();
    const policyCells = columnCells('保单号');
    await expect.poll(() => copyButtonsIn(policyCells.first()).count()).toBe(1);
    for (const [header, label] of [['保单号', '复制保单号'], ['投保人', '复制投保人'], ['被保人', '复制被保人'], ['投保人手机号', '复制投保人手机号']]) {
      const cells = columnCells(header);
      for (let i = 0; i < 10; i++) {
        const text = (await cells.nth(i).innerText()).trim();
        const want = text === '-' ? 0 : 1;
        expect(await copyButtonsIn(cells.nth(i)).count(), `${header} row ${i + 1}`).toBe(want);
        if (want) expect(await copyButtonsIn(cells.nth(i)).getAttribute('aria-label')).toBe(label);
      }
    }
    // The row with an empty phone ("-") has no button there.
    const emptyRow = policies.findIndex((p) => p.no === FACTS.emptyValuesPolicy);
    expect(await copyButtonsIn(columnCells('投保人手机号').nth(emptyRow)).count()).toBe(0);
    expect(await page.locator('[data-seakit="copy-fields"]').count()).toBeGreaterThan(30);

    await gotoPage(2);
    await expect.poll(() => columnCells('保单号').first().innerText()).toContain(policies[10].no);
    for (let i = 0; i < 10; i++) expect(await copyButtonsIn(policyCells.nth(i)).count()).toBe(1);

    const button = copyButtonsIn(policyCells.first());
    await button.click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(policies[10].no);
    await expect.poll(() => button.innerText()).toBe('已复制');
    await expect.poll(() => button.innerText(), { timeout: 4000 }).toBe('');
  });

  it('uses the label as the page shows it on the detail view (保单编号, 投保账户手机号)', async () => {
    await open(`/policy/${FACTS.selfPolicy}`);
    await expect.poll(() => page.locator('button[aria-label="复制保单编号"]').count()).toBe(1);
    expect(await page.locator('button[aria-label="复制投保账户手机号"]').count()).toBe(1);
    expect(await page.locator('button[aria-label="复制保单号"]').count()).toBe(1);
  });

  it('is gone when switched off in options, without a reload', async () => {
    await open('/search');
    await search();
    await expect.poll(() => page.locator('[data-seakit="copy-fields"]').count()).toBeGreaterThan(0);
    await setFeature(browser, 'copy-fields', false);
    await expect.poll(() => page.locator('[data-seakit="copy-fields"]').count()).toBe(0);
    await gotoPage(2);
    expect(await page.locator('[data-seakit="copy-fields"]').count()).toBe(0);
    await setFeature(browser, 'copy-fields', true);
    await expect.poll(() => page.locator('[data-seakit="copy-fields"]').count()).toBeGreaterThan(0);
  });
});

describe('paste-trim', () => {
  const pasteInto = async (placeholder: string, text: string) => {
    const input = page.getByPlaceholder(placeholder);
    await input.click();
    await page.evaluate((t) => navigator.clipboard.writeText(t), text);
    await page.keyboard.press('Control+V');
    return input;
  };

  it('trims white space, tabs, newlines, U+3000, NBSP and zero-width characters and the search sees it', async () => {
    await open('/search');
    const target = policies[3].no;
    const input = await pasteInto('请输入保单号', `\u3000 \t${target}\u00a0\u200b\n`);
    expect(await input.inputValue()).toBe(target);
    // The demo's own state got the trimmed value: its search finds exactly that policy.
    await search();
    expect(await bodyRows().count()).toBe(1);
    expect(await columnCells('保单号').first().innerText()).toContain(target);
  });

  it('pastes untrimmed when switched off', async () => {
    await open('/search');
    await setFeature(browser, 'paste-trim', false);
    try {
      const input = await pasteInto('请输入保单号', '  P1  ');
      expect(await input.inputValue()).toBe('  P1  ');
    } finally {
      await setFeature(browser, 'paste-trim', true);
    }
  });
});

describe('view-more-mark', () => {
  const rowOf = (no: string) => bodyRows().filter({ hasText: no });
  const background = (row: Locator) => row.locator('td').first().evaluate((td) => getComputedStyle(td).backgroundColor);

  it('marks the row, and the mark survives re-render, paging away and back, and a reload', async () => {
    await open('/search');
    await search();
    const first = rowOf(policies[0].no);
    const plain = await background(rowOf(policies[1].no));
    await first.getByText('查看更多').click();
    await expect.poll(() => first.getAttribute('data-seakit-viewed')).not.toBeNull();
    expect(await background(first)).not.toBe(plain);
    expect(await rowOf(policies[1].no).getAttribute('data-seakit-viewed')).toBeNull();

    // Page 2 reuses the same row elements: no mark there.
    await gotoPage(2);
    expect(await page.locator('[data-seakit-viewed]').count()).toBe(0);
    await gotoPage(1);
    await expect.poll(() => rowOf(policies[0].no).getAttribute('data-seakit-viewed')).not.toBeNull();

    await page.reload();
    await search();
    await expect.poll(() => rowOf(policies[0].no).getAttribute('data-seakit-viewed')).not.toBeNull();
    expect(await page.locator('tr[data-seakit-viewed]').count()).toBe(1);
  });

  it('marks nothing when switched off', async () => {
    await open('/search');
    await setFeature(browser, 'view-more-mark', false);
    try {
      await search();
      await rowOf(policies[4].no).getByText('查看更多').click();
      await page.waitForTimeout(300);
      expect(await page.locator('[data-seakit-viewed]').count()).toBe(0);
    } finally {
      await setFeature(browser, 'view-more-mark', true);
    }
  });
});

describe('surrender-source', () => {
  const kinds = () =>
    page.locator('tbody tr').evaluateAll((rows) =>
      rows.map((r) => [...r.querySelectorAll('[data-seakit="surrender-source"]')].map((s) => `${(s as HTMLElement).dataset.kind}:${s.textContent}`)),
    );
  const TEXT = { self: '自助退保', assisted: '协助退保', unknown: '来源不明' };

  it('labels every row self / assisted / unknown, on every page', async () => {
    await open('/surrenders');
    const expected = (from: number) => surrenders.slice(from, from + 10).map((s) => [`${s.expected}:${TEXT[s.expected]}`]);
    await expect.poll(kinds).toEqual(expected(0));
    await page.locator('.pager').getByRole('button', { name: '2', exact: true }).click();
    await expect.poll(kinds).toEqual(expected(10));
  });

  it('adds nothing when switched off', async () => {
    await open('/surrenders');
    await expect.poll(() => page.locator('[data-seakit="surrender-source"]').count()).toBe(10);
    await setFeature(browser, 'surrender-source', false);
    await expect.poll(() => page.locator('[data-seakit="surrender-source"]').count()).toBe(0);
    await setFeature(browser, 'surrender-source', true);
  });
});

describe('same-id', () => {
  const insuredIdCell = () => page.locator('td').filter({ hasText: /^被保人证件号$/ }).locator('xpath=following-sibling::td[1]');
  const relationshipCell = () => page.locator('td').filter({ hasText: /^与投保人关系$/ }).locator('xpath=following-sibling::td[1]');

  it('badges 本人 beside the insured ID when the IDs are equal', async () => {
    await open(`/policy/${FACTS.selfPolicy}`);
    await expect.poll(() => insuredIdCell().locator('[data-seakit="same-id"]').count()).toBe(1);
    expect(await insuredIdCell().locator('[data-seakit="same-id"]').innerText()).toContain('本人');
    expect(await page.locator('[data-seakit-conflict]').count()).toBe(0);
  });

  it('treats a lower-case x as X', async () => {
    await open(`/policy/${FACTS.lowerXPolicy}`);
    await expect.poll(() => page.locator('[data-seakit="same-id"]').count()).toBe(1);
  });

  it('flags the relationship when the IDs are equal and it is not 本人', async () => {
    await open(`/policy/${FACTS.conflictPolicy}`);
    await expect.poll(() => relationshipCell().getAttribute('data-seakit-conflict')).not.toBeNull();
    expect(await page.locator('[data-seakit="same-id"]').count()).toBe(1);
  });

  it('marks neither for unequal IDs, and flags a wrong check digit', async () => {
    await open(`/policy/${FACTS.invalidInsuredIdPolicy}`);
    await expect.poll(() => insuredIdCell().locator('[data-seakit="id-invalid"]').count()).toBe(1);
    expect(await insuredIdCell().locator('[data-seakit="id-invalid"]').innerText()).toBe('证件号校验位错误');
    expect(await page.locator('[data-seakit="same-id"], [data-seakit-conflict]').count()).toBe(0);
    await page.goto(demoUrl(`/policy/${FACTS.spousePolicy}`));
    await page.waitForTimeout(500);
    expect(await page.locator('[data-seakit="same-id"], [data-seakit-conflict], [data-seakit="id-invalid"]').count()).toBe(0);
  });

  it('follows a route change from the search to a detail, and shows nothing when switched off', async () => {
    await open('/search');
    await search();
    const row = bodyRows().filter({ hasText: FACTS.conflictPolicy });
    await expect.poll(() => page.locator('[data-seakit="same-id"]').count()).toBe(0);
    await row.getByText('详情').click();
    await page.waitForURL(new RegExp(`/policy/${FACTS.conflictPolicy}$`));
    await expect.poll(() => page.locator('[data-seakit="same-id"]').count()).toBe(1);
    await expect.poll(() => relationshipCell().getAttribute('data-seakit-conflict')).not.toBeNull();
    await setFeature(browser, 'same-id', false);
    try {
      await expect.poll(() => page.locator('[data-seakit="same-id"], [data-seakit-conflict]').count()).toBe(0);
    } finally {
      await setFeature(browser, 'same-id', true);
    }
  });
});

describe('log-return', () => {
  const nameInput = () => page.getByPlaceholder('请输入投保人姓名');

  it('returns from the log to the same search, fields filled and results shown, no retyping', async () => {
    await open('/search');
    const someone = policies[12];
    await nameInput().fill(someone.applicant);
    await search();
    const count = await bodyRows().count();
    await bodyRows().filter({ hasText: someone.no }).getByText('查看日志').click();
    await page.waitForURL(/\/log$/);
    const back = page.locator('button[data-seakit="log-return"]');
    await expect.poll(() => back.count()).toBe(1);
    expect(await back.innerText()).toBe('返回保单');
    await back.click();
    await page.waitForURL(/\/search$/);
    await expect.poll(() => nameInput().inputValue()).toBe(someone.applicant);
    await expect.poll(() => bodyRows().count()).toBe(count);
    expect(await bodyRows().filter({ hasText: someone.no }).count()).toBe(1);
    expect(await page.locator('[data-seakit="log-return"]').count()).toBe(0);
  });

  it('returns to a search by 查询类型: the select is chosen again, not only the text beside it', async () => {
    await open('/search');
    const someone = policies[12];
    const searchType = page.getByLabel('查询类型');
    await searchType.selectOption({ label: '投保人证件号' });
    await page.getByLabel('查询内容').fill(someone.applicantId);
    await search();
    const count = await bodyRows().count();
    expect(count).toBeGreaterThan(0);
    await bodyRows().filter({ hasText: someone.no }).getByText('查看日志').click();
    await page.waitForURL(/\/log$/);
    await page.locator('button[data-seakit="log-return"]').click();
    await page.waitForURL(/\/search$/);
    await expect.poll(() => searchType.inputValue()).toBe('applicantId');
    await expect.poll(() => page.getByLabel('查询内容').inputValue()).toBe(someone.applicantId);
    await expect.poll(() => bodyRows().count()).toBe(count);
    expect(await bodyRows().filter({ hasText: someone.no }).count()).toBe(1);
  });

  it('returns to the same policy detail, also after reloading the log page', async () => {
    await open(`/policy/${FACTS.spousePolicy}`);
    await page.getByRole('button', { name: '查看日志' }).click();
    await page.waitForURL(/\/log$/);
    await page.reload();
    await page.locator('button[data-seakit="log-return"]').click();
    await page.waitForURL(new RegExp(`/policy/${FACTS.spousePolicy}$`));
    await expect.poll(() => page.getByText(findPolicy(FACTS.spousePolicy)!.insuredId).count()).toBeGreaterThan(0);
  });

  it('offers no button when switched off', async () => {
    await open(`/policy/${FACTS.selfPolicy}/log`);
    await expect.poll(() => page.locator('[data-seakit="log-return"]').count()).toBe(1);
    await setFeature(browser, 'log-return', false);
    try {
      await expect.poll(() => page.locator('[data-seakit="log-return"]').count()).toBe(0);
    } finally {
      await setFeature(browser, 'log-return', true);
    }
  });
});

describe('the page as a whole', () => {
  it('enhances the rows on and within a screen of the screen at once, far rows only when they come near', async () => {
    await open('/search?rows=300');
    const rows = bodyRows();
    // Every row on screen or within the next screen has its buttons.
    const nearRowsDone = () =>
      page.evaluate(() => {
        const near = [...document.querySelectorAll('.sea-table__body tr')].filter((r) => {
          const box = r.getBoundingClientRect();
          return box.bottom > 0 && box.top < 2 * innerHeight;
        });
        return near.length > 10 && near.every((r) => r.querySelector('button[data-seakit="copy-fields"]'));
      });
    await expect.poll(nearRowsDone, { timeout: 15_000 }).toBe(true);
    // Nothing is written into rows nobody sees: the last row, far below the fold, has nothing yet.
    const last = rows.last();
    expect(await last.evaluate((row) => row.getBoundingClientRect().top > innerHeight * 3)).toBe(true);
    await page.waitForTimeout(1500);
    expect(await last.locator('[data-seakit]').count()).toBe(0);
    // Scrolled near, it gets its one button per value.
    await last.evaluate((row) => row.scrollIntoView());
    await expect.poll(() => last.locator('button[data-seakit="copy-fields"][aria-label="复制保单号"]').count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(nearRowsDone, { timeout: 15_000 }).toBe(true);
  });

  it('never adds a second copy of anything after many re-renders', async () => {
    await open('/search');
    await search();
    for (const n of [2, 3, 1, 2, 1]) await gotoPage(n);
    const cells = await page.locator('td').evaluateAll((tds) => tds.map((td) => td.querySelectorAll(':scope [data-seakit="copy-fields"]').length));
    expect(Math.max(...cells)).toBeLessThanOrEqual(1);
    expect((await injectedCounts(page)).core).toBe(1);
  });
});

describe('phrase-check', () => {
  const reply = () => page.getByLabel('回复内容', { exact: true });
  const note = () => page.locator('[data-seakit="phrase-check"]');

  it('names a forbidden phrase while the agent types, and changes nothing they send', async () => {
    await open('/chat');
    await reply().click();
    await page.keyboard.type('不好意思，请稍等');
    await expect.poll(() => note().count()).toBe(1);
    expect(await note().innerText()).toContain('服务禁语：“不好意思”→抱歉');
    expect(await note().isVisible()).toBe(true);
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.locator('.msg--agent .msg__bubble').last().innerText()).toBe('不好意思，请稍等');
    await reply().click();
    await page.keyboard.type('抱歉，请稍等');
    await page.waitForTimeout(400);
    expect(await note().count()).toBe(0);
  });

  it('stays quiet when switched off', async () => {
    await open('/chat');
    await setFeature(browser, 'phrase-check', false);
    try {
      await reply().click();
      await page.keyboard.type('大概明天');
      await page.waitForTimeout(400);
      expect(await note().count()).toBe(0);
    } finally {
      await setFeature(browser, 'phrase-check', true);
    }
  });
});
