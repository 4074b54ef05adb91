/**
 * The browsers of a bench run: the same Chromium and flags, one with the bench build of SEA Kit
 * loaded, one without any extension, and one with an extension that does nothing (bench/noop-extension:
 * the noise floor), each on a fresh temp profile, all with the page probe (probe.js).
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_PATH, CHROMIUM_MISSING, chromiumExists } from '../../tests/fixtures/browser.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const PROBE = readFileSync(path.join(here, 'probe.js'), 'utf8');

export const NOOP_EXTENSION_DIR = path.join(here, '../noop-extension');

/**
 * An agent's maximised Chromium on a 1920×1080 screen: the page gets the width and what the taskbar,
 * tab strip and address bar leave of the height.
 */
export const AGENT_VIEWPORT = { width: 1920, height: 945 };

/**
 * kind: 'with' (SEA Kit), 'without', 'noop' (the do-nothing extension) or 'before' (an earlier SEA Kit build).
 * viewport: the page area (the list bench uses AGENT_VIEWPORT; a tall page's scroll takes one frame per screen).
 */
export async function launch({ extensionDir, kind = extensionDir ? 'with' : 'without', viewport = { width: 1280, height: 800 } } = {}) {
  if (!chromiumExists()) throw new Error(CHROMIUM_MISSING);
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'seakit-bench-'));
  const args = ['--disable-gpu', '--no-first-run', '--disable-background-timer-throttling', '--disable-renderer-backgrounding'];
  if (extensionDir) args.push(`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`);
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport,
    locale: 'zh-CN',
    args,
  });
  await context.addInitScript(`self.__benchKind = ${JSON.stringify(kind)};\n${PROBE}`);
  let extensionId;
  if (kind === 'with' || kind === 'before') {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
    extensionId = new URL(worker.url()).host;
  }
  // The default first tab would sit idle beside every measured one.
  for (const page of context.pages()) await page.close();
  return {
    context,
    extensionId,
    kind,
    withExtension: kind === 'with' || kind === 'before',
    close: async () => {
      await context.close().catch(() => {});
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/** A new tab with a CDP session and thread-time Performance metrics switched on. */
export async function openTab(browser) {
  const page = await browser.context.newPage();
  const cdp = await browser.context.newCDPSession(page);
  // Thread CPU time, not wall time: other processes on a shared machine count less.
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  return { page, cdp };
}

/**
 * ScriptDuration, TaskDuration, Layout+RecalcStyle (ms), JSHeapUsedSize (MB) of the tab, and the
 * counters that do not depend on machine load: how many layouts and style recalculations ran, DOM nodes.
 */
export async function metrics(cdp, { gc = false } = {}) {
  if (gc) await cdp.send('HeapProfiler.collectGarbage');
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  const m = Object.fromEntries(list.map((x) => [x.name, x.value]));
  return {
    scriptMs: m.ScriptDuration * 1000,
    taskMs: m.TaskDuration * 1000,
    styleLayoutMs: (m.LayoutDuration + m.RecalcStyleDuration) * 1000,
    heapMB: m.JSHeapUsedSize / 2 ** 20,
    layouts: m.LayoutCount,
    recalcs: m.RecalcStyleCount,
    nodes: m.Nodes,
  };
}
