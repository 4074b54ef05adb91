/**
 * The lead's signing key, kept by this browser: a WebCrypto Ed25519 key pair stored as a CryptoKey in
 * the extension's IndexedDB. It can leave only as a passphrase-encrypted PKCS#8 file (key-file.ts), so
 * a lead moving to a new PC keeps the same public key; keys made before that was possible are
 * non-extractable and say so. Browsers before Chrome 137 have no WebCrypto Ed25519; there the fallback
 * is a @noble/ed25519 secret in the same store, and the options page says so.
 */
import Dexie, { type EntityTable } from 'dexie';
import { hasNativeEd25519, newSecretKey, signerFromCryptoKeys, signerFromSecret, toBase64, fromBase64, type PackSigner } from './signing';
import { KeyFileError, encryptPkcs8, pkcs8FromSeed, readPkcs8, seedFromPkcs8 } from './key-file';
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
    // Extractable so it can be exported, encrypted, for another PC (exportLeadKey).
    const keys = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair;
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

/** Whether this key can be written to a file (keys made before export existed cannot). */
export function canExport(stored: StoredLeadKey): boolean {
  return stored.kind === 'software' ? !!stored.secret : !!stored.keys?.privateKey.extractable;
}

/** The key as a passphrase-encrypted PKCS#8 PEM file (readable by OpenSSL, Node and `npm run pack`). */
export async function exportLeadKey(stored: StoredLeadKey, passphrase: string): Promise<string> {
  if (!canExport(stored)) throw new KeyFileError('这把密钥生成时设为不可导出：请生成新密钥并导出备份（IT 需要改为信任新公钥）');
  const pkcs8 = stored.kind === 'software'
    ? pkcs8FromSeed(stored.secret!)
    : new Uint8Array(await crypto.subtle.exportKey('pkcs8', stored.keys!.privateKey));
  return encryptPkcs8(pkcs8, passphrase);
}

/** A key file (this page's export, or the CLI's PEM, encrypted or not) as this browser's key; not yet saved. */
export async function leadKeyFromFile(text: string, passphrase = ''): Promise<StoredLeadKey> {
  const { pkcs8 } = await readPkcs8(text, passphrase);
  const seed = seedFromPkcs8(pkcs8);
  if (await hasNativeEd25519()) {
    const privateKey = await crypto.subtle.importKey('pkcs8', pkcs8, { name: 'Ed25519' }, true, ['sign']);
    const jwk = await crypto.subtle.exportKey('jwk', privateKey);
    const raw = fromBase64(jwk.x!.replace(/-/g, '+').replace(/_/g, '/') + '=');
    const publicKey = await crypto.subtle.importKey('raw', raw, { name: 'Ed25519' }, true, ['verify']);
    return { id: 'default', kind: 'webcrypto', keys: { privateKey, publicKey }, publicKey: toBase64(raw), createdAt: Date.now() };
  }
  return { id: 'default', kind: 'software', secret: seed, publicKey: (await signerFromSecret(seed)).publicKey, createdAt: Date.now() };
}

export async function saveLeadKey(stored: StoredLeadKey): Promise<void> {
  await leadDb.keys.put(stored);
}
