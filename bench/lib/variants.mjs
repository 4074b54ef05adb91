/**
 * Several builds side by side on one page of the demo SEA (bench/chat-load.mjs, bench/chat-trace.mjs), from the
 * command line `<runs> without name=<extension dir>[=nowait] …`: one browser each (`without` runs no extension and
 * is the baseline; `=nowait` for a build that adds no copy buttons, the probe would wait for them), `runs`
 * alternating runs one at a time. PAGE=search?rows=100 for another page of the demo.
 */
import os from 'node:os';
import path from 'node:path';
import { buildDemo, startDemoServer } from '../../tests/fixtures/serve.mjs';
import { launch } from './browser.mjs';
import { alternation, runJobs } from './pages.mjs';

/**
 * Runs `measure(browser, url)` in each variant's browser (its `kind` is the variant's name) and answers with
 * `results` in run order and `of(name)`, one browser's; `heading`, the page, runs and machine load before → after;
 * `names`, the variants in command-line order; `browsers` by name (closed by then).
 */
export async function runVariants(script, measure) {
  const [runsArg, ...specs] = process.argv.slice(2);
  const runs = Number(runsArg);
  if (!runs || !specs.includes('without')) throw new Error(`用法 usage: node bench/${script} <runs> without name=<extension dir>[=nowait] …`);
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
    const jobs = alternation(browsers, runs).map((browser) => ({ browser, run: (b) => measure(b, url) }));
    const results = await runJobs(jobs, 1);
    return {
      heading: `${url}：每个 ${runs} 次，负载 load ${loadAtStart} → ${os.loadavg()[0].toFixed(1)}`,
      names: variants.map(([name]) => name),
      browsers,
      results,
      of: (name) => results.filter((_, i) => jobs[i].browser.kind === name),
    };
  } finally {
    for (const browser of Object.values(browsers)) await browser.close();
    await demo.close();
  }
}
