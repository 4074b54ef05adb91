/**
 * A status as agents read it: " 保障中 ", "保 障 中" and "保障中" are one status; Latin words keep one
 * space between them ("In Force").
 */
export function normalizeStatus(text: string): string {
  const collapsed = text.replace(/[\s\u3000\u00a0\u200b-\u200d\u2060\ufeff]+/g, ' ').trim();
  return /[A-Za-z]/.test(collapsed) ? collapsed : collapsed.replace(/ /g, '');
}
