/**
 * The lead's signing key, kept by this browser: a WebCrypto Ed25519 key pair whose private half is
 * non-extractable (stored as a CryptoKey in IndexedDB, which cannot be read out as bytes). Browsers
 * before Chrome 137 have no WebCrypto Ed25519; there the fallback is a @noble/ed25519 secret in the same
 * store, which is extractable, and the options page says so.
 */
import Dexie, { type EntityTable } from 'dexie';
import { hasNativeEd25519, newSecretKey, signerFromCryptoKeys, signerFromSecret, type PackSigner } from './signing';
import type { BusinessLine } from '../db';

export interface StoredLeadKey {
  id: 'default';
  kind: 'webcrypto' | 'software';
  keys?: CryptoKeyPair;
  secret?: Uint8Array;
  publicKey: string;
  createdAt: number;
}

/** What the lead last exported per pack id, so the next build suggests version + 1. */
export interface ExportedPack {
  id: string;
  name: string;
  line: BusinessLine;
  version: number;
  author: string;
  exportedAt: number;
}

class LeadDb extends Dexie {
  keys!: EntityTable<StoredLeadKey, 'id'>;
  exports!: EntityTable<ExportedPack, 'id'>;
  constructor() {
    super('seakit-lead');
    this.version(1).stores({ keys: 'id', exports: 'id, exportedAt' });
  }
}

export const leadDb = new LeadDb();

export async function loadLeadKey(): Promise<StoredLeadKey | undefined> {
  return leadDb.keys.get('default');
}

/** Makes a new key (replacing any old one: packs signed with it need IT to trust the new public key). */
export async function createLeadKey(): Promise<StoredLeadKey> {
  let stored: StoredLeadKey;
  if (await hasNativeEd25519()) {
    const keys = (await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])) as CryptoKeyPair;
    stored = { id: 'default', kind: 'webcrypto', keys, publicKey: (await signerFromCryptoKeys(keys)).publicKey, createdAt: Date.now() };
  } else {
    const secret = newSecretKey();
    stored = { id: 'default', kind: 'software', secret, publicKey: (await signerFromSecret(secret)).publicKey, createdAt: Date.now() };
  }
  await leadDb.keys.put(stored);
  return stored;
}

export async function signerFor(stored: StoredLeadKey): Promise<PackSigner> {
  if (stored.kind === 'webcrypto' && stored.keys) return signerFromCryptoKeys(stored.keys);
  if (stored.secret) return signerFromSecret(stored.secret);
  throw new Error('签名密钥已损坏，请重新生成');
}
