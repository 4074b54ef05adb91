import { describe, expect, it } from 'vitest';
import { alternation, runJobs } from '../../../bench/lib/pages.mjs';

type Browser = { kind: string };
const browsers: Record<string, Browser> = { with: { kind: 'with' }, without: { kind: 'without' }, noop: { kind: 'noop' } };
const kinds = (order: Browser[]) => order.map((b) => b.kind);

describe('bench schedule', () => {
  it('alternates the browsers, rotating who goes first, and spreads a capped browser over the series', () => {
    const order = kinds(alternation(browsers, 5, { noop: 3 }));
    expect(order.filter((k) => k === 'with')).toHaveLength(5);
    expect(order.filter((k) => k === 'without')).toHaveLength(5);
    expect(order.filter((k) => k === 'noop')).toHaveLength(3);
    // Not all three noise-floor runs at the start: one in the last round.
    expect(order.slice(-3)).toContain('noop');
    expect(kinds(alternation({ with: browsers.with, without: browsers.without }, 4))).toEqual(['with', 'without', 'without', 'with', 'with', 'without', 'without', 'with']);
  });

  it('runs at most `parallel` jobs at once, never two in the same browser, and returns results in job order', async () => {
    const active = new Map<string, number>();
    let most = 0;
    const seen: string[][] = [];
    const order = alternation(browsers, 5, { noop: 3 });
    const jobs = order.map((browser, i) => ({
      browser,
      run: async (b: Browser) => {
        expect(active.get(b.kind) ?? 0).toBe(0);
        active.set(b.kind, 1);
        most = Math.max(most, [...active.values()].reduce((a, c) => a + c, 0));
        await new Promise((r) => setTimeout(r, 5 + (i % 3) * 7));
        active.set(b.kind, 0);
        return i;
      },
    }));
    const results = await runJobs(jobs, 2, (_job, _result, { alongside }) => seen.push(alongside));
    expect(results).toEqual(jobs.map((_, i) => i));
    expect(most).toBe(2);
    // Every run but the last shared the machine with another browser.
    expect(seen.filter((a) => a.length > 0).length).toBeGreaterThanOrEqual(jobs.length - 1);
  });
});
