import { afterEach, describe, expect, it } from 'vitest';
import copyFields from '~/entrypoints/sea.content/features/copy-fields';
import surrenderSource from '~/entrypoints/sea.content/features/surrender-source';
import sameId from '~/entrypoints/sea.content/features/same-id';
import { $$, startOn } from './helpers/page';

/** Classic multi-page admins (issue 10): jQuery/Bootstrap-era markup, as JSP pages render it. */

const copyLabels = () => $$('button[data-seakit="copy-fields"]').map((b) => b.getAttribute('aria-label'));

afterEach(() => {
  document.body.innerHTML = '';
});

describe('classic markup', () => {
  it('reads a table with no <thead> whose first row holds the headers as <td><b>…</b></td>', async () => {
    await startOn(
      `<h4>退保记录</h4><table>
        <tr><td><b>保单号码</b></td><td><b>投保人</b></td><td><b>退保操作人</b></td><td><b>退保渠道</b></td></tr>
        <tr><td><a href="/d?1">BD1</a></td><td>陈晨</td><td>客户本人</td><td>APP</td></tr>
        <tr><td><a href="/d?2">BD2</a></td><td>高峰</td><td>客服王五</td><td>APP</td></tr>
      </table>`,
      [copyFields, surrenderSource],
    );
    // Buttons on the values only: none in the header row, none pairing 保单号码 with the header 投保人.
    expect(copyLabels()).toEqual(['复制保单号码', '复制投保人', '复制保单号码', '复制投保人']);
    expect($$('tr')[0].querySelector('[data-seakit]')).toBeNull();
    expect($$('[data-seakit="surrender-source"]').map((s) => s.dataset.kind)).toEqual(['self', 'assisted']);
    // The value in a link: the button goes after the link, never inside it.
    expect($$('a [data-seakit]')).toHaveLength(0);
  });

  it('reads bootstrap-table headers (<th><div class="th-inner">) split into a fixed-header table', async () => {
    await startOn(
      `<div class="bootstrap-table"><div class="fixed-table-container">
        <div class="fixed-table-header"><table class="table"><thead><tr>
          <th data-field="policyNo"><div class="th-inner sortable both">保单号</div><div class="fht-cell"></div></th>
          <th data-field="applicant"><div class="th-inner">投保人</div><div class="fht-cell"></div></th></tr></thead></table></div>
        <div class="fixed-table-body"><table class="table"><tbody>
          <tr data-index="0"><td><a href="/d">BD3</a></td><td>张伟</td></tr></tbody></table></div>
      </div></div>`,
      [copyFields],
    );
    expect(copyLabels()).toEqual(['复制保单号', '复制投保人']);
  });

  it('reads two or more label/value pairs in one row, labels in td ending in ：, values in links and &nbsp; padding', async () => {
    await startOn(
      `<table>
        <tr><td class="fw-bold">保单号码：</td><td>&nbsp;<a href="/d">BD4</a>&nbsp;</td><td>订单编号：</td><td>&nbsp;DD4&nbsp;</td></tr>
        <tr><td>投保人：</td><td>&nbsp;李娜&nbsp;</td><td>投保人证件号：</td><td>31010419880512006x</td></tr>
        <tr><td>被保人：</td><td>李娜</td><td>被保人证件号：</td><td>&nbsp;31010419880512006X</td></tr>
        <tr><td>与投保人关系：</td><td>子女</td><td>联系电话：</td><td>13912345678</td></tr>
      </table>`,
      [copyFields, sameId],
    );
    expect(copyLabels()).toEqual(['复制保单号码', '复制订单编号', '复制投保人', '复制投保人证件号', '复制被保人', '复制被保人证件号', '复制联系电话']);
    expect($$('[data-seakit="same-id"]')).toHaveLength(1);
    // The relationship (label and value), nothing else.
    const conflict = $$('[data-seakit-conflict]');
    expect(conflict.length).toBeGreaterThan(0);
    expect(conflict.every((el) => /^(与投保人关系：|子女)$/.test(el.textContent!))).toBe(true);
  });

  it('keeps a label/value table whose labels are bold and end in ： a pair table', async () => {
    await startOn(
      `<table><tr><td><b>保单号：</b></td><td><b>BD5</b></td></tr><tr><td><b>投保人：</b></td><td>孙丽</td></tr></table>`,
      [copyFields],
    );
    expect(copyLabels()).toEqual(['复制保单号', '复制投保人']);
  });
});
