/**
 * The library figures in real Chromium (real IndexedDB, the real modules): pack import as the options
 * page does it (ingestPack: parse, validate, verify, install with pinyin precompute), database open,
 * and the search alone. bench/lib/library.mjs drives it through window.libraryBench.
 */
import Dexie from 'dexie';
import { SeaKitDb } from '~/utils/db';
import { ingestPack } from '~/utils/packs/ingest';
import type { ImportStep } from '~/utils/packs/install';
import { buildSearchIndex, searchSnippets, toSearchEntry } from '~/utils/snippets/search';
import { readAllSnippets } from '~/utils/snippets/pack-rows';

const NAME = 'seakit-bench';

/** Keystrokes of a query as the picker sees them: each prefix, one search each. */
function prefixes(query: string): string[] {
  return Array.from({ length: query.length }, (_, i) => query.slice(0, i + 1));
}

const api = {
  /** Imports the packs into a fresh database, one after another; ms per pack, and per step summed over the packs. */
  async importPacks(packs: string[]): Promise<{ times: number[]; steps: Partial<Record<ImportStep, number>> }> {
    await Dexie.delete(NAME);
    const db = new SeaKitDb(NAME);
    await db.open();
    const times: number[] = [];
    const steps: Partial<Record<ImportStep, number>> = {};
    const onStep = (step: ImportStep, ms: number) => void (steps[step] = (steps[step] ?? 0) + ms);
    for (const text of packs) {
      const start = performance.now();
      await ingestPack(text, { source: 'file', trustedKeys: [], db, onStep });
      times.push(performance.now() - start);
    }
    db.close();
    return { times, steps };
  },

  /** In a fresh page: open the database, then read every snippet (what the picker's first open needs). */
  async openDb(): Promise<{ openMs: number; readMs: number; count: number }> {
    const start = performance.now();
    const db = new SeaKitDb(NAME);
    await db.open();
    const opened = performance.now();
    const rows = await readAllSnippets(db);
    const read = performance.now();
    db.close();
    return { openMs: opened - start, readMs: read - opened, count: rows.length };
  },

  /** Index build and per-keystroke search time over the first `size` snippets. */
  async search(size: number, queries: string[], limit = 30): Promise<{ buildMs: number; keyMs: number[] }> {
    const db = new SeaKitDb(NAME);
    const rows = (await readAllSnippets(db)).slice(0, size);
    db.close();
    const start = performance.now();
    const index = buildSearchIndex(rows.map(toSearchEntry));
    const buildMs = performance.now() - start;
    const keyMs: number[] = [];
    for (let round = 0; round < 2; round++) {
      for (const query of queries) {
        for (const prefix of ['', ...prefixes(query)]) {
          const t = performance.now();
          searchSnippets(index, prefix, limit);
          if (round) keyMs.push(performance.now() - t); // round 0 warms the JIT
        }
      }
    }
    return { buildMs, keyMs };
  },
};

(window as unknown as { libraryBench: typeof api }).libraryBench = api;
document.title += ' · ready';
