/** A read that has not answered by then (a database another tab holds, a slow disk) leaves the view to show its own loading state. */
const AT_MOST_MS = 2000;

/**
 * Settles when a view's first reads have (a failure too: the view says what went wrong), or after 2 s:
 * the options page and the side panel render once, with their content, instead of a skeleton and then
 * the content (`npm run bench:first-open`).
 */
export function firstData(reads: Promise<unknown>): Promise<void> {
  return Promise.race([reads.then(() => undefined, () => undefined), new Promise<void>((resolve) => setTimeout(resolve, AT_MOST_MS))]);
}
