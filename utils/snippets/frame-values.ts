import { browser } from 'wxt/browser';
import type { FeatureContext } from '../page/feature';
import { ask } from '../messaging/protocol';
import { snippetFocusMessage, snippetFrameValuesMessage, type InsertResponse, type SnippetMessage, type TargetResponse } from './messages';
import { agentValues, pageValues, pagePlaceholders, type PlaceholderValues } from './placeholders';

/**
 * Placeholders across frames (issue 10): a classic admin shows the chat in one iframe tab and the policy in
 * another, or in a dialog iframe. A reply box's placeholders come from its own view first; names its view
 * shows nothing for come from another frame of the same tab that shows them.
 */

/** This page script (one per frame and page load): it never answers its own question. */
const INSTANCE = crypto.randomUUID();
const send = (message: unknown) => browser.runtime.sendMessage(message);
/** A hidden frame (an iframe tab behind the shown one) answers after the shown ones had their chance. */
const HIDDEN_DELAY_MS = 120;

function hasAny(values: PlaceholderValues): boolean {
  return Object.values(values).some((v) => v.length > 0);
}

/** Everything a snippet can be filled with here: the page's values (this frame's, then another's) and the agent's. */
export async function placeholderValues(ctx: Pick<FeatureContext, 'page' | 'settings'>): Promise<PlaceholderValues> {
  const values = pageValues(ctx.page);
  const missing = Object.keys(pagePlaceholders).filter((name) => !values[name]?.length);
  // Other frames of the tab, when there are any (a top page without frames has no one to ask).
  if (missing.length && (window !== window.top || window.frames.length > 0)) {
    const other = await ask(snippetFrameValuesMessage, { from: INSTANCE }, send).catch(() => null);
    for (const name of missing) if (other?.[name]?.length) values[name] = other[name];
  }
  return { ...values, ...agentValues(ctx.settings.agent) };
}

/** Answers another frame's question with this view's values, if it shows any (listener for runtime.onMessage). */
export function answerPageValues(message: SnippetMessage, ctx: Pick<FeatureContext, 'page'>): Promise<PlaceholderValues> | undefined {
  if (message.type !== 'seakit:snippets/page-values' || message.from === INSTANCE) return undefined;
  const values = pageValues(ctx.page);
  if (!hasAny(values)) return undefined;
  // A frame that is not displayed (its iframe hidden) has a zero-size viewport.
  const shown = window.innerWidth > 0 && window.innerHeight > 0;
  return shown ? Promise.resolve(values) : new Promise((resolve) => setTimeout(() => resolve(values), HIDDEN_DELAY_MS));
}

/** Tells the background this frame's reply box has focus: the side panel inserts here. */
export function noteReplyFocus(): void {
  void ask(snippetFocusMessage, {}, send).catch(() => undefined);
}

/**
 * What a frame answers while no reply box of its own had focus: another frame's question for values, and
 * the side panel's (the top frame names no target but gives the page's values, and refuses an insert).
 * Also all the page script answers before the writing script arrives (Feature.late, snippets.ts).
 */
export function answerWithoutReplyBox(
  message: SnippetMessage,
  ctx: Pick<FeatureContext, 'page' | 'settings'>,
): Promise<PlaceholderValues | TargetResponse | InsertResponse> | undefined {
  if (message?.type === 'seakit:snippets/page-values') return answerPageValues(message, ctx);
  // Asked in every frame at once (no frame noted): a frame without a reply box leaves it to the others.
  if (window !== window.top) return undefined;
  if (message?.type === 'seakit:snippets/target') return placeholderValues(ctx).then((values) => ({ values }));
  if (message?.type === 'seakit:snippets/insert') return Promise.resolve({ ok: false, error: '页面上没有回复框获得过焦点' });
  return undefined;
}
