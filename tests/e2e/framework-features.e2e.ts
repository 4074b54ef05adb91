/**
 * Every page-feature row of dom-contract.md (but snippets) on real framework markup: the Vue 3 +
 * Element Plus and React + antd fixture apps (tests/fixtures/frameworks), in Chromium with the built
 * extension. Assertions come from the contract text only (data-seakit selectors, aria-labels, texts),
 * after paging (Element Plus reuses rows, antd replaces them), sorting, route changes and reloads.
 * Each app gets its own browser profile: marks are kept per policy number, and both apps show the same ones.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserForTests, checkEachPage, watchConsole, type ConsoleWatch } from './harness';
import { injectedCounts } from './helpers';
import { startFrameworkServer } from '../fixtures/frameworks/serve.mjs';
import { FACTS, findPolicy, policies, policyLogs, surrenderKinds, surrenders, type Policy } from '../fixtures/frameworks/shared/data';

interface AppShape {
  /** Data rows of the one list table on the view (no measure rows). */
  rows: string;
  /** Header cells of that table, in column order. */
  headers: string;
  pagerItem(n: number): string;
  /** Label cells of the detail view's label/value pairs (the value is the next cell). */
  pairLabels: string;
  sortByPolicyNoDescending(page: Page): Promise<void>;
  /** Page 1 after that sort: Element Plus sorts only the current page, antd all rows. */
  firstPageAfterSort: Policy[];
}

const apps: Record<'vue' | 'react', AppShape> = {
  vue: {
    rows: '.el-table__body tr.el-table__row',
    headers: '.el-table__header-wrapper th',
    pagerItem: (n) => `.el-pager li[aria-label="第 ${n} 页"]`,
    pairLabels: 'td.el-descriptions__label',
    sortByPolicyNoDescending: (page) => page.locator('.el-table__header th .sort-caret.descending').first().click(),
    firstPageAfterSort: policies.slice(0, 5).reverse(),
  },
  react: {
    rows: '.ant-table-tbody tr.ant-table-row',
    headers: '.ant-table-thead th',
    pagerItem: (n) => `.ant-pagination-item-${n}`,
    pairLabels: 'th.ant-descriptions-item-label',
    sortByPolicyNoDescending: async (page) => {
      const header = page.locator('.ant-table-header th[aria-label="保单号"]');
      await header.click(); // ascending
      await header.click();
    },
    firstPageAfterSort: policies.slice().reverse().slice(0, 5),
  },
};

/** Search table columns → the policy field each shows; null: not a copyable field. */
const SEARCH_COLUMNS: [string, keyof Policy | null][] = [
  ['保单号', 'policyNo'], ['投保人', 'applicant'], ['被保人', 'insured'], ['投保人证件号', 'applicantId'],
  ['被保人证件号', 'insuredId'], ['与投保人关系', null], ['手机号', 'phone'], ['保单状态', null], ['投保时间', null], ['操作', null],
];
/** Columns shown but not copyable → the policy field each shows. */
const PLAIN_COLUMNS: Record<string, keyof Policy> = { 与投保人关系: 'relation', 保单状态: 'status', 投保时间: 'appliedAt' };
/** Detail labels → the policy field each shows, for the copyable ones. */
const DETAIL_COPYABLE: Record<string, keyof Policy> = {
  保单号: 'policyNo', 订单号: 'orderNo', 投保人: 'applicant', 投保人证件号: 'applicantId',
  被保险人: 'insured', 被保险人证件号: 'insuredId', 联系电话: 'phone',
};
const DETAIL_LABELS = ['保单号', '订单号', '产品名称', '保单状态', '投保人', '投保人证件号', '被保险人', '被保险人证件号', '被保人与投保人关系', '联系电话', '保费', '自动续保'];
const SURRENDER_TEXT = { self: '自助退保', assisted: '协助退保', unknown: '来源不明' } as const;
const INVALID_TEXT = '证件号校验位错误';

const isEmpty = (value: string) => ['', '-', '--'].includes(value.trim());
const sameIds = (p: Policy) => !isEmpty(p.applicantId) && !isEmpty(p.insuredId) && p.applicantId.toUpperCase() === p.insuredId.toUpperCase();
const invalidId = (id: string) => id === FACTS.invalidInsuredId;

/** What a search-table row must look like with the extension on (viewed is checked by view-more-mark only). */
function expectedRow(p: Policy) {
  const copy: Record<string, string[]> = {};
  const texts: Record<string, string> = {};
  for (const [column, key] of SEARCH_COLUMNS) {
    copy[column] = key && !isEmpty(p[key]) ? [`复制${column}`] : [];
    if (column !== '操作') texts[column] = p[key ?? PLAIN_COLUMNS[column]];
  }
  return {
    texts,
    copy,
    sameId: sameIds(p) ? ['被保人证件号'] : [],
    conflict: sameIds(p) && p.relation !== '本人' ? ['与投保人关系'] : [],
    invalid: [
      ...(invalidId(p.applicantId) ? [`投保人证件号:${INVALID_TEXT}`] : []),
      ...(invalidId(p.insuredId) ? [`被保人证件号:${INVALID_TEXT}`] : []),
    ],
  };
}

function expectedPairs(p: Policy) {
  const value = (label: string) =>
    ({ 保单号: p.policyNo, 订单号: p.orderNo, 产品名称: p.product, 保单状态: p.status, 投保人: p.applicant, 投保人证件号: p.applicantId,
      被保险人: p.insured, 被保险人证件号: p.insuredId, 被保人与投保人关系: p.relation, 联系电话: p.phone, 保费: p.premium, 自动续保: p.autoRenew })[label]!;
  return DETAIL_LABELS.map((label) => ({
    label,
    text: value(label),
    copy: label in DETAIL_COPYABLE && !isEmpty(value(label)) ? [`复制${label}`] : [],
    sameId: label === '被保险人证件号' && sameIds(p) ? 1 : 0,
    invalid: (label === '投保人证件号' || label === '被保险人证件号') && invalidId(value(label)) ? [INVALID_TEXT] : [],
    conflict: label === '被保人与投保人关系' && sameIds(p) && p.relation !== '本人',
  }));
}

let server: { url: string; close(): Promise<void> };

beforeAll(async () => {
  server = await startFrameworkServer();
});
afterAll(async () => {
  await server?.close();
});

describe.each(Object.keys(apps) as ('vue' | 'react')[])('page features on the %s fixture app', (app) => {
  const shape = apps[app];
  /** What page.evaluate needs of the shape (functions do not cross into the page). */
  const selectors = { rows: shape.rows, headers: shape.headers };
  let page: Page;
  let watch: ConsoleWatch;
  const url = (path: string) => `${server.url}/${app}${path}`;

  const browser = browserForTests((browser) => browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url }));

  async function open(path: string) {
    page = await browser.newPage();
    watch = watchConsole(page);
    await page.goto(url(path));
  }

  checkEachPage(() => ({ page, watch }));

  // ---- reading the page the way an outside tester does ----

  /** Each list row, by column header: the page's own text (injected elements left out) and what was injected where. */
  const listRows = () =>
    page.evaluate(({ rows, headers }) => {
      const own = (el: Element) => {
        const copy = el.cloneNode(true) as Element;
        copy.querySelectorAll('[data-seakit]').forEach((n) => n.remove());
        return copy.textContent!.trim();
      };
      const names = [...document.querySelectorAll(headers)].map(own);
      return [...document.querySelectorAll(rows)].map((tr) => {
        const cells = [...tr.children];
        const columnOf = (el: Element) => names[cells.findIndex((td) => td.contains(el))] ?? 'outside a cell';
        const texts: Record<string, string> = {};
        const copy: Record<string, string[]> = {};
        cells.forEach((td, i) => {
          if (!names[i]) return;
          if (names[i] !== '操作') texts[names[i]] = own(td);
          copy[names[i]] = [...td.querySelectorAll('button[data-seakit="copy-fields"]')].map((b) => b.getAttribute('aria-label')!);
        });
        const badges = [...tr.querySelectorAll('[data-seakit="same-id"]')];
        return {
          texts,
          copy,
          // A badge whose text lacks 本人 shows up as "<column>:no 本人" and fails.
          sameId: badges.map((b) => (b.textContent!.includes('本人') ? columnOf(b) : `${columnOf(b)}:no 本人`)),
          conflict: [...tr.querySelectorAll('[data-seakit-conflict]')]
            .map(columnOf)
            .concat(tr.hasAttribute('data-seakit-conflict') ? ['the whole row'] : [])
            .filter((c, i, all) => all.indexOf(c) === i),
          invalid: [...tr.querySelectorAll('[data-seakit="id-invalid"]')].map((e) => `${columnOf(e)}:${e.textContent!.trim()}`),
        };
      });
    }, selectors);

  const shownPolicies = async () => (await listRows()).map((r) => r.texts['保单号']);
  const rowOf = (policyNo: string) => page.locator(shape.rows).filter({ hasText: policyNo });
  const viewedPolicies = () =>
    page.evaluate(({ rows }) => [...document.querySelectorAll(rows)].filter((tr) => tr.hasAttribute('data-seakit-viewed'))
      .map((tr) => tr.querySelector('td')!.textContent!.match(/BD\d+/)![0]), selectors);

  /** Each label/value pair of the detail view: texts without injected elements, and what was injected. */
  const detailPairs = () =>
    page.evaluate((labelSelector) => {
      const own = (el: Element) => {
        const copy = el.cloneNode(true) as Element;
        copy.querySelectorAll('[data-seakit]').forEach((n) => n.remove());
        return copy.textContent!.trim();
      };
      return [...document.querySelectorAll(labelSelector)].map((label) => {
        const value = label.nextElementSibling!;
        const marked = (el: Element) => el.hasAttribute('data-seakit-conflict') || !!el.querySelector('[data-seakit-conflict]');
        return {
          label: own(label),
          text: own(value),
          copy: [...value.querySelectorAll('button[data-seakit="copy-fields"]')].map((b) => b.getAttribute('aria-label')!),
          sameId: [...value.querySelectorAll('[data-seakit="same-id"]')].filter((b) => b.textContent!.includes('本人')).length,
          invalid: [...value.querySelectorAll('[data-seakit="id-invalid"]')].map((e) => e.textContent!.trim()),
          conflict: marked(label) || marked(value),
        };
      });
    }, shape.pairLabels);

  /** Conflict marks that are not on the relationship's own label or value (a whole row of two pairs, say). */
  const strayConflicts = () =>
    page.evaluate((labelSelector) => {
      const relationship = [...document.querySelectorAll(labelSelector)].filter((l) => l.textContent!.trim() === '被保人与投保人关系');
      const own = relationship.flatMap((l) => [l, l.nextElementSibling!]);
      return [...document.querySelectorAll('[data-seakit-conflict]')]
        .filter((el) => !own.some((o) => o.contains(el)))
        .map((el) => el.outerHTML.slice(0, 300));
    }, shape.pairLabels);

  const expectRows = (list: Policy[]) => expect.poll(listRows).toEqual(list.map(expectedRow));
  const expectDetail = async (p: Policy) => {
    await expect.poll(detailPairs).toEqual(expectedPairs(p));
    expect(await strayConflicts()).toEqual([]);
  };

  /** Injected elements of the given ids on the whole page, so strays outside the checked cells show up too. */
  const countsOf = async (...ids: string[]) => {
    const counts = await injectedCounts(page);
    return Object.fromEntries(ids.map((id) => [id, counts[id] ?? 0]));
  };
  const INJECTED_IN_ROWS = ['copy-fields', 'same-id', 'id-invalid'];
  const expectedCounts = (list: Policy[]) => {
    const rows = list.map(expectedRow);
    return {
      'copy-fields': rows.reduce((n, r) => n + Object.values(r.copy).flat().length, 0),
      'same-id': rows.reduce((n, r) => n + r.sameId.length, 0),
      'id-invalid': rows.reduce((n, r) => n + r.invalid.length, 0),
    };
  };

  // ---- driving the app ----

  const searchButton = () => page.getByRole('button', { name: /^查\s?询$/ });
  const search = async () => {
    await searchButton().click();
    await expect.poll(() => page.locator(shape.rows).count()).toBeGreaterThan(0);
  };
  const gotoPage = async (n: number, first: Policy) => {
    await page.locator(shape.pagerItem(n)).click();
    await expect.poll(async () => (await shownPolicies())[0]).toBe(first.policyNo);
  };
  const menu = (name: string) => page.getByRole('menuitem', { name }).click();
  /** A client-side route change, as the app's router sees a Back/Forward. */
  const routeTo = async (path: string) => {
    await page.evaluate((to) => {
      history.pushState(null, '', to);
      dispatchEvent(new PopStateEvent('popstate', { state: null }));
    }, `/${app}${path}`);
    await page.waitForURL(url(path));
  };
  const readClipboard = () => page.evaluate(() => navigator.clipboard.readText());
  /** Opens 查看更多 (a new tab), checks that tab logged nothing, and closes it. */
  const viewMore = async (policyNo: string) => {
    const [tab] = await Promise.all([
      browser.context.waitForEvent('page'),
      rowOf(policyNo).getByRole('button', { name: '查看更多' }).click(),
    ]);
    const tabWatch = watchConsole(tab);
    await tab.waitForURL(`**/${app}/policy/${policyNo}`);
    await tab.waitForLoadState('load');
    await tab.close();
    expect(tabWatch.messages).toEqual([]);
    await page.bringToFront();
  };
  /** Background the agent sees behind a row's 保单号 cell: the first non-transparent one up the tree. */
  const backgrounds = () =>
    page.evaluate(({ rows }) => [...document.querySelectorAll(rows)].map((tr) => {
      for (let el: Element | null = tr.querySelector('td'); el; el = el.parentElement) {
        const color = getComputedStyle(el).backgroundColor;
        if (color !== 'rgba(0, 0, 0, 0)' && color !== 'transparent') return color;
      }
      return 'none';
    }), selectors);
  /** Mouse off the table and hover/transition effects settled, so backgrounds are comparable. */
  const settle = async () => {
    await page.mouse.move(1, 1);
    await page.waitForTimeout(500);
  };

  // ---- the contract ----

  it('copy-fields: one labelled copy button per copyable value, also after paging (reused/replaced rows), sorting and a reload; it copies the current value', async () => {
    await open('/search');
    await search();
    await expectRows(policies.slice(0, 5));
    expect(await countsOf(...INJECTED_IN_ROWS)).toEqual(expectedCounts(policies.slice(0, 5)));

    // 投保人证件号 of BD2025000102 ends in a lower-case x: copied as displayed.
    const idButton = rowOf(FACTS.conflictPolicy).locator('button[data-seakit="copy-fields"][aria-label="复制投保人证件号"]');
    await idButton.click();
    expect(await readClipboard()).toBe(findPolicy(FACTS.conflictPolicy)!.applicantId);
    await expect.poll(() => idButton.innerText()).toContain('已复制');
    await expect.poll(() => idButton.innerText(), { timeout: 4000 }).not.toContain('已复制');

    await gotoPage(2, policies[5]);
    await expectRows(policies.slice(5, 10));
    // Row 2 is the row element BD2025000102 used on page 1 in Element Plus: the button copies the new value.
    await page.locator(shape.rows).nth(1).locator('button[data-seakit="copy-fields"][aria-label="复制保单号"]').click();
    expect(await readClipboard()).toBe(FACTS.reusedSlotPolicy);
    await rowOf(policies[5].policyNo).locator('button[data-seakit="copy-fields"][aria-label="复制手机号"]').click();
    expect(await readClipboard()).toBe(policies[5].phone);

    await gotoPage(3, policies[10]);
    await expectRows(policies.slice(10, 12));
    await gotoPage(1, policies[0]);
    await expectRows(policies.slice(0, 5));
    expect(await countsOf(...INJECTED_IN_ROWS)).toEqual(expectedCounts(policies.slice(0, 5)));

    await shape.sortByPolicyNoDescending(page);
    await expect.poll(async () => (await shownPolicies())[0]).toBe(shape.firstPageAfterSort[0].policyNo);
    await expectRows(shape.firstPageAfterSort);
    await page.locator(shape.rows).first().locator('button[aria-label="复制被保人"]').click();
    expect(await readClipboard()).toBe(shape.firstPageAfterSort[0].insured);

    await page.reload();
    await search();
    await expectRows(policies.slice(0, 5));
  });

  it('copy-fields: buttons on the detail view carry the label as shown (被保险人证件号, 联系电话), also after a route change and a reload', async () => {
    await open(`/policy/${FACTS.conflictPolicy}`);
    await expectDetail(findPolicy(FACTS.conflictPolicy)!);
    await page.locator('button[data-seakit="copy-fields"][aria-label="复制订单号"]').click();
    expect(await readClipboard()).toBe(findPolicy(FACTS.conflictPolicy)!.orderNo);
    await page.locator('button[data-seakit="copy-fields"][aria-label="复制被保险人证件号"]').click();
    expect(await readClipboard()).toBe(findPolicy(FACTS.conflictPolicy)!.insuredId);

    // Empty insured ID ("-"): no button there, the rest as usual.
    await routeTo(`/policy/${FACTS.emptyInsuredIdPolicy}`);
    await expectDetail(findPolicy(FACTS.emptyInsuredIdPolicy)!);
    await page.reload();
    await expectDetail(findPolicy(FACTS.emptyInsuredIdPolicy)!);
    await page.locator('button[data-seakit="copy-fields"][aria-label="复制联系电话"]').click();
    expect(await readClipboard()).toBe(findPolicy(FACTS.emptyInsuredIdPolicy)!.phone);
  });

  if (app === 'react') {
    it('copy-fields: the log card title "保单号：BD…" (an `xxx:` label pair) gets one button that copies only the number', async () => {
      await open(`/policy/${FACTS.conflictPolicy}/log`);
      const button = page.locator('.ant-card-head-title button[data-seakit="copy-fields"][aria-label="复制保单号"]');
      await expect.poll(() => button.count()).toBe(1);
      expect(await page.locator('.ant-card-head-title').evaluate((el) => el.firstChild!.textContent)).toBe(`保单号：${FACTS.conflictPolicy}`);
      await button.click();
      expect(await readClipboard()).toBe(FACTS.conflictPolicy);
      await page.reload();
      await expect.poll(() => page.locator('button[data-seakit="copy-fields"]').count()).toBe(1);
    });
  }

  it('paste-trim: a real Control+V into the framework input is trimmed and the framework model sees it', async () => {
    await open('/search');
    const paste = async (placeholder: string, text: string) => {
      const input = page.getByPlaceholder(placeholder);
      await input.click();
      await page.evaluate((t) => navigator.clipboard.writeText(t), text);
      await page.keyboard.press('Control+V');
      return input;
    };
    const target = policies[4].policyNo;
    const policyInput = await paste('请输入保单号', `\u3000 \t${target}\u00a0\u200b\n`);
    expect(await policyInput.inputValue()).toBe(target);
    await search();
    await expect.poll(shownPolicies).toEqual([target]);

    await page.getByRole('button', { name: /^重\s?置$/ }).click();
    await expect.poll(() => policyInput.inputValue()).toBe('');
    // Pasted after text already typed: only the pasted part is trimmed, and the model holds the whole value.
    await page.getByPlaceholder('请输入投保人姓名').fill('张');
    const nameInput = await paste('请输入投保人姓名', '\u200b伟 \u3000\r\n');
    expect(await nameInput.inputValue()).toBe('张伟');
    await search();
    await expect.poll(shownPolicies).toEqual([...FACTS.zhangWeiPolicies]);

    // Textareas are left alone.
    await menu('在线服务');
    const reply = page.getByPlaceholder('请输入回复内容');
    await reply.click();
    await page.evaluate(() => navigator.clipboard.writeText('  您好\u3000\n'));
    await page.keyboard.press('Control+V');
    expect(await reply.inputValue()).toBe('  您好\u3000\n');
  });

  it('view-more-mark: marks the clicked row with a different background; the mark follows the policy through paging, sorting, a route change and a reload', async () => {
    await open('/search');
    await search();
    await expectRows(policies.slice(0, 5));
    await settle();
    const plain = await backgrounds();
    expect(await viewedPolicies()).toEqual([]);

    await viewMore(FACTS.selfPolicy);
    await expect.poll(viewedPolicies).toEqual([FACTS.selfPolicy]);
    await settle();
    const marked = await backgrounds();
    expect(marked[0]).not.toBe(plain[0]);
    expect(marked.slice(1)).toEqual(plain.slice(1));

    // Element Plus shows BD2025000106 in the very row element that was marked: it must not look viewed.
    await gotoPage(2, policies[5]);
    await expect.poll(viewedPolicies).toEqual([]);
    await settle();
    await expect.poll(backgrounds).toEqual(plain);
    await viewMore(FACTS.reusedSlotPolicy);
    await expect.poll(viewedPolicies).toEqual([FACTS.reusedSlotPolicy]);

    await gotoPage(1, policies[0]);
    await expect.poll(viewedPolicies).toEqual([FACTS.selfPolicy]);
    await settle();
    expect(await backgrounds()).toEqual(marked);

    const viewed = new Set<string>([FACTS.selfPolicy, FACTS.reusedSlotPolicy]);
    await shape.sortByPolicyNoDescending(page);
    await expect.poll(async () => (await shownPolicies())[0]).toBe(shape.firstPageAfterSort[0].policyNo);
    await expect.poll(viewedPolicies).toEqual(shape.firstPageAfterSort.map((p) => p.policyNo).filter((no) => viewed.has(no)));

    await menu('退保记录');
    await page.waitForURL(url('/surrenders'));
    await menu('保单查询');
    await page.waitForURL(url('/search'));
    await search();
    await expect.poll(viewedPolicies).toEqual([FACTS.selfPolicy]);

    await page.reload();
    await search();
    await expect.poll(viewedPolicies).toEqual([FACTS.selfPolicy]);
    await settle();
    expect(await backgrounds()).toEqual(marked);
    await gotoPage(2, policies[5]);
    await expect.poll(viewedPolicies).toEqual([FACTS.reusedSlotPolicy]);
  });

  it('surrender-source: exactly one self/assisted/unknown label per surrender row, also after a route change and a reload; none on the log', async () => {
    const expected = surrenders.map((s) => `${s.policyNo} ${surrenderKinds[s.policyNo]}:${SURRENDER_TEXT[surrenderKinds[s.policyNo]]}`);
    const labels = () =>
      page.evaluate(({ rows }) => [...document.querySelectorAll(rows)].map((tr) => {
        const spans = [...tr.querySelectorAll('span[data-seakit="surrender-source"]')] as HTMLElement[];
        const policyNo = tr.querySelector('td')!.textContent!.match(/BD\d+/)?.[0];
        return `${policyNo} ${spans.map((s) => `${s.dataset.kind}:${s.textContent!.trim()}`).join(' + ')}`;
      }), selectors);

    await open('/surrenders');
    await expect.poll(labels).toEqual(expected);
    expect(await countsOf('surrender-source')).toEqual({ 'surrender-source': surrenders.length });
    // 保单号 and 投保人 are copyable here too.
    expect(await countsOf('copy-fields')).toEqual({ 'copy-fields': surrenders.length * 2 });

    await menu('保单查询');
    await page.waitForURL(url('/search'));
    await menu('退保记录');
    await page.waitForURL(url('/surrenders'));
    await expect.poll(labels).toEqual(expected);
    expect(await countsOf('surrender-source')).toEqual({ 'surrender-source': surrenders.length });

    await page.reload();
    await expect.poll(labels).toEqual(expected);

    // The log has an 操作人 column and 退保 in a cell, but it is not a surrender list.
    await page.goto(url(`/policy/${FACTS.conflictPolicy}/log`));
    await page.getByText(policyLogs(FACTS.conflictPolicy)[3].detail).waitFor();
    await page.waitForTimeout(1000);
    expect(await countsOf('surrender-source')).toEqual({ 'surrender-source': 0 });
  });

  it('same-id: 本人 badge, relationship conflict and check-digit warning per search row, never stale on reused rows after paging and sorting', async () => {
    await open('/search');
    await search();
    await expectRows(policies.slice(0, 5));
    expect(await countsOf(...INJECTED_IN_ROWS)).toEqual(expectedCounts(policies.slice(0, 5)));

    await gotoPage(2, policies[5]);
    // BD2025000107 sits in BD2025000102's row (Element Plus) and BD2025000108 in BD2025000103's.
    await expectRows(policies.slice(5, 10));
    expect(await countsOf(...INJECTED_IN_ROWS)).toEqual(expectedCounts(policies.slice(5, 10)));
    expect(await page.locator('[data-seakit-conflict]').count()).toBe(0);

    await gotoPage(3, policies[10]);
    await expectRows(policies.slice(10, 12));
    await gotoPage(1, policies[0]);
    await expectRows(policies.slice(0, 5));
    expect(await countsOf(...INJECTED_IN_ROWS)).toEqual(expectedCounts(policies.slice(0, 5)));

    await shape.sortByPolicyNoDescending(page);
    await expect.poll(async () => (await shownPolicies())[0]).toBe(shape.firstPageAfterSort[0].policyNo);
    await expectRows(shape.firstPageAfterSort);
    expect(await countsOf(...INJECTED_IN_ROWS)).toEqual(expectedCounts(shape.firstPageAfterSort));
  });

  it('same-id: on the detail view, through route changes between policies (Vue reuses the cells) and a reload', async () => {
    await open(`/policy/${FACTS.selfPolicy}`);
    await expectDetail(findPolicy(FACTS.selfPolicy)!);
    for (const no of [FACTS.conflictPolicy, FACTS.reusedSlotPolicy, FACTS.invalidInsuredIdPolicy, FACTS.selfPolicyPage2, 'BD2025000109', 'BD2025000111', FACTS.conflictPolicy]) {
      await routeTo(`/policy/${no}`);
      await expectDetail(findPolicy(no)!);
    }
    await page.reload();
    await expectDetail(findPolicy(FACTS.conflictPolicy)!);
    expect(await countsOf('same-id', 'id-invalid')).toEqual({ 'same-id': 1, 'id-invalid': 0 });
    expect(await page.locator('[data-seakit="same-id"]').innerText()).toContain('本人');

    // Through the app's own navigation: log, then the breadcrumb back to the detail.
    await page.getByRole('button', { name: '查看日志' }).click();
    await page.waitForURL(url(`/policy/${FACTS.conflictPolicy}/log`));
    await page.getByText(policyLogs(FACTS.conflictPolicy)[3].detail).waitFor();
    await page.waitForTimeout(1000);
    expect(await page.locator('[data-seakit="same-id"], [data-seakit="id-invalid"], [data-seakit-conflict]').count()).toBe(0);
    await page.getByRole('link', { name: '保单详情' }).click();
    await page.waitForURL(url(`/policy/${FACTS.conflictPolicy}`));
    await expectDetail(findPolicy(FACTS.conflictPolicy)!);
  });

  const logReturn = () => page.locator('button[data-seakit="log-return"]');
  const expectOneLogReturn = async () => {
    await expect.poll(() => logReturn().count()).toBe(1);
    expect((await logReturn().innerText()).trim()).toBe('返回保单');
  };
  const formValues = () =>
    Promise.all(['请输入保单号', '请输入投保人姓名', '请输入被保人证件号'].map((p) => page.getByPlaceholder(p).inputValue()));

  it('log-return: back from the log to the same search, fields filled, results shown, and the framework model holds the fields', async () => {
    await open('/search');
    await page.getByPlaceholder('请输入投保人姓名').fill('张伟');
    await page.getByPlaceholder('请输入被保人证件号').fill('110105');
    await search();
    await expect.poll(shownPolicies).toEqual([...FACTS.zhangWeiPolicies]);

    await rowOf(FACTS.zhangWeiPolicies[1]).getByRole('button', { name: '查看日志' }).click();
    await page.waitForURL(url(`/policy/${FACTS.zhangWeiPolicies[1]}/log`));
    await expectOneLogReturn();
    await logReturn().click();
    await page.waitForURL(url('/search'));
    await expect.poll(formValues).toEqual(['', '张伟', '110105']);
    await expect.poll(shownPolicies).toEqual([...FACTS.zhangWeiPolicies]);
    expect(await logReturn().count()).toBe(0);
    // If only the DOM had been filled, the framework would search with empty fields and list all 12.
    await searchButton().click();
    await page.waitForTimeout(300);
    await expect.poll(shownPolicies).toEqual([...FACTS.zhangWeiPolicies]);
  });

  it('log-return: back to the same search also after reloading the log page', async () => {
    await open('/search');
    await page.getByPlaceholder('请输入保单号').fill('BD20250001');
    await page.getByPlaceholder('请输入投保人姓名').fill('李娜');
    await search();
    await expect.poll(shownPolicies).toEqual([FACTS.conflictPolicy]);
    await rowOf(FACTS.conflictPolicy).getByRole('button', { name: '查看日志' }).click();
    await page.waitForURL(url(`/policy/${FACTS.conflictPolicy}/log`));
    await page.reload();
    await expectOneLogReturn();
    await logReturn().click();
    await page.waitForURL(url('/search'));
    await expect.poll(formValues).toEqual(['BD20250001', '李娜', '']);
    await expect.poll(shownPolicies).toEqual([FACTS.conflictPolicy]);
  });

  it('log-return: back from the log to the same policy detail, also after a reload; one button through route changes', async () => {
    const p = policies[4];
    await open(`/policy/${p.policyNo}`);
    await expectDetail(p);
    expect(await logReturn().count()).toBe(0);
    await page.getByRole('button', { name: '查看日志' }).click();
    await page.waitForURL(url(`/policy/${p.policyNo}/log`));
    await expectOneLogReturn();
    await logReturn().click();
    await page.waitForURL(url(`/policy/${p.policyNo}`));
    await expectDetail(p);
    expect(await logReturn().count()).toBe(0);

    await page.getByRole('button', { name: '查看日志' }).click();
    await page.waitForURL(url(`/policy/${p.policyNo}/log`));
    await page.reload();
    await expectOneLogReturn();
    await logReturn().click();
    await page.waitForURL(url(`/policy/${p.policyNo}`));
    await expectDetail(p);

    // Log → breadcrumb detail → log again: still exactly one button.
    await page.getByRole('button', { name: '查看日志' }).click();
    await page.waitForURL(url(`/policy/${p.policyNo}/log`));
    await expectOneLogReturn();
    await page.getByRole('link', { name: '保单详情' }).click();
    await page.waitForURL(url(`/policy/${p.policyNo}`));
    await expect.poll(() => logReturn().count()).toBe(0);
    await page.getByRole('button', { name: '查看日志' }).click();
    await page.waitForURL(url(`/policy/${p.policyNo}/log`));
    await expectOneLogReturn();
  });

  it('log-return: a log opened directly shows exactly one button', async () => {
    await open(`/policy/${FACTS.invalidInsuredIdPolicy}/log`);
    await expectOneLogReturn();
    await page.waitForTimeout(500);
    expect(await logReturn().count()).toBe(1);
  });

  it('the page as a whole: no second copy of anything after many re-renders', async () => {
    await open('/search');
    await search();
    for (const n of [2, 3, 1, 2, 1, 3, 2]) await gotoPage(n, policies[(n - 1) * FACTS.pageSize]);
    await expectRows(policies.slice(5, 10));
    const perCell = await page.locator(`${shape.rows} td`).evaluateAll((tds) =>
      tds.map((td) => ['copy-fields', 'same-id', 'id-invalid'].map((id) => td.querySelectorAll(`[data-seakit="${id}"]`).length)));
    expect(Math.max(...perCell.flat())).toBeLessThanOrEqual(1);
    expect(await countsOf(...INJECTED_IN_ROWS)).toEqual(expectedCounts(policies.slice(5, 10)));
    // Visible injected UI has an accessible name (text or aria-label).
    const unnamed = await page.locator('[data-seakit]').evaluateAll((els) =>
      els.filter((el) => el instanceof HTMLElement && el.offsetParent !== null && !el.textContent!.trim() && !el.getAttribute('aria-label'))
        .map((el) => el.outerHTML.slice(0, 200)));
    expect(unnamed).toEqual([]);
  });
});
