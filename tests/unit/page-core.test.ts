import { afterEach, describe, expect, it, vi } from 'vitest';
import copyFields from '~/entrypoints/sea.content/features/copy-fields';
import { defineFeature } from '~/utils/page/feature';
import { PageScanner } from '~/utils/page/scan';
import { normalizeLabel } from '~/utils/page/labels';
import { $, $$, settle, startOn } from './helpers/page';

const copyButtons = () => $$('button[data-seakit="copy-fields"]');
const labelsOf = () => copyButtons().map((b) => b.getAttribute('aria-label'));

afterEach(() => {
  document.body.innerHTML = '';
});

describe('labels', () => {
  it('normalizes spaces inside and a trailing colon', () => {
    expect(normalizeLabel(' 保 单 号： ')).toBe('保单号');
    expect(normalizeLabel('投保人姓名:')).toBe('投保人姓名');
  });
});

describe('fields by label', () => {
  it('finds table columns by header text, one button per value, none for empty values', async () => {
    await startOn(
      `<table><thead><tr><th>序号</th><th>保单编号</th><th>投保人</th></tr></thead>
       <tbody><tr><td>1</td><td>P001</td><td>张三</td></tr><tr><td>2</td><td>-</td><td>--</td></tr></tbody></table>`,
      [copyFields],
    );
    expect(labelsOf()).toEqual(['复制保单编号', '复制投保人']);
    expect(copyButtons()[0].closest('td')!.textContent).toContain('P001');
  });

  it('reads a body table whose header is a separate table (Element Plus shape)', async () => {
    await startOn(
      `<div class="el-table"><div class="el-table__header-wrapper"><table><thead><tr><th><div class="cell">保单号</div></th><th><div class="cell">被保险人</div></th></tr></thead></table></div>
       <div class="el-table__body-wrapper"><div class="scroll"><table><tbody>
         <tr><td><div class="cell">P100</div></td><td><div class="cell">李四</div></td></tr></tbody></table></div></div></div>`,
      [copyFields],
    );
    expect(labelsOf()).toEqual(['复制保单号', '复制被保险人']);
    expect(copyButtons()[0].parentElement!.className).toBe('cell');
  });

  it('finds label/value pairs in td, dt/dd, .label and "label：value" text', async () => {
    await startOn(
      `<table><tbody><tr><td class="label">保单号</td><td>P200</td><td>订单编号</td><td>D200</td></tr></tbody></table>
       <dl><dt>投保人姓名：</dt><dd>王五</dd></dl>
       <div><span class="label">联系电话:</span><span>13800000000</span></div>
       <p>被 保 人：赵六</p>
       <div><div class="ant-form-item-label"><label>手机号</label></div><div class="ant-form-item-control"><input value="1"></div></div>`,
      [copyFields],
    );
    expect(labelsOf()).toEqual(['复制保单号', '复制订单编号', '复制投保人姓名', '复制联系电话', '复制被保人']);
  });

  it('maps columns under grouped headers (rowspan/colspan)', async () => {
    await startOn(
      `<table><thead><tr><th rowspan="2">序号</th><th colspan="2">投保人信息</th><th rowspan="2">保单号</th></tr>
        <tr><th>投保人</th><th>投保人证件号</th></tr></thead>
       <tbody><tr><td>1</td><td>周九</td><td>11010519491231002X</td><td>P300</td></tr></tbody></table>`,
      [copyFields],
    );
    expect(copyButtons().map((b) => [b.getAttribute('aria-label'), b.parentElement!.firstChild!.nodeValue])).toEqual([
      ['复制投保人', '周九'], ['复制投保人证件号', '11010519491231002X'], ['复制保单号', 'P300'],
    ]);
  });

  it('takes only the first value from "保单号：P1  投保人：张三" and copies just it', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    await startOn(`<p>保单号：P1  投保人：张三</p>`, [copyFields]);
    copyButtons()[0].click();
    expect(writeText).toHaveBeenLastCalledWith('P1');
  });

  it('never puts anything inside what the agent is typing', async () => {
    await startOn(
      `<div contenteditable="true"><p>保单号：P9</p><table><thead><tr><th>保单号</th><th>投保人</th></tr></thead><tbody><tr><td>P1</td><td>甲</td></tr></tbody></table></div>`,
      [copyFields],
    );
    expect(copyButtons()).toHaveLength(0);
  });

  it('reads a vertical label row above a value row', async () => {
    const scanner = new PageScanner();
    document.body.innerHTML = `<table><tbody><tr><td>保单号</td><td>投保人</td></tr><tr><td>P9</td><td>钱七</td></tr></tbody></table>`;
    expect(scanner.pageScope().fields.map((f) => [f.kind, f.value])).toEqual([['policyNo', 'P9'], ['applicant', '钱七']]);
  });

  it('site overrides: extra labels and a CSS selector', async () => {
    await startOn(
      `<div><span>合同号</span><span>C1</span></div><b class="policy-x">P777</b>`,
      [copyFields],
      { labels: { policyNo: ['合同号'] }, selectors: { orderNo: '.policy-x' } },
    );
    expect(labelsOf()).toEqual(['复制合同号', '复制订单号']);
  });

  it('stays quiet on a page without labels and on a broken selector override', async () => {
    await startOn(`<div>欢迎使用</div><table><tr><td>a</td><td>b</td></tr></table>`, [copyFields], { selectors: { policyNo: '[[[' } });
    expect(copyButtons()).toHaveLength(0);
  });
});

describe('re-render', () => {
  it('keeps exactly one button when a framework reuses a row for another record', async () => {
    await startOn(
      `<table><thead><tr><th>保单号</th><th>投保人</th></tr></thead><tbody><tr><td>P1</td><td>甲</td></tr></tbody></table>`,
      [copyFields],
    );
    const cell = $('tbody td');
    cell.firstChild!.nodeValue = 'P2';
    await settle();
    expect(cell.querySelectorAll('[data-seakit="copy-fields"]')).toHaveLength(1);
    cell.firstChild!.nodeValue = '-';
    await settle();
    expect(cell.querySelectorAll('[data-seakit="copy-fields"]')).toHaveLength(0);
    cell.firstChild!.nodeValue = 'P3';
    await settle();
    expect(cell.querySelectorAll('[data-seakit="copy-fields"]')).toHaveLength(1);
  });

  it('picks up a row added later and a whole view swapped in (route change)', async () => {
    await startOn(`<div id="app"></div>`, [copyFields]);
    $('#app').innerHTML = `<dl><dt>保单号</dt><dd>P5</dd></dl>`;
    await settle();
    expect(labelsOf()).toEqual(['复制保单号']);
  });

  it('copies the value as displayed, trimmed, and says 已复制', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    await startOn(`<p><b>保单号：</b> P2024 </p><dl><dt>投保人</dt><dd> 孙八 </dd></dl>`, [copyFields]);
    copyButtons()[0].click();
    await settle();
    expect(writeText).toHaveBeenLastCalledWith('P2024');
    expect(copyButtons()[0].textContent).toBe('已复制');
    copyButtons()[1].click();
    expect(writeText).toHaveBeenLastCalledWith('孙八');
  });
});

describe('isolation', () => {
  it('disables a feature that throws, quietly, and the others go on', async () => {
    const info = vi.spyOn(console, 'info').mockImplementation(() => {});
    const error = vi.spyOn(console, 'error');
    const broken = defineFeature({ id: 'same-id', title: '坏', description: '测试用', order: 0, fields: ['policyNo'], apply: () => { throw new Error('boom'); } });
    const core = await startOn(`<dl><dt>保单号</dt><dd>P1</dd></dl>`, [broken, copyFields]);
    expect(core.isRunning('same-id')).toBe(false);
    expect(core.isRunning('copy-fields')).toBe(true);
    expect(labelsOf()).toEqual(['复制保单号']);
    expect(info).toHaveBeenCalledTimes(1);
    expect(error).not.toHaveBeenCalled();
  });

  it('removes what a feature added when it is switched off', async () => {
    const core = await startOn(`<dl><dt>保单号</dt><dd>P1</dd></dl>`, [copyFields]);
    await core.update([]);
    expect(copyButtons()).toHaveLength(0);
    await core.update([copyFields]);
    expect(copyButtons()).toHaveLength(1);
  });

  // Correctness only, over many slices: the time a big list costs is the bench's (npm run bench), not a test's.
  it('handles a table of many slices without a second button anywhere', async () => {
    const n = 300;
    const rows = Array.from({ length: n }, (_, i) => `<tr><td>P${i}</td><td>${i % 7 ? '人' + i : '-'}</td></tr>`).join('');
    await startOn(`<table><thead><tr><th>保单号</th><th>投保人</th></tr></thead><tbody>${rows}</tbody></table>`, [copyFields]);
    expect(copyButtons()).toHaveLength(n + n - Math.ceil(n / 7));
  });
});
