import { defineFeature, type Field } from '~/utils/page/feature';
import type { FieldKind } from '~/utils/page/labels';
import { ensureOne, injectedIn } from '~/utils/page/inject';
import { COLON, isEmptyValue, ownText, textHolder, valueAfterColon } from '~/utils/page/text';
import { onCopyClicks } from '~/utils/clipboard';

/** Seed items 30 and 10: one click copies what agents retype most. */
const copyable: FieldKind[] = ['policyNo', 'orderNo', 'applicant', 'insured', 'applicantId', 'insuredId', 'phone'];

function addButton(field: Field, inRow: boolean): void {
  const holder = textHolder(field.valueEl);
  if (holder.matches('input, textarea, select') || holder.querySelector('input, textarea, select')) return;
  if (isEmptyValue(field.value)) {
    injectedIn(holder, 'copy-fields')?.remove();
    return;
  }
  // Named before it is inserted, and after only where something changed: a row re-rendered every second
  // must not restyle its buttons, and a write after insertion costs the page a second style pass.
  let created = false;
  const button = ensureOne(holder, 'button', 'copy-fields', (el) => {
    el.type = 'button';
    // No icon element: the stylesheet draws it, so thousands of list buttons add one node each, not three.
    // No listener and no title either: onCopyClicks serves them all.
    name(el, field, holder, inRow);
    created = true;
  });
  // A button found in place: its field may have changed under it (a reused row).
  if (!created) name(button, field, holder, inRow);
}

function name(button: HTMLButtonElement, field: Field, holder: Element, inRow: boolean): void {
  const text = `复制${field.label}`;
  if (button.getAttribute('aria-label') !== text) {
    button.setAttribute('aria-label', text);
    // A tooltip given earlier (onCopyClicks) would name the old field.
    if (button.title) button.title = text;
  }
  // "保单号：P2024…" in one element: copy only what follows the label. A list's cell holds no label (the
  // header does), so its text is not read again for each of its thousands of buttons.
  if (inRow) return;
  if (ownText(holder).trim() !== field.value) {
    if (button.dataset.label !== field.label) button.dataset.label = field.label;
  } else if (button.dataset.label !== undefined) delete button.dataset.label;
}

function displayedValue(button: HTMLElement): string {
  const text = ownText(button.parentElement!).trim();
  return button.dataset.label && COLON.test(text) ? valueAfterColon(text) : text;
}

export default defineFeature({
  id: 'copy-fields',
  title: '一键复制',
  description: '保单号、订单号、投保人、被保人、证件号、手机号旁加复制按钮，一点即复制。',
  order: 10,
  fields: copyable,
  start(ctx) {
    onCopyClicks('copy-fields', displayedValue, ctx.signal);
  },
  apply(scope) {
    const inRow = scope.kind === 'row';
    for (const field of scope.fields) if (copyable.includes(field.kind)) addButton(field, inRow);
  },
});
