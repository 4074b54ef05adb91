import { describe, expect, it } from 'vitest';
import type { Field, PageApi } from '~/utils/page/feature';
import type { FieldKind } from '~/utils/page/labels';
import {
  agentValues, completeSnippet, fillPlan, pageValues, planFill, type FillPlan,
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
    searchForm: () => ({ inputs: [], fields: [], choices: [], button: null }),
  };
}

const CHECK = '请您核对：投保人{投保人}，被保人{被保人}，保单号{保单号}。工号{坐席工号}，{日期}';

describe('placeholders', () => {
  it('reads page values through the page core, dropping empty ones (-, --) and repeats', () => {
    const values = pageValues(fakePage({ applicant: ['张伟', '张伟 '], insured: ['-'], policyNo: ['BD1', 'BD2'], productName: [''] }));
    expect(values).toEqual({ 投保人: ['张伟'], 被保人: [], 保单号: ['BD1', 'BD2'], 订单号: [], 产品名称: [] });
  });

  it('takes the agent from settings', () => {
    expect(agentValues({ id: '10086', name: '' })).toEqual({ 坐席工号: ['10086'], 坐席姓名: [] });
  });

  it('fills what has exactly one value and asks for the rest: none, several (offered), unknown names, choices, defaults', () => {
    const values = { ...pageValues(fakePage({ applicant: ['张伟'], policyNo: ['BD1', 'BD2'] })), ...agentValues({ id: '10086', name: '' }) };
    const plan = planFill(`${CHECK}{退款金额}{选项:上午|下午}{填写:称呼=先生}{称呼}{投保人}`, values);
    expect(plan.known).toEqual({ 投保人: '张伟', 坐席工号: '10086' });
    expect(plan.fields).toEqual([
      { key: '被保人', label: '被保人', kind: 'text', options: [], value: '' },
      { key: '保单号', label: '保单号', kind: 'text', options: ['BD1', 'BD2'], value: 'BD1' },
      { key: '退款金额', label: '退款金额', kind: 'text', options: [], value: '' },
      { key: '选项#1', label: '选项', kind: 'choice', options: ['上午', '下午'], value: '上午' },
      { key: '称呼', label: '称呼', kind: 'text', options: [], value: '先生' },
    ]);
  });

  it('renders only when every field has a value: an unfilled one is named, never left in the text', () => {
    const now = new Date(2026, 0, 2, 9, 5);
    const plan = planFill(CHECK, agentValues({ id: '7', name: '' }));
    expect(fillPlan(plan, { 投保人: '甲', 被保人: '乙' }, now)).toEqual({ missing: ['保单号'] });
    expect(fillPlan(plan, { 投保人: '甲', 被保人: '乙', 保单号: '  ' }, now)).toEqual({ missing: ['保单号'] });
    expect(fillPlan(plan, { 投保人: '甲', 被保人: '乙', 保单号: 'BD1' }, now)).toEqual({ text: '请您核对：投保人甲，被保人乙，保单号BD1。工号7，2026年1月2日', after: 0 });
  });

  it('completeSnippet asks only when something is left, and a cancelled or half-answered form inserts nothing', async () => {
    const asked: string[][] = [];
    const ask = (answers: Record<string, string> | null) => async (plan: FillPlan) => {
      asked.push(plan.fields.map((f) => f.key));
      return answers;
    };
    expect(await completeSnippet('您好{坐席工号}', agentValues({ id: '7', name: '' }), ask({}))).toEqual({ text: '您好7', after: 0 });
    expect(asked).toEqual([]);
    expect(await completeSnippet('您好{称呼}{cursor}！', {}, ask(null))).toBeNull();
    expect(await completeSnippet('您好{称呼}{cursor}！', {}, ask({ 称呼: '' }))).toBeNull();
    expect(await completeSnippet('您好{称呼}{cursor}！', {}, ask({ 称呼: '王先生' }))).toEqual({ text: '您好王先生！', after: 1 });
    expect(asked).toEqual([['称呼'], ['称呼'], ['称呼']]);
  });

  it('fills text as text: values with braces or HTML stay literal and are not read again', () => {
    const plan = planFill('您好{投保人}，{被保人}', {});
    expect(fillPlan(plan, { 投保人: '<b>{被保人}</b>', 被保人: '<img src=x onerror=alert(1)>' })).toEqual({
      text: '您好<b>{被保人}</b>，<img src=x onerror=alert(1)>', after: 0,
    });
  });
});
