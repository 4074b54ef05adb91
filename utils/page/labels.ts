import { builtInLabels, fieldKinds, type FieldKind, type LabelOverrides } from '../fields';

export { builtInLabels, fieldKindNames, fieldKinds, type FieldKind, type LabelOverrides } from '../fields';

const SPACES = /[\s\u3000\u00a0\u200b-\u200d\u2060\ufeff]+/g;

/** A label as compared: no white space anywhere (查 询 → 查询), no trailing ':' or '：'. */
export function normalizeLabel(text: string): string {
  return text.replace(SPACES, '').replace(/[:：]+$/, '');
}

/** normalized label → kind; site overrides come first so they win over built-in lists. */
export function buildLabelIndex(overrides: LabelOverrides = {}): Map<string, FieldKind> {
  const index = new Map<string, FieldKind>();
  for (const kind of fieldKinds) {
    for (const label of overrides[kind] ?? []) {
      const key = normalizeLabel(label);
      if (key && !index.has(key)) index.set(key, kind);
    }
  }
  for (const kind of fieldKinds) {
    for (const label of builtInLabels[kind]) if (!index.has(label)) index.set(label, kind);
  }
  return index;
}
