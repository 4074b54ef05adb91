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
