import { parseTemplate, type TemplateProblem } from './template';

/**
 * The placeholder problems of template.ts in a lead's words, each naming the placeholder as written and how to
 * write it: for the personal editor, the pack check and the sheet import (not the page script).
 */

const ESCAPE_HINT = '要写花括号本身，请写成 {{ 或 }}';

export function problemMessage(p: TemplateProblem): string {
  const shown = `「{${p.raw}}」`;
  switch (p.code) {
    case 'empty': return `${shown}是空的花括号：请写占位符名称，如 {投保人}；${ESCAPE_HINT}`;
    case 'timeShift': return `${shown}：时间只能按小时或分钟推算，如 {时间+2小时}、{时间+30分钟}；按天推算请用 {日期+1}`;
    case 'dateShift': return `${shown}：日期只能按天、周、月、年推算，如 {日期+3}、{日期+1月}；按小时推算请用 {时间+2小时}`;
    case 'noToken': return `${shown}的格式里没有日期或时间，如 {日期:MM月DD日}、{时间:HH:mm}（YYYY 年、MM 月、DD 日、HH 时、mm 分、dddd 星期）`;
    case 'noOptions': return `${shown}没有写选项：应为 {选项:上午|下午}，选项之间用 | 分隔`;
    case 'badLabel': return `${shown}的名称「${p.name}」只能用汉字、字母、数字，最多 12 个字`;
    case 'emptyOption': return `${shown}有空的选项：选项之间用一个 | 分隔，首尾不要多写 |`;
    case 'oneOption': return `${shown}只有一个选项：至少写两个，用 | 分隔，如 {选项:上午|下午}`;
    case 'sameOption': return `${shown}有重复的选项`;
    case 'noName': return `${shown}没有写名称：应为 {填写:称呼} 或带默认值 {填写:称呼=先生}`;
    case 'unknownKind': return `${shown}不认识“${p.name}:”：可用 {填写:名称=默认值}、{选项:A|B}、{日期:格式}、{时间:格式}；${ESCAPE_HINT}`;
    case 'badShift': return `${shown}的推算写法不对：应为 {日期+3}、{日期-1}、{日期+1月}、{时间+30分钟}（+ 或 - 加整数和单位）`;
    case 'badName': return `${shown}不是有效的占位符：名称只能用汉字、字母、数字，最多 12 个字；${ESCAPE_HINT}`;
    case 'unclosed': return `「${p.raw}」的花括号没有闭合：请补上 }；${ESCAPE_HINT}`;
    default: return '{cursor}（光标位置）只能写一次';
  }
}

/** Every problem of a snippet's placeholders, in order; empty when it is well formed. */
export function templateProblems(text: string): string[] {
  // Only a { starts a placeholder, or a problem: most texts have none (a 5,000-snippet pack's check, bench).
  if (!text.includes('{')) return [];
  return parseTemplate(text).problems.map(problemMessage);
}
