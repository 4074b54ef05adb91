/**
 * Runs in every page of the bench browsers, in the page's own world, before the page's scripts
 * (added with context.addInitScript). It must cost the same with and without SEA Kit.
 * - marks <html data-seakit-bench>, which makes the page core time its passes as User Timing
 *   measures (utils/page/core.ts), visible here with performance.getEntriesByType('measure');
 * - records when the demo's content is in the DOM (ready), painted (shown), and when SEA Kit's
 *   enhancements are there (done);
 * - on the chat page, times each keystroke: from the first 'input' listener (window, capture,
 *   registered before SEA Kit's) to one registered after the picker's (armed when the picker first
 *   opens: its listeners come with the writing script, which arrives late), when the picker has
 *   updated its list; the last listener (window, bubble) also gives the total with the page's own
 *   handling, and a task after the next frame the time until the keystroke is on screen.
 */
(() => {
  const mark = () => document.documentElement?.setAttribute('data-seakit-bench', '');
  mark();
  document.addEventListener('readystatechange', mark, { once: true });
  if (location.protocol !== 'http:') return;

  // 'with' and 'before' (an earlier build of SEA Kit, BENCH_BEFORE) wait for enhancements; the others have none.
  const withKit = self.__benchKind === 'with' || self.__benchKind === 'before';
  const probe = (window.__bench = { ready: NaN, shown: NaN, done: NaN, keys: [], lastInput: NaN });
  /**
   * SEA Kit's writes into the page, counted the same way in every browser (load-independent figures):
   * elements it added, data-seakit* attributes it set (on the page's nodes or its own), and bursts:
   * the tasks in which it wrote, each of which can cost the page a style recalculation and a layout.
   */
  const writes = (probe.writes = { nodes: 0, attrs: 0, bursts: 0 });
  let inBurst = false;
  const ours = (node) => node.nodeType === 1 && (node.hasAttribute('data-seakit') || !!node.parentElement?.closest('[data-seakit]'));
  new MutationObserver((records) => {
    let wrote = false;
    for (const r of records) {
      if (r.type === 'attributes') {
        if (r.attributeName.startsWith('data-seakit') || ours(r.target)) (writes.attrs++, (wrote = true));
        continue;
      }
      for (const node of r.addedNodes) if (node.nodeType === 1 && node.hasAttribute('data-seakit')) (writes.nodes++, (wrote = true));
      if (!wrote && ours(r.target.nodeType === 1 ? r.target : r.target.parentElement ?? document)) wrote = true;
    }
    // One burst per task that wrote (its records may come in several deliveries within the task).
    if (wrote && !inBurst) {
      inBurst = true;
      writes.bursts++;
      setTimeout(() => (inBurst = false));
    }
  }).observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
  const picker = () => document.querySelector('[data-seakit="snippet-picker"]')?.shadowRoot ?? null;
  probe.options = () => picker()?.querySelectorAll('[role="option"]').length ?? 0;
  /**
   * Watches every frame from now for the first one showing at least one snippet (call it before typing: a
   * frame may show the list before the bench's next call reaches the page).
   */
  probe.watchList = () => {
    probe.listAt = NaN;
    const poll = () => (probe.options() > 0 ? (probe.listAt = performance.now()) : requestAnimationFrame(poll));
    requestAnimationFrame(poll);
  };
  /**
   * Resolves with ms from the last keystroke to the first frame showing at least one snippet (watchList);
   * rejects after `timeoutMs` with what the page shows instead (no picker, or its status line).
   */
  probe.listShown = (timeoutMs = 30_000) =>
    new Promise((resolve, reject) => {
      const since = performance.now();
      const poll = () => {
        if (probe.listAt >= 0) return resolve(probe.listAt - probe.lastInput);
        if (performance.now() - since < timeoutMs) return requestAnimationFrame(poll);
        const status = picker()?.querySelector('.status')?.textContent;
        reject(new Error(status === undefined ? `选择框 ${timeoutMs / 1000} 秒内没有打开 / the picker did not open`
          : `选择框 ${timeoutMs / 1000} 秒内没有列出话术，显示的是“${status ?? ''}” / the picker listed no snippet`));
      };
      poll();
    });

  let isReady;
  let isDone;
  /** The data rows of each bench list: the demo's, Element Plus's and antd's row classes. */
  // The classic admin's server-rendered list (tests/fixtures/classic, /list): a header row of <th>, then the records.
  const ROW_CLASS = { '/search': 'sea-table__row', '/vue/search': 'el-table__row', '/react/search': 'ant-table-row', '/list': null };
  if (location.pathname in ROW_CLASS) {
    const params = new URLSearchParams(location.search);
    const total = Number(params.get('rows') || params.get('bulk')) || 1;
    const want = Math.min(total, Number(params.get('size')) || total);
    const rowClass = ROW_CLASS[location.pathname];
    const all = rowClass ? document.getElementsByClassName(rowClass) : document.getElementsByTagName('tr');
    const skip = rowClass ? 0 : 1;
    // The data rows, live, without the classic list's header row.
    const rows = new Proxy(all, {
      get: (target, key) =>
        key === 'length' ? Math.max(0, target.length - skip) : typeof key === 'string' && /^\d+$/.test(key) ? target[Number(key) + skip] : target[key],
    });
    const enhanced = (row) => !!row?.querySelector('[data-seakit="copy-fields"]');
    /**
     * SEA Kit enhances the rows the agent can see and one screen beyond. The last of those, by
     * binary search on row positions (read after a frame, when layout is clean).
     */
    const lastInView = () => {
      let low = 0;
      let high = rows.length - 1;
      while (low < high) {
        const mid = (low + high + 1) >> 1;
        if (rows[mid].getBoundingClientRect().top < 2 * innerHeight - 1) low = mid;
        else high = mid - 1;
      }
      return low;
    };
    /** The first row on screen (after a scroll). */
    const firstInView = () => {
      let low = 0;
      let high = rows.length - 1;
      while (low < high) {
        const mid = (low + high) >> 1;
        if (rows[mid].getBoundingClientRect().bottom <= 0) low = mid + 1;
        else high = mid;
      }
      return low;
    };
    isReady = () => rows.length >= want;
    // Only the browser with SEA Kit waits for enhancements (the others have none to wait for).
    isDone = () => !withKit || (enhanced(rows[firstInView()]) && enhanced(rows[lastInView()]));
    probe.rowText = () => rows[0]?.textContent ?? '';
    /** Resolves once the rows on and near screen are enhanced, checked after each frame. */
    probe.whenEnhanced = () =>
      new Promise((resolve) => {
        const check = () => (isDone() ? resolve(performance.now()) : requestAnimationFrame(() => setTimeout(check)));
        check();
      });
    /** The element that scrolls the list: the table body's own scroller (antd's fixed height) or the page. */
    probe.scroller = () => {
      for (let el = rows[0]?.parentElement; el && el !== document.body; el = el.parentElement) {
        const style = getComputedStyle(el);
        if (/(auto|scroll)/.test(style.overflowY) && el.scrollHeight > el.clientHeight + 1) return el;
      }
      return document.scrollingElement;
    };
    /** Scrolls the list from top to bottom, one screen (of its scroller) per frame; resolves with the frame count. */
    probe.scrollThrough = () =>
      new Promise((resolve) => {
        const el = probe.scroller();
        el.scrollTop = 0;
        const step = Math.max(100, Math.min(el.clientHeight, innerHeight));
        let frames = 0;
        const next = () => {
          frames++;
          if (el.scrollTop + el.clientHeight >= el.scrollHeight - 1) return resolve(frames);
          el.scrollTop += step;
          requestAnimationFrame(next);
        };
        requestAnimationFrame(next);
      });
  } else if (location.pathname === '/chat') {
    const info = document.getElementsByClassName('chat__info');
    isReady = () => info.length > 0;
    // 投保人, 保单号, 手机号 each get a copy button.
    isDone = () => !withKit || info.length > 0 && info[0].querySelectorAll('[data-seakit="copy-fields"]').length >= 3;
    let start = NaN;
    let extEnd = NaN;
    addEventListener('input', () => {
      start = probe.lastInput = performance.now();
      extEnd = NaN;
    }, true);
    /**
     * A window capture listener added after the picker's runs right after it, so its time minus the first
     * one's is SEA Kit's own handling of the key. The picker's listeners come with the writing script
     * (utils/page/late.ts), which arrives after the page script and may arrive after the agent's first
     * key: this one is added when the picker first opens, when they are there for certain. Keys before
     * that have no `ms` (NaN): the bench refuses them.
     */
    probe.armKeys = () => {
      if (probe.armed !== undefined) return;
      probe.armed = false;
      const arm = () => {
        if (probe.armed || !picker()) return;
        probe.armed = true;
        armer.disconnect();
        addEventListener('input', () => (extEnd = performance.now()), true);
      };
      const armer = new MutationObserver(arm);
      armer.observe(document.documentElement, { childList: true });
      arm();
    };
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
  // Polled after each frame (layout is clean then), so the probe's reads force no extra layout.
  const poll = () => {
    if (isDone()) probe.done = performance.now();
    else requestAnimationFrame(() => setTimeout(poll));
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
