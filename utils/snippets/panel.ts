import { browser } from 'wxt/browser';
import { ask, MessageError, type MessageType, type RequestOf, type Shape } from '../messaging/protocol';
import { snippetInsertMessage, snippetTargetMessage, type InsertResponse, type TargetResponse } from './messages';

/** The page script of that tab did not answer: not a SEA page, or opened before SEA Kit was installed. */
class NoSeaPage extends Error {}

/**
 * The side panel's way into the SEA page: the active tab of the panel's window, or, when the panel
 * page was opened as a tab of its own, the SEA tab used last.
 */
async function seaTab(): Promise<number | undefined> {
  const isWebPage = (url?: string) => !!url && /^https?:/.test(url);
  const [own] = await browser.tabs.query({ active: true, currentWindow: true });
  if (own?.id !== undefined && isWebPage(own.url)) return own.id;
  const tabs = (await browser.tabs.query({})).filter((t) => t.id !== undefined && isWebPage(t.url));
  tabs.sort((a, b) => ((b as { lastAccessed?: number }).lastAccessed ?? 0) - ((a as { lastAccessed?: number }).lastAccessed ?? 0));
  return tabs[0]?.id;
}

async function askPage<S extends Shape, Res>(def: MessageType<S, Res>, request: RequestOf<S>): Promise<Res> {
  const tab = await seaTab().catch(() => undefined);
  if (tab === undefined) throw new NoSeaPage();
  return ask(def, request, async (message) => {
    const reply = await browser.tabs.sendMessage(tab, message).catch(() => undefined);
    if (reply === undefined) throw new NoSeaPage();
    return reply;
  }).catch((error) => {
    throw error instanceof MessageError && error.code === 'stale' ? new NoSeaPage() : error;
  });
}

/** Where an insert would go, and the placeholder values the page shows; undefined when no SEA page answers. */
export async function pageTarget(): Promise<TargetResponse | undefined> {
  return askPage(snippetTargetMessage, {}).catch(() => undefined);
}

/** Inserts into the SEA page's reply box; a failure says why (无权限, no SEA page). */
export async function insertIntoPage(id: string, text: string): Promise<InsertResponse> {
  return askPage(snippetInsertMessage, { id, text }).catch((error) => ({
    ok: false as const,
    error: error instanceof NoSeaPage ? '没有打开的 SEA 页面' : (error as Error).message,
  }));
}
