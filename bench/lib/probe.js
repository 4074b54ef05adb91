/**
 * Runs in every page of the bench browsers, in the page's own world, before the page's scripts
 * (added with context.addInitScript). It must cost the same with and without SEA Kit.
 * - marks <html data-seakit-bench>, which makes the page core time its passes as User Timing
 *   measures (utils/page/core.ts), visible here with performance.getEntriesByType('measure');
 * - records when the demo's content is in the DOM (ready), painted (shown), and when SEA Kit's
 *   enhancements are there (done);
 * - on the chat page, times each keystroke: from the first 'input' listener (window, capture,
 *   registered before SEA Kit's) to one registered after SEA Kit's, when the picker has updated its
 *   list; the last listener (window, bubble) also gives the total with the page's own handling, and
 *   a task after the next frame the time until the keystroke is on screen.
 */
(() => {
  const mark = () => document.documentElement?.setAttribute('data-seakit-bench', '');
  mark();
  document.addEventListener('readystatechange', mark, { once: true });
  if (location.protocol !== 'http:') return;

  const probe = (window.__bench = { ready: NaN, shown: NaN, done: NaN, keys: [], lastInput: NaN });
  const picker = () => document.querySelector('[data-seakit="snippet-picker"]')?.shadowRoot ?? null;
  probe.options = () => picker()?.querySelectorAll('[role="option"]').length ?? 0;
  /** Resolves with ms from the last keystroke to the first frame showing at least one snippet. */
  probe.listShown = () =>
    new Promise((resolve) => {
      const poll = () => (probe.options() > 0 ? resolve(performance.now() - probe.lastInput) : requestAnimationFrame(poll));
      poll();
    });

  let isReady;
  let isDone;
  const enhanced = (row) => row.querySelector('[data-seakit="copy-fields"]');
  /**
   * SEA Kit enhances the rows the agent can see and one screen beyond (utils/page/in-view.ts). The
   * last of those, by binary search on row positions (rows grow as buttons arrive, so every frame).
   */
  const lastInView = (rows) => {
    let low = 0;
    let high = rows.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (rows[mid].getBoundingClientRect().top < 2 * innerHeight - 1) low = mid;
      else high = mid - 1;
    }
    return low;
  };
  if (location.pathname === '/search') {
    const want = Number(new URLSearchParams(location.search).get('rows')) || 1;
    const rows = document.getElementsByClassName('sea-table__row');
    isReady = () => rows.length >= want;
    isDone = () => enhanced(rows[0]) && enhanced(rows[lastInView(rows)]);
  } else if (location.pathname === '/list') {
    // The classic admin's server-rendered list (tests/fixtures/classic): a header row, then `rows` records.
    const want = Number(new URLSearchParams(location.search).get('rows')) || 2000;
    const rows = document.getElementsByTagName('tr');
    isReady = () => rows.length > want;
    isDone = () => rows.length > want && enhanced(rows[1]) && enhanced(rows[lastInView(rows)]);
  } else if (location.pathname === '/chat') {
    const info = document.getElementsByClassName('chat__info');
    isReady = () => info.length > 0;
    // 投保人, 保单号, 手机号 each get a copy button.
    isDone = () => info.length > 0 && info[0].querySelectorAll('[data-seakit="copy-fields"]').length >= 3;
    let start = NaN;
    let extEnd = NaN;
    addEventListener('input', () => (start = probe.lastInput = performance.now()), true);
    /**
     * Armed once SEA Kit has started: a window capture listener added after the content script's
     * runs right after it, so its time minus the first one's is SEA Kit's own handling of the key.
     */
    probe.armKeys = () => addEventListener('input', () => (extEnd = performance.now()), true);
    addEventListener('input', () => {
      const t0 = start;
      const key = {
        ms: extEnd - start,
        totalMs: performance.now() - start,
        frameMs: NaN,
        query: picker()?.querySelector('.query')?.textContent ?? null,
        options: probe.options(),
      };
      probe.keys.push(key);
      // Keystroke to the end of the next frame (layout, paint): what the agent waits for, with or without SEA Kit.
      requestAnimationFrame(() => setTimeout(() => (key.frameMs = performance.now() - t0)));
    });
  } else {
    return;
  }
  const poll = () => {
    if (isDone()) probe.done = performance.now();
    else requestAnimationFrame(poll);
  };
  const observer = new MutationObserver(() => {
    if (!isReady()) return;
    probe.ready = performance.now();
    observer.disconnect();
    // On screen: a task queued in the next frame runs after that frame's layout and paint.
    requestAnimationFrame(() => setTimeout(() => (probe.shown = performance.now())));
    poll();
  });
  observer.observe(document, { childList: true, subtree: true });
})();
