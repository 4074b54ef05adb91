import { defineFeature, type Field } from '~/utils/page/feature';
import { CELL, fitInCell } from '~/utils/page/fit';
import { ensureOne, injectedIn } from '~/utils/page/inject';
import { isEmptyValue, textHolder } from '~/utils/page/text';
import { hasValidCheckDigit, isCheckableId, normalizeId } from '~/utils/id-number';

/** Seed item 16: when applicant and insured are one person, say so, and flag a relationship that disagrees. */
const CONFLICT = 'data-seakit-conflict';

/**
 * Where a badge goes. Beside a detail view's value: at the end of the element holding its text. In a list's row:
 * a small tag in the top padding of the ID's cell, like the row number (assets/page.css), since a narrow ID column
 * leaves no room after the number (the badge lay over the next column's text) and measuring the room after each
 * pass cost the 2,000-row list a second layout in every frame that added rows (docs/performance.md, 第六轮).
 */
function placeOf(field: Field, inRow: boolean): Element {
  const holder = textHolder(field.valueEl);
  return (inRow && holder.closest(CELL)) || holder;
}

/**
 * One badge in its place. The `more` words are the part a narrow cell hides (fitInCell, assets/page.css; in a
 * row always): still read out and in innerText, and the title says it all.
 */
function badge(place: Element, id: 'same-id' | 'id-invalid', words: Array<string | { more: string }>, title: string, inRow: boolean): void {
  let created = false;
  const el = ensureOne(place, 'span', id, (el) => {
    for (const word of words) {
      if (typeof word === 'string') el.append(word);
      else el.append(Object.assign(document.createElement('span'), { textContent: word.more }));
    }
    el.title = title;
    if (inRow) {
      el.setAttribute('data-in-row', '');
      el.setAttribute('data-compact', '');
    }
    created = true;
  }, inRow);
  if (created && !inRow) fitInCell(el);
}

function markInvalid(field: Field, inRow: boolean): void {
  const place = placeOf(field, inRow);
  const invalid = isCheckableId(field.value) && !hasValidCheckDigit(field.value);
  if (!invalid) {
    injectedIn(place, 'id-invalid')?.remove();
    return;
  }
  badge(place, 'id-invalid', [{ more: '证件号' }, '校验位错误'], '按 GB 11643 计算的末位校验码与显示的不一致，请核对证件号', inRow);
}

/** The element that shows the relationship: its value, and its label cell when the page has one. */
function conflictTargets(field: Field): Element[] {
  return field.labelEl && field.labelEl.tagName !== 'TH' ? [field.valueEl, field.labelEl] : [field.valueEl];
}

export default defineFeature({
  id: 'same-id',
  title: '同证件提示',
  description: '投保人与被保人证件号相同时提示“本人”，关系不符或校验位错误时醒目标出。',
  order: 50,
  fields: ['applicantId', 'insuredId', 'relationship'],
  marks: [CONFLICT],
  alsoInjects: ['id-invalid'],
  apply(scope) {
    const applicant = scope.fields.find((f) => f.kind === 'applicantId');
    const insured = scope.fields.find((f) => f.kind === 'insuredId');
    const relationship = scope.fields.find((f) => f.kind === 'relationship');
    const inRow = scope.kind === 'row';
    for (const id of scope.fields) if (id.kind === 'applicantId' || id.kind === 'insuredId') markInvalid(id, inRow);
    if (!insured) return;
    const place = placeOf(insured, inRow);
    const same =
      !!applicant && !isEmptyValue(applicant.value) && !isEmptyValue(insured.value) &&
      normalizeId(applicant.value) === normalizeId(insured.value);
    if (!same) injectedIn(place, 'same-id')?.remove();
    else badge(place, 'same-id', ['本人', { more: '（投被保人证件号相同）' }], '投保人与被保人证件号相同，关系应为“本人”', inRow);
    if (relationship) {
      const conflict = same && relationship.value !== '本人';
      for (const el of conflictTargets(relationship)) {
        if (conflict) el.setAttribute(CONFLICT, '');
        else el.removeAttribute(CONFLICT);
      }
    }
  },
});
