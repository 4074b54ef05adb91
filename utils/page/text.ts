/** Text helpers shared by the page core and the features. */

const INJECTED = '[data-seakit]';

/** Displayed text of an element without anything SEA Kit injected into it. */
export function ownText(el: Element): string {
  if (!el.querySelector(INJECTED)) return el.textContent ?? '';
  return textWithout(el);
}

/** Read for thousands of rows: a plain walk of the children, no TreeWalker and no arrays. */
function textWithout(node: Node): string {
  let text = '';
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === Node.TEXT_NODE) text += child.nodeValue;
    else if (child.nodeType === Node.ELEMENT_NODE && !(child as Element).hasAttribute('data-seakit')) text += textWithout(child);
  }
  return text;
}

/** Values SEA shows for "nothing here": never copied, compared or put into a reply. */
const EMPTY_VALUES = new Set(['/', '暂无', '无', 'null', 'undefined']);
const DASHES = /^[-—–\s]*$/;

export function isEmptyValue(value: string): boolean {
  const text = value.trim();
  return DASHES.test(text) || EMPTY_VALUES.has(text);
}

/** True for nodes SEA Kit put into the page (or that sit inside them). */
export function isInjected(node: Node | null): boolean {
  const el = node && (node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement);
  return !!el?.closest(INJECTED);
}

const INTERACTIVE = new Set(['A', 'BUTTON', 'INPUT', 'SELECT', 'TEXTAREA', 'LABEL']);

/**
 * The innermost element that holds a value's text (td > div.cell > span), where a small element can be
 * appended after the text without landing inside a link or button.
 */
export function textHolder(el: Element): Element {
  let holder = el;
  for (;;) {
    let only: Element | null = null;
    for (let child = holder.firstElementChild; child; child = child.nextElementSibling) {
      if (child.hasAttribute('data-seakit')) continue;
      if (only) return holder; // two elements: the value's text is spread over them
      only = child;
    }
    if (!only || INTERACTIVE.has(only.tagName)) return holder;
    for (let node = holder.firstChild; node; node = node.nextSibling) {
      if (node.nodeType === Node.TEXT_NODE && NOT_BLANK.test(node.nodeValue!)) return holder;
    }
    holder = only;
  }
}

const NOT_BLANK = /\S/;

/** The visible text of a control (button, link), spaces removed: "查 看 更 多" → "查看更多". */
export function controlText(el: Element): string {
  return ownText(el).replace(/[\s\u3000\u00a0]+/g, '');
}

/** Either colon SEA writes after a label: 保单号: or 保单号：. */
export const COLON = /[:：]/;

/** The value in "保单号：P1" text; in "保单号：P1  投保人：张三" it ends where the next label starts. */
export function valueAfterColon(text: string): string {
  const colon = text.search(COLON);
  const rest = text.slice(colon + 1).trim();
  return COLON.test(rest) ? rest.split(/\s+/)[0] : rest;
}
