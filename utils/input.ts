/** Writing into the page's inputs so that Vue's v-model and React's controlled inputs see the change. */

type TextControl = HTMLInputElement | HTMLTextAreaElement;

/** Sets a value through the native setter (React tracks the property) and fires input + change. */
export function setControlValue(control: TextControl, value: string): void {
  const proto = control instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(control, value);
  control.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertReplacementText', data: value }));
  control.dispatchEvent(new Event('change', { bubbles: true }));
}

/**
 * Replaces the control's selection with text as if typed: execCommand keeps the browser's undo and fires the
 * events frameworks listen to; where it can't (number inputs, unfocused controls) the native setter does it.
 */
export function insertIntoControl(control: TextControl, text: string): void {
  const before = control.value;
  if (document.activeElement === control && document.execCommand('insertText', false, text) && control.value !== before) return;
  let start: number | null = null;
  let end: number | null = null;
  try {
    start = control.selectionStart;
    end = control.selectionEnd;
  } catch {
    // type=number has no selection API.
  }
  const next = start === null || end === null ? text : before.slice(0, start) + text + before.slice(end);
  setControlValue(control, next);
}
