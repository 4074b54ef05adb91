/**
 * `npm run bench`: SEA Kit's cost on big SEA pages and big snippet libraries, measured against the
 * same pages without it, in the same run, and printed as one table (docs/performance.md explains
 * every figure). Builds the extension into bench/.output (not .output, which the e2e tests use),
 * serves the demo SEA, runs real Chromium with and without the extension, alternating.
 *
 * Pages: the 2,000-row list of the demo SEA and of the Element Plus and antd fixture apps (load,
 * scroll, 500-a-page re-render) in three browsers, alternating: with SEA Kit (every registered
 * feature on: the defaults switch them all on), without any extension, and with an extension that
 * does nothing (the noise floor). Two runs at a time, each in a different browser (one per core:
 * TaskDuration is the page thread's CPU time), in a maximised window of a 1920×1080 screen.
 *
 * Options (flags after `npm run bench --`, or the BENCH_* variables of the same name):
 *   --quick            a short development run: 2 runs each, demo only, no warm-up, library figures at
 *                      20,000 only (BENCH_QUICK=1)
 *   --runs=N           runs per browser and app (default 5)               BENCH_RUNS
 *   --apps=demo,vue    lists to run: demo, vue, react (default), classic  BENCH_APPS
 *   --noop-runs=N      runs of the do-nothing extension (default 3)       BENCH_NOOP_RUNS
 *   --phases=scroll    phases: load, scroll, rerender                     BENCH_PHASES
 *   --browsers=with,without   drop the noise floor while developing      BENCH_BROWSERS
 *   --only=pages|library      one half                                   BENCH_ONLY
 *   --no-warmup                                                          BENCH_WARMUP=0
 *   --parallel=1       one run at a time (default 2: two browsers at once)     BENCH_PARALLEL
 *   --viewport=1280x800  the page area (default 1920x945)                BENCH_VIEWPORT
 *   --picker-runs=N    browsers per snippet count typing the picker's keys (default 1)  BENCH_PICKER_RUNS
 *   --no-trace         no Chromium trace of the list runs (quicker development runs; no long-task figures)  BENCH_TRACE=0
 *   BENCH_EXTENSION (a prebuilt extension directory, skips the build), BENCH_BEFORE (an earlier build,
 *   run as a fourth browser for before/after figures), SEAKIT_CHROMIUM.
 * The CDP counters (layouts, style recalculations, nodes SEA Kit added, its write bursts) do not depend
 * on machine load; the ms figures do: the table header prints the load average.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDemo, startDemoServer } from '../tests/fixtures/serve.mjs';
import { startFrameworkServer } from '../tests/fixtures/frameworks/serve.mjs';
import { startClassicServer } from '../tests/fixtures/classic/serve.mjs';
import { AGENT_VIEWPORT, launch, NOOP_EXTENSION_DIR } from './lib/browser.mjs';
import { buildLibraryPage, libraryPageFigures, pickerFigures, typingWithout } from './lib/library.mjs';
import { alternation, listApps, listRun, loadRun, runJobs } from './lib/pages.mjs';
import { median } from './lib/stats.mjs';
import { buildRows, table } from './lib/report.mjs';
import { contentScriptSize, writingScriptSize } from './lib/size.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(here, '..');
const OUT_DIR = path.join(here, '.output');

/** `--name=value` / `--name` / `--no-name` flags, falling back to BENCH_NAME. */
const flags = Object.fromEntries(process.argv.slice(2).map((arg) => {
  const [, no, name, value] = /^--(no-)?([\w-]+)(?:=(.*))?$/.exec(arg) ?? [];
  if (!name) throw new Error(`未知参数 / unknown argument: ${arg}`);
  return [name, no ? '0' : value ?? '1'];
}));
const option = (name) => flags[name] ?? process.env[`BENCH_${name.toUpperCase()}`];
const list = (name) => option(name)?.split(',').filter(Boolean) ?? null;

// --extension / BENCH_EXTENSION: an extension built before (skips the build).
const EXTENSION_DIR = option('extension') ? path.resolve(option('extension')) : path.join(OUT_DIR, 'chrome-mv3');
const quick = option('quick') === '1';
const only = option('only');
const pages = only !== 'library';
const library = only !== 'pages';
const config = {
  runs: Number(option('runs')) || (quick ? 2 : 5),
  // The noise floor needs fewer runs than the with/without pair it sits beside.
  noopRuns: Number(option('noop-runs')) || 3,
  // The classic admin's list (issue 10) on request: --apps=classic (the default set keeps the bench under 10 minutes).
  apps: list('apps') ?? (quick ? ['demo'] : ['demo', 'vue', 'react']),
  phases: list('phases') ?? ['load', 'scroll', 'rerender'],
  browsers: list('browsers') ?? ['with', 'without', 'noop'],
  warmup: option('warmup') !== '0' && !quick,
  importRuns: quick ? 1 : 3,
  openRuns: quick ? 2 : 5,
  pickerSizes: quick ? [20000] : [1000, 20000],
  // Fresh browsers per size, each typing every query twice (the first time warms the JIT); their keys pooled.
  pickerRuns: Number(option('picker-runs')) || 1,
  // Two runs at a time, each in another browser: about twice as fast; docs/performance.md compares the ratios
  // with one at a time (load reads ~0.1 higher, against SEA Kit: judge a budget with --parallel=1).
  parallel: Number(option('parallel')) || 2,
  // Long tasks need a Chromium trace of each list run (docs/performance.md, "bench 的用时"); --no-trace skips them.
  trace: option('trace') !== '0',
  viewport: option('viewport') ? Object.fromEntries(option('viewport').split('x').map((v, i) => [i ? 'height' : 'width', Number(v)])) : AGENT_VIEWPORT,
};

const started = Date.now();
const loadAtStart = os.loadavg()[0].toFixed(1);
const log = (text) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${text}`);

function buildExtension() {
  // In a child: the build sets NODE_ENV and Vite state this process should not inherit.
  const child = spawn(process.execPath, ['--input-type=module', '-e',
    `const { build } = await import('wxt'); await build({ outDir: ${JSON.stringify(OUT_DIR)}, logLevel: 'warn' });`],
  { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  return new Promise((resolve, reject) => child.on('exit', (code, signal) =>
    code === 0 ? resolve() : reject(new Error(`扩展构建失败 / extension build failed (exit ${code ?? signal})`))));
}

log('构建扩展、演示 SEA 和话术库测试页 / building extension, demo SEA, library page');
log(`负载 load ${loadAtStart}（ms 数字只在负载低时可信；计数不受负载影响 / ms figures need a quiet machine, counters do not）`);
// The extension builds in a child process while this one builds the pages (two cores).
const extensionBuilt = option('extension') ? null : buildExtension();
extensionBuilt?.catch(() => {}); // awaited below; not an unhandled rejection meanwhile
await buildDemo();
await buildLibraryPage();
await extensionBuilt;
const size = { ...contentScriptSize(EXTENSION_DIR), writing: writingScriptSize(EXTENSION_DIR) };
const demo = await startDemoServer();
const frameworks = pages ? await startFrameworkServer() : null;
const classic = pages ? await startClassicServer(0) : null;
const browsers = {};
const { viewport } = config;
if (config.browsers.includes('with')) browsers.with = await launch({ extensionDir: EXTENSION_DIR, viewport });
if (config.browsers.includes('without')) browsers.without = await launch({ viewport });
if (config.browsers.includes('noop')) browsers.noop = await launch({ extensionDir: NOOP_EXTENSION_DIR, kind: 'noop', viewport });
// BENCH_BEFORE: an earlier build of SEA Kit as a fourth browser in the same alternation (before/after under the same load).
if (option('before') && pages) browsers.before = await launch({ extensionDir: path.resolve(option('before')), kind: 'before', viewport });
const results = { config, size, lists: {} };
// A failing library step must not throw away half an hour of page figures: the table is printed, the exit code says it failed.
let libraryError = null;
function libraryFailed(error) {
  libraryError = error;
  log(`话术库部分失败，表格里没有它的数字 / library half failed: ${error.message}`);
}
try {
  if (pages) {
    const apps = listApps(demo.url, frameworks.url, classic.url).filter((a) => !config.apps || config.apps.includes(a.id));
    const { parallel } = config;
    if (config.warmup) {
      log('预热 / warm-up');
      await runJobs(Object.values(browsers).map((browser) => ({ browser, run: (b) => listRun(b, apps[0], { settleMs: 100, phases: ['load'], trace: false }) })), parallel);
    }
    log(`${apps.map((a) => a.name).join('、')} 2,000 行：加载、滚动、500 行翻页，每个浏览器 ${config.runs} 次${browsers.noop ? `（空扩展 ${config.noopRuns} 次）` : ''}，` +
      `同时 ${parallel} 个浏览器，视口 ${viewport.width}×${viewport.height} / lists`);
    // Every app's runs in one queue, app after app: a slot freed at the end of one app starts the next.
    const jobs = apps.flatMap((app) => alternation(browsers, config.runs, { noop: config.noopRuns })
      .map((browser) => ({ browser, app, run: (b) => listRun(b, app, { phases: config.phases, trace: config.trace }) })));
    const runs = await runJobs(jobs, parallel, ({ app, browser }, run, { alongside, ms }) => {
      const traceStop = Object.values(run)[0]?.traceStopMs;
      log(`  ${app.id} ${browser.kind}${alongside.length ? ` (‖ ${alongside.join(', ')})` : ''} ${(ms / 1000).toFixed(0)} s${traceStop ? `（trace 收尾 ${(traceStop / 1000).toFixed(1)} s）` : ''}: ` +
        Object.entries(run).map(([k, v]) => `${k} ${Math.round(v.taskMs)} ms (layouts ${v.layouts}, recalcs ${v.recalcs}, long ${v.longTasks}/${Math.round(v.longestMs)} ms, +${v.kitNodes} nodes, ${v.kitBursts} bursts)`).join(', '));
      // In the raw results: which browsers shared the machine with this run (checks on pairing bias).
      run.alongside = alongside;
    });
    for (const [i, { app, browser }] of jobs.entries()) {
      const byKind = (results.lists[app.id] ??= Object.fromEntries(Object.values(browsers).map((b) => [b.kind, []])));
      byKind[browser.kind].push(runs[i]);
    }
    if (!quick && browsers.with && browsers.without) {
      log(`在线客服页，每个浏览器 ${config.runs} 次 / chat page`);
      const pair = { with: browsers.with, without: browsers.without };
      const chatJobs = alternation(pair, config.runs).map((browser) => ({ browser, run: (b) => loadRun(b, `${demo.url}/chat`) }));
      const chat = await runJobs(chatJobs, parallel);
      results.chat = { with: chat.filter((_, i) => chatJobs[i].browser.kind === 'with'), without: chat.filter((_, i) => chatJobs[i].browser.kind === 'without') };
    }
  }

  if (library) log('话术库：导入、打开数据库、搜索 / library: import, open, search');
  if (library) results.library = await libraryPageFigures(browsers.without ?? (browsers.without = await launch()), { ...config, log }).catch(libraryFailed);
} finally {
  for (const browser of Object.values(browsers)) await browser.close();
  await frameworks?.close();
  await classic?.close();
}
try {
  if (library && !libraryError) {
    log('话术选择框按键延迟 / picker keystroke latency');
    results.picker = {};
    // BENCH_BEFORE: the earlier build types the same keys in the same alternation (before/after under the same load).
    const builds = { with: EXTENSION_DIR, ...(option('before') ? { before: path.resolve(option('before')) } : {}) };
    if (builds.before) results.pickerBefore = {};
    for (const count of config.pickerSizes) {
      for (let run = 0; run < config.pickerRuns; run++) {
        const kinds = Object.keys(builds);
        for (const kind of run % 2 ? kinds.reverse() : kinds) {
          const figures = await pickerFigures(builds[kind], demo.url, count, { log, label: builds.before ? `${kind} ` : '' });
          const into = kind === 'with' ? results.picker : results.pickerBefore;
          const held = (into[count] ??= { firstOpens: [], keyMs: [], frameMs: [] });
          held.firstOpens.push(figures.firstOpenMs);
          held.keyMs.push(...figures.keyMs);
          held.frameMs.push(...figures.frameMs);
          held.firstOpenMs = median(held.firstOpens);
        }
      }
    }
    results.typingWithout = await typingWithout(demo.url);
  }
} catch (error) {
  libraryFailed(error);
} finally {
  await demo.close();
}

const rows = buildRows(results);
writeFileSync(path.join(OUT_DIR, 'bench-results.json'), JSON.stringify({ at: new Date().toISOString(), results, rows }, null, 1));
const cpus = os.cpus();
console.log(`\nSEA Kit 性能对比 / bench — ${new Date().toISOString().slice(0, 16).replace('T', ' ')}，` +
  `${cpus.length} 核 ${cpus[0]?.model.trim() ?? ''}，负载 load ${loadAtStart} → ${os.loadavg()[0].toFixed(1)}；用时 ${((Date.now() - started) / 60000).toFixed(1)} min；` +
  `每项每个浏览器 ${config.runs} 次${config.browsers.includes('noop') ? `（空扩展 ${config.noopRuns} 次）` : ''}，交替进行、同时 ${config.parallel} 个浏览器，取中位数；` +
  `视口 ${config.viewport.width}×${config.viewport.height}${config.trace ? '' : '；--no-trace：没有长任务数字'}\n`);
console.log(table(rows));
log(`完成 / done（原始数据 raw data: ${path.relative(ROOT, path.join(OUT_DIR, 'bench-results.json'))}）`);
if (libraryError) {
  console.error(libraryError);
  process.exitCode = 1;
}
