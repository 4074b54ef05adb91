/**
 * The key combination that opens the snippet picker at the caret without typing the trigger
 * (Settings.snippetShortcut, Alt+/ by default; empty: none). Written as agents read it: `Alt+/`,
 * `Ctrl+Shift+K`. Keys are matched by what the key says and by where it sits (e.code), so Alt+/ works
 * where Alt changes the character the key types (Option+/ on a Mac types ÷).
 */

export interface KeyCombo {
  ctrl: boolean;
  alt: boolean;
  shift: boolean;
  meta: boolean;
  /** One character, upper-case for letters, or a key name (Space, F2, Enter…). */
  key: string;
}

const MODIFIERS = ['Ctrl', 'Alt', 'Shift', 'Meta'] as const;
/** The editing keys every editor needs: Ctrl+C, Ctrl+V… are never taken. */
const RESERVED = new Set(['Ctrl+A', 'Ctrl+C', 'Ctrl+V', 'Ctrl+X', 'Ctrl+Z', 'Ctrl+Y', 'Ctrl+Shift+Z']);

/** The key of a code, as a US keyboard labels it: KeyA → A, Digit1 → 1, Slash → /. */
const CODE_KEYS: Record<string, string> = {
  Slash: '/', Period: '.', Comma: ',', Semicolon: ';', Quote: "'", BracketLeft: '[', BracketRight: ']',
  Backslash: '\\', Backquote: '`', Minus: '-', Equal: '=', Space: 'Space',
};

function keyName(key: string): string {
  if (key === ' ') return 'Space';
  return key.length === 1 ? key.toUpperCase() : key;
}

function codeKey(code: string): string | undefined {
  if (/^Key[A-Z]$/.test(code)) return code.slice(3);
  if (/^Digit\d$/.test(code)) return code.slice(5);
  return CODE_KEYS[code];
}

export function formatShortcut(combo: KeyCombo): string {
  return [...MODIFIERS.filter((m) => combo[m.toLowerCase() as 'ctrl']), combo.key].join('+');
}

/**
 * A shortcut from its text, or the reason it cannot be one (Chinese, for the options page). An empty
 * text is no shortcut at all.
 */
export function parseShortcut(text: string): KeyCombo | { error: string } | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  // `Alt++` names the + key.
  const parts = trimmed.replace(/\+\+$/, '+plus').split('+').map((p) => p.trim());
  const combo: KeyCombo = { ctrl: false, alt: false, shift: false, meta: false, key: '' };
  for (const part of parts.slice(0, -1)) {
    const modifier = MODIFIERS.find((m) => m.toLowerCase() === part.toLowerCase() || (m === 'Ctrl' && /^control$/i.test(part)));
    if (!modifier) return { error: `“${part}”不是修饰键（可用 Ctrl、Alt、Shift、Meta）` };
    combo[modifier.toLowerCase() as 'ctrl'] = true;
  }
  const last = parts[parts.length - 1];
  combo.key = last === 'plus' ? '+' : keyName(last);
  if (!combo.key) return { error: '快捷键缺少按键，例如 Alt+/' };
  // Without Ctrl, Alt or Meta a shortcut would fire while typing.
  if (!combo.ctrl && !combo.alt && !combo.meta && !/^F\d{1,2}$/.test(combo.key)) return { error: '快捷键需要包含 Ctrl、Alt 或 Meta，例如 Alt+/' };
  if (RESERVED.has(formatShortcut(combo))) return { error: `${formatShortcut(combo)} 是编辑常用键，请换一个` };
  return combo;
}

/** The combination a key press makes, for recording one in the options page; null for a bare modifier. */
export function comboOf(e: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'altKey' | 'shiftKey' | 'metaKey'>): KeyCombo | null {
  if (['Control', 'Alt', 'Shift', 'Meta', 'AltGraph', 'Process', 'Unidentified'].includes(e.key)) return null;
  return { ctrl: e.ctrlKey, alt: e.altKey, shift: e.shiftKey, meta: e.metaKey, key: codeKey(e.code) ?? keyName(e.key) };
}

export function matchesShortcut(e: KeyboardEvent, combo: KeyCombo): boolean {
  if (e.ctrlKey !== combo.ctrl || e.altKey !== combo.alt || e.metaKey !== combo.meta) return false;
  const byKey = keyName(e.key) === combo.key;
  // Shift may be what types the key (? is Shift+/): by the character, Shift is not checked.
  return (byKey && (e.shiftKey === combo.shift || (e.key.length === 1 && !/[A-Za-z]/.test(e.key)))) || (e.shiftKey === combo.shift && codeKey(e.code) === combo.key);
}
