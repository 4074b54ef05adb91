/**
 * Wraps an async task so it runs one at a time: a call while it runs asks for one more run after it,
 * however many calls come in meanwhile (a burst of settings changes is one restart, not a pile of
 * overlapping ones). Every caller's promise settles when a run that started after its call is done.
 */
export function coalesced(task: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  let next: Promise<void> | null = null;
  const run = (): Promise<void> => {
    running = task().finally(() => {
      running = null;
    });
    return running;
  };
  return () => {
    if (!running) return run();
    next ??= running.catch(() => undefined).then(() => {
      next = null;
      return run();
    });
    return next;
  };
}
