/**
 * The snippet trigger (Settings.snippetTrigger, // by default) and how Chinese agents actually type
 * it: with the IME in Chinese punctuation mode / gives 、 and in full-width mode ／, so those count too.
 */

const IME_PUNCTUATION: Record<string, string> = { '/': '、', '\\': '、', '.': '。', ',': '，', ';': '；', ':': '：', '?': '？', '!': '！' };

const fullWidth = (ch: string) => (ch >= '!' && ch <= '~' ? String.fromCharCode(ch.charCodeAt(0) + 0xfee0) : ch);

export function triggerVariants(trigger: string): string[] {
  const chars = [...trigger];
  return [...new Set([trigger, chars.map(fullWidth).join(''), chars.map((ch) => IME_PUNCTUATION[ch] ?? ch).join('')])];
}

/**
 * Whether a trigger starting at `at` in `before` is one: not glued to a word or a URL (http://,
 * a//b), which would otherwise open the picker in the middle of ordinary text.
 */
export function triggerAt(before: string, at: number): boolean {
  return at === 0 || !/[A-Za-z0-9:/\\]/.test(before[at - 1]);
}

/** A keyword after the trigger: short, on one line, not starting with a space (`// ` is prose). */
export function isKeyword(keyword: string, max: number): boolean {
  return keyword.length <= max && !/^\s|\n/.test(keyword);
}

/**
 * The trigger a picker opens on, and the keyword already typed after it: the last trigger in the text
 * before the caret whose last character, and everything after it, the agent typed lately (`recent`: the
 * keystrokes' text since the caret last moved). Editors that keep their own model (CKEditor 5, wangEditor) are read only after
 * they apply a keystroke, and by then the next keys may be in too (`//j`); old or Esc'd `//` text, not
 * typed lately, stays quiet.
 */
export function openingIn(before: string, recent: string, triggers: string[], maxKeyword: number): { trigger: string; keyword: string } | undefined {
  for (const trigger of triggers) {
    const at = before.lastIndexOf(trigger);
    if (at < 0 || !triggerAt(before, at)) continue;
    const keyword = before.slice(at + trigger.length);
    if (isKeyword(keyword, maxKeyword) && recent.includes(before.slice(at + trigger.length - 1))) return { trigger, keyword };
  }
  return undefined;
}
