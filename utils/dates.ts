/**
 * Dates as agents read them, whatever the browser's language: 2026-11-26 14:05 (view marks, backup file names,
 * a pack's release date, subscription checks). Formatted by hand, not with toLocaleString, which follows the
 * browser (11/26/2026 in an English Chrome) and loads ~25 ms of locale data on a SEA page.
 */
const two = (n: number) => String(n).padStart(2, '0');

/** YYYY-MM-DD in local time: the agent's working day. */
export function localDate(date = new Date()): string {
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}`;
}

/** YYYY-MM-DD HH:mm in local time, — when never. */
export function formatDateTime(ms: number | undefined): string {
  if (!ms) return '—';
  const date = new Date(ms);
  return `${localDate(date)} ${two(date.getHours())}:${two(date.getMinutes())}`;
}

/** How far a snippet's {日期+3} / {时间+30分钟} moves from now. */
export type ShiftUnit = 'day' | 'week' | 'month' | 'year' | 'hour' | 'minute';

/**
 * `date` moved by `amount` units in local time. Months and years keep the day of month where it exists and
 * otherwise take the month's last day (1月31日 + 1 月 = 2月28日), as agents count "一个月后".
 */
export function shiftDate(date: Date, amount: number, unit: ShiftUnit): Date {
  const next = new Date(date);
  if (unit === 'day' || unit === 'week') next.setDate(next.getDate() + amount * (unit === 'week' ? 7 : 1));
  else if (unit === 'hour') next.setHours(next.getHours() + amount);
  else if (unit === 'minute') next.setMinutes(next.getMinutes() + amount);
  else {
    const months = unit === 'year' ? amount * 12 : amount;
    const day = next.getDate();
    next.setDate(1);
    next.setMonth(next.getMonth() + months);
    const last = new Date(next.getFullYear(), next.getMonth() + 1, 0).getDate();
    next.setDate(Math.min(day, last));
  }
  return next;
}

const WEEKDAYS = '日一二三四五六';

/** The tokens a snippet's date format understands, longest first (dayjs's names, Chinese weekdays). */
const TOKENS = /\[([^\]]*)\]|YYYY|YY|MM|M|DD|D|HH|H|mm|m|ss|s|dddd|ddd/g;

/** True when a format has at least one date or time token ({日期:今天} would always print 今天). */
export function hasDateToken(pattern: string): boolean {
  return [...pattern.matchAll(TOKENS)].some((m) => m[1] === undefined);
}

/**
 * A date in a snippet's format: YYYY 2026, YY 26, MM 03 / M 3, DD 05 / D 5, HH 09 / H 9, mm 05 / m 5, ss / s,
 * dddd 星期四, ddd 周四; text in [brackets] and everything else is kept as written.
 */
export function formatDate(date: Date, pattern: string): string {
  return pattern.replace(TOKENS, (token, literal: string | undefined) => {
    if (literal !== undefined) return literal;
    switch (token) {
      case 'YYYY': return String(date.getFullYear());
      case 'YY': return two(date.getFullYear() % 100);
      case 'MM': return two(date.getMonth() + 1);
      case 'M': return String(date.getMonth() + 1);
      case 'DD': return two(date.getDate());
      case 'D': return String(date.getDate());
      case 'HH': return two(date.getHours());
      case 'H': return String(date.getHours());
      case 'mm': return two(date.getMinutes());
      case 'm': return String(date.getMinutes());
      case 'ss': return two(date.getSeconds());
      case 's': return String(date.getSeconds());
      case 'dddd': return `星期${WEEKDAYS[date.getDay()]}`;
      default: return `周${WEEKDAYS[date.getDay()]}`;
    }
  });
}
