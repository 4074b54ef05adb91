import { defineFeature, type Field } from '~/utils/page/feature';
import type { FieldKind } from '~/utils/page/labels';
import { ensureOne, injectedIn } from '~/utils/page/inject';
import { COLON, isEmptyValue, ownText, textHolder, valueAfterColon } from '~/utils/page/text';

/** Seed items 30 and 10: one click copies what agents retype most. */
const copyable: FieldKind[] = ['policyNo', 'orderNo', 'applicant', 'insured', 'applicantId', 'insuredId', 'phone'];
const COPIED_MS = 1500;

async function writeClipboard(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // Older Chromium or an unfocused document: the classic copy command still works on a user click.
    const area = document.createElement('textarea');
    area.setAttribute('data-seakit', 'copy-fields');
    area.value = text;
    area.style.cssText = 'position:fixed;top:-1000px;opacity:0';
    document.body.append(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
}

/**
 * A copy icon: the button adds no text to SEA's cells (an agent selecting or a script reading a cell gets
 * only the value); its name comes from aria-label.
 */
function copyIcon(): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('width', '12');
  svg.setAttribute('height', '12');
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('fill', 'currentColor');
  path.setAttribute('d', 'M5 1h8a2 2 0 0 1 2 2v8h-2V3H5V1zM1 5a2 2 0 0 1 2-2h7a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2H3a2 2 0 0 1-2-2V5zm2 0v9h7V5H3z');
  svg.append(path);
  return svg;
}

function addButton(field: Field): void {
  const holder = textHolder(field.valueEl);
  if (holder.matches('input, textarea, select') || holder.querySelector('input, textarea, select')) return;
  if (isEmptyValue(field.value)) {
    injectedIn(holder, 'copy-fields')?.remove();
    return;
  }
  const button = ensureOne(holder, 'button', 'copy-fields', (el) => {
    el.type = 'button';
    el.append(copyIcon());
    el.addEventListener('click', async (event) => {
      // The value is read at click time: frameworks reuse cells, so it may have changed since.
      event.preventDefault();
      event.stopPropagation();
      await writeClipboard(displayedValue(el));
      el.textContent = '已复制';
      el.setAttribute('data-copied', '');
      setTimeout(() => {
        el.replaceChildren(copyIcon());
        el.removeAttribute('data-copied');
      }, COPIED_MS);
    });
  });
  // Only what changed is written: a row re-rendered every second must not restyle its buttons.
  const name = `复制${field.label}`;
  if (button.title !== name) {
    button.setAttribute('aria-label', name);
    button.title = name;
  }
  // "保单号：P2024…" in one element: copy only what follows the label.
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
  apply(scope) {
    for (const field of scope.fields) if (copyable.includes(field.kind)) addButton(field);
  },
});
