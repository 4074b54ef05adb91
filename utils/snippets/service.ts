import Dexie from 'dexie';
import { browser, type Browser } from 'wxt/browser';
import { db as defaultDb } from '../db';
import { isSnippetMessage, replyFrameKey, type IndexResponse, type SnippetMessage } from './messages';
import { libraryOrder, toSearchEntry, type SearchEntry } from './search';
import { recordUse } from './store';

/**
 * The background's part of snippets. The content script cannot open the extension's database (its
 * IndexedDB is the page's), so it asks here: once for the compact search entries when the picker
 * first opens, again only when the revision changed, and to count a use.
 */
export function createSnippetService(database = defaultDb) {
  // A new revision whenever any context (options, side panel, pack install, here) writes snippets.
  const boot = Date.now().toString(36);
  let counter = 0;
  let cached: { rev: string; entries: SearchEntry[] } | undefined;
  const tablePrefix = `idb://${database.name}/snippets/`;
  Dexie.on('storagemutated', (parts) => {
    if (Object.keys(parts).some((part) => part.startsWith(tablePrefix))) counter++;
  });
  const revision = () => `${boot}.${counter}`;

  async function index(rev?: string): Promise<IndexResponse> {
    const current = revision();
    if (rev === current) return { rev: current };
    if (cached?.rev !== current) {
      // Read after taking the revision: a write during the read bumps it, and the picker asks again.
      const rows = await database.snippets.toArray();
      cached = { rev: current, entries: libraryOrder(rows).map(toSearchEntry) };
    }
    return cached;
  }

  async function handle(message: SnippetMessage): Promise<unknown> {
    switch (message.type) {
      case 'seakit:snippets/index':
        return index(message.rev);
      case 'seakit:snippets/used': {
        const before = counter;
        await recordUse(message.id, database);
        // Only this write happened: the picker counted the use itself and stays current (no re-send).
        return counter === before + 1 ? { rev: revision() } : {};
      }
      default:
        return undefined;
    }
  }

  return { handle, revision };
}

/** Action click opens the snippet side panel (Chrome 114+; older browsers simply have no panel). */
export async function openSidePanelOnActionClick(): Promise<void> {
  await browser.sidePanel?.setPanelBehavior({ openPanelOnActionClick: true }).catch(() => undefined);
}

/** Call from background main(): answers the picker's messages and wires the side panel. */
export function startSnippetService(): void {
  const service = createSnippetService();
  browser.runtime.onMessage.addListener((message: unknown, sender: Browser.runtime.MessageSender) => {
    // Other messages are someone else's: returning undefined lets their listener answer.
    if (!isSnippetMessage(message)) return undefined;
    const tab = sender.tab?.id;
    switch (message.type) {
      case 'seakit:snippets/target':
      case 'seakit:snippets/insert':
      case 'seakit:snippets/page-values':
        return undefined; // the page's and the panel's business
      case 'seakit:snippets/focus':
        if (tab === undefined || sender.frameId === undefined) return Promise.resolve(null);
        return browser.storage.session.set({ [replyFrameKey(tab)]: sender.frameId }).then(() => null, () => null);
      case 'seakit:snippets/frame-values':
        if (tab === undefined) return Promise.resolve(null);
        // Every frame of the tab hears it; the first with values answers (visible ones first).
        return browser.tabs
          .sendMessage(tab, { type: 'seakit:snippets/page-values', from: message.from } satisfies SnippetMessage)
          .then((values) => values ?? null, () => null);
      default:
        return service.handle(message);
    }
  });
  browser.tabs.onRemoved.addListener((tab) => void browser.storage.session.remove(replyFrameKey(tab)).catch(() => undefined));
  void openSidePanelOnActionClick();
}
