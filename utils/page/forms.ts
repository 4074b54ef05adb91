import { choiceControls, shownChoice } from './controls';
import type { SearchForm } from './feature';
import { normalizeLabel } from './labels';
import { controlText, isInjected, ownText } from './text';

const TEXT_INPUT = 'input:not([type]), input[type="text"], input[type="search"], input[type="tel"], input[type="number"]';
const SEARCH_TEXTS = new Set(['查询', '搜索', '检索', '查找']);

function searchInputs(): HTMLInputElement[] {
  return [...document.querySelectorAll<HTMLInputElement>(TEXT_INPUT)].filter((input) => !isInjected(input) && input.getClientRects().length > 0);
}

/** The label of an input or dropdown: <label for>, aria-label, or the short text just before its form item. */
function inputLabel(input: HTMLElement): string {
  const labels = (input as HTMLInputElement).labels;
  const own = labels?.[0] ? ownText(labels[0]) : input.getAttribute('aria-label') ?? '';
  if (own.trim()) return normalizeLabel(own);
  let el: Element | null = input;
  for (let depth = 0; el && depth < 5; depth++, el = el.parentElement) {
    const before = el.previousElementSibling;
    const text = before ? normalizeLabel(ownText(before)) : '';
    if (text && text.length <= 16) return text;
  }
  return normalizeLabel((input as HTMLInputElement).placeholder ?? '');
}

function findSearchButton(): HTMLElement | null {
  const candidates = document.querySelectorAll<HTMLElement>('button, [role="button"], input[type="submit"], a');
  for (const el of candidates) if (!isInjected(el) && SEARCH_TEXTS.has(controlText(el) || (el as HTMLInputElement).value)) return el;
  return null;
}

/**
 * The page's search form now: its visible single-line inputs with labels and values, its dropdowns outside
 * the lists (inList) with the choice each shows, and its button.
 */
export function readSearchForm(inList: (el: Element) => boolean = () => false): SearchForm {
  const inputs = searchInputs();
  const controls = choiceControls().filter((control) => !inList(control.el));
  return {
    inputs,
    fields: inputs.map((input, index) => ({ label: inputLabel(input), index, value: input.value })),
    choices: controls.map((control, index) => ({ label: inputLabel(control.el), index, value: shownChoice(control), control })),
    button: findSearchButton(),
  };
}
