import { db } from './db';
import type { MessageRouter } from './messaging/router';
import type { PhraseList } from './packs/format';
import { packPhrasesMessage, type PhraseRule } from './phrases';

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

export function startPhraseService(router: MessageRouter): void {
  router.on(packPhrasesMessage, () => packPhrases());
}
