import { isEditorFrame } from './conversation';

/**
 * Iframe editors (TinyMCE's classic mode, UEditor, KindEditor: an about:blank document in designMode
 * or with a contenteditable body) take keys and input events inside their own document, which a
 * listener on SEA's window never sees. When the agent focuses into one, features attach the same
 * listeners to that document's window, once per document.
 */
export function onEditorFrames(signal: AbortSignal, attach: (win: Window) => void): void {
  const seen = new WeakSet<Document>();
  const check = () => {
    const frame = document.activeElement;
    if (frame?.tagName !== 'IFRAME' || !isEditorFrame(frame as HTMLIFrameElement)) return;
    const doc = (frame as HTMLIFrameElement).contentDocument!;
    if (seen.has(doc) || !doc.defaultView) return;
    seen.add(doc);
    attach(doc.defaultView);
  };
  // Focus moving into an iframe blurs SEA's window; the iframe is then its document's active element.
  window.addEventListener('blur', () => setTimeout(check), { signal });
  check();
}

/** How far a document's viewport is from SEA's top-level one, through the same-origin frames it sits in. */
export function frameOffset(doc: Document): { x: number; y: number } {
  let x = 0;
  let y = 0;
  for (let win: Window | null = doc.defaultView; win && win !== window && win.frameElement; win = win.parent) {
    const frame = win.frameElement.getBoundingClientRect();
    x += frame.left + win.frameElement.clientLeft;
    y += frame.top + win.frameElement.clientTop;
  }
  return { x, y };
}

/** Where an element is in SEA's top-level viewport. */
export function rectInPage(el: Element): DOMRect {
  const rect = el.getBoundingClientRect();
  const { x, y } = frameOffset(el.ownerDocument);
  return new DOMRect(rect.left + x, rect.top + y, rect.width, rect.height);
}
