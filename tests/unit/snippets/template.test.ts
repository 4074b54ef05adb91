import { describe, expect, it } from 'vitest';
import { displayText, parseTemplate, renderTemplate } from '~/utils/snippets/template';
import { templateProblems } from '~/utils/snippets/template-problems';
import { formatDate, shiftDate } from '~/utils/dates';

/** The reply for a snippet text, its fields answered by `values`, at `now`. */
const render = (text: string, values: Record<string, string> = {}, now = new Date(2026, 10, 26, 9, 5, 7)) =>
  renderTemplate(parseTemplate(text), values, now);

describe('snippet template: dates and times', () => {
  it('{日期} and {时间} default to the Chinese forms', () => {
    expect(render('{日期} {时间}')).toEqual({ text: '2026年11月26日 09:05', after: 0 });
  });

  it('offsets cross month and year ends, leap days and short months', () => {
    const at = (y: number, m: number, d: number) => new Date(y, m - 1, d, 10, 0);
    expect(render('{日期+3:YYYY-MM-DD}', {}, at(2026, 11, 30))).toMatchObject({ text: '2026-12-03' });
    expect(render('{日期-1:YYYY-MM-DD}', {}, at(2024, 3, 1))).toMatchObject({ text: '2024-02-29' });
    expect(render('{日期-1:YYYY-MM-DD}', {}, at(2026, 3, 1))).toMatchObject({ text: '2026-02-28' });
    expect(render('{日期+1:YYYY-MM-DD}', {}, at(2026, 12, 31))).toMatchObject({ text: '2027-01-01' });
    expect(render('{日期+1月:YYYY-MM-DD}', {}, at(2026, 1, 31))).toMatchObject({ text: '2026-02-28' });
    expect(render('{日期+1个月:YYYY-MM-DD}', {}, at(2024, 1, 31))).toMatchObject({ text: '2024-02-29' });
    expect(render('{日期-2周:M/D}', {}, at(2026, 1, 5))).toMatchObject({ text: '12/22' });
    expect(render('{日期+1年:YYYY-MM-DD}', {}, at(2024, 2, 29))).toMatchObject({ text: '2025-02-28' });
    expect(render('{时间+30分钟}', {}, new Date(2026, 11, 31, 23, 45))).toMatchObject({ text: '00:15' });
    expect(render('{时间+2小时:M月D日HH:mm}', {}, new Date(2026, 11, 31, 23, 45))).toMatchObject({ text: '1月1日01:45' });
    expect(render('{时间-90}', {}, new Date(2026, 0, 1, 1, 0))).toMatchObject({ text: '23:30' });
    expect(shiftDate(at(2026, 3, 31), -1, 'month').getDate()).toBe(28);
  });

  it('formats: tokens, Chinese weekdays, [literal] text, full-width colons, spaces around', () => {
    expect(render('{日期:MM月DD日}')).toMatchObject({ text: '11月26日' });
    expect(render('{日期：YY/M/D dddd}')).toMatchObject({ text: '26/11/26 星期四' });
    expect(render('{ 日期 + 1 : ddd }')).toMatchObject({ text: '周五' });
    expect(render('{时间:HH:mm:ss}')).toMatchObject({ text: '09:05:07' });
    expect(render('{时间：H点m分}')).toMatchObject({ text: '9点5分' });
    expect(formatDate(new Date(2026, 0, 4), '[YYYY]年 YYYY')).toBe('YYYY年 2026');
  });
});

describe('snippet template: fields', () => {
  it('choices: options in order, a name when given, each unnamed one its own field', () => {
    const { parts } = parseTemplate('{选项:上午|下午}{选项：时段＝早｜晚}{选项:是|否}');
    expect(parts).toEqual([
      { type: 'choice', key: '选项#1', label: '选项', options: ['上午', '下午'] },
      { type: 'choice', key: '时段', label: '时段', options: ['早', '晚'] },
      { type: 'choice', key: '选项#2', label: '选项', options: ['是', '否'] },
    ]);
    expect(render('{选项:上午|下午}来电', { '选项#1': '下午' })).toEqual({ text: '下午来电', after: 0 });
  });

  it('free fields: a default is only a starting value; the same name twice is one answer', () => {
    expect(parseTemplate('{填写:称呼=先生}').parts).toEqual([{ type: 'field', key: '称呼', fallback: '先生' }]);
    expect(parseTemplate('{填写:称呼}').parts).toEqual([{ type: 'field', key: '称呼' }]);
    expect(render('{填写:称呼=先生}您好，{称呼}', { 称呼: '女士' })).toEqual({ text: '女士您好，女士', after: 0 });
    expect(render('{填写:称呼=先生}您好')).toEqual({ missing: ['称呼'] });
  });

  it('{cursor} (or {光标}) says where the caret ends, counted back from the end', () => {
    expect(render('您好，{cursor}，祝您生活愉快！')).toEqual({ text: '您好，，祝您生活愉快！', after: 8 });
    expect(render('第一行\n{光标}\n第三行')).toEqual({ text: '第一行\n\n第三行', after: 4 });
    expect(render('结尾{cursor}')).toEqual({ text: '结尾', after: 0 });
  });

  it('{{ and }} write braces; values are text, never read as placeholders or HTML', () => {
    expect(render('格式为 {{保单号}}，示例 {{"a":1}} 和 }')).toEqual({ text: '格式为 {保单号}，示例 {"a":1} 和 }', after: 0 });
    expect(render('{退款金额}元', { 退款金额: '{投保人}<script>alert(1)</script>' })).toEqual({ text: '{投保人}<script>alert(1)</script>元', after: 0 });
    expect(templateProblems('格式为 {{保单号}} }} {{')).toEqual([]);
  });
});

describe('snippet template: bad syntax', () => {
  it('names every problem at once, in Chinese, and keeps the text as written', () => {
    const text = '您好{选项:}，{选项:A}，{选项:A||B}，{ }，{日期+3小时}，{时间+1天}，{日期:今天}，{颜色:红}，{日期+}，{保单 号码很长很长很长很长很长}，{cursor}{光标}，{投保人';
    const problems = templateProblems(text);
    expect(problems).toHaveLength(12);
    expect(problems[0]).toBe('「{选项:}」没有写选项：应为 {选项:上午|下午}，选项之间用 | 分隔');
    expect(problems[1]).toContain('只有一个选项');
    expect(problems[2]).toContain('有空的选项');
    expect(problems[3]).toContain('空的花括号');
    expect(problems[4]).toContain('日期只能按天、周、月、年推算');
    expect(problems[5]).toContain('时间只能按小时或分钟推算');
    expect(problems[6]).toContain('格式里没有日期或时间');
    expect(problems[7]).toContain('不认识“颜色:”');
    expect(problems[8]).toContain('推算写法不对');
    expect(problems[9]).toContain('不是有效的占位符');
    expect(problems[10]).toBe('{cursor}（光标位置）只能写一次');
    expect(problems[11]).toBe('「{投保人」的花括号没有闭合：请补上 }；要写花括号本身，请写成 {{ 或 }}');
    // Shown as written, never half-parsed; the one good field still counts.
    const parsed = parseTemplate('{选项:}和{投保人');
    expect(parsed.parts).toEqual([{ type: 'text', text: '{选项:}和{投保人' }]);
  });

  it('an unclosed { before a line break or another { is named; the rest still parses', () => {
    const parsed = parseTemplate('请于{日期+3前来\n{投保人}');
    expect(parsed.problems).toEqual([{ code: 'unclosed', raw: '{日期+3前来' }]);
    expect(templateProblems('请于{日期+3前来\n{投保人}')).toEqual(['「{日期+3前来」的花括号没有闭合：请补上 }；要写花括号本身，请写成 {{ 或 }}']);
    expect(parsed.parts).toEqual([{ type: 'text', text: '请于{日期+3前来\n' }, { type: 'field', key: '投保人' }]);
  });
});

describe('snippet template: the picker’s one-line view', () => {
  it('shows dates as inserted, choices and fields by name, no {cursor}, escaped braces once', () => {
    const now = new Date(2026, 10, 26);
    expect(displayText('{填写:称呼=先生}您好，{日期+1:M月D日}{选项:上午|下午}回电{cursor}，{{编号}}', now)).toBe('{称呼}您好，11月27日〔上午/下午〕回电，{编号}');
    expect(displayText('没有占位符', now)).toBe('没有占位符');
  });
});

describe('snippet template: what ships', () => {
  it('the starter shelf and the example pack are well formed', async () => {
    const { starterSnippets } = await import('~/utils/snippets/starter');
    const pack = (await import('../../fixtures/packs/after-sales.json')).default as { snippets: Array<{ title: string; text: string }> };
    for (const s of [...starterSnippets(), ...pack.snippets]) expect(templateProblems(s.text), s.title).toEqual([]);
  });
});
