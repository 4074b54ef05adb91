import { describe, expect, it } from 'vitest';
import { passesFromMeasures, phaseTimeline, withPasses } from '../../../bench/lib/timeline.mjs';

const measure = (name: string, startTime: number, duration: number) => ({ name, startTime, duration });

describe('bench timeline', () => {
  it("reads SEA Kit's passes from its seakit:* measures only, in time order", () => {
    const passes = passesFromMeasures([measure('seakit:flush', 300, 5), measure('page-own', 10, 99), measure('seakit:collect', 100, 20)]);
    expect(passes).toEqual([
      { name: 'collect', start: 100, end: 120, ms: 20 },
      { name: 'flush', start: 300, end: 305, ms: 5 },
    ]);
  });

  it('gives each task the extension time inside it, and none for a pass outside every listed task', () => {
    const passes = passesFromMeasures([measure('seakit:a', 10, 8), measure('seakit:b', 30, 12), measure('seakit:c', 500, 3)]);
    const tasks = withPasses([{ start: 0, ms: 60 }, { start: 200, ms: 80 }], passes);
    expect(tasks.map((t) => [t.end, t.extMs])).toEqual([[60, 20], [280, 0]]);
  });

  it("counts long tasks, the longest and SEA Kit's time of one phase, by start time in the window", () => {
    const tasks = [{ start: 0, ms: 120 }, { start: 1000, ms: 55 }, { start: 1500, ms: 300 }, { start: 3000, ms: 70 }];
    const passes = passesFromMeasures([measure('seakit:a', 1010, 30), measure('seakit:b', 1100, 9), measure('seakit:c', 1200, 12), measure('seakit:d', 3010, 4)]);
    const scroll = phaseTimeline(tasks, passes, 900, 2000);
    expect(scroll).toEqual({ longTasks: 2, longestMs: 300, extMs: 51, longestExtMs: 30 });
    // Passes in no listed task: the longest pass stands for SEA Kit's most in one task.
    expect(phaseTimeline([], passes, 1050, 1300)).toEqual({ longTasks: 0, longestMs: 0, extMs: 21, longestExtMs: 12 });
    // Short tasks are not long tasks, but the longest may be one of them.
    expect(phaseTimeline([{ start: 5, ms: 30 }, { start: 40, ms: 49.9 }], [])).toEqual({ longTasks: 0, longestMs: 49.9, extMs: 0, longestExtMs: 0 });
    expect(phaseTimeline(tasks, passes)).toMatchObject({ longTasks: 4, longestMs: 300, extMs: 55 });
  });
});
