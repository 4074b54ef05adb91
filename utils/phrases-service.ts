import { browser } from 'wxt/browser';
import { db } from './db';
import type { PhraseList } from './packs/format';
import { PHRASES_MESSAGE, type PhraseRule } from './phrases';

/** Background: the phrase lists of installed packs, for the page script's reply check. */
export async function packPhrases(database = db): Promise<PhraseRule[]> {
  const packs = await database.packs.toArray();
  // A pack switched off by a trust change checks nothing either.
  return packs.filter((pack) => !pack.disabled).flatMap((pack) =>
    ((pack.phraseLists ?? []) as PhraseList[]).flatMap((list) =>
      list.phrases.map((p) => ({ text: p.text, suggestion: p.suggestion, kind: list.kind })),
    ),
  );
}

export function startPhraseService(): void {
  browser.runtime.onMessage.addListener((message: unknown) =>
    (message as { type?: string } | null)?.type === PHRASES_MESSAGE ? packPhrases() : undefined,
  );
}
