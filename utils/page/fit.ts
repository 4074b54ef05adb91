/**
 * What SEA Kit puts after a value is out of the flow (assets/page.css), so in a narrow cell it would run past
 * the cell: over the next column, or cut off where the page's card clips it. Right after the pass that added
 * them (a microtask: still before the frame is drawn), every mark given here is fitted to what is left of its
 * cell: first its one child element (the part that can go: a product's insurer, the same-id badge's
 * explanation) is hidden by `data-compact` (each mark's CSS says how); then, with `cut`, the rest is narrowed
 * so its text ends in … . The whole text stays in the mark's title. One layout read for the batch, then writes
 * to our own elements only. Not in the next frame: in a 2,000-row list every frame with a write re-lays, re-paints
 * and re-layerizes the whole list (200-450 ms a frame on Element Plus), so the fit shares the pass's frame
 * (docs/performance.md).
 */
export const CELL = 'td, th, [role="cell"], [role="gridcell"]';
/** The narrowest a cut mark gets: a letter and its … stay readable. */
const MIN_CUT_PX = 28;

const unfitted = new Map<HTMLElement, boolean>();
let queued = false;

/** Fits `mark` (already in the page) to its cell once the current pass is over; `cut` allows narrowing past its short form. */
export function fitInCell(mark: HTMLElement, { cut = false } = {}): void {
  if (!mark.parentElement?.closest(CELL)) return;
  unfitted.set(mark, cut);
  if (queued) return;
  queued = true;
  queueMicrotask(fitAll);
}

function fitAll(): void {
  queued = false;
  const marks = [...unfitted].filter(([el]) => el.isConnected);
  unfitted.clear();
  for (const [el] of marks) {
    el.style.removeProperty('max-width');
    el.removeAttribute('data-compact');
  }
  const room = marks.map(([el, cut]) => ({
    el,
    cut,
    px: el.closest(CELL)!.getBoundingClientRect().right - el.getBoundingClientRect().left - 4,
    needed: el.scrollWidth,
    optional: el.firstElementChild?.getBoundingClientRect().width ?? 0,
  }));
  for (const { el, cut, px, needed, optional } of room) {
    if (px >= needed) continue;
    if (optional) el.setAttribute('data-compact', '');
    if (cut && px < needed - optional) el.style.maxWidth = `${Math.max(Math.floor(px), MIN_CUT_PX)}px`;
  }
}
