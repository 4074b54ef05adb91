/**
 * The open conversation a reply box answers, on a chat page SEA Kit has never seen: the nearest block
 * before the reply box (walking up from it) that holds plain text, no table, no form controls and no
 * session list. Sessions lists and their previews sit further away (beside the conversation, not
 * before the reply box inside it), and SEA Kit's own elements and the reply box are never read.
 */

/** The reply boxes of a page: textareas, contenteditable editors and iframe editors, visible ones only. */
export function replyBoxesIn(doc: Document): HTMLElement[] {
  const boxes: HTMLElement[] = [];
  for (const el of doc.querySelectorAll<HTMLElement>('textarea, [contenteditable]:not([contenteditable="false"]), iframe')) {
    if (el.closest('[data-seakit]')) continue;
    if (el instanceof HTMLTextAreaElement && (el.readOnly || el.disabled)) continue;
    if (el instanceof HTMLIFrameElement ? !isEditorFrame(el) : !(el instanceof HTMLTextAreaElement) && el.parentElement?.isContentEditable) continue;
    if (!shown(el) || isRemarkField(el)) continue;
    boxes.push(el);
  }
  return boxes;
}

/** The reply box in use: the focused one, else the first one on screen. */
export function replyBoxInUse(doc: Document): HTMLElement | null {
  const boxes = replyBoxesIn(doc);
  const focused = doc.activeElement;
  return boxes.find((b) => b === focused || b.contains(focused)) ?? boxes[0] ?? null;
}

/** Rendered (not display:none, not in a hidden tab); checkVisibility is Chrome 105+. */
function shown(el: HTMLElement): boolean {
  return typeof el.checkVisibility === 'function' ? el.checkVisibility() : !el.closest('[hidden]');
}

/** A same-origin iframe whose document is an editor (designMode, or a contenteditable body): UEditor, KindEditor. */
export function isEditorFrame(frame: HTMLIFrameElement): boolean {
  try {
    const doc = frame.contentDocument;
    return !!doc && (doc.designMode === 'on' || !!doc.body?.isContentEditable);
  } catch {
    return false;
  }
}

/** What a form field is called on screen: its accessible name, placeholder, or the label text just before it. */
export function fieldLabel(el: Element): string {
  const own = [el.getAttribute('aria-label'), el.getAttribute('placeholder'), el.getAttribute('title'), el.getAttribute('name'), el.id]
    .filter(Boolean)
    .join(' ');
  const labels = (el as HTMLTextAreaElement).labels;
  const labelled = labels?.length ? [...labels].map((l) => l.textContent ?? '').join(' ') : '';
  let near = '';
  // Element UI / antd / classic tables: the label is a sibling of one of the field's wrappers.
  let at: Element | null = el;
  for (let depth = 0; at && depth < 4 && !near; depth++, at = at.parentElement) {
    const before = at.previousElementSibling;
    const text = before?.textContent?.trim() ?? '';
    if (before && text && text.length <= 20 && !before.querySelector('textarea, input, [contenteditable]')) near = text;
  }
  return `${own} ${labelled} ${near}`;
}

const REMARK = /备注|remark|memo|批注|回访结果|不成功原因/i;

/** A remark (备注) field: written for the record, not a message to the customer. */
export function isRemarkField(el: Element): boolean {
  return REMARK.test(fieldLabel(el));
}

/** Text of elements that are controls, not content (tabs, toolbars, buttons). */
const CONTROL = 'button, [role="tab"], [role="tablist"], [role="toolbar"], [role="button"], [role="menu"], select, label';
const FORMISH = 'table, input, textarea, select, [contenteditable]:not([contenteditable="false"]), iframe';
const SESSION_LIST = /会话列表|联系人|session|conversation-?list|chat-?list|contact/i;

function describes(el: Element, pattern: RegExp): boolean {
  return pattern.test(`${el.getAttribute('aria-label') ?? ''} ${el.className && typeof el.className === 'string' ? el.className : ''}`);
}

/** True when an element holds readable text besides controls and SEA Kit's own elements. */
function hasContentText(el: Element): boolean {
  const walker = el.ownerDocument.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  let node: Node | null;
  let seen = 0;
  while ((node = walker.nextNode()) && seen++ < 400) {
    if (!(node as Text).data.trim()) continue;
    const parent = node.parentElement;
    if (parent && !parent.closest(`[data-seakit], ${CONTROL}`)) return true;
  }
  return false;
}

function isConversationArea(el: Element): boolean {
  if (el.hasAttribute('data-seakit') || (el as HTMLElement).hidden) return false;
  if (describes(el, SESSION_LIST)) return false;
  if (el.matches(FORMISH) || el.querySelector(FORMISH)) return false;
  return hasContentText(el);
}

/** The element holding the conversation `box` answers, or null when the page shows none. */
export function conversationOf(box: Element): Element | null {
  let at: Element | null = box;
  for (let depth = 0; at && at !== at.ownerDocument.body && depth < 8; depth++, at = at.parentElement) {
    for (let sibling = at.previousElementSibling; sibling; sibling = sibling.previousElementSibling) {
      if (isConversationArea(sibling)) return sibling;
      // Something with its own form controls (a search box, a toolbar with inputs): the conversation is not beyond it.
      if (sibling.matches(FORMISH) || sibling.querySelector(FORMISH)) break;
    }
  }
  return null;
}

/** One message of a conversation: its text and whether the agent (not the customer) wrote it. */
export interface Message {
  text: string;
  fromAgent: boolean;
}

const AGENT_TOKEN = /^(agent|staff|kefu|servicer|service|seat|operator|self|mine|me|my|right|send|sent|out|outgoing|outbound|admin|reply)$/i;
const CUSTOMER_TOKEN = /^(customer|client|user|visitor|guest|left|receive|received|incoming|inbound|other|buyer|member)$/i;
/** A sender label the page writes in the message: 坐席：… 客服 10:11:20 */
const AGENT_SENDER = /^\s*(客服|坐席|人工客服|我|工号\s*\d*)(\s|[：:]|\d)/;

function tokens(el: Element): string[] {
  const cls = typeof el.className === 'string' ? el.className : '';
  return `${cls} ${el.getAttribute('data-from') ?? ''} ${el.getAttribute('data-role') ?? ''}`.split(/[\s_-]+/).filter(Boolean);
}

function sideOf(el: Element): 'agent' | 'customer' | undefined {
  const words = tokens(el);
  if (words.some((w) => CUSTOMER_TOKEN.test(w))) return 'customer';
  if (words.some((w) => AGENT_TOKEN.test(w))) return 'agent';
  return undefined;
}

/** Text of a node without SEA Kit's own elements. */
function plainText(el: Element): string {
  if (!el.querySelector('[data-seakit]')) return el.textContent ?? '';
  let text = '';
  const walker = el.ownerDocument.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  let node: Node | null;
  while ((node = walker.nextNode())) if (!node.parentElement?.closest('[data-seakit]')) text += (node as Text).data;
  return text;
}

/**
 * The messages of a conversation area, in order. A message is a child of the innermost wrapper that
 * holds several children; its side comes from its classes (msg--agent, bubble-right…) or a sender
 * label such as 坐席：. Unknown sides count as the customer's: missing a wish costs more than a note.
 */
export function messagesOf(area: Element): Message[] {
  let list: Element = area;
  while (list.children.length === 1) list = list.children[0];
  const units = list.children.length ? [...list.children] : [list];
  const messages: Message[] = [];
  for (const unit of units) {
    if (unit.hasAttribute('data-seakit')) continue;
    const text = plainText(unit);
    if (!text.trim()) continue;
    let side = sideOf(unit);
    // The side may be marked one level in (a wrapper row holding the bubble).
    for (let i = 0; !side && i < unit.children.length && i < 3; i++) side = sideOf(unit.children[i]);
    messages.push({ text, fromAgent: side ? side === 'agent' : AGENT_SENDER.test(text) });
  }
  return messages;
}
