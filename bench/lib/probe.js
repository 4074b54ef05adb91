/**
 * Runs in every page of the bench browsers, in the page's own world, before the page's scripts
 * (added with context.addInitScript). It must cost the same with and without SEA Kit.
 * - marks <html data-seakit-bench>, which makes the page core time its passes as User Timing
 *   measures (utils/page/core.ts), visible here with performance.getEntriesByType('measure');
 * - records when the demo's content is on screen (ready) and when SEA Kit's enhancements are (done);
 * - on the chat page, times each keystroke: from the first 'input' listener (window, capture,
 *   registered before SEA Kit's) to one registered after SEA Kit's, when the picker has updated its
 *   list; the last listener (window, bubble) also gives the total with the page's own handling.
 */
(() => {
  const mark = () => document.documentElement?.setAttribute('data-seakit-bench', '');
  mark();
  document.addEventListener('readystatechange', mark, { once: true });
  if (location.protocol !== 'http:') return;

  const probe = (window.__bench = { ready: NaN, done: NaN, keys: [], lastInput: NaN });
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
  if (location.pathname === '/search') {
    const want = Number(new URLSearchParams(location.search).get('rows')) || 1;
    const rows = document.getElementsByClassName('sea-table__row');
    const enhanced = (row) => row.querySelector('[data-seakit="copy-fields"]');
    isReady = () => rows.length >= want;
    isDone = () => rows.length >= want && enhanced(rows[0]) && enhanced(rows[rows.length - 1]);
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
      probe.keys.push({
        ms: extEnd - start,
        totalMs: performance.now() - start,
        query: picker()?.querySelector('.query')?.textContent ?? null,
        options: probe.options(),
      });
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
    poll();
  });
  observer.observe(document, { childList: true, subtree: true });
})();
