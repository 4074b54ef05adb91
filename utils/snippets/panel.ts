import { browser } from 'wxt/browser';
import { ask as askRouter } from '../messaging/protocol';
import { replyFrameKey, snippetSuggestionsMessage, type InsertResponse, type SnippetMessage, type TargetResponse } from './messages';

/**
 * The side panel's way into the SEA page: the active tab of the panel's window, or, when the panel
 * page was opened as a tab of its own, the SEA tab used last.
 */
export async function seaTab(): Promise<number | undefined> {
  const isWebPage = (url?: string) => !!url && /^https?:/.test(url);
  const [own] = await browser.tabs.query({ active: true, currentWindow: true });
  if (own?.id !== undefined && isWebPage(own.url)) return own.id;
  const tabs = (await browser.tabs.query({})).filter((t) => t.id !== undefined && isWebPage(t.url));
  tabs.sort((a, b) => ((b as { lastAccessed?: number }).lastAccessed ?? 0) - ((a as { lastAccessed?: number }).lastAccessed ?? 0));
  return tabs[0]?.id;
}

async function ask<T>(message: SnippetMessage): Promise<T | undefined> {
  const tab = await seaTab().catch(() => undefined);
  if (tab === undefined) return undefined;
  // An admin of frames (iframe tabs, dialog iframes): the frame whose reply box had focus last answers.
  const key = replyFrameKey(tab);
  const frameId = (await browser.storage.session.get(key).catch(() => ({})) as Record<string, number | undefined>)[key];
  if (frameId !== undefined) {
    const answer = await browser.tabs.sendMessage(tab, message, { frameId }).catch(() => undefined);
    if (answer) return answer as T;
  }
  // No SEA Kit page script in that tab (not a SEA page, or opened before install): nothing answers.
  return ((await browser.tabs.sendMessage(tab, message).catch(() => undefined)) ?? undefined) as T | undefined;
}

/** Where an insert would go, and the placeholder values the page shows; undefined when no SEA page answers. */
export function pageTarget(): Promise<TargetResponse | undefined> {
  return ask<TargetResponse>({ type: 'seakit:snippets/target' });
}

export async function insertIntoPage(id: string, reply: { text: string; after: number }): Promise<InsertResponse> {
  return (await ask<InsertResponse>({ type: 'seakit:snippets/insert', id, text: reply.text, after: reply.after })) ?? { ok: false, error: '没有打开的 SEA 页面' };
}

/**
 * The ids of the snippets answering the customer's latest messages in the SEA tab's open conversation (建议),
 * ranked in that page; none when no SEA page answers or it shows no conversation.
 */
export async function pageSuggestions(): Promise<string[]> {
  const tab = await seaTab().catch(() => undefined);
  if (tab === undefined) return [];
  const answer = await askRouter(snippetSuggestionsMessage, { tab }, (m) => browser.runtime.sendMessage(m)).catch(() => undefined);
  return answer?.ids ?? [];
}
