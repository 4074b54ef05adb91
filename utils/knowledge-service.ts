import { browser } from 'wxt/browser';
import { db } from './db';
import type { MessageRouter } from './messaging/router';
import type { GlossaryTerm, PackProduct } from './packs/format';
import { FAQ_REQUEST_KEY, packKnowledgeMessage, productFaqMessage } from './knowledge-messages';
import { safeProductUrl, type FaqRequest, type PackKnowledge } from './products';
import type { InstalledPack } from './records';

/** Installed first, first: the order in which two packs' same-named products are settled (utils/products.ts). */
const firstInstalled = (a: InstalledPack, b: InstalledPack) =>
  (a.firstInstalledAt ?? a.installedAt) - (b.firstInstalledAt ?? b.installedAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Background (and the side panel): what the enabled packs know about products and codes. */
export async function packKnowledge(database = db): Promise<PackKnowledge> {
  // A pack switched off by a trust change tells nothing either.
  const packs = (await database.packs.toArray()).filter((pack) => !pack.disabled).sort(firstInstalled);
  return {
    products: packs.flatMap((pack) =>
      ((pack.products ?? []) as PackProduct[]).map((p) => {
        const url = safeProductUrl(p.url);
        return { packId: pack.id, packName: pack.name, name: p.name, aliases: p.aliases ?? [], code: p.code, insurer: p.insurer,
          ...(url ? { url } : {}), faq: p.faq ?? [] };
      }),
    ),
    glossary: packs.flatMap((pack) => (pack.glossary ?? []) as GlossaryTerm[]),
  };
}

export function startKnowledgeService(router: MessageRouter): void {
  router
    .on(packKnowledgeMessage, () => packKnowledge())
    .on(productFaqMessage, async ({ packId, name }) => {
      const request: FaqRequest = { packId, name, at: Date.now() };
      // The side panel (open or opening) follows this key.
      await browser.storage.session.set({ [FAQ_REQUEST_KEY]: request });
      return true as const;
    })
    // In the click's own turn: Chrome opens the side panel only while the click counts as a user gesture.
    .onGesture(productFaqMessage, (sender) => {
      if (sender.tab?.id !== undefined) void browser.sidePanel?.open({ tabId: sender.tab.id }).catch(() => undefined);
    });
}
