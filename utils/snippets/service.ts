import Dexie from 'dexie';
import { browser, type Browser } from 'wxt/browser';
import { db as defaultDb } from '../db';
import type { MessageRouter } from '../messaging/router';
import type { PlaceholderValues } from './placeholders';
import {
  MAX_RETENTION_SCRIPTS, OPEN_PICKER_COMMAND, replyFrameKey, snippetFocusMessage, snippetOpenPickerMessage, snippetFrameValuesMessage, snippetIndexMessage,
  snippetPageSuggestionsMessage, snippetRetentionMessage, snippetSuggestionsMessage, snippetUsedMessage, type IndexResponse, type RetentionResponse,
  type SnippetMessage, type SuggestionsResponse,
} from './messages';
import { libraryOrder, searchSnippets, toSearchEntry, type SearchEntry } from './search';
import { recordUse } from './store';
import { readAllSnippets, readSnippet } from './pack-rows';
import { isRetentionScript } from '../surrender-wish';
import { visibleSnippets } from './shelves';

/** Library entries are read again this long after the last write of a burst (a pack import writes in one go). */
const RELOAD_AFTER_MS = 200;

/**
 * The empty query's first `top` entries (most used, then the library's order): the picker's own
 * ranking. An empty query reads no search keys, so the index needs none built.
 */
function firstListed(entries: SearchEntry[], top: number): SearchEntry[] {
  return searchSnippets({ entries, hay: [], starts: new Int32Array(0) }, '', top);
}

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
  const tablePrefixes = database.snippetTables.map((table) => `idb://${database.name}/${table.name}/`);
  const touchesSnippets = (parts: object) => Object.keys(parts).some((part) => tablePrefixes.some((prefix) => part.startsWith(prefix)));
  Dexie.on('storagemutated', (parts) => {
    if (touchesSnippets(parts)) counter++;
  });
  const revision = () => `${boot}.${counter}`;

  async function load(): Promise<{ rev: string; entries: SearchEntry[] }> {
    const current = revision();
    if (cached?.rev !== current) {
      // Read after taking the revision: a write during the read bumps it, and the picker asks again.
      const rows = await readAllSnippets(database);
      cached = { rev: current, entries: libraryOrder(rows).map(toSearchEntry) };
    }
    return cached;
  }

  /**
   * After the library changed (a pack import in the options page), the entries are read again soon,
   * not when the agent next types `//`: reading 20,000 snippets takes a while.
   */
  let reload: ReturnType<typeof setTimeout> | undefined;
  Dexie.on('storagemutated', (parts) => {
    if (!touchesSnippets(parts)) return;
    clearTimeout(reload);
    reload = setTimeout(() => void load().catch(() => undefined), RELOAD_AFTER_MS);
  });

  async function index(rev?: string, top?: number): Promise<IndexResponse> {
    if (rev === revision()) return { rev };
    const { rev: current, entries } = await load();
    if (top) return { rev: current, entries: firstListed(entries, top), partial: true };
    return { rev: current, entries };
  }

  async function handle(message: SnippetMessage): Promise<unknown> {
    switch (message.type) {
      case 'seakit:snippets/index':
        return index(message.rev, message.top);
      case 'seakit:snippets/retention': {
        const { entries } = await load();
        // The page's hidden shelves are left out before the cap: 50 hidden ones must not crowd out the shown.
        const shown = visibleSnippets(entries.filter(isRetentionScript), {
          allowPersonalSnippets: message.personal ?? true,
          starterSnippets: message.starter ?? true,
        });
        return { entries: shown.slice(0, MAX_RETENTION_SCRIPTS) } satisfies RetentionResponse;
      }
      case 'seakit:snippets/used': {
        const before = counter;
        const wasCurrent = cached?.rev === revision();
        await recordUse(message.id, database);
        // Only this write happened: the picker counted the use itself and stays current (no re-send).
        if (counter !== before + 1) return {};
        const rev = revision();
        // So do the held entries, which then need no reading again.
        if (wasCurrent && cached) {
          clearTimeout(reload);
          const row = await readSnippet(database, message.id);
          const entry = cached.entries.find((e) => e.id === message.id);
          if (row && entry) Object.assign(entry, { useCount: row.useCount, lastUsedAt: row.lastUsedAt });
          if (counter === before + 1) cached.rev = rev;
        }
        return { rev };
      }
      default:
        return undefined;
    }
  }

  return { handle, revision, warm: () => load().then(() => undefined) };
}

/** Action click opens the snippet side panel (Chrome 114+; older browsers simply have no panel). */
export async function openSidePanelOnActionClick(): Promise<void> {
  await browser.sidePanel?.setPanelBehavior({ openPanelOnActionClick: true }).catch(() => undefined);
}

/** A message to the tab's frame whose reply box had focus last, else to every frame (the first answer counts). */
async function toReplyFrame(tab: number, message: { type: string }): Promise<unknown> {
  const key = replyFrameKey(tab);
  const frameId = ((await browser.storage.session.get(key).catch(() => ({}))) as Record<string, number | undefined>)[key];
  const fromFrame = frameId === undefined ? undefined : await browser.tabs.sendMessage(tab, message, { frameId }).catch(() => undefined);
  return fromFrame ?? (await browser.tabs.sendMessage(tab, message).catch(() => undefined));
}

/** Call from background main(): answers the picker's messages and wires the side panel. */
export function startSnippetService(router: MessageRouter): void {
  const service = createSnippetService();
  // Read now, not at the first `//`: the background wakes when a SEA page loads (its page script asks for
  // settings, phrases, the writing script), seconds before the agent types; 20,000 snippets take a while to read.
  void service.warm().catch(() => undefined);
  router
    .on(snippetIndexMessage, ({ rev, top }) => service.handle({ type: 'seakit:snippets/index', rev, top }) as Promise<IndexResponse>)
    .on(snippetRetentionMessage, ({ personal, starter }) => service.handle({ type: 'seakit:snippets/retention', personal, starter }) as Promise<RetentionResponse>)
    .on(snippetUsedMessage, ({ id }) => service.handle({ type: 'seakit:snippets/used', id }) as Promise<{ rev?: string }>)
    .on(snippetFocusMessage, async (_request, sender) => {
      const tab = sender.tab?.id;
      if (tab === undefined || sender.frameId === undefined) return null;
      await browser.storage.session.set({ [replyFrameKey(tab)]: sender.frameId }).catch(() => undefined);
      return null;
    })
    .on(snippetFrameValuesMessage, async ({ from }, sender) => {
      const tab = sender.tab?.id;
      if (tab === undefined) return null;
      // Every frame of the tab hears it; the first with values answers (visible ones first).
      const values = await browser.tabs
        .sendMessage(tab, { type: 'seakit:snippets/page-values', from } satisfies SnippetMessage)
        .catch(() => null);
      return (values as PlaceholderValues | null) ?? null;
    })
    .on(snippetSuggestionsMessage, async ({ tab }) => {
      const answer = (await toReplyFrame(tab, { type: snippetPageSuggestionsMessage.type })) as SuggestionsResponse | undefined;
      return { ids: Array.isArray(answer?.ids) ? answer.ids.filter((id) => typeof id === 'string').slice(0, 5) : [] };
    });
  browser.commands?.onCommand.addListener((command, tab) => {
    if (command !== OPEN_PICKER_COMMAND || tab?.id === undefined) return;
    void toReplyFrame(tab.id, { type: snippetOpenPickerMessage.type });
  });
  browser.tabs.onRemoved.addListener((tab) => void browser.storage.session.remove(replyFrameKey(tab)).catch(() => undefined));
  void openSidePanelOnActionClick();
}
