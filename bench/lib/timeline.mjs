/**
 * The page's main-thread timeline as the bench reads it: tasks ({ start, ms } in ms of the page's clock,
 * from a Chromium trace: trace.mjs) and SEA Kit's passes ({ name, start, end, ms }, from its User Timing
 * measures, read in the page), and the figures of one phase from them.
 */

export const LONG_TASK_MS = 50;

/** SEA Kit's passes from the page's `seakit:*` measures (PerformanceMeasure-like entries), in time order. */
export function passesFromMeasures(entries) {
  return entries
    .filter((m) => m.name.startsWith('seakit:'))
    .map((m) => ({ name: m.name.slice(7), start: m.startTime, end: m.startTime + m.duration, ms: m.duration }))
    .sort((a, b) => a.start - b.start);
}

/**
 * Tasks with `extMs`, the extension time inside each (a pass never spans tasks: each is synchronous;
 * nested tasks are rare: a pass counts in the first, outermost, task holding it).
 */
export function withPasses(tasks, passes) {
  const out = tasks.map((t) => ({ ...t, end: t.end ?? t.start + t.ms, extMs: 0 }));
  for (const pass of passes) {
    const task = out.find((t) => t.start <= pass.start && pass.end <= t.end);
    if (task) task.extMs += pass.ms;
  }
  return out;
}

/**
 * Long tasks, the longest task and SEA Kit's time in one phase: tasks and passes starting between
 * `from` and `to`. `longestExtMs`: SEA Kit's most time in one task, at least its longest pass (a pass
 * in no listed task still counts).
 */
export function phaseTimeline(tasks, passes, from = -Infinity, to = Infinity) {
  const inWindow = (x) => x.start >= from && x.start <= to;
  const windowTasks = withPasses(tasks.filter(inWindow), passes);
  const windowPasses = passes.filter(inWindow);
  return {
    longTasks: windowTasks.filter((t) => t.ms >= LONG_TASK_MS).length,
    longestMs: Math.max(0, ...windowTasks.map((t) => t.ms)),
    extMs: windowPasses.reduce((a, p) => a + p.ms, 0),
    longestExtMs: Math.max(0, ...windowTasks.map((t) => t.extMs), ...windowPasses.map((p) => p.ms)),
  };
}
