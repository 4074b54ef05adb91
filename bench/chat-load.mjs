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
import { loadRun } from './lib/pages.mjs';
import { median } from './lib/stats.mjs';
import { runVariants } from './lib/variants.mjs';

const { heading, names, browsers, of } = await runVariants('chat-load.mjs', loadRun);
const base = median(of('without').map((r) => r.taskMs));
console.log(heading);
for (const name of names) {
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
