/**
 * Which table rows the agent can see, or nearly (one screen above and below): those get their pass
 * now; the others are owed until they come near (a scroll, a resize, the list growing). Nothing is
 * written into rows nobody sees, so a 2,000-row list costs what its first screens cost
 * (docs/performance.md).
 *
 * No IntersectionObserver: one watching 2,000 rows adds work to every frame. Instead, when something
 * may have moved (a scroll, a resize, a pass that left rows owed), the rows near the screen are found by
 * binary search over each list body's rows: a dozen position reads, taken when layout is clean (in the
 * scroll event, or after a frame has been drawn), so they force no extra layout.
 * Without layout (no viewport size, as in unit tests) every row counts as near.
 */
export class RowsNearView {
  private readonly layout: boolean;
  /** Rows found near the screen by the last look, and a list's first rows taken as near before any layout. */
  private near = new Set<Element>();
  /** Rows whose pass is owed, until they come near. */
  private owed = new Set<Element>();
  /** List bodies whose rows were asked about. */
  private bodies = new Set<Element>();
  private lookScheduled = false;
  private stopped = false;

  constructor(private onCameNear: (rows: Element[]) => void) {
    // happy-dom (unit tests) reports a viewport width but lays nothing out, and has no IntersectionObserver.
    // innerWidth, not the root's clientWidth: that one brings style and layout up to date first, and the core
    // is made right after the stylesheet goes in, before the page's own next frame (docs/performance.md).
    this.layout = typeof IntersectionObserver === 'function' && innerWidth > 0;
    if (!this.layout) return;
    // Capture: scrolls of any element (a table body with its own scroll bar) reach the window's listener.
    addEventListener('scroll', this.onScroll, { capture: true, passive: true });
    addEventListener('resize', this.onScroll, { passive: true });
  }

  /**
   * True when the row's pass may run now; otherwise it is owed until the row comes near.
   * `likelyNear` (a list's first rows, seen before any layout) lets a new row go now, so what the
   * agent sees first is enhanced in the frame it is drawn, not one frame later.
   */
  has(row: Element, likelyNear = false): boolean {
    if (!this.layout || this.near.has(row)) return true;
    if (row.parentElement) this.bodies.add(row.parentElement);
    this.scheduleLook();
    if (likelyNear) {
      this.near.add(row);
      return true;
    }
    this.owed.add(row);
    return false;
  }

  /** A row that left the page. */
  forget(row: Element): void {
    this.owed.delete(row);
    this.near.delete(row);
  }

  disconnect(): void {
    this.stopped = true;
    this.owed.clear();
    this.near.clear();
    this.bodies.clear();
    removeEventListener('scroll', this.onScroll, { capture: true });
    removeEventListener('resize', this.onScroll);
  }

  /** In a scroll event layout is clean (the page has not written since the last frame): look now. */
  private onScroll = () => {
    if (this.bodies.size) this.look(SCROLLING_AHEAD);
  };

  /** After the next frame is drawn, when positions are known and reading them forces no layout. */
  private scheduleLook(): void {
    if (this.lookScheduled) return;
    this.lookScheduled = true;
    requestAnimationFrame(() =>
      setTimeout(() => {
        this.lookScheduled = false;
        if (!this.stopped) this.look(RESTING_AHEAD);
      }),
    );
  }

  /** `ahead`: screens above and below enhanced together once a row within one screen is owed. */
  private look(ahead: number): void {
    const arrived: Element[] = [];
    const near = new Set<Element>();
    for (const body of this.bodies) {
      if (!body.isConnected) {
        this.bodies.delete(body);
        continue;
      }
      const rows = body.children;
      const needed = this.rowsWithin(rows, -innerHeight, 2 * innerHeight);
      if (!needed) continue;
      for (let i = needed[0]; i <= needed[1]; i++) near.add(rows[i]);
      // Only when a row within a screen is owed: then its neighbours several screens ahead and behind
      // come with it, in one write (one style and layout pass of the list), not one write per frame.
      if (!this.owesAny(rows, needed)) continue;
      const reach = this.rowsWithin(rows, -ahead * innerHeight, (ahead + 1) * innerHeight)!;
      for (let i = reach[0]; i <= reach[1]; i++) {
        near.add(rows[i]);
        if (this.owed.delete(rows[i])) arrived.push(rows[i]);
      }
    }
    // Rows that scrolled far away lose their place: their next change waits until they come back.
    this.near = near;
    // Rows the page dropped are let go when rows arrive or the page rests, not in every scroll event: while a
    // 2,000-row list scrolls, that sweep read every owed row in every frame.
    if (arrived.length || ahead === RESTING_AHEAD) for (const row of this.owed) if (!row.isConnected) this.owed.delete(row);
    if (arrived.length) this.onCameNear(arrived);
  }

  private owesAny(rows: HTMLCollection, [from, to]: [number, number]): boolean {
    for (let i = from; i <= to; i++) if (this.owed.has(rows[i])) return true;
    return false;
  }

  /** Indexes of the first and last rows between `top` and `bottom` (viewport px), by binary search; null if none. */
  private rowsWithin(rows: HTMLCollection, top: number, bottom: number): [number, number] | null {
    if (!rows.length) return null;
    // First row whose bottom is below `top`, then the last from there whose top is above `bottom`.
    let low = 0;
    let high = rows.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (rows[mid].getBoundingClientRect().bottom < top) low = mid + 1;
      else high = mid;
    }
    let end = low - 1;
    high = rows.length - 1;
    let start = low;
    while (start <= high) {
      const mid = (start + high) >> 1;
      if (rows[mid].getBoundingClientRect().top <= bottom) (end = mid), (start = mid + 1);
      else high = mid - 1;
    }
    return low <= end ? [low, end] : null;
  }
}

/**
 * Screens ahead (and behind) enhanced together once a row within one screen is owed. Each write into a
 * 2,000-row list costs the page a style and layout pass of the whole list, whatever its size: while the
 * agent scrolls, a bigger batch means fewer of them (4 screens: 26 passes through 2,000 rows, 10: 11,
 * and ×1.64 → ×1.29 of the page's own scrolling work, docs/performance.md). At rest (a list just shown,
 * a resize) two screens are enough, and keep the load cheap.
 */
const SCROLLING_AHEAD = 10;
const RESTING_AHEAD = 2;
