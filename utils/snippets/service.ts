import Dexie from 'dexie';
import { browser } from 'wxt/browser';
import { db as defaultDb } from '../db';
import type { MessageRouter } from '../messaging/router';
import { snippetIndexMessage, snippetUsedMessage, type IndexResponse, type SnippetMessage } from './messages';
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
export function startSnippetService(router: MessageRouter): void {
  const service = createSnippetService();
  router
    .on(snippetIndexMessage, ({ rev }) => service.handle({ type: 'seakit:snippets/index', rev }) as Promise<IndexResponse>)
    .on(snippetUsedMessage, ({ id }) => service.handle({ type: 'seakit:snippets/used', id }) as Promise<{ rev?: string }>);
  void openSidePanelOnActionClick();
}
