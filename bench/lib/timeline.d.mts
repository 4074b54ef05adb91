/** Types of timeline.mjs (read by tests/unit/bench/timeline.test.ts). */
export interface Task {
  start: number;
  ms: number;
  end?: number;
}
export interface Pass {
  name: string;
  start: number;
  end: number;
  ms: number;
}
export declare const LONG_TASK_MS: number;
export declare function passesFromMeasures(entries: { name: string; startTime: number; duration: number }[]): Pass[];
export declare function withPasses<T extends Task>(tasks: T[], passes: Pass[]): (T & { end: number; extMs: number })[];
export declare function phaseTimeline(
  tasks: Task[],
  passes: Pass[],
  from?: number,
  to?: number,
): { longTasks: number; longestMs: number; extMs: number; longestExtMs: number };
