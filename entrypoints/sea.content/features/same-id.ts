import { defineFeature, type Field } from '~/utils/page/feature';
import { ensureOne, injectedIn } from '~/utils/page/inject';
import { isEmptyValue, textHolder } from '~/utils/page/text';
import { hasValidCheckDigit, isCheckableId, normalizeId } from '~/utils/id-number';

/** Seed item 16: when applicant and insured are one person, say so, and flag a relationship that disagrees. */
const CONFLICT = 'data-seakit-conflict';

function markInvalid(field: Field): void {
  const holder = textHolder(field.valueEl);
  const invalid = isCheckableId(field.value) && !hasValidCheckDigit(field.value);
  if (!invalid) {
    injectedIn(holder, 'id-invalid')?.remove();
    return;
  }
  ensureOne(holder, 'span', 'id-invalid', (el) => {
    el.textContent = '证件号校验位错误';
    el.title = '按 GB 11643 计算的末位校验码与显示的不一致，请核对证件号';
  });
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
    for (const id of scope.fields) if (id.kind === 'applicantId' || id.kind === 'insuredId') markInvalid(id);
    if (!insured) return;
    const holder = textHolder(insured.valueEl);
    const same =
      !!applicant && !isEmptyValue(applicant.value) && !isEmptyValue(insured.value) &&
      normalizeId(applicant.value) === normalizeId(insured.value);
    if (!same) injectedIn(holder, 'same-id')?.remove();
    else {
      ensureOne(holder, 'span', 'same-id', (el) => {
        el.textContent = '本人（投被保人证件号相同）';
        el.title = '投保人与被保人证件号相同，关系应为“本人”';
      });
    }
    if (relationship) {
      const conflict = same && relationship.value !== '本人';
      for (const el of conflictTargets(relationship)) {
        if (conflict) el.setAttribute(CONFLICT, '');
        else el.removeAttribute(CONFLICT);
      }
    }
  },
});
