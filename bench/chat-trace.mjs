/**
 * What the chat page's main thread does with and without an extension (issue 14, third round): one trace per run
 * (`toplevel`, `devtools.timeline`, `disabled-by-default-devtools.timeline`), the page's renderer main thread only,
 * browsers alternating, medians of `runs`. Prints the top-level tasks' thread time (≈ CDP TaskDuration) by category
 * (`classify`: the content script's evaluation, frames split into style / layout / paint, the extension's timers,
 * extension IPC and the script it resumes, the page's own work, the bench's polling) and each browser's difference
 * to `without`. The categories slow scripts down 2–3× (more with `V8=1`): compare builds, not absolute ms.
 *   node bench/chat-trace.mjs 6 without noop=bench/noop-extension=nowait kit=.output/chrome-mv3
 * `name=dir[=nowait]` as in bench/chat-load.mjs; PAGE=search?rows=100 for another page; DUMP=<dir> keeps each
 * run's main-thread events as JSON.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { openTab } from './lib/browser.mjs';
import { median } from './lib/stats.mjs';
import { runVariants } from './lib/variants.mjs';

const CATEGORIES = ['-*', 'toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'v8.execute']
  .concat(process.env.V8 ? ['v8'] : []).join(',');
const WAIT = { polling: 100, timeout: 120_000 };

const STYLE = new Set(['UpdateLayoutTree', 'ParseAuthorStyleSheet']);
const LAYOUT = new Set(['Layout']);
const PAINT = new Set(['PrePaint', 'Paint', 'Layerize', 'Commit', 'PaintImage']);

/**
 * What a top-level task is, from where it was posted and what ran in it: the content script's evaluation, a frame
 * (split below into style, layout, paint, animation-frame callbacks), timers (the page's or the extension's),
 * extension IPC (a runtime message or storage answer arriving, and the script it resumes), microtasks alone,
 * the bench's own Playwright evaluations (its polling), GC, the page's script, HTML parsing, other IPC.
 */
function classify(task, all) {
  const blob = all.map((e) => JSON.stringify(e.args ?? {})).join(' ');
  const names = new Set(all.map((e) => e.name));
  const src = /"src_func":"([^"]+)"/.exec(blob)?.[1] ?? '';
  if (blob.includes('content-scripts/') && names.has('EvaluateScript')) return 'eval content script';
  if (src.includes('ScheduledActionSendBeginMainFrame')) return 'frame';
  if (blob.includes('"ipc_hash":3544143186')) return 'bench harness (Playwright evaluate)';
  if (src.includes('DOMTimer')) return blob.includes('chrome-extension:') ? 'timer (extension)' : 'timer (page)';
  if (/"mojo_interface_tag":"extension/.test(blob)) return 'extension IPC (+ what it resumes)';
  if (task.kids[0]?.name === 'BlinkScheduler_PerformMicrotaskCheckpoint') return 'microtasks alone (+ what they resume)';
  if (blob.includes('html_style_element')) return 'inserted <style> loaded';
  if (blob.includes('evaluateModule') || src.includes('PendingScriptFinished')) return 'page script';
  if (names.has('MinorGC') || names.has('MajorGC') || blob.includes('minor-gc')) return 'GC';
  if (names.has('ParseHTML')) return 'HTML parse';
  if (blob.includes('mojo')) return 'other IPC';
  return 'other';
}

/** The page's renderer main thread (its navigationStart for `url`). */
function mainThread(events, url) {
  const nav = events.filter((e) => e.name === 'navigationStart' && e.args?.data?.documentLoaderURL === url).pop();
  return nav ? { pid: nav.pid, tid: nav.tid } : null;
}

let dumped = 0;
function analyze(events, url, kind) {
  const thread = mainThread(events, url);
  if (!thread) throw new Error('no main thread in trace');
  if (process.env.DUMP) writeFileSync(path.join(process.env.DUMP, `${kind}-${dumped++}.json`), JSON.stringify(events.filter((x) => x.pid === thread.pid && x.tid === thread.tid)));
  // B/E pairs become complete events, so one nesting walk handles both.
  const complete = [];
  const open = [];
  for (const e of events.filter((x) => x.pid === thread.pid && x.tid === thread.tid).sort((a, b) => a.ts - b.ts)) {
    if (e.ph === 'X' && e.dur >= 0) complete.push(e);
    else if (e.ph === 'B') open.push(e);
    else if (e.ph === 'E') {
      const b = open.pop();
      if (b) complete.push({ ...b, ph: 'X', dur: e.ts - b.ts, tdur: e.tts != null && b.tts != null ? e.tts - b.tts : undefined, args: { ...b.args, ...e.args } });
    }
  }
  complete.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const tasks = [];
  const stack = [];
  for (const e of complete) {
    while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
    const node = { ...e, kids: [] };
    if (stack.length) stack.at(-1).kids.push(node);
    else tasks.push(node);
    stack.push(node);
  }
  const ms = (e) => (e.tdur ?? e.dur) / 1000;
  const walk = (e, out = []) => (out.push(e), e.kids.forEach((k) => walk(k, out)), out);
  const byCategory = {};
  const add = (key, value, count = 0) => {
    byCategory[key] ??= { ms: 0, count: 0 };
    byCategory[key].ms += value;
    byCategory[key].count += count;
  };
  for (const task of tasks) {
    const all = walk(task);
    const kind = classify(task, all);
    add(kind, ms(task), 1);
    add('TOTAL', ms(task), 1);
    if (kind !== 'frame') continue;
    // A frame's thread time by what its events do (self time: an event's own minus its children's).
    const split = (e, owner) => {
      const mine = STYLE.has(e.name) ? 'style' : LAYOUT.has(e.name) ? 'layout' : PAINT.has(e.name) ? 'paint' : e.name === 'FireAnimationFrame' ? 'animation-frame script' : owner;
      add(`  frame: ${mine}`, Math.max(0, ms(e) - e.kids.reduce((x, k) => x + ms(k), 0)));
      for (const k of e.kids) split(k, mine);
    };
    split(task, 'other');
  }
  return byCategory;
}

async function traceRun(browser, url) {
  const { page, cdp } = await openTab(browser);
  try {
    const events = [];
    cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
    await cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents' });
    await page.goto(url);
    await page.waitForFunction(() => !Number.isNaN(window.__bench.ready), null, WAIT);
    if (browser.withExtension) await page.waitForFunction(() => !Number.isNaN(window.__bench.done), null, WAIT);
    await page.waitForTimeout(1000);
    const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    await complete;
    return analyze(events, page.url(), browser.kind);
  } finally {
    await page.close();
  }
}

const fmt = (ms) => (ms >= 0 ? '+' : '') + ms.toFixed(1);
const { heading, names: variants, results, of } = await runVariants('chat-trace.mjs', traceRun);
console.log(`${heading}；categories ${CATEGORIES}`);
console.log('top-level tasks on the page\'s main thread, thread time (ms, median of runs) / count; Δ = minus without');
const names = ['without', ...variants.filter((n) => n !== 'without')];
const keys = [...new Set(results.flatMap((r) => Object.keys(r)))].sort();
const med = (name, key, what) => median(of(name).map((r) => r[key]?.[what] ?? 0));
console.log(['category'.padEnd(40), ...names.map((n) => n.padStart(16)), ...names.slice(1).map((n) => `Δ ${n}`.padStart(10))].join(''));
for (const key of keys) {
  console.log([key.padEnd(40), ...names.map((n) => `${med(n, key, 'ms').toFixed(1)} / ${med(n, key, 'count')}`.padStart(16)),
    ...names.slice(1).map((n) => fmt(med(n, key, 'ms') - med('without', key, 'ms')).padStart(10))].join(''));
}
