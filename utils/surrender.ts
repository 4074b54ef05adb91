import { defaultSurrenderRules, type SurrenderRules } from './settings';

export type SurrenderKind = 'self' | 'assisted' | 'unknown';

export const surrenderKindText: Record<SurrenderKind, string> = {
  self: '自助退保',
  assisted: '协助退保',
  unknown: '来源不明',
};

/** A rule is plain text to find, or `/regex/` for patterns such as 工号 followed by digits. */
function matches(rule: string, text: string): boolean {
  const regex = /^\/(.+)\/([a-z]*)$/.exec(rule);
  if (regex) {
    try {
      return new RegExp(regex[1], regex[2]).test(text);
    } catch {
      return false; // a broken site rule matches nothing rather than breaking the page
    }
  }
  return text.includes(rule);
}

/** Seed item 50: did the customer surrender by themselves, or did an agent do it for them? Assisted wins. */
export function classifySurrender(values: string[], rules: SurrenderRules = defaultSurrenderRules): SurrenderKind {
  const text = values.join(' ');
  if (!text.trim()) return 'unknown';
  if (rules.assisted.some((rule) => matches(rule, text))) return 'assisted';
  if (rules.self.some((rule) => matches(rule, text))) return 'self';
  return 'unknown';
}
