/** Types of the scheduling half of pages.mjs (read by tests/unit/bench/schedule.test.ts). */
export interface BenchBrowser {
  kind: string;
}
export interface Job<B extends BenchBrowser, R> {
  browser: B;
  run: (browser: B) => Promise<R>;
}
export declare function alternation<B extends BenchBrowser>(browsers: Record<string, B>, runs: number, cap?: Record<string, number>): B[];
export declare function runJobs<B extends BenchBrowser, R, J extends Job<B, R>>(
  jobs: J[],
  parallel?: number,
  onDone?: (job: J, result: R, info: { alongside: string[]; ms: number }) => void,
): Promise<R[]>;
