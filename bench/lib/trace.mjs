/**
 * A light Chromium trace of one tab: main-thread tasks ('toplevel' RunTask events) and User Timing
 * (the page core's seakit:* measures). Deliberately not 'devtools.timeline': that category records
 * every JS callback and would tax the extension's DOM-walking code more than the page's own.
 * Ending a trace takes seconds (every process's events come back), so a list run takes one, for all
 * three phases (two documents: analyzeTrace reads each by its URL), and the chat page none.
 */
import { withPasses } from './timeline.mjs';

const TRACE_CONFIG = {
  includedCategories: ['toplevel', 'blink.user_timing'],
  excludedCategories: ['*'],
  // One trace holds a whole list run (antd: about 50 s of every thread's tasks, ~50 MB of JSON): room for it.
  recordMode: 'recordUntilFull',
  traceBufferSizeInKb: 256 * 1024,
};

export async function startTrace(cdp) {
  const events = [];
  const onData = (e) => events.push(...e.value);
  cdp.on('Tracing.dataCollected', onData);
  await cdp.send('Tracing.start', { traceConfig: TRACE_CONFIG, transferMode: 'ReportEvents' });
  return async () => {
    const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    const { dataLossOccurred } = await complete;
    cdp.off('Tracing.dataCollected', onData);
    // A full buffer drops events silently: long tasks would go missing.
    if (dataLossOccurred) throw new Error('trace 缓冲区满了，长任务数字不全 / the trace lost events');
    return events;
  };
}

/** The renderer main thread of the document loaded from `url` (its navigationStart mark). */
function mainThread(events, url) {
  const nav = events.filter((e) => e.name === 'navigationStart' && e.args?.data?.documentLoaderURL === url).pop();
  return nav ? { pid: nav.pid, tid: nav.tid, origin: nav.ts } : null;
}

/**
 * Tasks (all of them, not only long ones) and seakit measures on the page's main thread, in ms of the
 * page's clock (performance.now(), from its navigationStart); each task gets the extension time inside it.
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
    tasks.push({ name: e.name, start: ms(e.ts), end: ms(e.ts + e.dur), endTs: e.ts + e.dur, ms: e.dur / 1000 });
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
  return { tasks: withPasses(tasks, passes), passes };
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
