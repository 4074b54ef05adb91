import { formatDate, hasDateToken, shiftDate, type ShiftUnit } from '../dates';

/**
 * The one placeholder grammar of snippet text, shared by the page picker, the side panel, the snippet
 * editor's preview and the pack / sheet checks (docs/packs.md, “占位符”):
 *
 *   {投保人} {保单号} {坐席工号}…   filled from the page or the agent's settings, asked when missing
 *   {退款金额}                     any other name: asked in the small form
 *   {填写:称呼=先生}               a free field with a label and a default ({填写:称呼} without one)
 *   {选项:上午|下午}  {选项:时段=上午|下午}   a choice, the first option preselected
 *   {日期} {日期+3} {日期-1月} {日期:MM月DD日} {时间} {时间+30分钟} {时间:HH:mm}
 *   {cursor} (or {光标})           where the caret ends after insertion
 *   {{ and }}                      a literal { and }
 *
 * Full-width ：｜＝ work like :|= (leads type in Chinese). Pure: no DOM, the pack CLI uses it too.
 */

/** A field name: Han characters, letters, digits, underscore; up to 12. */
const NAME = /^[\u4e00-\u9fffA-Za-z0-9_]{1,12}$/;
/** Past this a brace is not taken for a placeholder's end (a forgotten } in a long text). */
const MAX_INSIDE = 200;

export type DateUnit = 'date' | 'time';

export type Part =
  | { type: 'text'; text: string }
  /** A named value: from the page or settings when it has one, else asked. `fallback` from {填写:名=默认}. */
  | { type: 'field'; key: string; fallback?: string }
  | { type: 'choice'; key: string; label: string; options: string[] }
  | { type: 'date'; unit: DateUnit; shift?: { amount: number; by: ShiftUnit }; format: string }
  | { type: 'cursor' };

export interface Template {
  parts: Part[];
  /** Every malformed placeholder, in order (the text is still shown and inserted as written). */
  problems: TemplateProblem[];
}

const UNITS: Record<string, ShiftUnit> = {
  天: 'day', 日: 'day', 周: 'week', 星期: 'week', 月: 'month', 个月: 'month', 年: 'year',
  小时: 'hour', 时: 'hour', 分钟: 'minute', 分: 'minute',
};
const DATE_UNITS = new Set<ShiftUnit>(['day', 'week', 'month', 'year']);
const DEFAULT_FORMAT: Record<DateUnit, string> = { date: 'YYYY年M月D日', time: 'HH:mm' };
const DATE_HEAD = /^(日期|时间)(?:([+-])(\d{1,4})(天|日|个月|月|年|周|星期|小时|时|分钟|分)?)?$/;

/** Full-width punctuation as leads type it, read as the ASCII the grammar uses. */
const ascii = (s: string) => s.replace(/：/g, ':').replace(/｜/g, '|').replace(/＝/g, '=');

/**
 * What is wrong with a placeholder, as a code: the words for leads are in template-problems.ts, which only the
 * editor and the pack and sheet checks load (the page script parses, it never explains).
 */
export type ProblemCode =
  | 'empty' | 'timeShift' | 'dateShift' | 'noToken' | 'noOptions' | 'badLabel' | 'emptyOption' | 'oneOption' | 'sameOption'
  | 'noName' | 'unknownKind' | 'badShift' | 'badName' | 'unclosed' | 'twoCursors';

export interface TemplateProblem {
  code: ProblemCode;
  /** The placeholder's text between the braces (for `unclosed`: from its { on). */
  raw: string;
  /** The name or kind it is about, where the words need it. */
  name?: string;
}

const problem = (code: ProblemCode, raw: string, name?: string): TemplateProblem => ({ code, raw, ...(name !== undefined ? { name } : {}) });

/** A placeholder's text between the braces, read; or the problem with it. */
function readInside(raw: string, choices: { count: number }): Exclude<Part, { type: 'text' }> | TemplateProblem {
  const inside = ascii(raw).trim();
  if (!inside) return problem('empty', raw);
  if (inside === 'cursor' || inside === '光标') return { type: 'cursor' };
  const colon = inside.indexOf(':');
  const head = (colon < 0 ? inside : inside.slice(0, colon)).replace(/\s+/g, '');
  const arg = colon < 0 ? undefined : inside.slice(colon + 1).trim();
  const date = DATE_HEAD.exec(head);
  if (date) {
    const unit: DateUnit = date[1] === '日期' ? 'date' : 'time';
    const by = date[4] ? UNITS[date[4]] : unit === 'date' ? 'day' : 'minute';
    if (unit === 'time' && DATE_UNITS.has(by)) return problem('timeShift', raw);
    if (unit === 'date' && !DATE_UNITS.has(by)) return problem('dateShift', raw);
    if (arg !== undefined && !hasDateToken(arg)) return problem('noToken', raw);
    const shift = date[2] ? { amount: Number(date[3]) * (date[2] === '-' ? -1 : 1), by } : undefined;
    return { type: 'date', unit, format: arg ?? DEFAULT_FORMAT[unit], ...(shift ? { shift } : {}) };
  }
  if (head === '选项') {
    if (!arg) return problem('noOptions', raw);
    const eq = arg.indexOf('=');
    const named = eq > 0 && !arg.slice(0, eq).includes('|');
    const label = named ? arg.slice(0, eq).trim() : '';
    if (named && !NAME.test(label)) return problem('badLabel', raw, label);
    const options = (named ? arg.slice(eq + 1) : arg).split('|').map((o) => o.trim());
    if (options.some((o) => !o)) return problem('emptyOption', raw);
    if (options.length < 2) return problem('oneOption', raw);
    if (new Set(options).size < options.length) return problem('sameOption', raw);
    if (named) return { type: 'choice', key: label, label, options };
    return { type: 'choice', key: `选项#${++choices.count}`, label: '选项', options };
  }
  if (head === '填写') {
    if (!arg) return problem('noName', raw);
    const eq = arg.indexOf('=');
    const key = (eq < 0 ? arg : arg.slice(0, eq)).trim();
    if (!NAME.test(key)) return problem('badLabel', raw, key);
    const fallback = eq < 0 ? undefined : arg.slice(eq + 1).trim();
    return { type: 'field', key, ...(fallback ? { fallback } : {}) };
  }
  if (colon >= 0) return problem('unknownKind', raw, head);
  if (/^(日期|时间)/.test(head)) return problem('badShift', raw);
  if (!NAME.test(inside)) return problem('badName', raw);
  return { type: 'field', key: inside };
}

/**
 * Snippet text as parts. Never throws: a malformed placeholder stays text as written and is named in
 * `problems` (packs, sheets and the editor refuse those; an old snippet still inserts).
 */
export function parseTemplate(written: string): Template {
  // A pack written on Windows: one line break is one character, in a textarea as in the caret count.
  const source = written.replace(/\r\n?/g, '\n');
  const parts: Part[] = [];
  const problems: TemplateProblem[] = [];
  const choices = { count: 0 };
  let text = '';
  let cursors = 0;
  const flush = () => {
    if (text) parts.push({ type: 'text', text });
    text = '';
  };
  let i = 0;
  while (i < source.length) {
    const ch = source[i];
    if (ch === '}') {
      text += '}';
      i += source[i + 1] === '}' ? 2 : 1;
      continue;
    }
    if (ch !== '{') {
      text += ch;
      i++;
      continue;
    }
    if (source[i + 1] === '{') {
      text += '{';
      i += 2;
      continue;
    }
    let end = i + 1;
    while (end < source.length && end - i <= MAX_INSIDE && !'{}\n'.includes(source[end])) end++;
    if (source[end] !== '}') {
      const start = source.slice(i, Math.min(end, i + 12)).trimEnd();
      problems.push(problem('unclosed', `${start}${end - i > 12 ? '…' : ''}`));
      text += '{';
      i++;
      continue;
    }
    const raw = source.slice(i + 1, end);
    const part = readInside(raw, choices);
    if ('code' in part) {
      problems.push(part);
      text += `{${raw}}`;
    } else if (part.type === 'cursor' && ++cursors > 1) {
      problems.push(problem('twoCursors', raw));
    } else {
      flush();
      parts.push(part);
    }
    i = end + 1;
  }
  flush();
  return { parts, problems };
}

/** What a field shows as its label in the form: choices without a name are 选项 (选项 1, 选项 2 when several). */
export function choiceLabels(parts: Part[]): Map<string, string> {
  const anonymous = parts.filter((p) => p.type === 'choice' && p.key.startsWith('选项#'));
  const labels = new Map<string, string>();
  for (const p of parts) {
    if (p.type !== 'choice') continue;
    labels.set(p.key, p.key.startsWith('选项#') && anonymous.length > 1 ? `选项 ${p.key.slice(3)}` : p.label);
  }
  return labels;
}

/** A date part's text at `now`. */
export function dateText(part: Extract<Part, { type: 'date' }>, now: Date): string {
  return formatDate(part.shift ? shiftDate(now, part.shift.amount, part.shift.by) : now, part.format);
}

/** A snippet as a one-line list shows it: dates as they would be inserted, choices 〔上午/下午〕, other fields {名称}. */
export function displayText(text: string, now = new Date()): string {
  if (!text.includes('{') && !text.includes('}')) return text;
  return parseTemplate(text).parts.map((part) => {
    switch (part.type) {
      case 'text': return part.text;
      case 'date': return dateText(part, now);
      case 'choice': return `〔${part.options.join('/')}〕`;
      case 'field': return `{${part.key}}`;
      default: return '';
    }
  }).join('');
}

/** The reply: text, and where the caret goes ({cursor}), counted in characters from the text's end. */
export interface Rendered {
  text: string;
  /** How many characters of `text` come after {cursor}; 0 when there is none (caret at the end). */
  after: number;
}

/**
 * Fills every part. Refuses (`missing`, the fields' keys) when any field or choice has no value:
 * an unfilled placeholder never reaches a reply. Values are plain text and are not read again as placeholders.
 */
export function renderTemplate(template: Template, values: Record<string, string>, now = new Date()): Rendered | { missing: string[] } {
  const missing = new Set<string>();
  let text = '';
  let cursor = -1;
  for (const part of template.parts) {
    if (part.type === 'text') text += part.text;
    else if (part.type === 'cursor') cursor = text.length;
    else if (part.type === 'date') text += dateText(part, now);
    else {
      const value = values[part.key]?.trim();
      if (value) text += value;
      else missing.add(part.key);
    }
  }
  if (missing.size) return { missing: [...missing] };
  return { text, after: cursor < 0 ? 0 : text.length - cursor };
}
