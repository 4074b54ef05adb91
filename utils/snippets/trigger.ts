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
