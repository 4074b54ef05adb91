/**
 * Page figures: one run = one fresh tab loading one demo SEA page, traced, in the browser with or
 * without SEA Kit. Runs alternate between the two browsers so drift on a shared machine hits both.
 */
import { metrics, openTab } from './browser.mjs';
import { analyzeTrace, batches, startTrace } from './trace.mjs';

const WAIT = { polling: 100, timeout: 120_000 };

/** Load a page, wait until its content (and with SEA Kit, every enhancement) is there, then settle. */
export async function loadRun(browser, url, { settleMs = 1000 } = {}) {
  const { page, cdp } = await openTab(browser);
  try {
    const stopTrace = await startTrace(cdp);
    await page.goto(url);
    await page.waitForFunction(() => !Number.isNaN(window.__bench.ready), null, WAIT);
    if (browser.withExtension) await page.waitForFunction(() => !Number.isNaN(window.__bench.done), null, WAIT);
    await page.waitForTimeout(settleMs);
    const load = await metrics(cdp);
    const { heapMB } = await metrics(cdp, { gc: true });
    const probe = await page.evaluate(() => ({
      ready: window.__bench.ready,
      shown: window.__bench.shown,
      done: window.__bench.done,
      ends: performance.getEntriesByType('measure').filter((m) => m.name.startsWith('seakit:')).map((m) => m.startTime + m.duration),
    }));
    const { tasks, passes } = analyzeTrace(await stopTrace(), page.url());
    // Enhancements are in place at the end of the last pass before the frame that showed them all.
    const lastPass = Math.max(...probe.ends.filter((end) => end <= probe.done + 0.01));
    const applied = Number.isFinite(lastPass) ? lastPass : probe.done;
    return {
      scriptMs: load.scriptMs,
      taskMs: load.taskMs,
      heapMB,
      // How long the agent sees the content without SEA Kit's additions (0 if they came in the same frame).
      enhanceMs: browser.withExtension ? Math.max(0, applied - probe.shown) : NaN,
      domToEnhancedMs: browser.withExtension ? applied - probe.ready : NaN,
      extMs: passes.reduce((a, p) => a + p.ms, 0),
      longestTaskMs: Math.max(0, ...tasks.map((t) => t.ms)),
      longestExtTaskMs: Math.max(0, ...tasks.map((t) => t.extMs)),
    };
  } finally {
    await page.close();
  }
}

/** Load the re-rendering page, let it settle, then watch `seconds` of re-renders. */
export async function rerenderRun(browser, url, { seconds }) {
  const { page, cdp } = await openTab(browser);
  try {
    const stopTrace = await startTrace(cdp);
    await page.goto(url);
    await page.waitForFunction(() => !Number.isNaN(window.__bench.ready), null, WAIT);
    if (browser.withExtension) await page.waitForFunction(() => !Number.isNaN(window.__bench.done), null, WAIT);
    await page.waitForTimeout(1500);
    const before = await metrics(cdp);
    const windowStart = await page.evaluate(() => performance.now());
    await page.waitForTimeout(seconds * 1000);
    const after = await metrics(cdp);
    const windowMs = (await page.evaluate(() => performance.now())) - windowStart;
    const { tasks, passes } = analyzeTrace(await stopTrace(), page.url());
    const rerenders = Math.round(windowMs / 1000);
    const inWindow = (x) => x.start >= windowStart && x.start <= windowStart + windowMs;
    const windowTasks = tasks.filter(inWindow);
    return {
      rerenders,
      scriptPerRerenderMs: (after.scriptMs - before.scriptMs) / rerenders,
      taskPerRerenderMs: (after.taskMs - before.taskMs) / rerenders,
      batchMs: batches(passes.filter(inWindow)).map((b) => b.ms),
      longestTaskMs: Math.max(0, ...windowTasks.map((t) => t.ms)),
      longestExtTaskMs: Math.max(0, ...windowTasks.map((t) => t.extMs)),
    };
  } finally {
    await page.close();
  }
}

/** `runs` runs of `run` in each browser, alternating which goes first. */
export async function alternate(browsers, runs, run, log) {
  const out = { with: [], without: [] };
  for (let i = 0; i < runs; i++) {
    const order = i % 2 ? [browsers.without, browsers.with] : [browsers.with, browsers.without];
    for (const browser of order) {
      const result = await run(browser);
      out[browser.withExtension ? 'with' : 'without'].push(result);
    }
    log?.(i);
  }
  return out;
}
