import { experienceDb, type ExperienceDb } from './db';
import { touchpointNames, type Touchpoint } from './touchpoints';

const KEEP = 500;
/** Days of waits kept: the agent's view and exports show them; older days are dropped as a new day starts. */
export const DAYS_KEPT = 30;

export function localDay(ms = Date.now()): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Background: one wait, added to today's samples of its view and touchpoint. */
export async function recordTiming(view: string, touchpoint: Touchpoint, ms: number, db: ExperienceDb = experienceDb): Promise<void> {
  if (!(touchpoint in touchpointNames) || !Number.isFinite(ms) || ms < 0 || ms > 60_000) return;
  const day = localDay();
  const key = `${day}|${view}|${touchpoint}`;
  await db.transaction('rw', db.timings, async () => {
    const row = (await db.timings.get(key)) ?? { key, day, view, touchpoint, samples: [] };
    row.samples = [...row.samples, ms].slice(-KEEP);
    await db.timings.put(row);
    await db.timings.where('day').below(firstDayKept()).delete();
  });
}

/** The oldest local day still kept (DAYS_KEPT days including today). */
export function firstDayKept(now = Date.now()): string {
  const d = new Date(now);
  d.setDate(d.getDate() - (DAYS_KEPT - 1));
  return localDay(d.getTime());
}

/** The waits of every day kept, newest day first. */
export async function keptTimings(db: ExperienceDb = experienceDb): Promise<TimingSummary[]> {
  const rows = await db.timings.where('day').aboveOrEqual(firstDayKept()).toArray();
  return summarize(rows).sort((a, b) => b.day.localeCompare(a.day) || a.view.localeCompare(b.view) || a.touchpoint.localeCompare(b.touchpoint));
}

export function percentile(samples: number[], p: number): number {
  if (!samples.length) return 0;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export interface TimingSummary {
  day: string; view: string; touchpoint: string; count: number; p50: number; p95: number;
  /** The waits themselves (ms): exported so a lead can pool agents exactly. */
  samples?: number[];
}

export function summarize(rows: Array<{ day: string; view: string; touchpoint: string; samples: number[] }>): TimingSummary[] {
  return rows.map((r) => ({
    day: r.day, view: r.view, touchpoint: touchpointNames[r.touchpoint as Touchpoint] ?? r.touchpoint,
    count: r.samples.length, p50: percentile(r.samples, 50), p95: percentile(r.samples, 95), samples: r.samples,
  }));
}
