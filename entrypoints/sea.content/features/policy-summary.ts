import { defineFeature, type Field } from '~/utils/page/feature';
import type { FieldKind } from '~/utils/page/labels';
import { createInjected } from '~/utils/page/inject';
import { isEmptyValue } from '~/utils/page/text';
import { copyIcon, onCopyClick } from '~/utils/clipboard';

/**
 * Seed item 10: the facts agents look for first, in one card at the top of a policy's detail view, each
 * copyable. The card follows the view (another policy, a re-render) and goes when the view goes.
 */
const SHOWN: Array<[FieldKind, string]> = [
  ['policyNo', '保单号'], ['productName', '产品名称'], ['policyStatus', '保单状态'], ['applicant', '投保人'],
  ['insured', '被保人'], ['appliedTime', '投保时间'], ['effectiveTime', '生效时间'], ['expiryTime', '到期时间'],
];
/** A detail view shows a policy number and at least three of these. */
const FACTS: FieldKind[] = ['applicant', 'insured', 'productName', 'policyStatus', 'appliedTime', 'effectiveTime', 'expiryTime'];

let card: HTMLElement | null = null;
let seenThisPass = false;

function removeCard(): void {
  card?.remove();
  card = null;
}

/** Where the card goes: above the view's own content, outside any table, above the wrappers of a lone table. */
function placeBefore(fields: Field[]): { parent: Element; before: Element | null } | null {
  let common: Element | null = fields[0].valueEl;
  for (const f of fields) while (common && !common.contains(f.valueEl)) common = common.parentElement;
  if (!common || common === document.documentElement) return null;
  const table = common.closest('table');
  let outer: Element | null = null;
  for (let t = table; t; t = t.parentElement?.closest('table') ?? null) outer = t;
  if (!outer) {
    if (common === document.body) return { parent: document.body, before: document.body.firstElementChild };
    return { parent: common, before: common.firstElementChild };
  }
  let anchor: Element = outer;
  // A table's only-child wrappers (el-descriptions__body, ant-descriptions-view) belong with it.
  for (let depth = 0; depth < 2 && anchor.parentElement && anchor.parentElement.childElementCount === 1 && anchor.parentElement !== document.body; depth++) {
    anchor = anchor.parentElement;
  }
  return anchor.parentElement ? { parent: anchor.parentElement, before: anchor } : null;
}

function item(label: string, field: Field): HTMLElement {
  const row = document.createElement('div');
  const dt = document.createElement('dt');
  dt.textContent = label;
  if (field.label !== label) dt.title = `页面上的“${field.label}”`;
  const dd = document.createElement('dd');
  const value = document.createElement('span');
  value.textContent = field.value;
  dd.append(value);
  if (!isEmptyValue(field.value)) {
    const copy = document.createElement('button');
    copy.type = 'button';
    // Not "复制保单号": that name belongs to copy-fields' button beside the page's own value.
    copy.setAttribute('aria-label', `复制摘要里的${label}`);
    copy.title = `复制${label}`;
    copy.append(copyIcon());
    onCopyClick(copy, 'policy-summary', () => value.textContent ?? '');
    dd.append(copy);
  }
  row.append(dt, dd);
  return row;
}

export default defineFeature({
  id: 'policy-summary',
  title: '保单摘要',
  description: '保单详情页顶部一张卡片：保单号、产品、状态、投被保人、投保/生效/到期时间，每项可一键复制。',
  order: 55,
  fields: ['policyNo'],
  start({ signal }) {
    signal.addEventListener('abort', removeCard);
  },
  apply(scope, { page }) {
    if (scope.kind !== 'page') return;
    // Displayed values only (not a search form's inputs), and never a list's rows or expand rows.
    const shown = scope.fields.filter(
      (f) => !f.valueEl.matches('input, select, textarea') && !f.valueEl.querySelector('input, select, textarea') && !page.inList(f.valueEl),
    );
    const numbers = new Set(shown.filter((f) => f.kind === 'policyNo' && !isEmptyValue(f.value)).map((f) => f.value));
    const facts = new Set(shown.filter((f) => FACTS.includes(f.kind) && !isEmptyValue(f.value)).map((f) => f.kind));
    // One policy's view: exactly one policy number shown (however many times), and enough about it.
    if (numbers.size !== 1 || facts.size < 3) return;
    const picked = SHOWN.flatMap(([kind, label]) => {
      const field = shown.find((f) => f.kind === kind && !isEmptyValue(f.value)) ?? shown.find((f) => f.kind === kind);
      return field ? [[label, field] as const] : [];
    });
    const place = placeBefore(picked.map(([, f]) => f));
    if (!place) return;
    seenThisPass = true;
    card ??= createInjected('section', 'policy-summary');
    card.setAttribute('aria-label', '保单摘要');
    const key = JSON.stringify(picked.map(([label, f]) => [label, f.value]));
    if (card.dataset.key !== key) {
      card.dataset.key = key;
      const list = document.createElement('dl');
      list.append(...picked.map(([label, field]) => item(label, field)));
      card.replaceChildren(list);
    }
    if (card.parentElement !== place.parent || (card.nextElementSibling !== place.before && card !== place.before)) {
      place.parent.insertBefore(card, place.before);
    }
  },
  onPage() {
    // A page pass without a detail view (a list, another route): the card goes with the view.
    if (!seenThisPass) removeCard();
    seenThisPass = false;
  },
});
