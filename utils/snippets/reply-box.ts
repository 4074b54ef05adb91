import { insertIntoControl } from '../input';
import { frameOffset } from '../page/frames';

/**
 * Reply boxes as the snippet picker sees them: a textarea, a single-line text input, or the root of
 * a contenteditable editor. Reading the text before the caret, replacing it as if typed (so the
 * page's framework and the browser's undo see it), and where the caret is on screen.
 */

export type TextControl = HTMLTextAreaElement | HTMLInputElement;
export type ReplyBox = TextControl | HTMLElement;

const TEXT_INPUT_TYPES = new Set(['text', 'search', '']);

/*
 * Elements are told apart by tag, not instanceof: an iframe editor's elements come from another
 * window, whose HTMLElement is not this one's.
 */
const isTag = (node: unknown, tag: string): boolean => (node as Element | null)?.nodeType === 1 && (node as Element).tagName === tag;

export function isTextControl(box: ReplyBox): box is TextControl {
  return isTag(box, 'TEXTAREA') || isTag(box, 'INPUT');
}

/** The reply box an event happened in (through open shadow roots), or null for anything else. */
export function replyBoxOf(event: Event): ReplyBox | null {
  return replyBoxAt(event.composedPath()[0] as Node | undefined);
}

/** The reply box a node is in (the box itself, or a node inside an editor), or null. */
export function replyBoxAt(target: Node | null | undefined): ReplyBox | null {
  if (isTag(target, 'TEXTAREA')) {
    const area = target as HTMLTextAreaElement;
    return area.readOnly || area.disabled ? null : area;
  }
  if (isTag(target, 'INPUT')) {
    const input = target as HTMLInputElement;
    return TEXT_INPUT_TYPES.has(input.getAttribute('type')?.toLowerCase() ?? '') && !input.readOnly && !input.disabled ? input : null;
  }
  let el = (target?.nodeType === 1 ? target : target?.parentElement) as HTMLElement | null | undefined;
  // designMode documents: the body is the editor though it says nothing about being editable.
  if (el && el.ownerDocument.designMode === 'on') return el.ownerDocument.body;
  if (!el?.isContentEditable) return null;
  while (el.parentElement?.isContentEditable) el = el.parentElement;
  return el;
}

/** A collapsed caret in a box: an offset for text controls, a range for contenteditable. */
export type Caret = { box: TextControl; offset: number } | { box: HTMLElement; range: Range };

export function caretIn(box: ReplyBox): Caret | null {
  if (isTextControl(box)) {
    const { selectionStart: start, selectionEnd: end } = box;
    return start !== null && start === end ? { box, offset: start } : null;
  }
  const selection = box.ownerDocument.getSelection();
  if (!selection?.rangeCount) return null;
  const range = selection.getRangeAt(0);
  return range.collapsed && box.contains(range.startContainer) ? { box, range: range.cloneRange() } : null;
}

const LINE_BREAKING = new Set([
  'BR', 'DIV', 'P', 'LI', 'UL', 'OL', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'BLOCKQUOTE', 'PRE', 'TABLE', 'TR', 'TD', 'SECTION', 'ARTICLE',
]);

/**
 * Text nodes before a contenteditable position, nearest first, as (node, end) pieces; stops at a line
 * break (br or a block), since a `//keyword` never spans one.
 */
function* piecesBefore(box: HTMLElement, container: Node, offset: number): Generator<{ node: Text; end: number }> {
  const walker = box.ownerDocument.createTreeWalker(box, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
  let node: Node | null;
  if (container.nodeType === Node.TEXT_NODE) {
    yield { node: container as Text, end: offset };
    node = container;
  } else if (offset > 0) {
    node = container.childNodes[offset - 1];
    while (node.lastChild) node = node.lastChild;
    if (node.nodeType === Node.TEXT_NODE) yield { node: node as Text, end: (node as Text).data.length };
    else if (LINE_BREAKING.has((node as Element).tagName)) return;
  } else {
    node = container;
    if (node === box || LINE_BREAKING.has((node as Element).tagName)) return;
  }
  walker.currentNode = node;
  while ((node = walker.previousNode())) {
    if (node.nodeType === Node.TEXT_NODE) yield { node: node as Text, end: (node as Text).data.length };
    else if (LINE_BREAKING.has((node as Element).tagName)) return;
  }
}

/** Up to `max` characters before the caret, on the caret's line for contenteditable. */
export function textBefore(caret: Caret, max: number): string {
  if ('offset' in caret) return caret.box.value.slice(Math.max(0, caret.offset - max), caret.offset);
  let text = '';
  for (const { node, end } of piecesBefore(caret.box, caret.range.startContainer, caret.range.startOffset)) {
    text = node.data.slice(0, end) + text;
    if (text.length >= max) break;
  }
  return text.slice(-max);
}

/** The range of the `count` characters before a contenteditable caret, or null if the line is shorter. */
function rangeBefore(caret: { box: HTMLElement; range: Range }, count: number): Range | null {
  const range = caret.range.cloneRange();
  let left = count;
  for (const { node, end } of piecesBefore(caret.box, caret.range.startContainer, caret.range.startOffset)) {
    if (end >= left) {
      range.setStart(node, end - left);
      return range;
    }
    left -= end;
  }
  return left === 0 ? range : null;
}

/**
 * Offers the text to the editor as a beforeinput insertText over `range`, which is how editors that
 * keep their own model (CKEditor 5, Slate-based wangEditor) take typing: they cancel the event and
 * change their model, undo stack included. True when the editor took it. Plain contenteditable and
 * Quill let it pass; execCommand then does the typing.
 */
function offerAsTyping(box: HTMLElement, range: Range, text: string): boolean {
  const view = box.ownerDocument.defaultView;
  try {
    const event = new view!.InputEvent('beforeinput', {
      inputType: 'insertText', data: text, bubbles: true, cancelable: true, composed: true,
      targetRanges: [new view!.StaticRange(range)],
    });
    range.startContainer.parentElement?.dispatchEvent(event);
    return event.defaultPrevented;
  } catch {
    // No StaticRange (old engines), or an editor that throws in its handler: it did not take it.
    return false;
  }
}

/**
 * Replaces the `count` characters before the caret with plain text, as typing would: the selection
 * is set over them and the editor is offered a beforeinput (model-keeping editors take it there);
 * otherwise execCommand('insertText') does the rest, which keeps the browser's undo and fires the
 * input events Vue's v-model and React's onChange listen to. Where execCommand does nothing, the
 * native value setter (text controls) or a text node plus an input event does it.
 */
export function replaceBeforeCaret(caret: Caret, count: number, text: string): boolean {
  const { box } = caret;
  box.focus({ preventScroll: true });
  if ('offset' in caret) {
    const control = caret.box;
    control.setSelectionRange(Math.max(0, caret.offset - count), caret.offset);
    insertIntoControl(control, text);
    return true;
  }
  const range = rangeBefore(caret, count);
  if (!range) return false;
  const selection = box.ownerDocument.getSelection()!;
  selection.removeAllRanges();
  selection.addRange(range);
  const before = box.textContent;
  if (offerAsTyping(box, range, text)) return true;
  if (box.ownerDocument.execCommand('insertText', false, text) && box.textContent !== before) return true;
  range.deleteContents();
  const node = box.ownerDocument.createTextNode(text);
  range.insertNode(node);
  range.setStartAfter(node);
  selection.removeAllRanges();
  selection.addRange(range);
  box.dispatchEvent(new (box.ownerDocument.defaultView ?? window).InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }));
  return true;
}

/**
 * Puts the caret `after` characters back from where an insertion left it: a snippet's {cursor}. Text controls
 * by offset; editors by moving the selection as the arrow keys would (a line break is one step), which every
 * editor follows (Quill, CKEditor 5, TinyMCE read the selection). An editor that renders in a later task
 * (Slate) is given a frame first.
 */
export function moveCaretBack(box: ReplyBox, after: number, inserted: string): void {
  if (after <= 0) return;
  if (isTextControl(box)) {
    const end = box.selectionEnd ?? box.value.length;
    const at = Math.max(0, end - after);
    box.setSelectionRange(at, at);
    return;
  }
  const tail = inserted.slice(-after);
  const steps = [...new Intl.Segmenter('zh', { granularity: 'grapheme' }).segment(tail)].length;
  const move = () => {
    const selection = box.ownerDocument.getSelection();
    for (let i = 0; i < steps && selection; i++) selection.modify('move', 'backward', 'character');
  };
  const lastLine = inserted.trimEnd().split('\n').pop()!.trim().slice(-12);
  if (!lastLine || (box.textContent ?? '').replace(/\u00a0/g, ' ').includes(lastLine)) move();
  else requestAnimationFrame(move);
}

/** Inserts a rendered snippet in place of the `count` characters before the caret, the caret at its {cursor}. */
export function insertReply(caret: Caret, count: number, reply: { text: string; after: number }): boolean {
  if (!replaceBeforeCaret(caret, count, reply.text)) return false;
  moveCaretBack(caret.box, reply.after, reply.text);
  return true;
}

/** Puts the caret back where it was (after the placeholder form took focus, or from the side panel). */
export function restoreCaret(caret: Caret): void {
  caret.box.focus({ preventScroll: true });
  if ('offset' in caret) {
    caret.box.setSelectionRange(caret.offset, caret.offset);
    return;
  }
  const selection = caret.box.ownerDocument.getSelection()!;
  selection.removeAllRanges();
  selection.addRange(caret.range);
}

/** A caret at the end of a box, for inserting when the box's own caret is gone. */
export function caretAtEnd(box: ReplyBox): Caret {
  if (isTextControl(box)) return { box, offset: box.value.length };
  const range = box.ownerDocument.createRange();
  range.selectNodeContents(box);
  range.collapse(false);
  return { box, range };
}

export interface CaretRect {
  left: number;
  top: number;
  bottom: number;
}

const MIRRORED = [
  'boxSizing', 'width', 'height', 'overflowX', 'overflowY', 'borderTopWidth', 'borderRightWidth', 'borderBottomWidth',
  'borderLeftWidth', 'borderStyle', 'paddingTop', 'paddingRight', 'paddingBottom', 'paddingLeft', 'fontStyle',
  'fontVariant', 'fontWeight', 'fontStretch', 'fontSize', 'lineHeight', 'fontFamily', 'textAlign', 'textTransform',
  'textIndent', 'letterSpacing', 'wordSpacing', 'tabSize', 'direction',
] as const;

/** Where an offset in a text control is on screen: a hidden copy with the same text metrics. */
function controlCaretRect(control: TextControl, offset: number): CaretRect {
  const style = getComputedStyle(control);
  const mirror = document.createElement('div');
  mirror.setAttribute('data-seakit', 'snippets');
  for (const prop of MIRRORED) mirror.style[prop] = style[prop];
  Object.assign(mirror.style, {
    position: 'fixed', top: '0', left: '-10000px', visibility: 'hidden', overflow: 'hidden',
    whiteSpace: isTag(control, 'TEXTAREA') ? 'pre-wrap' : 'pre', overflowWrap: 'break-word',
  });
  mirror.textContent = control.value.slice(0, offset);
  const marker = document.createElement('span');
  marker.textContent = '\u200b';
  mirror.append(marker);
  document.documentElement.append(mirror);
  const lineHeight = marker.offsetHeight || parseFloat(style.fontSize) * 1.4;
  const box = control.getBoundingClientRect();
  const top = box.top + marker.offsetTop - control.scrollTop;
  const left = box.left + marker.offsetLeft - control.scrollLeft;
  mirror.remove();
  return { left: Math.min(left, box.right), top, bottom: Math.min(top + lineHeight, box.bottom) };
}

/** Where the caret is, or the `count` characters before it end, on screen. */
export function caretRect(caret: Caret, count = 0): CaretRect {
  if ('offset' in caret) return controlCaretRect(caret.box, caret.offset - count);
  const range = (count && rangeBefore(caret, count)) || caret.range;
  const rects = range.getClientRects();
  const rect = rects.length ? rects[count ? 0 : rects.length - 1] : caret.box.getBoundingClientRect();
  // In an iframe editor: from the frame's viewport to SEA's.
  const { x, y } = frameOffset(caret.box.ownerDocument);
  return { left: rect.left + x, top: rect.top + y, bottom: rect.bottom + y };
}

/** Controls a reply box comes with (tabs, a toolbar, a send row): the picker must leave them usable. */
const BOX_CONTROLS = 'button, [role="tab"], [role="toolbar"], select, a[href], input:not([type="hidden"])';
/** How close above or below the box a control must be to count as the box's own. */
const CONTROL_GAP = 40;

/**
 * Where the picker opens from: the caret line, widened to clear the reply box's own controls right above
 * it (SEA's 文本回复 / 富文本回复 tabs) or right below it, so the list never covers them. Searched in the
 * box's nearest ancestors only, measured when the picker is placed (not in the keystroke).
 */
export function pickerAnchor(caret: Caret, count = 0): CaretRect {
  const at = caretRect(caret, count);
  const box = caret.box.getBoundingClientRect();
  let scope: HTMLElement | null = caret.box.parentElement;
  for (let up = 0; up < 2 && scope?.parentElement && scope.getBoundingClientRect().height < box.height + 2 * CONTROL_GAP; up++) {
    scope = scope.parentElement;
  }
  let top = box.top;
  let bottom = box.bottom;
  const rects = [...(scope?.querySelectorAll<HTMLElement>(BOX_CONTROLS) ?? [])]
    .filter((el) => el !== caret.box && !el.contains(caret.box))
    .map((el) => el.getBoundingClientRect())
    .filter((r) => r.width > 0 && r.right > box.left && r.left < box.right);
  // Nearest first, so a row of tabs above a toolbar above the box is all taken in.
  for (const r of [...rects].sort((a, b) => b.bottom - a.bottom)) if (r.bottom <= top + 1 && top - r.bottom < CONTROL_GAP) top = Math.min(top, r.top);
  for (const r of [...rects].sort((a, b) => a.top - b.top)) if (r.top >= bottom - 1 && r.top - bottom < CONTROL_GAP) bottom = Math.max(bottom, r.bottom);
  return {
    left: at.left,
    top: top < box.top ? top : at.top,
    bottom: bottom > box.bottom ? bottom : at.bottom,
  };
}
