import { browser } from 'wxt/browser';
import { ask, declareMessage } from '../messaging/protocol';
import { isEditorFrame } from './conversation';
import type { Feature, LateCode } from './feature';
import type { FeatureId } from '../settings';

/**
 * The writing script (entrypoints/sea-writing.ts): the code of the features that only a frame with somewhere
 * to write needs (话术 picker, 服务禁语, 退保预警; Feature.late). Every SEA page loads the page script, so it
 * stays small; a frame loads this when the agent goes into a text field or an iframe editor, or when a
 * stand-in asks for it (the 退保预警 stand-in, once the open conversation holds a wish to surrender): a
 * reply box on screen alone costs the page nothing (on the demo chat page loading it at sight was ~30 ms of
 * its ~95 ms, docs/performance.md). The background injects it into the asking frame, in the page script's own world.
 */
export const writingScriptMessage = declareMessage<null>()('seakit:page/writing-script', ['page'], {});
/** Its path in the built extension. */
export const WRITING_SCRIPT = '/sea-writing.js';

declare global {
  interface Window {
    /** Set by the writing script: each late feature's code, by id. */
    seaKitLateCode?: Partial<Record<FeatureId, LateCode>>;
  }
}

/** Places to write that are there before the agent goes into one: a reply box or 备注 field, a rich editor. */
const EDITABLE = '[contenteditable]:not([contenteditable="false"])';

/** An iframe editor's frame: no page of its own (no src, about:blank, or javascript: written by the editor). */
function isBlankFrame(frame: Element): boolean {
  const src = frame.getAttribute('src')?.trim();
  return !src || /^(about|javascript):/i.test(src);
}

/**
 * Whether a subtree holds somewhere to write. Tag lists first (the browser keeps them), then one attribute
 * selector: a selector list over a 56,000-element list page took ~20 ms, these ~3 ms (docs/performance.md).
 */
function hasWritingPlace(root: Element): boolean {
  if (root.tagName === 'TEXTAREA' || (root.tagName === 'IFRAME' && isBlankFrame(root)) || root.matches(EDITABLE)) return true;
  if (root.getElementsByTagName('textarea').length) return true;
  for (const frame of root.getElementsByTagName('iframe')) if (isBlankFrame(frame)) return true;
  return root.querySelector(EDITABLE) !== null;
}

/** A text field: a textarea, a one-line text input (snippets work there too), an editor. By tag, not instanceof. */
function isWritable(node: EventTarget | undefined): boolean {
  const el = node as HTMLElement | undefined;
  if (el?.nodeType !== 1) return false;
  if (el.tagName === 'INPUT') return ['text', 'search', ''].includes(el.getAttribute('type')?.toLowerCase() ?? '');
  if (el.tagName === 'TEXTAREA') return true;
  // isContentEditable forces a style recalc (the page's body is the active element at start): ask it only
  // where an attribute or designMode can make the answer yes.
  return (el.ownerDocument.designMode === 'on' || el.closest('[contenteditable]') !== null) && el.isContentEditable;
}

/** This frame's instance: stand-ins reach it through writingPlaceSeen and needWritingCode. */
let current: LateFeatures | null = null;

/** Whether this frame has shown somewhere to write (a stand-in's cheap test before it reads the page). */
export function writingPlaceSeen(): boolean {
  return !!current?.placeSeen;
}

/** A stand-in found work for its full code (a surrender wish in the open conversation): load it now. */
export function needWritingCode(): void {
  current?.need();
}

export class LateFeatures {
  private wanted = false;
  /** Somewhere to write has been on the page (not loaded for that alone: see the file comment). */
  placeSeen = false;
  private loading: Promise<void> | null = null;
  private code: Window['seaKitLateCode'] = undefined;
  /** One full feature per definition: the core restarts a feature only when it is handed another object. */
  private full = new WeakMap<Feature, Feature>();

  /** `arrived` runs once the code is here: the caller swaps the stand-ins for the full features. */
  constructor(private readonly arrived: () => void) {
    current = this;
  }

  /** Whether the code is here (part of what the content script compares to decide on a restart). */
  get loaded(): boolean {
    return !!this.code;
  }

  /** The feature as it runs now: its full form once the code arrived, else the definition standing in. */
  resolve(feature: Feature): Feature {
    const code = feature.late && this.code?.[feature.id];
    if (!code) return feature;
    if (!this.full.has(feature)) this.full.set(feature, { ...feature, ...code });
    return this.full.get(feature)!;
  }

  /** The features switched on for this frame: the code is worth loading only when one of them is late. */
  want(features: Feature[]): void {
    this.wanted = features.some((f) => f.late);
  }

  /** Looks in these subtrees (the page at start, then what was added outside the lists) until somewhere to write shows. */
  check(roots: Iterable<Element>): void {
    if (this.placeSeen) return;
    for (const root of roots) if (hasWritingPlace(root)) return void (this.placeSeen = true);
  }

  need(): void {
    if (this.wanted) this.load();
  }

  /** The agent goes into a text field (a reply box, a search input, a box in a shadow root) or an iframe editor. */
  watch(signal: AbortSignal): void {
    window.addEventListener('focusin', (e) => isWritable(e.composedPath()[0]) && this.need(), { capture: true, signal });
    // Focus moving into an iframe editor blurs this window; the iframe is then the active element.
    window.addEventListener('blur', () => setTimeout(() => {
      const frame = document.activeElement;
      if (frame?.tagName === 'IFRAME' && isEditorFrame(frame as HTMLIFrameElement)) this.need();
    }), { signal });
    // Already in one when this script started (a reply box with autofocus).
    if (isWritable(document.activeElement ?? undefined)) this.need();
  }

  private load(): void {
    this.loading ??= (async () => {
      const start = performance.now();
      if (!window.seaKitLateCode) await ask(writingScriptMessage, {}, (m) => browser.runtime.sendMessage(m));
      // Bench only (bench/picker-ready.mjs): how long the frame waited for the code.
      if (document.documentElement.hasAttribute('data-seakit-bench')) performance.measure('seakit:writing-script', { start });
      if (!window.seaKitLateCode) throw new Error('写作脚本没有运行');
      this.code = window.seaKitLateCode;
      this.arrived();
    })().catch((error) => {
      // The extension was updated under this page, or the frame went away: the stand-ins stay.
      console.info('[SEA Kit] 回复框功能未能加载：', error);
    });
  }
}
