/**
 * The page's own choice and sort controls, driven the way an agent drives them (search-defaults): a native
 * <select> gets its option and a change event, an Element Plus or antd select is opened and its option
 * clicked, a sort header is clicked. The page's framework sees a user's action and stays in charge.
 */
import { normalizeLabel } from './labels';
import { isInjected, ownText } from './text';

export type ChoiceKind = 'native' | 'element' | 'antd';

/** A single-choice dropdown of the page. */
export interface ChoiceControl {
  kind: ChoiceKind;
  el: HTMLElement;
}

export type SortOrder = 'ascending' | 'descending' | null;

const shown = (el: Element) => el.getClientRects().length > 0;

/** Every visible single-choice dropdown of the document, in document order. */
export function choiceControls(doc: Document = document): ChoiceControl[] {
  const found: ChoiceControl[] = [];
  const selector = 'select:not([multiple]), .el-select:not(.el-select--multiple), .ant-select:not(.ant-select-multiple)';
  for (const el of doc.querySelectorAll<HTMLElement>(selector)) {
    if (isInjected(el) || !shown(el)) continue;
    if (el.tagName === 'SELECT') {
      if ((el as HTMLSelectElement).size > 1) continue; // a list box, not a dropdown
      found.push({ kind: 'native', el });
    } else found.push({ kind: el.classList.contains('el-select') ? 'element' : 'antd', el });
  }
  return found;
}

/** The option text the control shows now, normalized (no spaces). */
export function shownChoice(control: ChoiceControl): string {
  const { el } = control;
  if (control.kind === 'native') return normalizeLabel((el as HTMLSelectElement).selectedOptions[0]?.textContent ?? '');
  if (control.kind === 'element') {
    const item = el.querySelector('.el-select__selected-item:not(.is-hidden):not(.el-select__input-wrapper), .el-select__placeholder:not(.is-transparent)');
    // Element Plus before 2.5 shows the choice as its input's value.
    return normalizeLabel(item ? ownText(item) : el.querySelector('input')?.value ?? '');
  }
  // antd 5 shows the choice in .ant-select-selection-item, antd 6 in .ant-select-content (both titled).
  const item = el.querySelector('.ant-select-selection-item, .ant-select-content-has-value');
  return normalizeLabel(item ? item.getAttribute('title') ?? ownText(item) : '');
}

/** The native select's option with this text, if it has one. */
export function nativeOption(control: ChoiceControl, text: string): HTMLOptionElement | undefined {
  if (control.kind !== 'native') return undefined;
  const want = normalizeLabel(text);
  return [...(control.el as HTMLSelectElement).options].find((o) => !o.disabled && normalizeLabel(o.text) === want);
}

const nextFrame = () => new Promise<void>((resolve) => { requestAnimationFrame(() => resolve()); setTimeout(resolve, 50); });

/** Waits, a frame at a time, until `test` gives something or `ms` have passed (the library re-renders meanwhile). */
export async function waitFor<T>(test: () => T | null | undefined | false, ms = 1500): Promise<T | null> {
  const deadline = performance.now() + ms;
  for (;;) {
    const value = test();
    if (value || performance.now() > deadline) return value || null;
    await nextFrame();
  }
}

/** The open option panel: the one visible dropdown of the library (its panels are teleported to body). */
function openPanel(kind: ChoiceKind): Element | null {
  const panels = kind === 'element' ? '.el-select-dropdown, .el-select__popper' : '.ant-select-dropdown:not(.ant-select-dropdown-hidden)';
  return [...document.querySelectorAll(panels)].find(shown) ?? null;
}

function optionIn(panel: Element, kind: ChoiceKind, want: string): HTMLElement | undefined {
  const items = panel.querySelectorAll<HTMLElement>(kind === 'element' ? '.el-select-dropdown__item' : '.ant-select-item-option');
  return [...items].find((item) => !/is-disabled|item-option-disabled/.test(item.className) &&
    normalizeLabel(item.getAttribute('title') || ownText(item)) === want);
}

/** antd renders only the options in view: scroll its list a page at a time to bring the rest in. */
async function scrollToOption(panel: Element, want: string): Promise<HTMLElement | undefined> {
  const holder = panel.querySelector<HTMLElement>('.rc-virtual-list-holder, .ant-select-dropdown-list-holder');
  let option = optionIn(panel, 'antd', want);
  while (!option && holder && holder.scrollTop + holder.clientHeight < holder.scrollHeight) {
    holder.scrollTop += Math.max(holder.clientHeight - 32, 32);
    holder.dispatchEvent(new Event('scroll'));
    option = (await waitFor(() => optionIn(panel, 'antd', want), 200)) ?? undefined;
  }
  return option;
}

function toggle(control: ChoiceControl): void {
  if (control.kind === 'element') {
    (control.el.querySelector<HTMLElement>('.el-select__wrapper, .select-trigger, .el-input__wrapper') ?? control.el).click();
    return;
  }
  // antd opens and closes on mousedown in its selector.
  const selector = control.el.querySelector('.ant-select-selector, .ant-select-content') ?? control.el;
  selector.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, cancelable: true, view: window }));
  selector.dispatchEvent(new MouseEvent('mouseup', { bubbles: true, cancelable: true, view: window }));
}

/** Dropdowns a way back (log-return) set to the agent's own earlier choice: no default may change them again. */
const agentChoices = new WeakSet<Element>();
export const keepAgentChoice = (el: Element): void => void agentChoices.add(el);
export const isAgentChoice = (el: Element): boolean => agentChoices.has(el);

/**
 * Chooses the option whose visible text is `text`, as an agent would: says whether the control now shows it.
 * A control without such an option is left as it was (its panel opened and closed again).
 */
export async function choose(control: ChoiceControl, text: string, signal?: AbortSignal): Promise<boolean> {
  const want = normalizeLabel(text);
  if (shownChoice(control) === want) return true;
  if (control.kind === 'native') {
    const select = control.el as HTMLSelectElement;
    const option = nativeOption(control, text);
    if (!option) return false;
    select.focus();
    option.selected = true;
    select.dispatchEvent(new Event('input', { bubbles: true }));
    select.dispatchEvent(new Event('change', { bubbles: true }));
    return true;
  }
  toggle(control);
  const panel = await waitFor(() => openPanel(control.kind));
  if (!panel) return false;
  const option = control.kind === 'antd' ? await scrollToOption(panel, want) : optionIn(panel, 'element', want);
  if (!option || signal?.aborted) {
    toggle(control);
    return false;
  }
  option.click();
  return !!(await waitFor(() => shownChoice(control) === want));
}

/** The label a header cell shows, normalized, without carets or anything injected. */
export function headerLabel(cell: Element): string {
  return normalizeLabel(ownText(cell));
}

const SORTABLE = '.sortable, .caret-wrapper, .sort-caret, .ant-table-column-sorters, [class*="column-sorter"]';

/** Visible header cells the page lets the agent sort by, whose label is one of `labels` (normalized). */
export function sortHeaders(labels: Set<string>, doc: Document = document): HTMLElement[] {
  // The label first: the visibility check reads layout, so only the few matching cells pay for it.
  return [...doc.querySelectorAll<HTMLElement>('th, [role="columnheader"]')].filter((cell) =>
    labels.has(headerLabel(cell)) && !isInjected(cell) &&
    (cell.hasAttribute('aria-sort') || /sortable|has-sorters/.test(cell.className) || !!cell.querySelector(SORTABLE)) && shown(cell),
  );
}

/** The order a header shows now: aria-sort, or its library's marks (Element Plus, antd, bootstrap-table). */
export function sortOrderOf(cell: Element): SortOrder {
  const aria = cell.getAttribute('aria-sort');
  if (aria === 'ascending' || aria === 'descending') return aria;
  if (cell.classList.contains('ascending')) return 'ascending';
  if (cell.classList.contains('descending')) return 'descending';
  const inner = cell.querySelector('.th-inner');
  if (inner?.classList.contains('asc')) return 'ascending';
  if (inner?.classList.contains('desc')) return 'descending';
  if (cell.querySelector('.ant-table-column-sorter-up.active')) return 'ascending';
  if (cell.querySelector('.ant-table-column-sorter-down.active')) return 'descending';
  return null;
}

/** Clicks a header the way an agent does (bootstrap-table listens on its inner div). */
export function clickSortHeader(cell: HTMLElement): void {
  (cell.querySelector<HTMLElement>('.th-inner.sortable') ?? cell).click();
}

/**
 * Clicks the header found by `find` until it shows `order` (each click moves one step: none → ascending →
 * descending, in most libraries); gives up after three clicks, or when `signal` aborts (switched off, the
 * page left). Says whether it got there.
 */
export async function sortBy(find: () => HTMLElement | undefined, order: 'ascending' | 'descending', signal?: AbortSignal): Promise<boolean> {
  for (let clicks = 0; clicks < 3; clicks++) {
    const cell = find();
    if (!cell || signal?.aborted) return false;
    const before = sortOrderOf(cell);
    if (before === order) return true;
    clickSortHeader(cell);
    // The library re-renders (or rebuilds) the header: look again until its order moved.
    await waitFor(() => {
      const now = find();
      return !!now && sortOrderOf(now) !== before;
    });
  }
  const cell = find();
  return !!cell && sortOrderOf(cell) === order;
}
