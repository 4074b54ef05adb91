/**
 * A light Chromium trace of one tab: main-thread tasks ('toplevel' RunTask events) and User Timing
 * (the page core's seakit:* measures). Deliberately not 'devtools.timeline': that category records
 * every JS callback and would tax the extension's DOM-walking code more than the page's own.
 */

const CATEGORIES = '-*,toplevel,blink.user_timing';

export async function startTrace(cdp) {
  const events = [];
  const onData = (e) => events.push(...e.value);
  cdp.on('Tracing.dataCollected', onData);
  await cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents' });
  return async () => {
    const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    await complete;
    cdp.off('Tracing.dataCollected', onData);
    return events;
  };
}

/** The renderer main thread of the document loaded from `url` (its navigationStart mark). */
function mainThread(events, url) {
  const nav = events.filter((e) => e.name === 'navigationStart' && e.args?.data?.documentLoaderURL === url).pop();
  return nav ? { pid: nav.pid, tid: nav.tid, origin: nav.ts } : null;
}

/**
 * Tasks and seakit measures on the page's main thread, in ms of the page's clock (performance.now(),
 * from its navigationStart); each task gets the extension time inside it (a pass never spans tasks:
 * each is synchronous).
 */
export function analyzeTrace(events, url) {
  const thread = mainThread(events, url);
  if (!thread) return { tasks: [], passes: [] };
  const ms = (ts) => (ts - thread.origin) / 1000;
  const onMain = events.filter((e) => e.pid === thread.pid && e.tid === thread.tid);
  // Tasks: the outermost complete events of the thread (RunTask, and IPC work such as the
  // content script's injection, which arrives as a mojo message outside any RunTask).
  const tasks = [];
  for (const e of onMain.filter((x) => x.ph === 'X' && x.dur > 0).sort((a, b) => a.ts - b.ts)) {
    const last = tasks.at(-1);
    if (last && e.ts < last.endTs) continue;
    tasks.push({ name: e.name, start: ms(e.ts), end: ms(e.ts + e.dur), endTs: e.ts + e.dur, ms: e.dur / 1000, extMs: 0 });
  }
  const passes = [];
  const open = new Map();
  for (const e of onMain.filter((x) => x.cat.includes('blink.user_timing') && x.name.startsWith('seakit:')).sort((a, b) => a.ts - b.ts)) {
    if (e.ph === 'b') open.set(e.name, e.ts);
    else if (e.ph === 'e' && open.has(e.name)) {
      passes.push({ name: e.name.slice(7), start: ms(open.get(e.name)), end: ms(e.ts), ms: (e.ts - open.get(e.name)) / 1000 });
      open.delete(e.name);
    }
  }
  // Nested tasks (a task inside a task) are rare; attribute a pass to the outermost task holding it.
  for (const pass of passes) {
    const task = tasks.find((t) => t.start <= pass.start && pass.end <= t.end);
    if (task) task.extMs += pass.ms;
  }
  return { tasks, passes };
}

/** Groups passes that follow each other within `gapMs` (one re-render's collect + flush slices). */
export function batches(passes, gapMs = 250) {
  const out = [];
  let current = null;
  for (const pass of passes) {
    if (!current || pass.start - current.end > gapMs) out.push((current = { start: pass.start, end: pass.end, ms: 0, passes: 0 }));
    current.end = Math.max(current.end, pass.end);
    current.ms += pass.ms;
    current.passes++;
  }
  return out;
}
