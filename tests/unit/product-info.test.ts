/**
 * product-info and the packs' glossary terms on hand-made pages: the chip beside a known product (name or
 * alias, odd spacing, full-width), what a click does, one knowledge request per page, untrusted text as text,
 * and glossary layers (built-in < packs < site) that never touch names.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import type { PackKnowledge, ProductEntry } from '~/utils/products';
import { $, $$, startOn } from './helpers/page';

const knowledge = vi.hoisted(() => ({ value: { products: [], glossary: [] } as PackKnowledge, asked: 0 }));
vi.mock('~/utils/knowledge-client', () => ({
  pageKnowledge: () => {
    knowledge.asked++;
    return Promise.resolve(knowledge.value);
  },
}));

const entry = (name: string, code: string, extra: Partial<ProductEntry> = {}): ProductEntry =>
  ({ packId: 'demo', packName: '演示包', name, aliases: [], code, insurer: '安心财险', faq: [], ...extra });

const settle = (ms = 80) => new Promise((resolve) => setTimeout(resolve, ms));

beforeEach(() => {
  knowledge.asked = 0;
  knowledge.value = {
    products: [
      entry('安心百万医疗险（2025版）', 'AX-2025', { aliases: ['安心医疗'], faq: [{ q: '等待期？', a: '30 天' }], url: 'https://example.com/ax' }),
      entry('少儿重疾险', 'SE-ZJ', { url: 'https://example.com/se' }),
      entry('综合意外险', 'ZH-YW', { insurer: '<img src=x onerror=alert(1)>' }),
      entry('畅行意外险', 'CX-1', { url: 'javascript:alert(1)' }),
      { ...entry('安心医疗', 'OTHER-1'), packId: 'later', packName: '后装的包' },
    ],
    glossary: [],
  };
});

afterEach(() => {
  document.body.innerHTML = '';
  vi.restoreAllMocks();
});

function list(products: string[]): string {
  const rows = products.map((p, i) => `<tr><td>P${i + 1}</td><td>张${i}</td><td><div class="cell">${p}</div></td></tr>`).join('');
  return `<table><thead><tr><th>保单号</th><th>投保人</th><th>产品名称</th></tr></thead><tbody>${rows}</tbody></table>`;
}

const chips = () => $$('[data-seakit="product-info"]');

describe('product-info', () => {
  it('puts one chip with code and insurer beside known products (name, alias, spacing, full-width), none beside others', async () => {
    const { default: productInfo } = await import('~/entrypoints/sea.content/features/product-info');
    const errors = vi.spyOn(console, 'error');
    await startOn(list(['安心百万医疗险(2025版)', ' 安心 医疗 ', '少儿重疾险', '定期寿险', '综合意外险', '畅行意外险', '-']), [productInfo]);
    await settle();
    expect(chips().map((c) => [c.closest('tr')!.rowIndex, c.tagName, c.dataset.kind, c.textContent])).toEqual([
      [1, 'BUTTON', 'faq', 'AX-2025 · 安心财险'],
      // The alias names the product of the pack installed first (the other pack's own product is named 安心医疗 too).
      [2, 'BUTTON', 'info', 'OTHER-1 · 安心财险'],
      [3, 'A', 'link', 'SE-ZJ · 安心财险'],
      [5, 'BUTTON', 'info', 'ZH-YW · <img src=x onerror=alert(1)>'],
      // A javascript: page is never linked.
      [6, 'BUTTON', 'info', 'CX-1 · 安心财险'],
    ]);
    // Untrusted pack text stays text; the page's own text is untouched.
    expect(document.querySelector('img')).toBeNull();
    expect($$('td .cell').map((c) => c.firstChild!.textContent)).toContain(' 安心 医疗 ');
    const link = chips()[2] as HTMLAnchorElement;
    expect([link.href, link.target, link.rel]).toEqual(['https://example.com/se', '_blank', 'noopener noreferrer']);
    expect(chips()[0].title).toBe('安心百万医疗险（2025版）（演示包）：点击在侧边栏查看常见问题；另有「后装的包」的 OTHER-1 同名');
    expect(chips()[1].title).toContain('另有「演示包」的 AX-2025 同名');
    expect(knowledge.asked).toBe(1);
    expect(errors).not.toHaveBeenCalled();
  });

  it('in a list row the chip is a tag first in the name\'s cell (top padding, no measuring); in a detail view it follows the name', async () => {
    const { default: productInfo } = await import('~/entrypoints/sea.content/features/product-info');
    await startOn(`${list(['少儿重疾险'])}<dl><dt>保单号</dt><dd>P9</dd><dt>产品名称</dt><dd>少儿重疾险</dd><dt>投保人</dt><dd>李四</dd></dl>`, [productInfo]);
    await settle();
    const [inRow, inDetail] = chips();
    expect(inRow.parentElement!.tagName).toBe('TD');
    expect(inRow.parentElement!.firstChild).toBe(inRow);
    expect(inRow.hasAttribute('data-in-row')).toBe(true);
    expect(inRow.style.maxWidth).toBe('');
    expect(inDetail.parentElement!.tagName).toBe('DD');
    expect(inDetail.previousSibling!.textContent).toBe('少儿重疾险');
    expect(inDetail.hasAttribute('data-in-row')).toBe(false);
  });

  it('a click on a FAQ chip asks the background to open that FAQ, and the row under it does not get the click', async () => {
    const { default: productInfo } = await import('~/entrypoints/sea.content/features/product-info');
    const send = vi.spyOn(browser.runtime, 'sendMessage').mockResolvedValue({ ok: true, value: true } as never);
    await startOn(list(['安心百万医疗险（2025版）']), [productInfo]);
    await settle();
    const rowClicks = vi.fn();
    $('tbody tr').addEventListener('click', rowClicks);
    chips()[0].click();
    expect(send).toHaveBeenCalledWith({ type: 'seakit:knowledge/faq', packId: 'demo', name: '安心百万医疗险（2025版）' });
    expect(rowClicks).not.toHaveBeenCalled();
  });

  it('follows a re-render: a cell now showing another product gets its chip, an unknown one loses it; idempotent', async () => {
    const { default: productInfo } = await import('~/entrypoints/sea.content/features/product-info');
    await startOn(list(['少儿重疾险', '安心医疗']), [productInfo]);
    await settle();
    expect(chips().map((c) => c.textContent)).toEqual(['SE-ZJ · 安心财险', 'OTHER-1 · 安心财险']);
    $$('td .cell')[0].firstChild!.textContent = '安心百万医疗险（2025版）';
    $$('td .cell')[1].firstChild!.textContent = '定期寿险';
    await settle();
    expect(chips().map((c) => [c.tagName, c.textContent])).toEqual([['BUTTON', 'AX-2025 · 安心财险']]);
    expect(chips()[0].hasAttribute('href')).toBe(false);
  });

  it('with no pack products there is nothing, and 400 rows ask once', async () => {
    const { default: productInfo } = await import('~/entrypoints/sea.content/features/product-info');
    await startOn(list(Array.from({ length: 400 }, (_, i) => (i % 2 ? '少儿重疾险' : '定期寿险'))), [productInfo]);
    await settle(200);
    expect(chips()).toHaveLength(200);
    expect(knowledge.asked).toBe(1);
    knowledge.value = { products: [], glossary: [] };
    await startOn(list(['少儿重疾险']), [productInfo]);
    await settle();
    expect(chips()).toHaveLength(0);
  }, 30_000);
});

describe('glossary terms from packs', () => {
  it('sit between the built-in list and the site’s own terms, never on a customer’s name', async () => {
    const { default: glossary } = await import('~/entrypoints/sea.content/features/glossary');
    knowledge.value = {
      products: [],
      glossary: [{ code: 'UNPAID', term: '待缴费' }, { code: 'AXCX', term: '安心财险' }, { code: 'ZZ', term: '包里的' }, { code: '王芳', term: '某代码' },
        { code: 'axcx', term: '后一个包的' }],
    };
    await startOn(
      `<dl><dt>保单号</dt><dd>P1</dd><dt>投保人</dt><dd>王芳</dd><dt>被保人</dt><dd>AXCX</dd><dt>缴费状态</dt><dd>UNPAID</dd>
        <dt>承保公司</dt><dd>AXCX</dd><dt>标志</dt><dd>ZZ</dd><dt>自动续保</dt><dd>Y</dd><dt>备注</dt><dd>王芳</dd></dl>`,
      [glossary],
      { rules: { glossary: ['ZZ=本站的'] } },
    );
    await settle(400); // the walk waits for the page to settle
    const terms = $$('[data-seakit="glossary"]').map((t) => `${t.parentElement!.firstChild!.textContent}→${t.textContent}`);
    // Names (投保人 王芳, 被保人 AXCX) are never annotated (备注 王芳 is no name field); a pack term beats the built-in one, the site's beats the pack's.
    expect(terms).toEqual(['UNPAID→待缴费', 'AXCX→安心财险', 'ZZ→本站的', 'Y→是', '王芳→某代码']);
    expect($('dl').textContent).toContain('缴费状态UNPAID');
  });
});
