import Dexie, { type EntityTable } from 'dexie';
import type { FileImport, LeadReport, LeadTiming } from './lead-import';

/**
 * What a lead imported, kept in this browser only (a week's files add up; a file imported again changes
 * nothing). Its own database: the agent's reports and the snippet library are not touched.
 */
export class LeadExperienceDb extends Dexie {
  reports!: EntityTable<LeadReport, 'id'>;
  timings!: EntityTable<LeadTiming, 'key'>;

  constructor(name = 'seakit-lead-experience') {
    super(name);
    this.version(1).stores({ reports: 'id, createdAt', timings: 'key, day' });
  }
}

export const leadExperienceDb = new LeadExperienceDb();

export interface StoredImport {
  added: number;
  duplicates: number;
  timings: number;
}

/**
 * Adds a file's reports (one already kept, by id, stays as it was) and timings (an agent's later export of a
 * day replaces the earlier one when it has at least as many waits), in one transaction: all or nothing.
 */
export async function storeImport(result: FileImport, db: LeadExperienceDb = leadExperienceDb): Promise<StoredImport> {
  return db.transaction('rw', db.reports, db.timings, async () => {
    // The same report twice in one file counts once too.
    const unique = [...new Map(result.reports.map((r) => [r.id, r])).values()];
    const kept = new Set((await db.reports.bulkGet(unique.map((r) => r.id))).filter(Boolean).map((r) => r!.id));
    const fresh = unique.filter((r) => !kept.has(r.id));
    await db.reports.bulkAdd(fresh);
    const old = await db.timings.bulkGet(result.timings.map((t) => t.key));
    const newer = result.timings.filter((t, i) => !old[i] || old[i]!.count <= t.count);
    await db.timings.bulkPut(newer);
    return { added: fresh.length, duplicates: result.reports.length - fresh.length, timings: newer.length };
  });
}
