import { normalizeLabel, type FieldKind } from './labels';
import type { Field } from './feature';
import { EDITABLE, bodyTableMap, cellsOf, columnIndex, isBodyHeaderRow, isDataRow, isRecordRow } from './tables';
import { COLON, ownText, valueAfterColon } from './text';

const SKIPPED_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'svg', 'TEXTAREA', 'SELECT', 'OPTION', 'INPUT']);
/** Labels are short; anything longer is a value or prose (checked before normalizing, for speed). */
const MAX_LABEL_TEXT = 24;

function labelKind(text: string, index: Map<string, FieldKind>): FieldKind | undefined {
  // A required-field star is part of some form labels: "* 保单号".
  return index.get(normalizeLabel(text).replace(/^\*+/, ''));
}

function isLabelCell(cell: Element, index: Map<string, FieldKind>): boolean {
  const text = ownText(cell);
  return text.length <= MAX_LABEL_TEXT && labelKind(text, index) !== undefined;
}

function inputValue(el: Element): string | null {
  const control = el.matches('input, textarea, select') ? el : el.querySelector('input, textarea, select');
  return control ? (control as HTMLInputElement).value : null;
}

function field(kind: FieldKind, label: string, labelEl: Element | null, valueEl: Element, value?: string): Field {
  return { kind, label, labelEl, valueEl, value: (value ?? inputValue(valueEl) ?? ownText(valueEl)).trim() };
}

/** The value that belongs to a label element, by the shapes SEA-like pages use. */
function valueFor(labelEl: Element, kind: FieldKind, label: string, index: Map<string, FieldKind>): Field | null {
  const tag = labelEl.tagName;
  if (tag === 'TD' || tag === 'TH') {
    const row = labelEl.parentElement!;
    const cells = cellsOf(row);
    if (cells.every((c) => isLabelCell(c, index))) {
      // Vertical layout: a row of labels above a row of values.
      const column = columnIndex(row, labelEl);
      const next = row.nextElementSibling;
      const below = next && cellsOf(next).find((c) => columnIndex(next, c) === column);
      return below ? field(kind, label, labelEl, below) : null;
    }
    const next = labelEl.nextElementSibling;
    return next && (next.tagName === 'TD' || next.tagName === 'TH') ? field(kind, label, labelEl, next) : null;
  }
  if (tag === 'DT') {
    const next = labelEl.nextElementSibling;
    return next?.tagName === 'DD' ? field(kind, label, labelEl, next) : null;
  }
  // label/value siblings, possibly with the label wrapped (div.label-wrap > span): climb while the wrapper holds only the label.
  let el: Element | null = labelEl;
  for (let depth = 0; el && depth < 4; depth++) {
    let sibling = el.nextSibling;
    while (sibling && sibling.nodeType === Node.TEXT_NODE && !sibling.nodeValue!.trim()) sibling = sibling.nextSibling;
    while (sibling && sibling.nodeType === Node.ELEMENT_NODE && (sibling as Element).hasAttribute('data-seakit')) {
      sibling = sibling.nextSibling;
    }
    if (sibling?.nodeType === Node.TEXT_NODE) {
      // <p><b>保单号：</b>P2024…</p>: the value is bare text after the label.
      return field(kind, label, labelEl, el.parentElement!, sibling.nodeValue!);
    }
    if (sibling?.nodeType === Node.ELEMENT_NODE) return field(kind, label, labelEl, sibling as Element);
    const parent: Element | null = el.parentElement;
    if (!parent || normalizeLabel(ownText(parent)) !== normalizeLabel(ownText(el))) return null;
    el = parent;
  }
  return null;
}

/** Not displayed to the agent: hidden measure rows (Ant Design), templates kept in the DOM. */
function isHidden(el: Element): boolean {
  return el.getAttribute('aria-hidden') === 'true' || el.hasAttribute('hidden');
}

function isSkippedRow(row: Element, index: Map<string, FieldKind>): boolean {
  if (row.parentElement?.tagName === 'THEAD') return true;
  if (isDataRow(row, index) || isBodyHeaderRow(row, index)) return true;
  const cells = cellsOf(row);
  // A header row (all th) belongs to a table handled row by row.
  return cells.length >= 2 && cells.every((c) => c.tagName === 'TH') && !row.previousElementSibling;
}

/**
 * Label/value pairs outside data-table rows: `<th>/<td>` pairs, `<dt>/<dd>`, `.label` + value,
 * `<label>` + form control, and "保单号：P2024…" text.
 */
export function scanPairs(root: Element, index: Map<string, FieldKind>): Field[] {
  const fields: Field[] = [];
  const seen = new Set<Element>();
  // Never inside what the agent is typing (a reply box): a button there would be sent with the message.
  // (The attribute, not isContentEditable, which forces a style recalc: rejecting the editing host skips all inside it.)
  const rejected = (el: Element) =>
    SKIPPED_TAGS.has(el.tagName) || el.hasAttribute('data-seakit') || isHidden(el) || el.matches(EDITABLE) ||
    (el.tagName === 'TR' && isSkippedRow(el, index));

  const scan = (from: Element) => {
    const walker = document.createTreeWalker(from, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode(node) {
        if (node.nodeType === Node.TEXT_NODE) return NodeFilter.FILTER_ACCEPT;
        const el = node as Element;
        if (rejected(el)) return NodeFilter.FILTER_REJECT;
        // A list's body: its record rows are read by row passes, so only the others (expand rows) are
        // scanned, here and in order. Sorting 2,000 rows this way is ~10x cheaper than visiting each.
        const map = bodyTableMap(el, index);
        if (!map) return NodeFilter.FILTER_SKIP;
        for (let row = el.firstElementChild; row; row = row.nextElementSibling) {
          if (!isRecordRow(row, map) && !rejected(row)) scan(row);
        }
        return NodeFilter.FILTER_REJECT;
      },
    });
    for (let node = walker.nextNode(); node; node = walker.nextNode()) readText(node as Text);
  };

  const readText = (node: Text) => {
    const raw = node.nodeValue!;
    if (raw.length > 200 || !raw.trim()) return;
    const parent = node.parentElement!;
    if (seen.has(parent)) return;
    const parentText = ownText(parent);
    if (parentText.length <= MAX_LABEL_TEXT) {
      const kind = labelKind(parentText, index);
      if (kind) {
        seen.add(parent);
        const found = valueFor(parent, kind, normalizeLabel(parentText).replace(/^\*+/, ''), index);
        if (found) fields.push(found);
        return;
      }
    }
    const colon = raw.search(COLON);
    if (colon > 0 && colon <= MAX_LABEL_TEXT) {
      const label = normalizeLabel(raw.slice(0, colon));
      const kind = index.get(label);
      const value = valueAfterColon(raw);
      if (kind && value) {
        seen.add(parent);
        fields.push(field(kind, label, null, parent, value));
      }
    }
  };

  scan(root);
  return fields;
}
