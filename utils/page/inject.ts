/**
 * What an injected element's data-seakit says: its feature's id, or a second kind of mark the feature
 * declares in `alsoInjects`. The core knows no feature by name.
 */
export type InjectedId = string;
import pageCss from '~/assets/page.css?inline';

/** The one stylesheet for everything SEA Kit shows inside SEA's page. */
export function ensurePageStyle(): void {
  if (document.querySelector('style[data-seakit="core"]')) return;
  const style = document.createElement('style');
  style.setAttribute('data-seakit', 'core');
  style.textContent = pageCss;
  (document.head ?? document.documentElement).append(style);
}

/** The feature's element directly inside `parent`, if it already put one there. */
export function injectedIn(parent: Element, id: InjectedId): HTMLElement | null {
  for (const child of parent.children) {
    if (child.getAttribute('data-seakit') === id) return child as HTMLElement;
  }
  return null;
}

/** Creates an element carrying the feature's id; text is always set as text, never parsed as HTML. */
export function createInjected<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  id: InjectedId,
  text = '',
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  el.setAttribute('data-seakit', id);
  el.textContent = text;
  return el;
}

/**
 * Exactly one element of the feature at the end (or, `first`, the start) of `holder`: reused if there, created
 * otherwise, and any stray second copy (left by an older content-script instance) removed.
 */
export function ensureOne<K extends keyof HTMLElementTagNameMap>(
  holder: Element,
  tag: K,
  id: InjectedId,
  create: (el: HTMLElementTagNameMap[K]) => void,
  first = false,
): HTMLElementTagNameMap[K] {
  let found: Element | null = null;
  for (let child = holder.firstElementChild; child; ) {
    const next = child.nextElementSibling;
    if (child.getAttribute('data-seakit') === id) {
      if (found) child.remove();
      else found = child;
    }
    child = next;
  }
  if (found) return found as HTMLElementTagNameMap[K];
  const el = createInjected(tag, id);
  create(el);
  if (first) holder.prepend(el);
  else holder.append(el);
  return el;
}
