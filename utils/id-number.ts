/** Chinese resident ID numbers (GB 11643-1999): 17 digits and a check character. */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** Spaces removed, lower-case x made upper-case: the form two IDs are compared in. */
export function normalizeId(id: string): string {
  return id.replace(/[\s\u3000\u00a0]+/g, '').toUpperCase();
}

/** The check character for the first 17 digits. */
export function checkDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

/** Only a full 18-character ID can be checked; masked, 15-digit and foreign numbers are left alone. */
export function isCheckableId(id: string): boolean {
  return /^\d{17}[\dX]$/.test(normalizeId(id));
}

export function hasValidCheckDigit(id: string): boolean {
  const n = normalizeId(id);
  return isCheckableId(n) && checkDigit(n.slice(0, 17)) === n[17];
}
