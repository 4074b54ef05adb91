import { afterEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import pasteTrim, { trimPasted } from '~/entrypoints/sea.content/features/paste-trim';
import surrenderSource from '~/entrypoints/sea.content/features/surrender-source';
import sameId from '~/entrypoints/sea.content/features/same-id';
import viewMoreMark from '~/entrypoints/sea.content/features/view-more-mark';
import { classifySurrender } from '~/utils/surrender';
import { checkDigit, hasValidCheckDigit, isCheckableId } from '~/utils/id-number';
import { $, $$, settle, startOn } from './helpers/page';

afterEach(() => {
  document.body.innerHTML = '';
  fakeBrowser.reset();
});

describe('surrender rules', () => {
  it.each([
    ['客户本人', 'self'], ['用户APP', 'self'], ['App', 'self'], ['小程序', 'self'], ['H5', 'self'], ['公众号', 'self'],
    ['官网', 'self'], ['线上自助', 'self'],
    ['客服张三', 'assisted'], ['坐席李四', 'assisted'], ['人工', 'assisted'], ['工号10234', 'assisted'], ['后台管理员', 'assisted'],
    ['代客操作', 'assisted'], ['协助退保', 'assisted'], ['admin', 'assisted'],
    // Assisted is checked first: an agent acting for the customer is assisted.
    ['客服代客户操作', 'assisted'], ['用户 / 工号8899', 'assisted'],
    ['系统', 'unknown'], ['', 'unknown'], ['-', 'unknown'],
  ])('%s → %s', (text, kind) => {
    expect(classifySurrender([text])).toBe(kind);
  });

  it('uses site rules, with /regex/ entries, and survives a broken regex', () => {
    const rules = { assisted: ['/^OP\\d+$/', '/[/'], self: ['MOBILE'] };
    expect(classifySurrender(['OP123'], rules)).toBe('assisted');
    expect(classifySurrender(['MOBILE'], rules)).toBe('self');
    expect(classifySurrender(['客服'], rules)).toBe('unknown');
  });
});

describe('GB 11643 check digit', () => {
  it('computes and checks real-shaped IDs', () => {
    expect(checkDigit('11010519491231002')).toBe('X');
    expect(hasValidCheckDigit('11010519491231002X')).toBe(true);
    expect(hasValidCheckDigit('11010519491231002x')).toBe(true);
    expect(hasValidCheckDigit('110105194912310021')).toBe(false);
    expect(hasValidCheckDigit('440524188001010014')).toBe(true);
  });
  it('leaves masked, 15-digit and foreign numbers alone', () => {
    expect(isCheckableId('110105********002X')).toBe(false);
    expect(isCheckableId('110105491231002')).toBe(false);
    expect(isCheckableId('E12345678')).toBe(false);
  });
});

describe('paste-trim', () => {
  it.each([
    ['  P2024 ', 'P2024'], ['\tP2024\n', 'P2024'], ['\u3000P2024\u3000', 'P2024'], ['\u00a0P2024\u00a0', 'P2024'],
    ['\u200bP2024\u200b\ufeff', 'P2024'], ['\r\n 张 三 \r\n', '张 三'], ['P2024', 'P2024'], ['   ', ''],
  ])('%j → %j', (input, output) => {
    expect(trimPasted(input)).toBe(output);
  });

  function paste(target: Element, text: string) {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
    target.dispatchEvent(event);
    return event;
  }

  it('puts the trimmed text into a single-line input and the framework model sees it', async () => {
    await startOn(`<input id="a" type="text" value="X-"><input id="n" type="number"><textarea id="t"></textarea>`, [pasteTrim]);
    const input = $('#a') as HTMLInputElement;
    let model = '';
    input.addEventListener('input', () => (model = input.value)); // what v-model / onChange read
    input.setSelectionRange(2, 2);
    expect(paste(input, ' \u3000P2024\n').defaultPrevented).toBe(true);
    expect(input.value).toBe('X-P2024');
    expect(model).toBe('X-P2024');
    paste($('#n'), ' 42 ');
    expect(($('#n') as HTMLInputElement).value).toBe('42');
  });

  it('leaves textareas, and pastes without edge spaces, alone', async () => {
    await startOn(`<input id="a"><textarea id="t"></textarea>`, [pasteTrim]);
    expect(paste($('#t'), '  多行\n').defaultPrevented).toBe(false);
    expect(paste($('#a'), 'P1').defaultPrevented).toBe(false);
  });
});

const ID_A = '11010519491231002X';
const ID_B = '440524188001010014';
const BAD = '110105194912310021';

describe('same-id', () => {
  it('badges the insured ID when equal (lower-case x too) and flags a relationship that is not 本人', async () => {
    await startOn(
      `<table><tbody>
        <tr><td>投保人证件号</td><td>${ID_A}</td><td>被保人证件号</td><td>${ID_A.toLowerCase()}</td></tr>
        <tr><td>与投保人关系</td><td>子女</td></tr></tbody></table>`,
      [sameId],
    );
    const badge = $$('[data-seakit="same-id"]');
    expect(badge).toHaveLength(1);
    expect(badge[0].textContent).toContain('本人');
    expect(badge[0].parentElement!.textContent).toContain(ID_A.toLowerCase());
    expect($$('[data-seakit-conflict]').map((e) => e.textContent)).toEqual(['与投保人关系', '子女']);
  });

  it('does nothing for unequal IDs, no conflict for 本人, and flags a wrong check digit', async () => {
    await startOn(
      `<table><thead><tr><th>投保人身份证号</th><th>被保险人身份证号</th><th>关系</th></tr></thead><tbody>
        <tr><td>${ID_A}</td><td>${ID_B}</td><td>配偶</td></tr>
        <tr><td>${ID_B}</td><td>${ID_B}</td><td>本人</td></tr>
        <tr><td>${BAD}</td><td>110105********002X</td><td>子女</td></tr></tbody></table>`,
      [sameId],
    );
    const rows = $$('tbody tr');
    expect(rows[0].querySelector('[data-seakit="same-id"]')).toBeNull();
    expect(rows[1].querySelectorAll('[data-seakit="same-id"]')).toHaveLength(1);
    expect($$('[data-seakit-conflict]')).toHaveLength(0);
    const invalid = $$('[data-seakit="id-invalid"]');
    // In a list's row the badge is a tag at the start of the ID's cell (same-id.ts placeOf).
    expect(invalid.map((e) => [e.parentElement!.tagName, e.parentElement!.firstChild === e, e.parentElement!.lastChild!.nodeValue])).toEqual([['TD', true, BAD]]);
    expect(invalid[0].textContent).toBe('证件号校验位错误');
  });

  it('takes every mark away when switched off, the check-digit warning too', async () => {
    const core = await startOn(
      `<table><tbody><tr><td>投保人证件号</td><td>${BAD}</td><td>被保人证件号</td><td>${BAD}</td></tr><tr><td>关系</td><td>子女</td></tr></tbody></table>`,
      [sameId],
    );
    expect($$('[data-seakit="id-invalid"], [data-seakit="same-id"], [data-seakit-conflict]').length).toBe(5);
    await core.update([]);
    expect($$('[data-seakit="id-invalid"], [data-seakit="same-id"], [data-seakit-conflict]')).toHaveLength(0);
  });

  it('follows a reused row: the badge goes when the IDs stop being equal', async () => {
    await startOn(
      `<table><thead><tr><th>投保人证件号</th><th>被保人证件号</th></tr></thead><tbody><tr><td>${ID_B}</td><td>${ID_B}</td></tr></tbody></table>`,
      [sameId],
    );
    expect($$('[data-seakit="same-id"]')).toHaveLength(1);
    $$('tbody td')[1].lastChild!.nodeValue = ID_A; // after the badge, first in the cell
    await settle();
    expect($$('[data-seakit="same-id"]')).toHaveLength(0);
  });
});

describe('surrender-source', () => {
  const table = (heading: string, header: string, operator = '退保操作人') => `<h3>${heading}</h3><table><thead><tr><th>保单号</th><th>${header}</th><th>${operator}</th></tr></thead><tbody>
    <tr><td>P1</td><td>-</td><td>客户本人</td></tr><tr><td>P2</td><td>-</td><td>工号10086</td></tr><tr><td>P3</td><td>-</td><td>-</td></tr></tbody></table>`;

  it.each([
    ['a 退款 header', table('记录', '退款状态', '操作人')],
    ['a 退保 heading', table('退保记录', '状态', '操作渠道')],
  ])('labels every row of a surrender list found by %s', async (_, html) => {
    await startOn(html, [surrenderSource]);
    expect($$('[data-seakit="surrender-source"]').map((s) => [s.dataset.kind, s.textContent])).toEqual([
      ['self', '自助退保'], ['assisted', '协助退保'], ['unknown', '来源不明'],
    ]);
  });

  it('leaves other tables with an operator column alone', async () => {
    await startOn(table('操作记录', '状态', '操作人'), [surrenderSource]);
    expect($$('[data-seakit="surrender-source"]')).toHaveLength(0);
  });
});

describe('view-more-mark', () => {
  const list = (a: string, b: string) => `<table><thead><tr><th>保单号</th><th>操作</th></tr></thead><tbody>
    <tr><td>${a}</td><td><button><span>查看更多</span></button></td></tr><tr><td>${b}</td><td><a>查看更多</a></td></tr></tbody></table>`;

  it('marks the clicked row, moves with the policy when rows are reused, and is kept for the day', async () => {
    await startOn(list('P1', 'P2'), [viewMoreMark]);
    ($('tbody span') as HTMLElement).click();
    const rows = $$('tbody tr') as HTMLTableRowElement[];
    expect(rows[0].hasAttribute('data-seakit-viewed')).toBe(true);
    expect(rows[1].hasAttribute('data-seakit-viewed')).toBe(false);
    // Page 2 reuses the row elements.
    rows[0].cells[0].firstChild!.nodeValue = 'P3';
    rows[1].cells[0].firstChild!.nodeValue = 'P1';
    // Polled, not a fixed wait: a busy test machine may take longer than one settle() for the pass.
    await expect.poll(() => rows.map((r) => r.hasAttribute('data-seakit-viewed'))).toEqual([false, true]);
    // A reload: a new page core reads the stored marks.
    await startOn(list('P1', 'P9'), [viewMoreMark]);
    expect(($$('[data-seakit-viewed]') as HTMLTableRowElement[]).map((r) => r.cells[0].textContent)).toEqual(['P1']);
    const stored = JSON.stringify(await fakeBrowser.storage.local.get());
    expect(stored).not.toContain('P1'); // kept as a hash, never the policy number
  });
});
