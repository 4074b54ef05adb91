import { normalizeLabel } from '../page/labels';

/**
 * 结构截图: a wireframe of the visible page drawn from its layout, never a capture of its pixels. Boxes for
 * cells, inputs, buttons and bordered or shaded areas; text only where it is structure (headings, table
 * headers, labels, buttons, menu and tab names), with digits masked and anything after a label's colon
 * barred; every other text is a grey bar of its size. What is drawn as text is returned too, so a test can
 * check exactly what the image says.
 */
const STRUCTURE = [
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'legend', 'caption', 'th', 'thead', 'label', 'dt', 'button',
  '[role="heading"]', '[role="tab"]', '[role="menuitem"]', '[role="button"]', 'nav a', 'aside a', '[class*="title"]',
].join(', ');
/** Where text is a value even inside a structural ancestor. */
const EDITABLE = 'input, textarea, select, [contenteditable], [data-seakit]';
const VALUE = `td:not(thead td), dd, ${EDITABLE}`;
const MAX_ELEMENTS = 4000;

export interface Structure {
  png: string;
  width: number;
  height: number;
  texts: string[];
}

/** Structure text as drawn: digits masked, and after a label's colon nothing (the value side). */
export function structureText(text: string): string {
  const trimmed = text.replace(/\s+/g, ' ').trim();
  const colon = trimmed.search(/[:：]/);
  const label = colon >= 0 && colon < trimmed.length - 1 ? trimmed.slice(0, colon + 1) : trimmed;
  return label.replace(/\d/g, '#').slice(0, 30);
}

function visible(rect: DOMRect, width: number, height: number): boolean {
  return rect.width > 0 && rect.height > 0 && rect.bottom > 0 && rect.right > 0 && rect.top < height && rect.left < width;
}

export function captureStructure(labels: Set<string> = new Set()): Structure {
  const width = window.innerWidth;
  const height = window.innerHeight;
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const g = canvas.getContext('2d')!;
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, width, height);

  let count = 0;
  for (const el of document.body.querySelectorAll('*')) {
    if (++count > MAX_ELEMENTS) break;
    if (el.closest('[data-seakit]')) continue;
    const rect = el.getBoundingClientRect();
    if (!visible(rect, width, height)) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none' || Number(style.opacity) === 0) continue;
    const shaded = style.backgroundColor !== 'rgba(0, 0, 0, 0)' && style.backgroundColor !== 'rgb(255, 255, 255)';
    if (shaded) {
      g.fillStyle = '#f0f2f5';
      g.fillRect(rect.left, rect.top, rect.width, rect.height);
    }
    const boxed = /^(TD|TH|INPUT|TEXTAREA|SELECT|BUTTON)$/.test(el.tagName) || parseFloat(style.borderTopWidth) > 0 || parseFloat(style.borderLeftWidth) > 0;
    if (boxed) {
      g.strokeStyle = '#c9cdd4';
      g.strokeRect(rect.left + 0.5, rect.top + 0.5, rect.width - 1, rect.height - 1);
    }
  }

  const texts: string[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const raw = node.nodeValue ?? '';
    const parent = node.parentElement;
    if (!raw.trim() || !parent || parent.closest('script, style, noscript')) continue;
    range.selectNodeContents(node);
    const rect = range.getBoundingClientRect();
    if (!visible(rect, width, height)) continue;
    // A known label or a text ending in a colon is a label wherever it sits (label cells of detail tables).
    const isLabel = labels.has(normalizeLabel(raw)) || /[:：]\s*$/.test(raw);
    const isStructure = !parent.closest(EDITABLE) && (isLabel || (!parent.closest(VALUE) && !!parent.closest(STRUCTURE)));
    if (isStructure) {
      const text = structureText(raw);
      const style = getComputedStyle(parent);
      g.fillStyle = '#1f2329';
      g.font = `${style.fontWeight} ${style.fontSize} system-ui, "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif`;
      g.textBaseline = 'middle';
      g.fillText(text, rect.left, rect.top + rect.height / 2, Math.max(rect.width, 8));
      texts.push(text);
    } else {
      g.fillStyle = '#dfe3e8';
      for (const line of range.getClientRects()) g.fillRect(line.left, line.top + line.height * 0.2, line.width, line.height * 0.6);
    }
  }
  return { png: canvas.toDataURL('image/png'), width, height, texts };
}
