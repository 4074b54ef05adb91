/**
 * `npm run bench:first-open`: where the first open of the options page and the side panel spends its
 * time on a fresh profile, against the floor of a blank extension page on the same machine at the same
 * moment. Each view opens in its own fresh profile (a new Chromium each time) once the extension's
 * background has finished its install work (what an agent meets when IT installed the extension and the
 * agent opens it later), and is the first page of the extension opened in that browser: the definition in
 * tests/fixtures/first-open.mjs, shared with tests/e2e/first-open.e2e.ts. Traced with CDP; the table
 * gives, per view, the median of BENCH_RUNS runs (default 3) of:
 *   ready  – ms from navigation start to the view's `seakit:ready:<view>` mark (its real content on
 *            screen, not a skeleton: the selector below must be there, and no aria-busy skeleton);
 *   fcp    – first contentful paint;
 *   main-thread self time by activity inside [0, ready]: script compile, script evaluation, style/layout,
 *   font lookups (inside layout), paint, HTML parse, other; and the load average when the run started.
 * BENCH_EXTENSION: an extension directory to measure (default .output/chrome-mv3, the e2e build);
 * BENCH_BEFORE: an earlier build, measured in the same runs, alternating (before/after under the same load).
 * BENCH_TRACE=0: timings only, no trace. BENCH_DUMP=<dir>: each run's trace as a file DevTools' Performance panel opens.
 * BENCH_VIEWS: a comma list of views (blank,sites,packs,snippets,lead,sidepanel).
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../tests/fixtures/browser.mjs';
import { extensionWithFloor, installed, readyMark } from '../tests/fixtures/first-open.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE = path.resolve(process.env.BENCH_EXTENSION ?? path.join(ROOT, '.output/chrome-mv3'));
const RUNS = Number(process.env.BENCH_RUNS) || 3;
// BENCH_TRACE=0: no CDP trace (tracing itself costs the page time); the main-thread columns are then empty.
const TRACE = process.env.BENCH_TRACE !== '0';

/** Each view's page, and what must be on screen at its ready mark. */
const views = {
  blank: { url: 'bench-blank.html', selector: '#ready' },
  sites: { url: 'options.html#sites', selector: '[data-site] input[data-feature]' },
  packs: { url: 'options.html#packs', selector: 'section:not(:has([data-card="packs-loading"])) [data-card="add-pack"]' },
  snippets: { url: 'options.html#snippets', selector: '.library__list .item' },
  sidepanel: { url: 'sidepanel.html', selector: '.library__list .item' },
};
const chosen = (process.env.BENCH_VIEWS?.split(',') ?? Object.keys(views)).filter((v) => v in views);

const CATEGORIES = ['devtools.timeline', 'v8.execute', 'disabled-by-default-v8.compile', 'blink.user_timing', 'loading', 'v8', 'IndexedDB', 'fonts'].join(',');

function bucket(name) {
  // Finding a font for each script the text uses (on Linux a round trip to the browser process per lookup).
  if (/^(FontCache::|WebSandboxSupportLinux::|FontDataService|FontDataManager)/.test(name)) return 'font';
  if (/compile|Compile|Parse(Script|Function|Lazy)|v8.parse/.test(name)) return 'compile';
  if (/EvaluateScript|evaluateModule|FunctionCall|RunMicrotasks|v8.run|TimerFire|FireAnimationFrame|EventDispatch|V8.Execute|v8.callFunction|RequestAnimationFrame|v8.execute/.test(name)) return 'script';
  if (/Layout|UpdateLayoutTree|RecalculateStyles|ParseAuthorStyleSheet|InvalidateLayout|ScheduleStyleRecalculation/.test(name)) return 'style';
  if (/Paint|Composite|RasterTask|Layerize|PrePaint|UpdateLayer|Commit/.test(name)) return 'paint';
  if (/ParseHTML/.test(name)) return 'html';
  return 'other';
}

/** Self time per bucket of the page's main thread between navigation start and `untilMs`. */
function selfTimes(events, url, untilMs) {
  const nav = events.filter((e) => e.name === 'navigationStart' && String(e.args?.data?.documentLoaderURL ?? '').startsWith(url.split('#')[0])).pop();
  if (!nav) return null;
  const end = nav.ts + untilMs * 1000;
  const own = events.filter((e) => e.pid === nav.pid && e.tid === nav.tid && e.ph === 'X' && e.dur > 0 && e.ts >= nav.ts && e.ts < end).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const totals = { compile: 0, script: 0, style: 0, font: 0, paint: 0, html: 0, other: 0 };
  const byName = new Map();
  const stack = [];
  const nodes = [];
  const close = (until) => {
    while (stack.length && stack.at(-1).end <= until) stack.pop();
  };
  for (const e of own) {
    close(e.ts);
    const parent = stack.at(-1);
    const node = { e, end: e.ts + e.dur, self: Math.min(e.dur, end - e.ts), outermost: !parent };
    if (parent) parent.self -= Math.min(e.dur, end - e.ts);
    stack.push(node);
    nodes.push(node);
  }
  for (const node of nodes) {
    const ms = Math.max(0, node.self) / 1000;
    if (node.e.name === 'RunTask' || node.e.name === 'ThreadControllerImpl::RunTask') {
      totals.other += ms;
      continue;
    }
    totals[bucket(node.e.name)] += ms;
    byName.set(node.e.name, (byName.get(node.e.name) ?? 0) + ms);
  }
  const busy = Object.values(totals).reduce((a, b) => a + b, 0);
  // CPU time of the main thread's outermost events (trace `tdur`): the work itself, without the time the
  // thread waited for a core. Comparable across loads where wall-clock figures are not.
  const cpu = nodes.filter((n) => n.outermost).reduce((sum, n) => sum + Math.min(n.e.tdur ?? 0, n.e.dur), 0) / 1000;
  return { ...Object.fromEntries(Object.entries(totals).map(([k, v]) => [k, Math.round(v)])), busy: Math.round(busy), cpu: Math.round(cpu), top: [...byName].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([n, v]) => `${n} ${v.toFixed(0)}`) };
}

async function measure(extensionDir, view) {
  const browser = await launchChromium({ extensionDir });
  try {
    await installed(browser.serviceWorker);
    const load = os.loadavg()[0];
    const page = await browser.context.newPage();
    const cdp = await browser.context.newCDPSession(page);
    const events = [];
    cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
    if (TRACE) await cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents' });
    const url = `chrome-extension://${browser.extensionId}/${views[view].url}`;
    await page.goto(url, { waitUntil: 'commit' });
    const readyMs = await readyMark(page, view);
    // Honest marks: the view's real content is on screen, no skeleton left.
    const shown = await page.evaluate((selector) => !!document.querySelector(selector) && !document.querySelector('[aria-busy="true"]'), views[view].selector);
    if (!shown) throw new Error(`${view}: marked ready without its content (${views[view].selector}) or with a skeleton left`);
    const timeline = await page.evaluate(() => ({
      fcp: Math.round(performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1),
      dcl: Math.round(performance.getEntriesByType('navigation')[0]?.domContentLoadedEventStart ?? -1),
      marks: performance.getEntriesByType('mark').filter((m) => m.name.startsWith('seakit:')).map((m) => `${m.name.replace('seakit:', '')}@${Math.round(m.startTime)}`),
      resources: performance.getEntriesByType('resource').map((r) => `${r.name.split('/').pop()}:${Math.round(r.startTime)}-${Math.round(r.responseEnd)}`),
    }));
    if (TRACE) {
      await page.waitForTimeout(200);
      const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
      await cdp.send('Tracing.end');
      await done;
      if (process.env.BENCH_DUMP) {
        await mkdir(process.env.BENCH_DUMP, { recursive: true });
        await writeFile(path.join(process.env.BENCH_DUMP, `${path.basename(extensionDir)}-${view}-${Date.now()}.json`), JSON.stringify({ traceEvents: events }));
      }
    }
    return { view, load: Number(load.toFixed(1)), ready: readyMs, ...timeline, main: TRACE ? selfTimes(events, url, readyMs) : null };
  } finally {
    await browser.close();
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
};

const builds = { now: await extensionWithFloor(SOURCE), ...(process.env.BENCH_BEFORE ? { before: await extensionWithFloor(path.resolve(process.env.BENCH_BEFORE)) } : {}) };
try {
  const results = [];
  for (let run = 0; run < RUNS; run++) {
    for (const view of chosen) {
      for (const [build, dir] of Object.entries(builds)) {
        if (view === 'blank' && build === 'before') continue;
        const r = { build, ...(await measure(dir, view)) };
        results.push(r);
        if (process.env.BENCH_VERBOSE) console.log(JSON.stringify(r));
        else console.log(`run ${run + 1} ${build.padEnd(6)} ${view.padEnd(9)} load ${String(r.load).padStart(4)}  ready ${String(r.ready).padStart(5)} ms  fcp ${String(r.fcp).padStart(5)}  dcl ${String(r.dcl).padStart(5)}${r.main ? `  main ${JSON.stringify({ ...r.main, top: undefined })}` : ''}`);
      }
    }
  }
  console.log("\nbuild  view       median ready  median fcp  median dcl  ratio to blank  best ready  worst ready  n  loads");
  const floor = median(results.filter((r) => r.view === 'blank').map((r) => r.ready));
  for (const build of Object.keys(builds)) {
    for (const view of chosen) {
      const rs = results.filter((r) => r.view === view && r.build === build);
      if (!rs.length) continue;
      const ready = median(rs.map((r) => r.ready));
      console.log(`${build.padEnd(6)} ${view.padEnd(10)} ${String(ready).padStart(12)} ${String(median(rs.map((r) => r.fcp))).padStart(11)} ${String(median(rs.map((r) => r.dcl))).padStart(11)} ${(ready / floor).toFixed(1).padStart(15)} ${String(Math.min(...rs.map((r) => r.ready))).padStart(11)} ${String(Math.max(...rs.map((r) => r.ready))).padStart(12)} ${String(rs.length).padStart(2)}  ${rs.map((r) => r.load).join(' ')}`);
    }
  }
  if (TRACE) {
    console.log('\nmain thread until ready, medians in ms (self time; cpu = thread CPU time): build view  compile script style font paint html other busy cpu');
    for (const build of Object.keys(builds)) {
      for (const view of chosen) {
        const mains = results.filter((r) => r.view === view && r.build === build && r.main).map((r) => r.main);
        if (!mains.length) continue;
        const cols = ['compile', 'script', 'style', 'font', 'paint', 'html', 'other', 'busy', 'cpu'].map((k) => String(median(mains.map((m) => m[k]))).padStart(6));
        console.log(`${build.padEnd(6)} ${view.padEnd(10)} ${cols.join(' ')}`);
      }
    }
  }
} finally {
  for (const dir of Object.values(builds)) await rm(dir, { recursive: true, force: true });
}
