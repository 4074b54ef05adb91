/**
 * policy-summary, status-filter, row-number and refund-status on hand-made pages, including the bad input
 * the issue lists: one-row lists, no status column, odd spacing, thousands of rows, a classic table with
 * no thead, a pager showing only a page number. Nothing may throw or log.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import policySummary from '~/entrypoints/sea.content/features/policy-summary';
import statusFilter from '~/entrypoints/sea.content/features/status-filter';
import rowNumber from '~/entrypoints/sea.content/features/row-number';
import refundStatus from '~/entrypoints/sea.content/features/refund-status';
import { classifyRefund, isZeroAmount } from '~/utils/refund';
import { normalizeStatus } from '~/utils/status-text';
import { readPager } from '~/utils/page/lists';
import { $, $$, settle, startOn } from './helpers/page';

const all = [policySummary, statusFilter, rowNumber, refundStatus];

afterEach(() => {
  document.body.innerHTML = '';
  vi.restoreAllMocks();
});

function policyTable(statuses: string[], { pager = '' } = {}): string {
  const rows = statuses.map((s, i) => `<tr><td>P${String(i + 1).padStart(4, '0')}</td><td>张${i}</td><td>${s}</td></tr>`).join('');
  return `<div class="panel"><table><thead><tr><th>保单号</th><th>投保人</th><th>保单状态</th></tr></thead><tbody>${rows}</tbody></table>${pager}</div>`;
}

const buttons = () => $$('[data-seakit="status-filter"] button').map((b) => b.textContent!.trim());
const numbers = () => $$('[data-seakit="row-number"]').map((n) => n.textContent);
const filtered = () => $$('tbody tr').map((r) => r.hasAttribute('data-seakit-filtered'));

describe('refund rules', () => {
  it('tells nothing-to-refund from not-yet-refunded', () => {
    expect(classifyRefund('退款0元(无退款)', '')).toBe('none');
    expect(classifyRefund('未退款', '¥0.00')).toBe('none');
    expect(classifyRefund('未退款', '¥12.00')).toBe('pending');
    expect(classifyRefund('退款 0 元', '')).toBe('none');
    expect(classifyRefund('已退款100元', '')).toBe('done');
    expect(classifyRefund('退款中', '100元')).toBe('pending');
    expect(classifyRefund('退款失败', '1,000.00')).toBe('failed');
    expect(classifyRefund('退款成功', '')).toBe('done');
    expect(classifyRefund('-', '-')).toBe('unknown');
    expect(classifyRefund('', '')).toBe('unknown');
  });

  it('reads amounts SEA writes', () => {
    for (const zero of ['0', '0.00', '¥0.00', '￥ 0', '0.00元', 'RMB 0']) expect(isZeroAmount(zero), zero).toBe(true);
    for (const other of ['100元', '10', '0.01', '-', '', '--', '100.00']) expect(isZeroAmount(other), other).toBe(false);
  });

  it('follows the site rules, and a broken regex rule matches nothing', () => {
    const rules = { none: ['/(/'], failed: ['打款异常'], pending: ['等待打款'], done: ['打款完成'] };
    expect(classifyRefund('等待打款', '5.00', rules)).toBe('pending');
    expect(classifyRefund('打款异常', '5.00', rules)).toBe('failed');
    expect(classifyRefund('未退款', '5.00', rules)).toBe('unknown');
  });
});

describe('status text', () => {
  it('treats odd spacing as the same status', () => {
    expect(normalizeStatus(' 保障中 ')).toBe('保障中');
    expect(normalizeStatus('保 障\u3000中')).toBe('保障中');
    expect(normalizeStatus(' In   Force ')).toBe('In Force');
  });
});

describe('pagers', () => {
  const pager = (html: string) => {
    document.body.innerHTML = html;
    return readPager(document.body.firstElementChild!);
  };
  it('reads page and size in the shapes admins use', () => {
    expect(pager('<div class="el-pagination"><span>共 12 条</span><span>10条/页</span><ul><li class="number">1</li><li class="number is-active"> 2 </li></ul></div>')).toEqual({ page: 2, size: 10 });
    expect(pager('<ul class="pagination"><li><a>1</a></li><li class="active"><a>3 <span>(current)</span></a></li></ul>')).toEqual({ page: 3, size: null });
    expect(pager('<div class="pager">每页 <select><option>10</option><option selected>20</option></select> 条 <span>第 4/9 页</span></div>')).toEqual({ page: 4, size: 20 });
    expect(pager('<div class="pager"></div>')).toEqual({ page: null, size: null });
    // bootstrap-table: the size dropdown's items (one of them .active) are not the page.
    expect(pager(`<div class="fixed-table-pagination"><div class="float-left pagination-detail"><span class="pagination-info">显示第 6 到第 6 条记录，总共 6 条记录</span>
      <div class="page-list">每页显示 <div class="btn-group dropdown"><button class="btn dropdown-toggle"><span class="page-size">5</span></button>
      <div class="dropdown-menu"><a class="dropdown-item active" href="#">5</a><a class="dropdown-item" href="#">10</a></div></div> 条记录</div></div>
      <div class="float-right pagination"><ul class="pagination"><li class="page-item"><a class="page-link">1</a></li><li class="page-item active"><a class="page-link">2</a></li></ul></div></div>`)).toEqual({ page: 2, size: 5 });
  });
});

describe('status-filter', () => {
  it('counts statuses (odd spacing is one status), hides other rows by attribute only, and 全部 shows all', async () => {
    await startOn(policyTable(['保障中', ' 待支付 ', '保障中', '待 支付', '已失效']), all);
    expect(buttons()).toEqual(['全部 5', '保障中 2', '待支付 2', '已失效 1']);
    const rowsBefore = $$('tbody tr');
    $$('[data-seakit="status-filter"] button')[2].click();
    expect(filtered()).toEqual([true, false, true, false, true]);
    expect($$('tbody tr')).toEqual(rowsBefore);
    expect($('[data-seakit="status-filter"] button[aria-pressed="true"]').textContent).toBe('待支付 2');
    $$('[data-seakit="status-filter"] button')[0].click();
    expect(filtered()).toEqual([false, false, false, false, false]);
  });

  it('keeps the choice when the rows re-render with other statuses, and the counts follow', async () => {
    await startOn(policyTable(['保障中', '待支付', '保障中']), all);
    $$('[data-seakit="status-filter"] button')[1].click();
    $$('tbody tr td:nth-child(3)').forEach((td, i) => (td.textContent = ['待支付', '保障中', '保障中'][i]));
    await settle();
    expect(buttons()).toEqual(['全部 3', '待支付 1', '保障中 2']);
    expect(filtered()).toEqual([true, false, false]);
  });

  it('shows no bar for a one-row list, a list without a status column, or a list without policy numbers', async () => {
    await startOn(policyTable(['保障中']), all);
    expect(buttons()).toEqual([]);
    await startOn('<table><thead><tr><th>保单号</th><th>投保人</th></tr></thead><tbody><tr><td>P1</td><td>张三</td></tr><tr><td>P2</td><td>李四</td></tr></tbody></table>', all);
    expect(buttons()).toEqual([]);
    await startOn('<table><thead><tr><th>订单号</th><th>状态</th></tr></thead><tbody><tr><td>D1</td><td>已支付</td></tr><tr><td>D2</td><td>待支付</td></tr></tbody></table>', all);
    expect(buttons()).toEqual([]);
  });
  it('counts follow rows the page removes and adds, and a row re-read alone changes only its own count', async () => {
    await startOn(policyTable(['保障中', '待支付', '保障中', '待支付']), all);
    const body = $('tbody');
    body.lastElementChild!.remove();
    await settle();
    expect(buttons()).toEqual(['全部 3', '保障中 2', '待支付 1']);
    const row = document.createElement('tr');
    row.innerHTML = '<td>P0009</td><td>王五</td><td>已失效</td>';
    body.append(row);
    await settle();
    expect(buttons()).toEqual(['全部 4', '保障中 2', '待支付 1', '已失效 1']);
    body.children[1].children[2].textContent = '保障中';
    await settle();
    expect(buttons()).toEqual(['全部 4', '保障中 3', '已失效 1']);
  });
  it('switched off, stays off when the page then adds or removes rows', async () => {
    const core = await startOn(policyTable(['保障中', '待支付', '保障中']), all);
    await core.update([policySummary, refundStatus]);
    expect($$('[data-seakit="status-filter"], [data-seakit="row-number"]')).toEqual([]);
    $('tbody').lastElementChild!.remove();
    await settle();
    expect($$('[data-seakit="status-filter"], [data-seakit="row-number"]')).toEqual([]);
  });
});

describe('row-number', () => {
  it('numbers rows in displayed order, from the page number and size the pager shows', async () => {
    await startOn(policyTable(['保障中', '待支付', '已失效'], { pager: '<div class="pager"><span>5 条/页</span><button class="is-active">3</button></div>' }), all);
    expect(numbers()).toEqual(['11', '12', '13']);
    expect($$('tbody tr').every((tr) => tr.firstElementChild!.querySelectorAll('[data-seakit="row-number"]').length === 1)).toBe(true);
  });

  it('follows a re-sort that moves rows, and starts at 1 when the pager shows no size', async () => {
    await startOn(policyTable(['保障中', '待支付', '已失效'], { pager: '<ul class="pagination"><li class="active"><a>2</a></li></ul>' }), all);
    expect(numbers()).toEqual(['1', '2', '3']);
    const body = $('tbody');
    body.prepend(body.lastElementChild!);
    await settle();
    expect($$('tbody tr').map((tr) => tr.querySelector('[data-seakit="row-number"]')!.textContent)).toEqual(['1', '2', '3']);
  });

  it('numbers rows the page appends after the first ones without renumbering the rest wrongly', async () => {
    await startOn(policyTable(['保障中', '待支付']), all);
    expect(numbers()).toEqual(['1', '2']);
    const body = $('tbody');
    const row = document.createElement('tr');
    row.innerHTML = '<td>P0009</td><td>王五</td><td>已失效</td>';
    body.insertBefore(row, body.firstElementChild);
    await settle();
    expect($$('tbody tr').map((tr) => tr.querySelector('[data-seakit="row-number"]')?.textContent)).toEqual(['1', '2', '3']);
  });

  it('numbers a classic table with no thead (headers in the first row) and ignores one-cell expand rows', async () => {
    await startOn(
      `<table><tr><th>保单号</th><th>状态</th></tr><tr><td>P1</td><td>有效</td></tr><tr><td colspan="2">展开：投保人：张三</td></tr><tr><td>P2</td><td>有效</td></tr></table>`,
      all,
    );
    expect(numbers()).toEqual(['1', '2']);
  });
});

describe('refund-status', () => {
  it('labels each refund row in its status cell, or the amount cell when there is no status column', async () => {
    await startOn(
      `<table><thead><tr><th>保单号</th><th>退款金额</th><th>退款状态</th></tr></thead><tbody>
        <tr><td>P1</td><td>¥0.00</td><td>未退款</td></tr><tr><td>P2</td><td>¥10.00</td><td>未退款</td></tr></tbody></table>
       <table><thead><tr><th>订单号</th><th>退费金额</th></tr></thead><tbody><tr><td>D1</td><td>0</td></tr></tbody></table>`,
      all,
    );
    const labels = $$('[data-seakit="refund-status"]').map((s) => `${s.closest('td')!.cellIndex}:${s.dataset.kind}:${s.textContent}`);
    expect(labels).toEqual(['2:none:无需退款', '2:pending:待退款', '1:none:无需退款']);
  });
});

describe('policy-summary', () => {
  const detail = (no: string) => `<div class="view"><h2>保单详情</h2>
    <table class="desc"><tbody>
      <tr><td>保单号</td><td>${no}</td><td>产品名称</td><td>安心医疗</td></tr>
      <tr><td>投保人</td><td>张伟</td><td>被保险人</td><td>张伟</td></tr>
      <tr><td>保单状态</td><td>保障中</td><td>生效日期</td><td>2025-01-01</td></tr>
    </tbody></table></div>`;

  it('lists the facts in order with the values as displayed, at the top of the view, once', async () => {
    await startOn(detail('P0001'), all);
    const cards = $$('[data-seakit="policy-summary"]');
    expect(cards).toHaveLength(1);
    expect([...cards[0].querySelectorAll('dt')].map((dt) => `${dt.textContent}=${dt.nextElementSibling!.textContent}`)).toEqual([
      '保单号=P0001', '产品名称=安心医疗', '保单状态=保障中', '投保人=张伟', '被保人=张伟', '生效时间=2025-01-01',
    ]);
    expect(cards[0].nextElementSibling!.matches('table.desc')).toBe(true);
  });

  it('follows the view and goes when the view goes; never on a list or a search form', async () => {
    await startOn(detail('P0001'), all);
    $('.desc td:nth-child(2)').textContent = 'P0002';
    await settle();
    expect($('[data-seakit="policy-summary"] dd').textContent).toBe('P0002');
    $('.view').innerHTML = '<h2>保单查询</h2><form><label>保单号<input></label><label>投保人<input></label><label>被保人<input></label><label>状态<input></label><label>产品<input></label></form>';
    await settle();
    expect($$('[data-seakit="policy-summary"]')).toHaveLength(0);
    await startOn(policyTable(['保障中', '待支付']), all);
    expect($$('[data-seakit="policy-summary"]')).toHaveLength(0);
  });

  it('shows nothing when the page shows two different policies', async () => {
    await startOn(detail('P0001') + detail('P0009'), all);
    expect($$('[data-seakit="policy-summary"]')).toHaveLength(0);
  });
});

describe('bad input', () => {
  it('a thousand rows with odd and markup-like statuses: nothing throws or logs, text stays text', async () => {
    const logged = vi.spyOn(console, 'info');
    const errors = vi.spyOn(console, 'error');
    const statuses = Array.from({ length: 1200 }, (_, i) => ['保障中', '待支付', ' 已失效 ', '', '-', '&lt;b&gt;x&lt;/b&gt;'][i % 6]);
    await startOn(policyTable(statuses), all);
    await settle();
    expect(buttons()[0]).toBe('全部 1200');
    expect(buttons()).toContain('<b>x</b> 200');
    expect(document.querySelector('[data-seakit="status-filter"] b')).toBeNull();
    expect(logged).not.toHaveBeenCalled();
    expect(errors).not.toHaveBeenCalled();
  }, 30_000);
});

describe('glossary', () => {
  it('puts the Chinese term beside whole-value codes in details and expand rows, never in the page text or on names', async () => {
    const { default: glossary } = await import('~/entrypoints/sea.content/features/glossary');
    await startOn(
      `<dl><dt>保单号</dt><dd>P1</dd><dt>投保人</dt><dd>Y</dd><dt>自动续保</dt><dd>Y</dd><dt>渠道</dt><dd>wx</dd><dt>备注</dt><dd>APP 下单</dd><dt>标志</dt><dd>ZZ</dd></dl>
       <ul role="listbox"><li role="option">全部</li><li role="option"><span>APP</span></li></ul>
       <ul class="dropdown__list"><li>全部渠道</li><li><span>H5</span></li></ul>
       <table><thead><tr><th>保单号</th><th>状态</th></tr></thead><tbody>
         <tr><td>P1</td><td>ACTIVE</td></tr><tr><td colspan="2"><span class="label">缴费状态：</span><span>PAID</span></td></tr></tbody></table>`,
      [glossary],
      { rules: { glossary: ['ZZ=自定义', 'bad line'] } },
    );
    await new Promise((resolve) => setTimeout(resolve, 400)); // the walk waits for the page to settle
    const terms = $$('[data-seakit="glossary"]').map((t) => `${t.parentElement!.firstChild!.textContent}→${t.textContent}`);
    // 投保人 "Y" is a name; "APP 下单" is not a whole code; ACTIVE is in a list's record row; options are choices.
    expect(terms).toEqual(['Y→是', 'wx→微信', 'ZZ→自定义', 'PAID→已支付']);
    expect($('dl').textContent).toContain('自动续保Y');
  });
});
