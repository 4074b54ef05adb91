import Dexie, { type EntityTable } from 'dexie';
import type { ExperienceReport } from './report-types';

/** One day's waits for one touchpoint of one view (local time day, masked view). */
export interface TimingDay {
  key: string;
  day: string;
  view: string;
  touchpoint: string;
  /** Milliseconds, the last 500 of the day. */
  samples: number[];
}

/** Reports and timings in a database of their own: the snippet database's versions are not touched. */
export class ExperienceDb extends Dexie {
  reports!: EntityTable<ExperienceReport, 'id'>;
  timings!: EntityTable<TimingDay, 'key'>;

  constructor(name = 'seakit-experience') {
    super(name);
    this.version(1).stores({ reports: 'id, createdAt, state', timings: 'key, day' });
  }
}

export const experienceDb = new ExperienceDb();
