/**
 * Dates as agents read them, whatever the browser's language: 2026-11-26 14:05. Formatted by hand, not
 * with toLocaleString, which follows the browser (11/26/2026 in an English Chrome) and loads locale data.
 */
const two = (n: number) => String(n).padStart(2, '0');

export function formatDate(date: Date): string {
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}`;
}

export function formatDateTime(ms: number | undefined): string {
  if (!ms) return '—';
  const date = new Date(ms);
  return `${formatDate(date)} ${two(date.getHours())}:${two(date.getMinutes())}`;
}
