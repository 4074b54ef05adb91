/**
 * The demo SEA's chat page loaded by several builds side by side (issue 14): main-thread TaskDuration,
 * its ratio to the browser without an extension and the median of each round's difference to it (paired Δ),
 * style and layout (time and counts), the extension's own passes, medians of `runs` alternating runs, one at a time (the bench's loadRun), and how long the page showed its content before
 * SEA Kit's additions (wall clock: jumps under load). For cutting the page script's fixed cost:
 * compare a change with the build before it, or a build with one part taken out.
 *   node bench/chat-load.mjs 12 without noop=bench/noop-extension=nowait before=/tmp/old/chrome-mv3 after=.output/chrome-mv3
 * `name=dir` runs a build; `=nowait` for one that adds no copy buttons (the probe would wait for them);
 * `without` runs no extension and is the baseline. PAGE=search?rows=100 for another page of the demo.
 */
import os from 'node:os';
import path from 'node:path';
import { buildDemo, startDemoServer } from '../tests/fixtures/serve.mjs';
import { launch } from './lib/browser.mjs';
import { alternation, loadRun, runJobs } from './lib/pages.mjs';
import { median } from './lib/stats.mjs';

const [runsArg, ...specs] = process.argv.slice(2);
const runs = Number(runsArg);
if (!runs || !specs.includes('without')) throw new Error('用法 usage: node bench/chat-load.mjs <runs> without name=<extension dir>[=nowait] …');
const variants = specs.map((spec) => spec.split('='));
await buildDemo();
const demo = await startDemoServer();
const url = `${demo.url}/${process.env.PAGE ?? 'chat'}`;
const loadAtStart = os.loadavg()[0].toFixed(1);
const browsers = {};
try {
  for (const [name, dir, wait] of variants) {
    // 'noop' kind: the probe does not wait for SEA Kit's enhancements.
    browsers[name] = await launch(dir ? { extensionDir: path.resolve(dir), kind: wait === 'nowait' ? 'noop' : 'with' } : {});
    browsers[name].kind = name;
  }
  const jobs = alternation(browsers, runs).map((browser) => ({ browser, run: (b) => loadRun(b, url) }));
  const results = await runJobs(jobs, 1);
  const of = (name) => results.filter((_, i) => jobs[i].browser.kind === name);
  const base = median(of('without').map((r) => r.taskMs));
  console.log(`${url}：每个 ${runs} 次，负载 load ${loadAtStart} → ${os.loadavg()[0].toFixed(1)}`);
  for (const [name] of variants) {
    const r = of(name);
    const task = median(r.map((x) => x.taskMs));
    // The same round's run without the extension subtracted first: what the load did to both cancels out.
    const paired = median(r.map((x, i) => x.taskMs - of('without')[i].taskMs));
    console.log(`${name.padEnd(12)} TaskDuration ${Math.round(task)} ms ×${(task / base).toFixed(2)}  paired Δ ${paired >= 0 ? '+' : ''}${Math.round(paired)} ms  ` +
      `[${r.map((x) => Math.round(x.taskMs)).join(' ')}]  script ${Math.round(median(r.map((x) => x.scriptMs)))} ms  ` +
      `style+layout ${Math.round(median(r.map((x) => x.styleLayoutMs)))} ms (${median(r.map((x) => x.recalcs))} recalcs, ${median(r.map((x) => x.layouts))} layouts)  ` +
      `SEA Kit passes ${median(r.map((x) => x.extMs)).toFixed(1)} ms` +
      (browsers[name].withExtension ? `  painted → enhanced ${Math.round(median(r.map((x) => x.enhanceMs)))} ms` : ''));
  }
} finally {
  for (const browser of Object.values(browsers)) await browser.close();
  await demo.close();
}
