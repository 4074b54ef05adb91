/**
 * Page figures: one run = one fresh tab loading one demo SEA page, in the browser with or without
 * SEA Kit. Runs alternate between the browsers so drift on a shared machine hits each, and may run
 * two at a time in different browsers (runJobs). SEA Kit's passes come from its User Timing measures
 * in the page; tasks (long tasks, the longest) only from a Chromium trace (trace.mjs): the page's own
 * Long Tasks API misses the frames' style, layout and paint tasks (docs/performance.md, "bench 的用时").
 */
import { metrics, openTab } from './browser.mjs';
import { passesFromMeasures, phaseTimeline } from './timeline.mjs';
import { analyzeTrace, startTrace } from './trace.mjs';

const WAIT = { polling: 100, timeout: 120_000 };
const noTrace = async () => null;

/** SEA Kit's passes the page recorded so far (read once a phase is over: reading costs the page a little). */
async function pagePasses(page) {
  const measures = await page.evaluate(() =>
    performance.getEntriesByType('measure').filter((m) => m.name.startsWith('seakit:')).map(({ name, startTime, duration }) => ({ name, startTime, duration })));
  return passesFromMeasures(measures);
}

/**
 * Load a page, wait until its content (and with SEA Kit, every enhancement) is there, then settle.
 * `trace`: also the longest task and SEA Kit's most in one task (the chat page row needs neither).
 */
export async function loadRun(browser, url, { settleMs = 1000, trace = false } = {}) {
  const { page, cdp } = await openTab(browser);
  try {
    const stopTrace = trace ? await startTrace(cdp) : noTrace;
    await page.goto(url);
    await page.waitForFunction(() => !Number.isNaN(window.__bench.ready), null, WAIT);
    if (browser.withExtension) await page.waitForFunction(() => !Number.isNaN(window.__bench.done), null, WAIT);
    await page.waitForTimeout(settleMs);
    const load = await metrics(cdp);
    const { heapMB } = await metrics(cdp, { gc: true });
    const probe = await page.evaluate(() => ({ ready: window.__bench.ready, shown: window.__bench.shown, done: window.__bench.done }));
    const passes = await pagePasses(page);
    const events = await stopTrace();
    const tasks = events ? phaseTimeline(analyzeTrace(events, page.url()).tasks, passes) : null;
    // Enhancements are in place at the end of the last pass before the frame that showed them all.
    const lastPass = Math.max(...passes.map((p) => p.end).filter((end) => end <= probe.done + 0.01));
    const applied = Number.isFinite(lastPass) ? lastPass : probe.done;
    return {
      scriptMs: load.scriptMs,
      taskMs: load.taskMs,
      styleLayoutMs: load.styleLayoutMs,
      layouts: load.layouts,
      recalcs: load.recalcs,
      heapMB,
      // How long the agent sees the content without SEA Kit's additions (0 if they came in the same frame).
      enhanceMs: browser.withExtension ? Math.max(0, applied - probe.shown) : NaN,
      domToEnhancedMs: browser.withExtension ? applied - probe.ready : NaN,
      extMs: passes.reduce((a, p) => a + p.ms, 0),
      longestTaskMs: tasks?.longestMs ?? NaN,
      longestExtTaskMs: tasks?.longestExtMs ?? NaN,
    };
  } finally {
    await page.close();
  }
}

/**
 * The bench's big lists: the demo SEA (Preact), the two framework fixture apps (Element Plus,
 * antd; production builds) and the classic admin, each with 2,000 generated policies. `list` shows all 2,000 on one page;
 * `paged` shows them 500 a page (the demo's also re-renders every row's status each second).
 */
export function listApps(demoUrl, frameworksUrl, classicUrl) {
  const pagerButton = (text) => [...document.querySelectorAll('.pager__number')].find((b) => b.textContent.trim() === text);
  return [
    {
      id: 'demo', name: '演示 SEA',
      list: `${demoUrl}/search?rows=2000`, paged: `${demoUrl}/search?rows=2000&size=500&rerender=1`,
      search: false, pager: pagerButton, watchMs: 3000,
    },
    {
      id: 'vue', name: 'Element Plus',
      list: `${frameworksUrl}/vue/search?bulk=2000&size=2000`, paged: `${frameworksUrl}/vue/search?bulk=2000&size=500`,
      search: true, pager: (text) => document.querySelector(`.el-pager li.number[aria-label="第 ${text} 页"]`), watchMs: 0,
    },
    {
      id: 'react', name: 'Ant Design',
      list: `${frameworksUrl}/react/search?bulk=2000&size=2000`, paged: `${frameworksUrl}/react/search?bulk=2000&size=500`,
      search: true, pager: (text) => document.querySelector(`li.ant-pagination-item-${text}`), watchMs: 0,
    },
    // The classic admin (issue 10): server-rendered, each page a full load, so no re-render phase.
    { id: 'classic', name: '经典后台 jQuery', list: `${classicUrl}/list?rows=2000`, paged: null, search: false },
  ];
}

/** CDP metrics, SEA Kit's write counters and the page's clock, read together at a phase boundary. */
async function snapshot(page, cdp) {
  const m = await metrics(cdp);
  const probe = await page.evaluate(() => {
    const w = window.__bench.writes;
    return { now: performance.now(), kitNodes: w.nodes, kitAttrs: w.attrs, kitBursts: w.bursts };
  });
  return { ...m, ...probe };
}

/**
 * Main-thread figures of one phase: CDP metrics between two readings, passes (and with a trace, tasks)
 * starting between the two page times. Without a trace the task figures are NaN (printed as —).
 */
function phase(before, after, passes, tasks, from = before.now ?? -Infinity, to = after.now) {
  const delta = (key) => after[key] - (before[key] ?? 0);
  const timeline = phaseTimeline(tasks ?? [], passes, from, to);
  return {
    taskMs: delta('taskMs'),
    styleLayoutMs: delta('styleLayoutMs'),
    scriptMs: delta('scriptMs'),
    // Load-independent: trust these while the machine is busy.
    layouts: delta('layouts'),
    recalcs: delta('recalcs'),
    nodes: delta('nodes'),
    kitNodes: delta('kitNodes'),
    kitAttrs: delta('kitAttrs'),
    kitBursts: delta('kitBursts'),
    extMs: timeline.extMs,
    ...(tasks ? { longTasks: timeline.longTasks, longestMs: timeline.longestMs, longestExtMs: timeline.longestExtMs }
      : { longTasks: NaN, longestMs: NaN, longestExtMs: NaN }),
  };
}

/** Opens the list page and, in the framework apps, clicks 查询; resolves when its rows are drawn (and enhanced). */
async function openList(page, app, url) {
  await page.goto(url);
  if (app.search) {
    await page.waitForSelector('button[type="submit"]', WAIT);
    // A DOM click, not Playwright's: that would scroll and wait for actionability, work the page never does.
    await page.evaluate(() => document.querySelector('button[type="submit"]').click());
  }
  await page.waitForFunction(() => !Number.isNaN(window.__bench.ready), null, WAIT);
  await page.evaluate(() => window.__bench.whenEnhanced());
}

/** Clicks page `text` of the pager and waits until the first row shows another policy (and is enhanced). */
async function turnPage(page, app, text) {
  const before = await page.evaluate(() => window.__bench.rowText());
  await page.evaluate(([pager, t]) => new Function(`return (${pager})`)()(t).click(), [app.pager.toString(), text]);
  await page.waitForFunction((b) => window.__bench.rowText() !== b, before, WAIT);
  await page.evaluate(() => window.__bench.whenEnhanced());
}

/**
 * One run on one app, in a fresh tab: load (and search) the 2,000-row list, then scroll it from top
 * to bottom; then the 500-a-page list: page 2 and back (and on the demo, `watchMs` of its every-second re-render).
 */
export async function listRun(browser, app, { settleMs = 500, phases = ['load', 'scroll', 'rerender'], trace = true } = {}) {
  const { page, cdp } = await openTab(browser);
  try {
    const out = {};
    // One trace for the whole run (both documents): ending one takes seconds.
    const stopTrace = trace ? await startTrace(cdp) : noTrace;
    // Before the page exists: counters from zero, the page's clock from its start.
    const m0 = { ...(await metrics(cdp)), now: -Infinity };
    const wall = [Date.now()];
    await openList(page, app, app.list);
    await page.waitForTimeout(settleMs);
    const m1 = await snapshot(page, cdp);
    wall.push(Date.now());
    let m2 = m1;
    if (phases.includes('scroll')) {
      await page.evaluate(() => window.__bench.scrollThrough());
      await page.evaluate(() => window.__bench.whenEnhanced());
      await page.waitForTimeout(300);
      m2 = await snapshot(page, cdp);
      wall.push(Date.now());
    }
    // Read after both phases' CDP metrics: reading costs the page a little.
    const list = { url: page.url(), passes: await pagePasses(page) };
    let paged = null;
    if (app.paged && phases.includes('rerender')) {
      wall.push(Date.now());
      await openList(page, app, app.paged);
      await page.waitForTimeout(settleMs);
      const m3 = await snapshot(page, cdp);
      await turnPage(page, app, '2');
      await turnPage(page, app, '1');
      await page.waitForTimeout(300 + app.watchMs);
      const m4 = await snapshot(page, cdp);
      paged = { url: page.url(), passes: await pagePasses(page), m3, m4, wallMs: Date.now() - wall.at(-1) };
    }
    const stopAt = Date.now();
    const events = await stopTrace();
    // The bench's own cost of the trace (wall), in every phase of the run: docs/performance.md, "bench 的用时".
    const traceStopMs = events ? Date.now() - stopAt : 0;
    const tasksOf = (url) => (events ? analyzeTrace(events, url).tasks : null);
    const listTasks = tasksOf(list.url);
    if (phases.includes('load')) out.load = { ...phase(m0, m1, list.passes, listTasks), wallMs: wall[1] - wall[0], traceStopMs };
    if (phases.includes('scroll')) out.scroll = { ...phase(m1, m2, list.passes, listTasks), wallMs: wall[2] - wall[1], traceStopMs };
    if (paged) out.rerender = { ...phase(paged.m3, paged.m4, paged.passes, tasksOf(paged.url)), wallMs: paged.wallMs, traceStopMs };
    return out;
  } finally {
    await page.close();
  }
}

/**
 * The order of one app's runs: round after round, each browser once, the first browser rotating each
 * round; a browser capped to fewer runs (the noise floor's do-nothing extension) takes part in rounds
 * spread over the series, so its runs see the same drift as the others'.
 */
export function alternation(browsers, runs, cap = {}) {
  const list = Object.values(browsers);
  const order = [];
  for (let i = 0; i < runs; i++) {
    for (let k = 0; k < list.length; k++) {
      const browser = list[(i + k) % list.length];
      const n = Math.min(runs, cap[browser.kind] ?? runs);
      if (Math.floor(((i + 1) * n) / runs) > Math.floor((i * n) / runs)) order.push(browser);
    }
  }
  return order;
}

/**
 * Runs jobs ({ browser, run }) in their order, `parallel` at a time but never two in the same browser
 * (its tabs would share one renderer main thread): a free slot takes the first waiting job whose
 * browser is idle. Resolves with the results in job order; `onDone(job, result, { alongside, ms })`
 * gets the kinds of the browsers that ran at the same time and the job's wall time.
 */
export async function runJobs(jobs, parallel = 1, onDone) {
  const waiting = jobs.map((job, i) => ({ ...job, i, alongside: new Set() }));
  const running = new Map();
  const results = new Array(jobs.length);
  while (waiting.length || running.size) {
    const next = running.size < parallel ? waiting.findIndex((j) => !running.has(j.browser)) : -1;
    if (next < 0) {
      await Promise.race(running.values());
      continue;
    }
    const [job] = waiting.splice(next, 1);
    for (const other of running.keys()) {
      other.current.alongside.add(job.browser.kind);
      job.alongside.add(other.kind);
    }
    const started = Date.now();
    job.browser.current = job;
    running.set(job.browser, job.run(job.browser).then((result) => {
      results[job.i] = result;
      running.delete(job.browser);
      onDone?.(job, result, { alongside: [...job.alongside], ms: Date.now() - started });
    }));
  }
  return results;
}
