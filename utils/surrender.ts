import { defaultSurrenderRules, type SurrenderRules } from './settings';
import { matchesRule as matches } from './text-rules';

export type SurrenderKind = 'self' | 'assisted' | 'unknown';

export const surrenderKindText: Record<SurrenderKind, string> = {
  self: '自助退保',
  assisted: '协助退保',
  unknown: '来源不明',
};

/** Seed item 50: did the customer surrender by themselves, or did an agent do it for them? Assisted wins. */
export function classifySurrender(values: string[], rules: SurrenderRules = defaultSurrenderRules): SurrenderKind {
  const text = values.join(' ');
  if (!text.trim()) return 'unknown';
  if (rules.assisted.some((rule) => matches(rule, text))) return 'assisted';
  if (rules.self.some((rule) => matches(rule, text))) return 'self';
  return 'unknown';
}
