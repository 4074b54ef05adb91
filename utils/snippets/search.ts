import type { BusinessLine, ShelfOwner, Snippet } from '../db';

/**
 * Snippet search shared by the in-page picker, the side panel and the options page. Pure and
 * dictionary-free: pinyin and initials were computed when the snippet was written, so this file is
 * safe in the content script.
 */

/** One snippet as search and insertion need it: what the background hands the content script. */
export interface SearchEntry {
  id: string;
  line: BusinessLine;
  owner: ShelfOwner;
  title: string;
  text: string;
  shortcut?: string;
  /** For suggestions and retention scripts (退保挽留); absent when the snippet has none. */
  tags?: string[];
  pinyin: string;
  initials: string;
  textInitials: string;
  useCount: number;
  lastUsedAt?: number;
  pinnedAt?: number;
}

/**
 * Entries plus, per entry, one search string holding its folded keys in tier order (all but the
 * text's initials, which the entry holds), and where each key starts in it. Built once.
 */
export interface SearchIndex {
  entries: SearchEntry[];
  hay: string[];
  /** FIELDS.length start offsets per entry, into its hay string. */
  starts: Int32Array;
  /**
   * Every entry's hay in one string (each hay a slice of it), and the text's initials in another, with
   * where each entry's part starts (and one past the last): a search jumps between the entries that
   * hold its term (one native `indexOf`) instead of looking at each of 20,000.
   */
  all?: { hay: string; at: Int32Array; initials: string; initialsAt: Int32Array };
  /** Entries whose text's initials are one or two letters: there a one- or two-letter term counts (termScore). */
  shortInitials?: Int32Array;
  /**
   * Per first one and first two characters, the entries whose shortcut, title, initials or pinyin
   * starts with them (ascending): a short query's best matches are among these, so a keystroke
   * ranks a few hundred entries instead of scanning 20,000 (searchSnippets).
   */
  prefixes?: Map<string, Int32Array>;
}

/** Keys in the order of their "found inside" tier; a separator no query contains keeps them apart. */
const FIELDS = ['title', 'initials', 'pinyin', 'shortcut', 'text'] as const;
const [TITLE, INITIALS, PINYIN, SHORTCUT, TEXT] = [0, 1, 2, 3, 4];
const INSIDE_SCORE = [60, 55, 50, 45, 30];
/** Found only in the text's initials (the last tier, kept apart from the hay). */
const TEXT_INITIALS_SCORE = 20;
/** The lowest score of a term a key starts with (termScore): above every "found inside" score. */
const STARTS_SCORE = 75;
/** The keys a term can start (termScore's 100-75 tiers). */
const START_FIELDS = [SHORTCUT, TITLE, INITIALS, PINYIN];
const SEP = '\u0001';
/** Between entries in SearchIndex.all. */
const JOIN = '\u0002';

/** The part of a stored snippet that search and insertion need; what the picker is sent. */
export function toSearchEntry(s: Snippet): SearchEntry {
  const entry: SearchEntry = {
    id: s.id,
    line: s.line,
    owner: s.owner,
    title: s.title,
    text: s.text,
    pinyin: s.pinyin ?? '',
    initials: s.initials ?? '',
    textInitials: s.textInitials ?? '',
    useCount: s.useCount ?? 0,
  };
  if (s.shortcut) entry.shortcut = s.shortcut;
  if (s.tags?.length) entry.tags = s.tags;
  if (s.lastUsedAt) entry.lastUsedAt = s.lastUsedAt;
  if (s.pinnedAt) entry.pinnedAt = s.pinnedAt;
  return entry;
}

/** The order search falls back on: oldest first, so the starter shelf leads a fresh library. */
export function libraryOrder<T extends { createdAt: number; id: string }>(rows: T[]): T[] {
  return [...rows].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Full-width letters from a Chinese IME (ｈｙ) fold to ASCII, and case is ignored. */
export function foldForSearch(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

export function buildSearchIndex(entries: SearchEntry[]): SearchIndex {
  const starts = new Int32Array(entries.length * FIELDS.length);
  const own = entries.map((e, i) => {
    const keys = [foldForSearch(e.title), e.initials, e.pinyin, foldForSearch(e.shortcut ?? ''), foldForSearch(e.text)];
    let at = 0;
    for (let f = 0; f < keys.length; f++) {
      starts[i * FIELDS.length + f] = at;
      at += keys[f].length + 1;
    }
    return keys.join(SEP);
  });
  const joined = joinAll(own);
  // Slices of the one string (no second copy of 20,000 hays).
  const hay = own.map((h, i) => joined.text.slice(joined.at[i], joined.at[i] + h.length));
  const initials = joinAll(entries.map((e) => e.textInitials));
  const shortInitials = Int32Array.from(entries.flatMap((e, i) => (e.textInitials.length > 0 && e.textInitials.length <= 2 ? [i] : [])));
  return {
    entries, hay, starts, prefixes: prefixIndex(hay, starts), shortInitials,
    all: { hay: joined.text, at: joined.at, initials: initials.text, initialsAt: initials.at },
  };
}

function joinAll(parts: string[]): { text: string; at: Int32Array } {
  const at = new Int32Array(parts.length + 1);
  for (let i = 0; i < parts.length; i++) at[i + 1] = at[i] + parts[i].length + 1;
  return { text: parts.join(JOIN), at };
}

/** Each entry whose part of `text` holds `term`, once, in order, with where its first one is in that part. */
function eachHolder(text: string, at: Int32Array, term: string, visit: (i: number, found: number) => void): void {
  const last = at.length - 2;
  let pos = text.indexOf(term);
  let lo = 0;
  while (pos >= 0) {
    // The entry the match is in: the last whose part starts at or before it (often the next one: look there first).
    let hi = lo + 2 <= last && at[lo + 2] > pos ? lo + 1 : last;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (at[mid] <= pos) lo = mid;
      else hi = mid - 1;
    }
    visit(lo, pos - at[lo]);
    pos = lo < last ? text.indexOf(term, at[lo + 1]) : -1;
  }
}

function prefixIndex(hay: string[], starts: Int32Array): Map<string, Int32Array> {
  const lists = new Map<string, number[]>();
  const add = (prefix: string, i: number) => {
    const list = lists.get(prefix);
    if (!list) lists.set(prefix, [i]);
    else if (list[list.length - 1] !== i) list.push(i);
  };
  for (let i = 0; i < hay.length; i++) {
    for (const field of START_FIELDS) {
      const at = starts[i * FIELDS.length + field];
      const end = hay[i].indexOf(SEP, at);
      const length = (end < 0 ? hay[i].length : end) - at;
      if (length >= 1) add(hay[i].substr(at, 1), i);
      if (length >= 2) add(hay[i].substr(at, 2), i);
    }
  }
  const prefixes = new Map<string, Int32Array>();
  for (const [prefix, list] of lists) prefixes.set(prefix, Int32Array.from(list));
  return prefixes;
}

/**
 * How well one query term matches entry i: -1 when it is nowhere in the entry, 0 when it is there
 * but says nothing (one letter among the text's initials). The tiers are the ranking: an exact
 * shortcut, then a shortcut, title, initials or full pinyin that starts with the term, then the
 * term found inside title, initials, pinyin, shortcut, text, and last in the text's initials.
 */
function termScore(index: SearchIndex, i: number, term: string): number {
  const hay = index.hay[i];
  const found = hay.indexOf(term);
  if (found < 0) {
    const initials = index.entries[i].textInitials;
    if (!initials.includes(term)) return -1;
    // One or two letters "found" among a longer text's initials say nothing (//hy would list every text
    // with 还有 in it): such an entry stays a candidate for the next keystroke but is not shown.
    return term.length < Math.min(3, initials.length) ? 0 : TEXT_INITIALS_SCORE;
  }
  const base = i * FIELDS.length;
  const starts = index.starts;
  const shortcutAt = starts[base + SHORTCUT];
  if (hay.startsWith(term, shortcutAt)) return starts[base + TEXT] - shortcutAt - 1 === term.length ? 100 : 90;
  if (found === 0) return 85;
  if (hay.startsWith(term, starts[base + INITIALS])) return 80;
  if (hay.startsWith(term, starts[base + PINYIN])) return 75;
  let field = TITLE;
  while (field < TEXT && found >= starts[base + field + 1]) field++;
  return INSIDE_SCORE[field];
}

/**
 * Better first: match quality, then use, then recent use; for a query the shorter title (the closer
 * match), and last the index's own order (with no query: the library's order, starter phrases first).
 */
function better(index: SearchIndex, a: number, aScore: number, b: number, bScore: number): boolean {
  if (aScore !== bScore) return aScore > bScore;
  const ea = index.entries[a];
  const eb = index.entries[b];
  if (ea.useCount !== eb.useCount) return ea.useCount > eb.useCount;
  const ra = ea.lastUsedAt ?? 0;
  const rb = eb.lastUsedAt ?? 0;
  if (ra !== rb) return ra > rb;
  if (aScore > 0 && ea.title.length !== eb.title.length) return ea.title.length < eb.title.length;
  return a < b;
}

/** Puts entry i into the sorted top list (best first, at most `limit`) if it belongs there. */
function keepBest(index: SearchIndex, top: number[], topScore: number[], limit: number, i: number, score: number): void {
  const last = top.length - 1;
  if (top.length === limit && !better(index, i, score, top[last], topScore[last])) return;
  let at = top.length === limit ? last : top.length;
  while (at > 0 && better(index, i, score, top[at - 1], topScore[at - 1])) {
    top[at] = top[at - 1];
    topScore[at] = topScore[at - 1];
    at--;
  }
  top[at] = i;
  topScore[at] = score;
}

/**
 * What the last query of an index matched (every term found, whatever its score). Typing only ever
 * extends the query, and an entry that holds "hyx" holds "hy": the next keystroke scans these alone.
 */
const lastMatches = new WeakMap<SearchIndex, {
  folded: string;
  candidates: Int32Array;
  /**
   * Set when the entries holding this term (by its place in the query) only among a long text's initials
   * were left out: they cannot show while it stays at one or two letters, so only such a query narrows here.
   */
  short?: number;
}>();

/**
 * The best `limit` snippets for what the agent typed: every space-separated term must match. An
 * empty query lists the most used. Keeps a small sorted top list instead of sorting every match,
 * so a keystroke stays within a few milliseconds at 20,000 snippets. The result depends only on
 * the index and the query; the memo above only decides which entries need looking at.
 */
export function searchSnippets(index: SearchIndex, query: string, limit = 50): SearchEntry[] {
  if (limit <= 0) return [];
  const folded = foldForSearch(query);
  const terms = folded.split(/\s+/).filter(Boolean);
  if (!terms.length) return firstListed(index, limit);
  if (terms.length === 1) {
    const found = startsSearch(index, terms[0], limit);
    if (found) return found;
  }
  const previous = lastMatches.get(index);
  const top: number[] = [];
  const topScore: number[] = [];
  const candidates: number[] = [];
  const visit = (i: number) => {
    let score = 0;
    for (let t = 0; t < terms.length && score >= 0; t++) {
      const s = termScore(index, i, terms[t]);
      score = s < 0 ? -2 : s === 0 ? -1 : score + s;
    }
    if (score === -2) return;
    candidates.push(i);
    if (score >= 0) keepBest(index, top, topScore, limit, i, score);
  };
  let short: number | undefined;
  if (previous && folded.startsWith(previous.folded) && (previous.short === undefined || (terms[previous.short]?.length ?? 3) <= 2)) {
    const held = previous.candidates;
    for (let c = 0; c < held.length; c++) visit(held[c]);
    short = previous.short;
  } else {
    short = visitHolders(index, terms, visit);
  }
  lastMatches.set(index, { folded, candidates: Int32Array.from(candidates), short });
  return top.map((i) => index.entries[i]);
}

/**
 * Visits the entries that hold the query's longest term (every entry that can match holds it), jumping
 * between them. A term of one or two letters skips the entries holding it only among the text's initials,
 * where it does not count (termScore) unless those initials are that short: then its place in the query
 * is returned (lastMatches.short), else undefined (every entry holding it was visited).
 */
function visitHolders(index: SearchIndex, terms: string[], visit: (i: number) => void): number | undefined {
  const { all, shortInitials } = index;
  if (!all || !shortInitials) {
    for (let i = 0; i < index.entries.length; i++) visit(i);
    return undefined;
  }
  let longest = 0;
  for (let t = 1; t < terms.length; t++) if (terms[t].length > terms[longest].length) longest = t;
  const term = terms[longest];
  const seen = new Uint8Array(index.entries.length);
  eachHolder(all.hay, all.at, term, (i) => {
    seen[i] = 1;
    visit(i);
  });
  if (term.length >= 3) {
    eachHolder(all.initials, all.initialsAt, term, (i) => seen[i] || visit(i));
    return undefined;
  }
  for (const i of shortInitials) if (!seen[i]) visit(i);
  return longest;
}

/**
 * One term that at least `limit` entries have a key starting with: those outrank every entry that
 * only holds it inside (75+ against 60 at most), so the best `limit` are among them, ranked exactly
 * as the full scan would. Undefined when there are fewer (the full scan then looks inside too).
 */
function startsSearch(index: SearchIndex, term: string, limit: number): SearchEntry[] | undefined {
  const bucket = index.prefixes?.get(term.slice(0, 2));
  if (!bucket || bucket.length < limit) return undefined;
  const top: number[] = [];
  const topScore: number[] = [];
  let starting = 0;
  for (let c = 0; c < bucket.length; c++) {
    const i = bucket[c];
    const score = termScore(index, i, term);
    if (score < STARTS_SCORE) continue;
    starting++;
    keepBest(index, top, topScore, limit, i, score);
  }
  if (starting < limit) return undefined;
  // The next keystroke cannot narrow from here (entries holding the term inside were not looked at).
  lastMatches.delete(index);
  return top.map((i) => index.entries[i]);
}

/**
 * The list with no keyword, per index: it is the same until a use is counted (countUse) or a new index
 * arrives, and computing it reads every entry (a few ms at 20,000) in the keystroke that opens the picker.
 */
const firstLists = new WeakMap<SearchIndex, { limit: number; list: SearchEntry[] }>();

/** Counts a use of an entry of this index (the picker's insert), so the lists rank it at once. */
export function countUse(index: SearchIndex | undefined, entry: SearchEntry, at = Date.now()): void {
  entry.useCount++;
  entry.lastUsedAt = at;
  if (index) firstLists.delete(index);
}

/** How many of the last used snippets lead the list opened with no keyword (after the pinned ones). */
export const RECENT_FIRST = 3;

/**
 * The list with no keyword: the pinned snippets (latest pin first), then the last used few, then the
 * most used, then the library's order (starter phrases first in a fresh library).
 */
function firstListed(index: SearchIndex, limit: number): SearchEntry[] {
  lastMatches.delete(index);
  const held = firstLists.get(index);
  if (held?.limit === limit) return held.list;
  const { entries } = index;
  const pinned = entries.filter((e) => e.pinnedAt).sort((a, b) => b.pinnedAt! - a.pinnedAt!);
  const recent = entries
    .filter((e) => !e.pinnedAt && e.lastUsedAt)
    .sort((a, b) => b.lastUsedAt! - a.lastUsedAt!)
    .slice(0, RECENT_FIRST);
  const lead = new Set([...pinned, ...recent]);
  const rest: number[] = [];
  for (let i = 0; i < entries.length; i++) {
    if (lead.has(entries[i])) continue;
    // A small sorted top list, as for a query: a keystroke-cheap first open at 20,000 snippets.
    if (rest.length === limit && !better(index, i, 0, rest[limit - 1], 0)) continue;
    let at = rest.length === limit ? limit - 1 : rest.length;
    while (at > 0 && better(index, i, 0, rest[at - 1], 0)) {
      rest[at] = rest[at - 1];
      at--;
    }
    rest[at] = i;
  }
  const list = [...pinned, ...recent, ...rest.map((i) => entries[i])].slice(0, limit);
  firstLists.set(index, { limit, list });
  return list;
}
