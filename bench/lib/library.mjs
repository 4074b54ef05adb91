/**
 * Library figures: (1) in a plain Chromium page running the real modules (bench/library-page):
 * import of 20,000 snippets, database open, search alone; (2) with SEA Kit loaded, on the demo chat:
 * keystroke-to-list latency of the // picker at 1,000 and 20,000 snippets, installed through the
 * options page's 从文件导入 like a lead's pack.
 */
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT } from '../../tests/fixtures/browser.mjs';
import { launch, openTab } from './browser.mjs';
import { makePacks, QUERIES } from './snippet-data.mjs';
import { percentile } from './stats.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const PAGE_DIR = path.join(here, '../library-page');
export const LIBRARY_DIST = path.join(here, '../.output/library-page');

export async function buildLibraryPage() {
  const { build } = await import('vite');
  await build({
    configFile: false,
    root: PAGE_DIR,
    base: '/',
    logLevel: 'warn',
    resolve: { alias: { '~': ROOT } },
    build: { outDir: LIBRARY_DIST, emptyOutDir: true, reportCompressedSize: false, minify: process.env.BENCH_MINIFY !== '0' },
  });
}

function serveDir(dir) {
  const server = createServer(async (req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://x').pathname;
    const file = path.join(dir, pathname === '/' ? 'index.html' : path.normalize(pathname));
    try {
      if (!file.startsWith(dir)) throw new Error('outside');
      const body = await readFile(file);
      const type = file.endsWith('.html') ? 'text/html; charset=utf-8' : file.endsWith('.js') ? 'text/javascript' : 'application/octet-stream';
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => { server.closeAllConnections(); server.close(r); }) }));
  });
}

/** The import's steps (utils/packs/install.ts ImportStep), in order. */
export const IMPORT_STEPS = ['parse', 'check', 'trust', 'hash', 'search', 'write'];

/** Import, open and search-alone figures, in the browser without the extension. */
export async function libraryPageFigures(plain, { importRuns, openRuns, log }) {
  const server = await serveDir(LIBRARY_DIST);
  const packs = makePacks(20000).map((p) => p.text);
  const result = { importMs: [], importPackMs: [], importSteps: [], openMs: [], readMs: [], count: 0, search: {} };
  try {
    const { page } = await openTab(plain);
    const load = async () => {
      await page.goto(server.url + '/');
      await page.waitForFunction(() => 'libraryBench' in window);
    };
    for (let run = 0; run < importRuns; run++) {
      await load();
      const { times, steps } = await page.evaluate((texts) => window.libraryBench.importPacks(texts), packs);
      result.importMs.push(times.reduce((a, b) => a + b, 0));
      result.importPackMs.push(...times);
      result.importSteps.push(steps);
      // A build from before the steps were timed reports none.
      const split = Object.keys(steps).length ? `（${IMPORT_STEPS.map((s) => `${s} ${Math.round(steps[s] ?? 0)}`).join(', ')}）` : '';
      log(`  导入 20,000 条（4 个包）第 ${run + 1} 次: ${Math.round(result.importMs.at(-1))} ms${split}`);
    }
    for (let run = 0; run < openRuns; run++) {
      await load();
      const open = await page.evaluate(() => window.libraryBench.openDb());
      result.openMs.push(open.openMs);
      result.readMs.push(open.readMs);
      result.count = open.count;
    }
    for (const size of [1000, 20000]) {
      await load();
      result.search[size] = await page.evaluate(([n, q]) => window.libraryBench.search(n, q), [size, QUERIES]);
    }
    await page.close();
  } finally {
    await server.close();
  }
  return result;
}

/** Installs packs through the options page, as a lead's agent would from a file. */
async function installThroughOptions(browser, packs) {
  const { page } = await openTab(browser);
  await page.goto(`chrome-extension://${browser.extensionId}/options.html#packs`);
  const input = page.locator('input[type="file"][accept*=".json"]');
  for (const pack of packs) {
    await input.waitFor({ state: 'attached', timeout: 30_000 });
    await page.waitForFunction(() => !document.querySelector('input[type="file"]')?.disabled);
    await input.setInputFiles({ name: pack.name, mimeType: 'application/json', buffer: Buffer.from(pack.text) });
    const id = JSON.parse(pack.text).name;
    await page.locator('[role="status"]', { hasText: id }).waitFor({ timeout: 120_000 });
  }
  await page.close();
}

/**
 * Types every query of QUERIES after the trigger, one key at a time, `rounds` times; the last round's keys.
 * `timed`: SEA Kit is there, and every key after the first must have been timed by the armed probe.
 */
async function typeQueries(page, { rounds = 2, timed = false } = {}) {
  const clear = async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
  };
  const keys = [];
  let stale = 0;
  for (let round = 0; round < rounds; round++) {
    for (const query of QUERIES) {
      await clear();
      await page.evaluate(() => void (window.__bench.keys = []));
      await page.keyboard.type('//' + query, { delay: 25 });
      await page.waitForTimeout(50); // the last key's frame
      const typed = await page.evaluate(() => window.__bench.keys);
      // The first '/' opens nothing; every later key must have left the list showing its keyword.
      typed.slice(1).forEach((k, i) => {
        if (k.query !== null && k.query !== ('//' + query).slice(2, i + 2)) stale++;
        if (timed && Number.isNaN(k.ms)) throw new Error('按键探针没有在选择框的监听器之后上膛 / the keystroke probe was not armed after the picker\'s listener');
        if (round === rounds - 1) keys.push({ ...k, query: ('//' + query).slice(2, i + 2) }); // earlier rounds warm the JIT
      });
    }
  }
  return { keys, stale };
}

async function openChat(browser, demoUrl) {
  const { page } = await openTab(browser);
  await page.goto(demoUrl + '/chat');
  await page.waitForFunction(() => !Number.isNaN(window.__bench.ready), null, { polling: 100 });
  return page;
}

/**
 * Keystroke-to-list in the demo chat with `size` snippets installed: first the // that opens the
 * picker (its first open loads the library from the background), then every key of QUERIES.
 */
export async function pickerFigures(extensionDir, demoUrl, size, { log, label = '' }) {
  const browser = await launch({ extensionDir });
  try {
    await installThroughOptions(browser, makePacks(size));
    const page = await openChat(browser, demoUrl);
    await page.waitForFunction(() => !Number.isNaN(window.__bench.done), null, { polling: 100 });
    // The first // as an agent types it: a moment on the page (1 s: reading the customer's message), a click into
    // the reply box (which loads the writing script: its arrival is bench/picker-ready.mjs's figure), then //.
    await page.waitForTimeout(1000);
    // Armed when the picker first opens (its listeners come with the writing script, which may arrive late).
    await page.evaluate(() => window.__bench.armKeys());
    await page.getByLabel('回复内容', { exact: true }).click();
    await page.waitForFunction(() => performance.getEntriesByName('seakit:writing-script').length > 0, null, { polling: 100, timeout: 30_000 });
    await page.evaluate(() => window.__bench.watchList());
    await page.keyboard.type('//');
    const firstOpenMs = await page.evaluate(() => window.__bench.listShown(30_000)).catch((error) => {
      throw new Error(`话术 ${size.toLocaleString('en')} 条：第一次 // ${error.message.replace(/^.*Error: /s, '')}`);
    });
    const { keys, stale } = await typeQueries(page, { timed: true });
    if (stale) throw new Error(`选择框列表与输入不同步 ${stale} 次 / the picker list lagged the keyword ${stale} times`);
    log(`  ${label}话术 ${size.toLocaleString('en')} 条: 首次打开 ${Math.round(firstOpenMs)} ms, ${keys.length} 次按键, 按键→列表 p50 ${percentile(keys.map((k) => k.ms), 50).toFixed(1)} / p95 ${percentile(keys.map((k) => k.ms), 95).toFixed(1)} ms`);
    return { firstOpenMs, keyMs: keys.map((k) => k.ms), frameMs: keys.map((k) => k.frameMs) };
  } finally {
    await browser.close();
  }
}

/** The same typing without SEA Kit: how long the page alone takes from a key to the next frame. */
export async function typingWithout(demoUrl) {
  const browser = await launch();
  try {
    const page = await openChat(browser, demoUrl);
    await page.getByLabel('回复内容', { exact: true }).click();
    const { keys } = await typeQueries(page);
    return { frameMs: keys.map((k) => k.frameMs) };
  } finally {
    await browser.close();
  }
}
