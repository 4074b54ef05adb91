/**
 * Which table rows the agent can see, or nearly (one screen above and below): those get their pass
 * now; the others wait for the page's idle time (or until they scroll in, if that is sooner). A 2,000-row list then costs what its first screens
 * cost (bench: docs/performance.md). Without layout (no viewport size, as in unit tests) every row
 * counts as in view.
 */
export class RowsInView {
  private observer: IntersectionObserver | null = null;
  private inView = new WeakSet<Element>();
  private watched = new WeakSet<Element>();
  /** Rows whose pass is owed, until they come into view. */
  private owed = new Set<Element>();

  constructor(private onCameIntoView: (rows: Element[]) => void) {
    if (typeof IntersectionObserver === 'function' && document.documentElement.clientWidth > 0) {
      this.observer = new IntersectionObserver((entries) => this.update(entries), { rootMargin: '100% 0px' });
    }
  }

  /**
   * True when the row's pass may run now; otherwise it is owed and runs when the row comes into view.
   * `likelyInView` (a list's first rows, seen before any layout) lets a new row go now, so what the
   * agent sees first is enhanced in the frame it is drawn, not one frame later.
   */
  has(row: Element, likelyInView = false): boolean {
    if (!this.observer || this.inView.has(row)) return true;
    if (!this.watched.has(row)) {
      this.watched.add(row);
      this.observer.observe(row);
      if (likelyInView) {
        this.inView.add(row);
        return true;
      }
    }
    this.owed.add(row);
    return false;
  }

  get owedCount(): number {
    return this.owed.size;
  }

  /** Up to `max` owed rows, handed over to be read now (in idle time) rather than when they scroll in. */
  drainOwed(max: number): Element[] {
    const rows: Element[] = [];
    for (const row of this.owed) {
      if (rows.length >= max) break;
      this.owed.delete(row);
      rows.push(row);
    }
    return rows;
  }

  /** Rows that left the page: stop watching them (the observer would keep them alive). */
  forget(row: Element): void {
    if (!this.watched.delete(row)) return;
    this.observer!.unobserve(row);
    this.owed.delete(row);
    this.inView.delete(row);
  }

  disconnect(): void {
    this.observer?.disconnect();
    this.owed.clear();
  }

  private update(entries: IntersectionObserverEntry[]): void {
    const arrived: Element[] = [];
    for (const entry of entries) {
      if (!entry.isIntersecting) {
        this.inView.delete(entry.target);
        continue;
      }
      this.inView.add(entry.target);
      if (this.owed.delete(entry.target)) arrived.push(entry.target);
    }
    if (arrived.length) this.onCameIntoView(arrived);
  }
}
