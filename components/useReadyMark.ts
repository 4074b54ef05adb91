import { useEffect } from 'preact/hooks';

/**
 * Marks `seakit:ready:<view>` in the page's Performance timeline the first time the view shows its real
 * content (read from storage, not a skeleton), after that render: the e2e first-open test and
 * `npm run bench:first-open` read it.
 */
export function useReadyMark(view: string, ready: boolean): void {
  useEffect(() => {
    const name = `seakit:ready:${view}`;
    if (ready && !performance.getEntriesByName(name).length) performance.mark(name);
  }, [ready]);
}
