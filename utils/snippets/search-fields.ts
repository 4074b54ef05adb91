import { pinyin, polyphonic } from 'pinyin-pro';

/**
 * What the picker's search needs precomputed, written into every snippet row at write time, so the
 * content script (which runs on every SEA page) never loads a pinyin dictionary.
 */
export interface SearchFields {
  /** Full toneless pinyin of the title, no separators, lower case: 欢迎语 → huanyingyu. */
  pinyin: string;
  /** First letters of the title: 欢迎语 → hyy. Latin letters and digits are kept as they are. */
  initials: string;
  /** First letters of the text, so `nhhgx` finds 您好，很高兴… wherever the title says otherwise. */
  textInitials: string;
}

const KEEP = /[a-z0-9\u00fc]/;
const U_UMLAUT = /[ǖǘǚǜü]/g;
const TONE_MARKS = /[\u0300-\u036f]/g;

/**
 * Tone marks folded away here (ǜ → v, ā → a): asking pinyin-pro for toneType 'none' strips them with
 * a regex per syllable, which made a 20,000-snippet import 2.5x slower (bench).
 */
const fold = (syllable: string) => syllable.replace(U_UMLAUT, 'v').normalize('NFD').replace(TONE_MARKS, '').toLowerCase();

/** CJK unified ideographs (and extension A, compatibility): what pinyin-pro reads. */
const isHan = (code: number) => (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0xf900 && code <= 0xfaff);

/** What a syllable adds to the search fields: its kept letters, and its first letter if kept. */
interface Letters {
  pinyin: string;
  initial: string;
}

interface Reading extends Letters {
  /** Every reading folds to this syllable: context cannot change it. */
  sure: boolean;
  /** Every reading starts with the same letter: context cannot change its initial. */
  initialSure: boolean;
}

/** a-z, 0-9 and ü: what search keeps of a syllable or a Latin character. */
const isKept = (ch: string) => KEEP.test(ch);

function letters(syllable: string): Letters {
  let pinyin = '';
  for (const ch of syllable) if (isKept(ch)) pinyin += ch;
  return { pinyin, initial: syllable[0] && isKept(syllable[0]) ? syllable[0] : '' };
}

/**
 * pinyin-pro costs ~50 µs a call whatever the length (20,000 snippets: ~2.5 s, most of an import).
 * Most characters read one way: those come from a per-character cache; only a character with
 * several readings (行 xing/hang, 重 zhong/chong) is read in its context, a few characters either
 * side, and that window is cached too (service phrases repeat). Strings are built directly, not as
 * arrays per character: at 20,000 snippets the garbage collector was half the time.
 */
const readings = new Map<number, Reading>();
const inContext = new Map<string, Letters>();
const CONTEXT = 3;
const MAX_CONTEXTS = 50_000;

function reading(char: string, code: number): Reading {
  let r = readings.get(code);
  if (!r) {
    const all = [...new Set((polyphonic(char, { toneType: 'symbol', type: 'array' })[0] ?? []).map(fold))];
    r = { ...letters(fold(pinyin(char, { toneType: 'symbol' }))), sure: all.length <= 1, initialSure: new Set(all.map((s) => s[0])).size <= 1 };
    readings.set(code, r);
  }
  return r;
}

function readInContext(text: string, at: number): Letters {
  const from = Math.max(0, at - CONTEXT);
  const window = text.slice(from, at + CONTEXT + 1);
  const key = `${at - from}:${window}`;
  let read = inContext.get(key);
  if (read === undefined) {
    read = letters(fold(pinyin(window, { toneType: 'symbol', type: 'array' })[at - from] ?? ''));
    if (inContext.size >= MAX_CONTEXTS) inContext.clear();
    inContext.set(key, read);
  }
  return read;
}

/**
 * The same as running pinyin-pro on the whole text (one syllable per Chinese character, other
 * characters lower-cased as they are) and keeping a-z, 0-9 and ü. `initialsOnly`: a character whose
 * readings share their first letter needs no context.
 */
function readText(text: string, initialsOnly: boolean): Letters {
  let pinyinOut = '';
  let initials = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!isHan(code)) {
      const lower = text[i].toLowerCase();
      if (isKept(lower)) {
        if (!initialsOnly) pinyinOut += lower;
        initials += lower;
      }
      continue;
    }
    const r = reading(text[i], code);
    const read = (initialsOnly ? r.initialSure : r.sure) ? r : readInContext(text, i);
    if (!initialsOnly) pinyinOut += read.pinyin;
    initials += read.initial;
  }
  return { pinyin: pinyinOut, initial: initials };
}

export function searchFieldsFor(snippet: { title: string; text: string }): SearchFields {
  const title = readText(snippet.title, false);
  return { pinyin: title.pinyin, initials: title.initial, textInitials: readText(snippet.text, true).initial };
}
