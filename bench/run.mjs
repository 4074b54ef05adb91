/**
 * `npm run bench`: SEA Kit's cost on big SEA pages and big snippet libraries, measured against the
 * same pages without it, in the same run, and printed as one table (docs/performance.md explains
 * every figure). Builds the extension into bench/.output (not .output, which the e2e tests use),
 * serves the demo SEA, runs real Chromium with and without the extension, alternating.
 *
 * Environment: BENCH_RUNS (page loads per browser, default 5), BENCH_RERENDER_RUNS (default 3),
 * BENCH_RERENDER_SECONDS (default 20), BENCH_QUICK=1 (a short smoke run), BENCH_ONLY=pages|library
 * (one half, while working on it), SEAKIT_CHROMIUM.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { buildDemo, startDemoServer } from '../tests/fixtures/serve.mjs';
import { startClassicServer } from '../tests/fixtures/classic/serve.mjs';
import { launch } from './lib/browser.mjs';
import { buildLibraryPage, libraryPageFigures, pickerFigures, typingWithout } from './lib/library.mjs';
import { alternate, loadRun, rerenderRun } from './lib/pages.mjs';
import { buildRows, table } from './lib/report.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(here, '..');
const OUT_DIR = path.join(here, '.output');
const EXTENSION_DIR = path.join(OUT_DIR, 'chrome-mv3');

const quick = process.env.BENCH_QUICK === '1';
const only = process.env.BENCH_ONLY;
const pages = only !== 'library';
const library = only !== 'pages';
const int = (name, fallback) => Number(process.env[name]) || fallback;
const config = {
  runs: int('BENCH_RUNS', quick ? 2 : 5),
  rerenderRuns: int('BENCH_RERENDER_RUNS', quick ? 1 : 3),
  rerenderSeconds: int('BENCH_RERENDER_SECONDS', quick ? 6 : 20),
  importRuns: quick ? 1 : 3,
  openRuns: quick ? 2 : 5,
};

const started = Date.now();
const log = (text) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${text}`);

function buildExtension() {
  // In a child: the build sets NODE_ENV and Vite state this process should not inherit.
  const result = spawnSync(process.execPath, ['--input-type=module', '-e',
    `const { build } = await import('wxt'); await build({ outDir: ${JSON.stringify(OUT_DIR)}, logLevel: 'warn' });`],
  { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) throw new Error(`扩展构建失败 / extension build failed (exit ${result.status ?? result.signal})`);
}

function contentScriptSize() {
  const manifest = JSON.parse(readFileSync(path.join(EXTENSION_DIR, 'manifest.json'), 'utf8'));
  const files = manifest.content_scripts.flatMap((cs) => cs.js ?? []);
  const bytes = Buffer.concat(files.map((f) => readFileSync(path.join(EXTENSION_DIR, f))));
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

log('构建扩展、演示 SEA 和话术库测试页 / building extension, demo SEA, library page');
buildExtension();
await buildDemo();
await buildLibraryPage();
const size = contentScriptSize();
const demo = await startDemoServer();
const classic = await startClassicServer(0);
const browsers = { with: await launch({ extensionDir: EXTENSION_DIR }), without: await launch() };
const results = { config, size };
try {
  const list = `${demo.url}/search?rows=2000`;
  if (pages) {
  log('预热 / warm-up');
  for (const browser of [browsers.with, browsers.without]) await loadRun(browser, list, { settleMs: 200 });

  log(`2,000 行保单列表，每个浏览器 ${config.runs} 次 / 2,000-row list`);
  results.list = await alternate(browsers, config.runs, (b) => loadRun(b, list), (i) => log(`  第 ${i + 1} 轮完成`));
  log(`经典后台 2,000 行服务端列表，每个浏览器 ${config.runs} 次 / classic admin 2,000-row list`);
  results.classicList = await alternate(browsers, config.runs, (b) => loadRun(b, `${classic.url}/list?rows=2000`));
  log(`在线客服页，每个浏览器 ${config.runs} 次 / chat page`);
  results.chat = await alternate(browsers, config.runs, (b) => loadRun(b, `${demo.url}/chat`));
  log(`500 行每秒重渲染 ${config.rerenderSeconds} 秒，每个浏览器 ${config.rerenderRuns} 次 / 500-row re-render`);
  results.rerender = await alternate(browsers, config.rerenderRuns,
    (b) => rerenderRun(b, `${demo.url}/search?rows=500&rerender=1`, { seconds: config.rerenderSeconds }),
    (i) => log(`  第 ${i + 1} 轮完成`));
  }

  if (library) log('话术库：导入、打开数据库、搜索 / library: import, open, search');
  if (library) results.library = await libraryPageFigures(browsers.without, { ...config, log });
} finally {
  await browsers.with.close();
  await browsers.without.close();
}
try {
  if (library) {
    log('话术选择框按键延迟 / picker keystroke latency');
    results.picker = {};
    for (const count of [1000, 20000]) results.picker[count] = await pickerFigures(EXTENSION_DIR, demo.url, count, { log });
    results.typingWithout = await typingWithout(demo.url);
  }
} finally {
  await demo.close();
  await classic.close();
}

const rows = buildRows(results);
writeFileSync(path.join(OUT_DIR, 'bench-results.json'), JSON.stringify({ at: new Date().toISOString(), results, rows }, null, 1));
const cpus = os.cpus();
console.log(`\nSEA Kit 性能对比 / bench — ${new Date().toISOString().slice(0, 16).replace('T', ' ')}，` +
  `${cpus.length} 核 ${cpus[0]?.model.trim() ?? ''}，负载 load ${os.loadavg()[0].toFixed(1)}；` +
  `页面加载每个浏览器 ${config.runs} 次、重渲染 ${config.rerenderRuns}×${config.rerenderSeconds} s，交替进行，取中位数\n`);
console.log(table(rows));
log(`完成 / done（原始数据 raw data: ${path.relative(ROOT, path.join(OUT_DIR, 'bench-results.json'))}）`);
