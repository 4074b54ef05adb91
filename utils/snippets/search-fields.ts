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

function letters(text: string, pattern: 'pinyin' | 'first'): string {
  const parts = pinyin(text, { pattern, toneType: 'none', type: 'array', v: true });
  let out = '';
  for (const part of parts) {
    const lower = part.toLowerCase();
    // Punctuation and spaces carry no search value; Chinese syllables and Latin/digits do.
    for (const ch of lower) if (KEEP.test(ch)) out += ch;
  }
  return out;
}

export function searchFieldsFor(snippet: { title: string; text: string }): SearchFields {
  return {
    pinyin: letters(snippet.title, 'pinyin'),
    initials: letters(snippet.title, 'first'),
    textInitials: letters(snippet.text, 'first'),
  };
}
