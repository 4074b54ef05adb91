/** Shared by the pack tests: a valid pack, a signing key, a fresh database and its snapshot. */
import { SeaKitDb } from '~/utils/db';
import type { Pack, UnsignedPack } from '~/utils/packs/format';
import { signerFromCryptoKeys, signPack, type PackSigner } from '~/utils/packs/signing';
import { readAllSnippets } from '~/utils/snippets/pack-rows';

export function basePack(overrides: Partial<Pack> = {}): UnsignedPack {
  return {
    format: 1,
    id: 'bao-callback',
    name: '保险回访话术',
    line: '保',
    version: 3,
    author: '王组长',
    updated: '2026-11-20',
    snippets: [
      { id: 'greet', title: '回访开场白', text: '您好，我是XX保险的回访专员，请问现在方便吗？', shortcut: 'kcb', tags: ['开场'] },
      { id: 'bye', title: '回访结束语', text: '感谢您的耐心配合，祝您生活愉快，再见！', tags: ['结束'] },
    ],
    phraseLists: [
      { id: 'forbidden', name: '服务禁语', kind: 'forbidden', phrases: [{ text: '我不清楚', suggestion: '这个问题我帮您核实一下' }] },
    ],
    ...overrides,
  } as UnsignedPack;
}

export async function newSigner(): Promise<PackSigner> {
  const keys = (await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])) as CryptoKeyPair;
  return signerFromCryptoKeys(keys);
}

export async function signed(pack: UnsignedPack, signer: PackSigner): Promise<Pack> {
  return signPack(pack, signer);
}

let counter = 0;
export async function freshDb(): Promise<SeaKitDb> {
  const db = new SeaKitDb(`seakit-test-${Date.now()}-${counter++}`);
  await db.open();
  return db;
}

/** Everything a failed install must not touch. */
export async function snapshot(db: SeaKitDb) {
  return {
    snippets: (await readAllSnippets(db)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    use: await db.snippetUse.orderBy('id').toArray(),
    packs: await db.packs.orderBy('id').toArray(),
    subscriptions: await db.subscriptions.orderBy('url').toArray(),
    lineage: await db.lineage.orderBy('id').toArray(),
  };
}
