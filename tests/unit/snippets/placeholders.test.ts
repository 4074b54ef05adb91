import { describe, expect, it } from 'vitest';
import type { Field, PageApi } from '~/utils/page/feature';
import type { FieldKind } from '~/utils/page/labels';
import {
  agentValues, fillPlaceholders, pageValues, placeholdersIn, planFill, splitPlaceholders,
} from '~/utils/snippets/placeholders';

/** A page core stand-in that shows the given values per field kind. */
function fakePage(shown: Partial<Record<FieldKind, string[]>>): PageApi {
  return {
    find: (kind) => (shown[kind] ?? []).map((value) => ({ kind, value, label: kind, labelEl: null, valueEl: document.body }) as Field),
    scopeOf: () => undefined,
    inList: () => false,
    outsideRecords: () => [],
    tables: () => [],
    outsideLists: () => [],
    searchForm: () => ({ inputs: [], fields: [], button: null }),
  };
}

const CHECK = '请您核对：投保人{投保人}，被保人{被保人}，保单号{保单号}。工号{坐席工号}，{日期}';

describe('placeholders', () => {
  it('lists each placeholder once, in order, and ignores braces that are not placeholders', () => {
    expect(placeholdersIn(CHECK)).toEqual(['投保人', '被保人', '保单号', '坐席工号', '日期']);
    expect(placeholdersIn('{投保人}您好，{投保人}先生 { 空格 } {} {"json":1}')).toEqual(['投保人']);
  });

  it('reads page values through the page core, dropping empty ones (-, --) and repeats', () => {
    const values = pageValues(fakePage({ applicant: ['张伟', '张伟 '], insured: ['-'], policyNo: ['BD1', 'BD2'], productName: [''] }));
    expect(values).toEqual({ 投保人: ['张伟'], 被保人: [], 保单号: ['BD1', 'BD2'], 订单号: [], 产品名称: [] });
  });

  it('takes the agent from settings and formats date and time the Chinese way', () => {
    const values = agentValues({ id: '10086', name: '' }, new Date(2026, 10, 3, 9, 5));
    expect(values).toEqual({ 坐席工号: ['10086'], 坐席姓名: [], 日期: ['2026年11月3日'], 时间: ['09:05'] });
  });

  it('fills what has exactly one value and asks for the rest: none, several (with the choices), or unknown names', () => {
    const values = {
      ...pageValues(fakePage({ applicant: ['张伟'], policyNo: ['BD1', 'BD2'] })),
      ...agentValues({ id: '10086', name: '' }, new Date(2026, 0, 2)),
    };
    const plan = planFill(`${CHECK}{退款金额}`, values);
    expect(plan.known).toEqual({ 投保人: '张伟', 坐席工号: '10086', 日期: '2026年1月2日' });
    expect(plan.missing).toEqual([
      { name: '被保人', candidates: [] },
      { name: '保单号', candidates: ['BD1', 'BD2'] },
      { name: '退款金额', candidates: [] },
    ]);
  });

  it('fills text as text: values with braces or HTML stay literal, unfilled placeholders stay visible', () => {
    expect(fillPlaceholders('您好{投保人}，{被保人}', { 投保人: '<b>{被保人}</b>' })).toBe('您好<b>{被保人}</b>，{被保人}');
    expect(fillPlaceholders(CHECK, { 投保人: '甲', 被保人: '乙', 保单号: 'BD1', 坐席工号: '7', 日期: '今天' })).toBe(
      '请您核对：投保人甲，被保人乙，保单号BD1。工号7，今天',
    );
  });

  it('splits text and placeholders for the preview', () => {
    expect(splitPlaceholders('您好{投保人}，再见')).toEqual([{ text: '您好' }, { name: '投保人' }, { text: '，再见' }]);
    expect(splitPlaceholders('{日期}')).toEqual([{ name: '日期' }]);
  });
});
