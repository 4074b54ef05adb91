import { browser } from 'wxt/browser';
import { normalizeLabel } from '../page/labels';
import { frameUrl } from '../page/frame';
import { maskedView } from './inspect-types';
import { ask, declareMessage } from '../messaging/protocol';

/** What agents wait for in SEA: the click that starts the wait, by the control's text. */
export const touchpointNames = { search: '查询→结果', detail: '详情→字段', log: '日志→显示' } as const;
export type Touchpoint = keyof typeof touchpointNames;
/** A wait's duration, from the page script of a SEA frame (never a value the page showed). */
export const timingMessage = declareMessage<true>()('seakit:experience/timing', ['page'], { touchpoint: 'string', view: 'string', ms: 'number' });

function touchpointOf(text: string): Touchpoint | null {
  const t = normalizeLabel(text);
  if (/^(查询|搜索|检索)$/.test(t)) return 'search';
  if (/详情/.test(t)) return 'detail';
  if (/日志/.test(t)) return 'log';
  return null;
}

/** Quiet this long after the last change: the page has shown what was asked for. */
const SETTLED_MS = 400;
const GIVE_UP_MS = 15_000;

/**
 * Measures click → the page's last change before it settles, per touchpoint and view; only the duration and the
 * masked view leave the page. One wait at a time; a wait with no change at all is not counted.
 */
export function watchTouchpoints(signal: AbortSignal): void {
  let pending: { touchpoint: Touchpoint; start: number; last: number; observer: MutationObserver; timer: number } | null = null;
  const finish = () => {
    if (!pending) return;
    const { touchpoint, start, last, observer } = pending;
    observer.disconnect();
    pending = null;
    if (last > start) {
      const timing = { touchpoint, view: maskedView(frameUrl()), ms: Math.round(last - start) };
      void ask(timingMessage, timing, (message) => browser.runtime.sendMessage(message)).catch(() => undefined); // a lost sample
    }
  };
  document.addEventListener(
    'click',
    (event) => {
      const control = (event.target as Element | null)?.closest?.('button, a, [role="button"], [role="tab"], [role="menuitem"]');
      if (!control || control.closest('[data-seakit]')) return;
      const touchpoint = touchpointOf(control.textContent ?? '');
      if (!touchpoint) return;
      finish();
      const start = performance.now();
      const observer = new MutationObserver((records) => {
        if (!pending || records.every((r) => (r.target as Element).closest?.('[data-seakit]'))) return;
        pending.last = performance.now();
        clearTimeout(pending.timer);
        pending.timer = window.setTimeout(finish, SETTLED_MS);
      });
      observer.observe(document.body, { childList: true, subtree: true, characterData: true });
      pending = { touchpoint, start, last: start, observer, timer: window.setTimeout(finish, GIVE_UP_MS) };
    },
    { capture: true, signal },
  );
  signal.addEventListener('abort', () => {
    pending?.observer.disconnect();
    pending = null;
  });
}
