import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { starterRows } from './helpers';
import { toSearchEntry, type SearchEntry } from '~/utils/snippets/search';
import { searchFieldsFor } from '~/utils/snippets/search-fields';
import { buildSuggestIndex, suggestSnippets, termsOf, type SuggestOptions } from '~/utils/snippets/suggest';
import { parsePack } from '~/utils/packs/validate';
import { labelled } from './suggest-set';

// A valid pack as agents would get it (the format's own validator).
const pack = parsePack(readFileSync(path.join(__dirname, '../../fixtures/packs/after-sales.json'), 'utf8'));
const shelf: SearchEntry[] = [
  ...starterRows(1).map(toSearchEntry),
  ...pack.snippets.map((s, i) =>
    toSearchEntry({ ...s, id: `${pack.id}:${s.id}`, line: pack.line, owner: '公用', packId: pack.id, tags: s.tags ?? [], createdAt: 100 + i, updatedAt: 100 + i, useCount: 0, ...searchFieldsFor(s) }),
  ),
];

function hitRates(options?: SuggestOptions) {
  const index = buildSuggestIndex(shelf, options);
  let top1 = 0;
  let top3 = 0;
  const misses: string[] = [];
  for (const [message, answers] of labelled) {
    const ids = suggestSnippets(index, [message], 3).map((e) => e.id);
    if (answers.includes(ids[0])) top1++;
    if (ids.some((id) => answers.includes(id))) top3++;
    else misses.push(`${message} → ${ids.join(', ') || '（无）'}`);
  }
  return { top1: top1 / labelled.length, top3: top3 / labelled.length, misses };
}

describe('suggestions from the customer’s messages', () => {
  it('is measured on at least 50 labelled messages', () => {
    expect(labelled.length).toBeGreaterThanOrEqual(50);
  });

  it('keeps the ranking that does best (top-1 / top-3 on the labelled set)', () => {
    const variants: Record<string, SuggestOptions> = {
      'pairs only': { words: false, pairs: true, folds: false },
      'words only': { words: true, pairs: false, folds: false },
      'words + pairs': { words: true, pairs: true, folds: false },
      'words + pairs + phrasings (default)': {},
    };
    const rates = Object.fromEntries(Object.entries(variants).map(([name, o]) => [name, hitRates(o)]));
    const table = Object.entries(rates).map(([name, r]) => `${name}: top-1 ${(r.top1 * 100).toFixed(1)}%, top-3 ${(r.top3 * 100).toFixed(1)}%`);
    console.log(`suggestion hit rates on ${labelled.length} messages\n${table.join('\n')}\nmisses (default):\n${rates['words + pairs + phrasings (default)'].misses.join('\n')}`);
    const best = rates['words + pairs + phrasings (default)'];
    for (const r of Object.values(rates)) expect(best.top1 + best.top3).toBeGreaterThanOrEqual(r.top1 + r.top3);
    expect(best.top1).toBeGreaterThanOrEqual(0.8);
    expect(best.top3).toBeGreaterThanOrEqual(0.9);
  });

  it('suggests nothing for small talk, and reads HTML-looking or huge text as text', () => {
    const index = buildSuggestIndex(shelf);
    expect(suggestSnippets(index, ['嗯嗯'])).toEqual([]);
    expect(suggestSnippets(index, ['<script>alert(1)</script>'])).toEqual([]);
    const huge = '啊'.repeat(100_000) + '我要退保';
    expect(suggestSnippets(index, [huge]).map((e) => e.id)).toContain('after-sales:retention');
  });
});

describe('suggestions scored through the term postings', () => {
  /** The doc-by-doc scoring the postings replaced: every doc, every query term. */
  function everyDoc(index: ReturnType<typeof buildSuggestIndex>, messages: string[], limit: number): SearchEntry[] {
    const query = new Map<string, number>();
    messages.slice(-3).forEach((text, i, all) => {
      const weight = i === all.length - 1 ? 1 : 0.5;
      for (const t of termsOf(text, index.options)) query.set(t, Math.max(query.get(t) ?? 0, weight));
      for (const latin of text.toLowerCase().match(/[a-z]{3,}/g) ?? []) query.set(`l:${latin}`, weight);
    });
    const scored: Array<{ entry: SearchEntry; score: number }> = [];
    for (const doc of index.docs) {
      let score = 0;
      for (const [term, weight] of query) {
        const f = doc.tf.get(term);
        if (!f) continue;
        const idf = index.idf.get(term) ?? 0;
        score += weight * idf * ((f * 2.2) / (f + 1.2 * (0.25 + (0.75 * doc.length) / index.avgLength)));
      }
      if (score >= 1.5) scored.push({ entry: doc.entry, score });
    }
    return scored.sort((a, b) => b.score - a.score).slice(0, limit).map((s) => s.entry);
  }

  it('ranks exactly as scoring every snippet did, for every labelled message and conversations of them', () => {
    const index = buildSuggestIndex(shelf);
    const messages = labelled.map(([message]) => message);
    let suggested = 0;
    for (let i = 0; i < messages.length; i++) {
      for (const said of [[messages[i]], messages.slice(Math.max(0, i - 2), i + 1), [`${messages[i]} tuibao fapiao`]]) {
        const ids = suggestSnippets(index, said, 5).map((e) => e.id);
        expect(ids).toEqual(everyDoc(index, said, 5).map((e) => e.id));
        if (ids.length) suggested++;
      }
    }
    expect(suggested).toBeGreaterThan(messages.length);
  });
});
