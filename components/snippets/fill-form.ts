import type { FillPlan, FormField } from '~/utils/snippets/placeholders';
import { choiceLabels, dateText } from '~/utils/snippets/template';

/**
 * The small form a snippet's fields are filled in before insertion, the same in the page picker and the
 * side panel (one module, so they cannot disagree). Keyboard only: Tab / Shift+Tab go round the fields,
 * ←↑↓→ pick a choice, Enter inserts, Esc cancels. Plain DOM (the picker ships in the content script);
 * every text is set with textContent. Drawn inside a shadow root, with FILL_FORM_CSS.
 */

export const FILL_FORM_CSS = `
form { padding: 10px; display: grid; gap: 8px; }
.form-head { display: flex; justify-content: space-between; gap: 8px; color: #646a73; font-size: 12px; }
label, fieldset { display: grid; gap: 2px; font-size: 12px; color: #646a73; }
fieldset { border: 0; margin: 0; padding: 0; }
legend { padding: 0; margin-bottom: 2px; }
.choices { display: flex; flex-wrap: wrap; gap: 4px 12px; color: #1f2329; font-size: 13px; }
.choices label { display: inline-flex; align-items: center; gap: 4px; color: inherit; font-size: inherit; cursor: pointer; }
input[type="text"] { font: inherit; padding: 4px 8px; border: 1px solid #d0d3d6; border-radius: 6px; color: #1f2329; }
input:focus-visible, input[type="text"]:focus { outline: 2px solid #bad0ff; border-color: #1664ff; }
.preview { max-height: 96px; overflow: auto; padding: 6px 8px; background: #f7f8fa; border-radius: 6px; color: #1f2329;
  font-size: 12px; white-space: pre-wrap; overflow-wrap: anywhere; }
.preview mark { background: #fff1e6; color: #c2410c; border-radius: 3px; padding: 0 2px; }
.error { color: #d83931; font-size: 12px; }
.error:empty { display: none; }
.actions { display: flex; gap: 8px; justify-content: flex-end; }
button { font: inherit; padding: 3px 12px; border-radius: 6px; border: 1px solid #d0d3d6; background: #fff; cursor: pointer; }
button[type="submit"] { background: #1664ff; border-color: #1664ff; color: #fff; }
`;

export interface FillFormOptions {
  title: string;
  plan: FillPlan;
  /** The answers, every field non-empty. */
  onDone(answers: Record<string, string>): void;
  onCancel(): void;
}

export interface FillForm {
  form: HTMLFormElement;
  /** Focuses the first field. */
  focus(): void;
}

function make<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, attrs: Record<string, string> = {}, text = ''): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  if (text) node.textContent = text;
  return node;
}

/** One field's control; `read` gives its current answer. */
function fieldControl(doc: Document, field: FormField, index: number, onChange: () => void): { node: HTMLElement; read(): string; focus(): void } {
  if (field.kind === 'choice') {
    const set = make(doc, 'fieldset', { role: 'radiogroup', 'aria-label': field.label });
    set.append(make(doc, 'legend', {}, field.label));
    const row = make(doc, 'div', { class: 'choices' });
    const radios = field.options.map((option) => {
      const label = make(doc, 'label');
      const radio = make(doc, 'input', { type: 'radio', name: `seakit-choice-${index}`, value: option });
      radio.checked = option === field.value;
      radio.addEventListener('change', onChange);
      label.append(radio, doc.createTextNode(option));
      row.append(label);
      return radio;
    });
    set.append(row);
    return {
      node: set,
      read: () => radios.find((r) => r.checked)?.value ?? '',
      focus: () => (radios.find((r) => r.checked) ?? radios[0]).focus(),
    };
  }
  const label = make(doc, 'label', {}, field.label);
  const input = make(doc, 'input', { type: 'text', name: field.key, autocomplete: 'off' });
  input.value = field.value;
  input.addEventListener('input', onChange);
  if (field.options.length > 1) {
    // Several values on the page (two policies): offered, still free to type.
    const listId = `seakit-candidates-${index}`;
    const datalist = make(doc, 'datalist', { id: listId });
    for (const value of field.options) datalist.append(make(doc, 'option', { value }));
    input.setAttribute('list', listId);
    label.append(datalist);
  }
  label.append(input);
  return { node: label, read: () => input.value.trim(), focus: () => input.focus({ preventScroll: true }) };
}

export function buildFillForm(doc: Document, { title, plan, onDone, onCancel }: FillFormOptions): FillForm {
  const form = make(doc, 'form', { 'aria-label': `填写“${title}”的内容`, 'data-seakit': 'snippet-form', novalidate: '' });
  const head = make(doc, 'div', { class: 'form-head' });
  head.append(make(doc, 'span', {}, `“${title}”需要填写：`), make(doc, 'span', {}, 'Tab 切换 · 回车插入 · Esc 取消'));
  form.append(head);
  const preview = make(doc, 'div', { class: 'preview', 'aria-label': '插入内容预览' });
  const controls = plan.fields.map((field, i) => fieldControl(doc, field, i, () => showPreview()));
  for (const control of controls) form.append(control.node);
  const answers = () => Object.fromEntries(plan.fields.map((f, i) => [f.key, controls[i].read()]));

  const labels = choiceLabels(plan.template.parts);
  /** The reply as it will read; what is still empty is marked with its name. */
  function showPreview(): void {
    const now = new Date();
    const values = { ...plan.known, ...answers() };
    preview.replaceChildren();
    for (const part of plan.template.parts) {
      if (part.type === 'text') preview.append(doc.createTextNode(part.text));
      else if (part.type === 'date') preview.append(doc.createTextNode(dateText(part, now)));
      else if (part.type === 'field' || part.type === 'choice') {
        const value = values[part.key];
        preview.append(value ? doc.createTextNode(value) : make(doc, 'mark', {}, `〔${part.type === 'choice' ? labels.get(part.key) : part.key}〕`));
      }
    }
  }
  showPreview();

  const error = make(doc, 'div', { class: 'error', role: 'alert' });
  const actions = make(doc, 'div', { class: 'actions' });
  const cancel = make(doc, 'button', { type: 'button' }, '取消');
  actions.append(cancel, make(doc, 'button', { type: 'submit' }, '插入'));
  form.append(preview, error, actions);

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const given = answers();
    const empty = plan.fields.filter((f) => !given[f.key]);
    if (empty.length) {
      // Nothing is inserted with a blank: say which ones, and go to the first.
      error.textContent = `请填写${empty.map((f) => `“${f.label}”`).join('、')}，填好后回车插入`;
      controls[plan.fields.indexOf(empty[0])].focus();
      return;
    }
    onDone(given);
  });
  cancel.addEventListener('click', () => onCancel());
  form.addEventListener('keydown', (e) => {
    if (e.isComposing || e.keyCode === 229) return;
    const target = e.target as HTMLElement;
    if (e.key === 'Escape') {
      e.preventDefault();
      onCancel();
    } else if (e.key === 'Enter' && target.tagName === 'INPUT' && (target as HTMLInputElement).type === 'radio') {
      // A choice has no implicit submission: Enter inserts from there too.
      e.preventDefault();
      form.requestSubmit();
    } else if (e.key === 'Tab') {
      // Round the form, never out of it into the page behind.
      const stops = [...form.querySelectorAll<HTMLElement>('input[type="text"], input[type="radio"]:checked, button')];
      const at = stops.indexOf(target);
      const next = e.shiftKey ? (at <= 0 ? stops.length - 1 : at - 1) : at === stops.length - 1 ? 0 : at + 1;
      e.preventDefault();
      stops[next]?.focus();
    }
  });
  return { form, focus: () => controls[0]?.focus() };
}
