/**
 * Ed25519 pack signatures. WebCrypto Ed25519 (Chrome 137+, Node 20) when present; otherwise
 * @noble/ed25519 (pure JS, audited, uses WebCrypto only for SHA-512) so older pinned browsers still verify.
 */
import * as noble from '@noble/ed25519';
import { canonicalPackBytes } from './canonical';
import type { Pack, UnsignedPack } from './format';

export { normalizePublicKey } from './trust-policy';

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.trim());
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

let nativeEd25519: Promise<boolean> | undefined;

/** Whether crypto.subtle does Ed25519 here (probed once with a throwaway key import). */
export function hasNativeEd25519(): Promise<boolean> {
  nativeEd25519 ??= crypto.subtle
    .importKey('raw', new Uint8Array(32).fill(1), { name: 'Ed25519' }, false, ['verify'])
    .then(() => true, () => false);
  return nativeEd25519;
}

/** For tests: forget the probe result (e.g. after hiding crypto.subtle Ed25519). */
export function resetEd25519Probe(): void {
  nativeEd25519 = undefined;
}

export async function verifyEd25519(publicKey: string, signature: string, message: Uint8Array<ArrayBuffer>): Promise<boolean> {
  const key = fromBase64(publicKey);
  const sig = fromBase64(signature);
  if (key.length !== 32 || sig.length !== 64) return false;
  if (await hasNativeEd25519()) {
    try {
      const cryptoKey = await crypto.subtle.importKey('raw', key, { name: 'Ed25519' }, false, ['verify']);
      return await crypto.subtle.verify({ name: 'Ed25519' }, cryptoKey, sig, message);
    } catch {
      return false; // not a valid curve point
    }
  }
  try {
    return await noble.verifyAsync(sig, message, key);
  } catch {
    return false;
  }
}

/** Whoever holds a private key: the browser (non-extractable CryptoKey), the CLI, or the fallback. */
export interface PackSigner {
  /** Raw public key, base64. */
  publicKey: string;
  sign(message: Uint8Array<ArrayBuffer>): Promise<Uint8Array>;
}

export async function signerFromCryptoKeys(keys: CryptoKeyPair): Promise<PackSigner> {
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', keys.publicKey));
  return {
    publicKey: toBase64(raw),
    sign: async (message) => new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, keys.privateKey, message)),
  };
}

/** The fallback for browsers without WebCrypto Ed25519: a 32-byte secret held by @noble/ed25519. */
export async function signerFromSecret(secret: Uint8Array): Promise<PackSigner> {
  return {
    publicKey: toBase64(await noble.getPublicKeyAsync(secret)),
    sign: (message) => noble.signAsync(message, secret),
  };
}

export function newSecretKey(): Uint8Array {
  return noble.utils.randomSecretKey();
}

/** Signs a pack (any old signature is replaced). */
export async function signPack(pack: UnsignedPack | Pack, signer: PackSigner): Promise<Pack> {
  const { signature: _old, ...unsigned } = pack as Pack;
  const value = await signer.sign(canonicalPackBytes(unsigned));
  return { ...unsigned, signature: { alg: 'Ed25519', key: signer.publicKey, value: toBase64(value) } };
}
