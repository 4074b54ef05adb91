/** Copying for features that put a copy button on the page (copy-fields, policy-summary). */

export async function writeClipboard(text: string, feature: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // Older Chromium or an unfocused document: the classic copy command still works on a user click.
    const area = document.createElement('textarea');
    area.setAttribute('data-seakit', feature);
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
export function copyIcon(): SVGSVGElement {
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

const COPIED_MS = 1500;

/** Copies what `read()` gives at click time and shows 已复制 for a moment. */
export function onCopyClick(button: HTMLElement, feature: string, read: () => string): void {
  button.addEventListener('click', (event) => void copyOnClick(event, button, feature, read));
}

/**
 * The same for every button `button[data-seakit=feature]` of the document, through one listener: a 2,000-row
 * list holds over 10,000 copy buttons, and a listener each was 4 % of the script that adds them. Capture on the
 * document, so the click still ends here, before the row's own handlers (a row that opens on click). The
 * buttons' names also show as a tooltip, given when the pointer first reaches one, not written into each.
 */
export function onCopyClicks(feature: string, read: (button: HTMLElement) => string, signal: AbortSignal): void {
  const selector = `button[data-seakit="${feature}"]`;
  const buttonOf = (target: EventTarget | null) => (target instanceof Element ? target.closest<HTMLElement>(selector) : null);
  document.addEventListener('click', (event) => {
    const button = buttonOf(event.target);
    if (button) void copyOnClick(event, button, feature, () => read(button));
  }, { capture: true, signal });
  document.addEventListener('mouseover', (event) => {
    const button = buttonOf(event.target);
    if (button && !button.title) button.title = button.getAttribute('aria-label') ?? '';
  }, { capture: true, passive: true, signal });
}

async function copyOnClick(event: Event, button: HTMLElement, feature: string, read: () => string): Promise<void> {
  // Read at click time: frameworks reuse cells, so the value may have changed since.
  event.preventDefault();
  event.stopPropagation();
  await writeClipboard(read(), feature);
  if (button.hasAttribute('data-copied')) return;
  // Back to what the button showed (an icon element, or none when the stylesheet draws it).
  const shown = [...button.childNodes];
  button.textContent = '已复制';
  button.setAttribute('data-copied', '');
  setTimeout(() => {
    button.replaceChildren(...shown);
    button.removeAttribute('data-copied');
  }, COPIED_MS);
}
