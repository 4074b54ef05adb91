/**
 * YYYY-MM-DD in local time: the agent's working day (view marks, backup file names, a pack's release date).
 * Built by hand: toLocaleDateString loads ~25 ms of locale data on a SEA page.
 */
export function localDate(date = new Date()): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}
