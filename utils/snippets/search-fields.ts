import { pinyin } from 'pinyin-pro';

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
 * Syllables with their tone marks folded away here (ǜ → v, ā → a): asking pinyin-pro for toneType
 * 'none' strips them with a regex per syllable, which made a 20,000-snippet import 2.5x slower (bench).
 */
function syllables(text: string): string[] {
  return pinyin(text, { toneType: 'symbol', type: 'array' }).map((part) =>
    part.replace(U_UMLAUT, 'v').normalize('NFD').replace(TONE_MARKS, '').toLowerCase(),
  );
}

/** Punctuation and spaces carry no search value; Chinese syllables and Latin/digits do. */
function kept(text: string): string {
  let out = '';
  for (const ch of text) if (KEEP.test(ch)) out += ch;
  return out;
}

export function searchFieldsFor(snippet: { title: string; text: string }): SearchFields {
  // One pinyin call per string: a title's initials are its syllables' first letters.
  const title = syllables(snippet.title);
  return {
    pinyin: kept(title.join('')),
    initials: kept(title.map((s) => s[0] ?? '').join('')),
    textInitials: kept(syllables(snippet.text).map((s) => s[0] ?? '').join('')),
  };
}
