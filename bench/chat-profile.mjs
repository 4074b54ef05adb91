/**
 * Where the content script's time goes on the chat page (issue 14, third round): the V8 sampling profiler
 * (CDP Profiler, 100 µs) over `runs` loads of the page with one SEA Kit build; self and total time of the
 * content script's functions (medians over runs; sources mapped only by name and line, the build is minified only
 * if the build is), and its share of every sample. For "what is it", not for "how much" (the profiler adds its own cost).
 *   node bench/chat-profile.mjs 5 .output/chrome-mv3
 */
import os from 'node:os';
import path from 'node:path';
import { buildDemo, startDemoServer } from '../tests/fixtures/serve.mjs';
import { launch, openTab } from './lib/browser.mjs';
import { median } from './lib/stats.mjs';

const [runsArg, dir] = process.argv.slice(2);
const runs = Number(runsArg);
await buildDemo();
const demo = await startDemoServer();
const url = `${demo.url}/${process.env.PAGE ?? 'chat'}`;
const browser = await launch({ extensionDir: path.resolve(dir) });
const perRun = [];
try {
  for (let i = 0; i < runs; i++) {
    const { page, cdp } = await openTab(browser);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    await page.goto(url);
    await page.waitForFunction(() => !Number.isNaN(window.__bench.done), null, { polling: 100, timeout: 60_000 });
    await page.waitForTimeout(1000);
    const { profile } = await cdp.send('Profiler.stop');
    await page.close();
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const dt = new Map();
    profile.samples.forEach((id, k) => dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas[k + 1] ?? 0) / 1000));
    const self = new Map();
    const total = new Map();
    const key = (n) => `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber + 1}:${n.callFrame.columnNumber + 1}`;
    let ext = 0;
    let all = 0;
    for (const [id, ms] of dt) {
      let n = byId.get(id);
      all += ms;
      if (n.callFrame.url.includes('chrome-extension')) self.set(key(n), (self.get(key(n)) ?? 0) + ms);
      const seen = new Set();
      let inExt = false;
      for (; n; n = byId.get(parent.get(n.id))) {
        if (!n.callFrame.url.includes('chrome-extension')) continue;
        inExt = true;
        const k = key(n);
        if (seen.has(k)) continue;
        seen.add(k);
        total.set(k, (total.get(k) ?? 0) + ms);
      }
      if (inExt) ext += ms;
    }
    perRun.push({ self, total, ext, all });
  }
} finally {
  await browser.close();
  await demo.close();
}
console.log(`${url}，${runs} 次，负载 load ${os.loadavg()[0].toFixed(1)}；samples in the content script ${median(perRun.map((r) => r.ext)).toFixed(1)} ms of ${median(perRun.map((r) => r.all)).toFixed(1)} ms`);
const show = (what) => {
  const keys = new Set(perRun.flatMap((r) => [...r[what].keys()]));
  const rows = [...keys].map((k) => [k, median(perRun.map((r) => r[what].get(k) ?? 0))]).sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 40));
  console.log(`-- ${what}`);
  for (const [k, ms] of rows) console.log(`${ms.toFixed(2).padStart(7)} ms  ${k}`);
};
show('total');
show('self');
