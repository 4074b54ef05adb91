import { normalizeLabel } from './labels';
import { controlText, isInjected, ownText } from './text';

/** A single-line input of the page's search form, with the label an agent sees beside it. */
export interface FormField {
  label: string;
  index: number;
  value: string;
}

const TEXT_INPUT = 'input:not([type]), input[type="text"], input[type="search"], input[type="tel"], input[type="number"]';
const SEARCH_TEXTS = new Set(['查询', '搜索', '检索', '查找']);

export function searchInputs(): HTMLInputElement[] {
  return [...document.querySelectorAll<HTMLInputElement>(TEXT_INPUT)].filter((input) => !isInjected(input) && input.getClientRects().length > 0);
}

/** The label of an input: <label for>, aria-label, or the short text just before its form item. */
export function inputLabel(input: HTMLInputElement): string {
  const own = input.labels?.[0] ? ownText(input.labels[0]) : input.getAttribute('aria-label') ?? '';
  if (own.trim()) return normalizeLabel(own);
  let el: Element | null = input;
  for (let depth = 0; el && depth < 5; depth++, el = el.parentElement) {
    const before = el.previousElementSibling;
    const text = before ? normalizeLabel(ownText(before)) : '';
    if (text && text.length <= 16) return text;
  }
  return normalizeLabel(input.placeholder ?? '');
}

export function readSearchForm(): FormField[] {
  return searchInputs().map((input, index) => ({ label: inputLabel(input), index, value: input.value }));
}

export function findSearchButton(): HTMLElement | null {
  const candidates = document.querySelectorAll<HTMLElement>('button, [role="button"], input[type="submit"], a');
  for (const el of candidates) if (!isInjected(el) && SEARCH_TEXTS.has(controlText(el) || (el as HTMLInputElement).value)) return el;
  return null;
}
