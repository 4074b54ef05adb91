import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { canonicalJson, canonicalPackBytes } from '~/utils/packs/canonical';
import { newSecretKey, resetEd25519Probe, signerFromSecret, signPack, hasNativeEd25519 } from '~/utils/packs/signing';
import { verifyPack } from '~/utils/packs/trust';
import { generatePackValidator, validatorPath } from '../../../scripts/gen-pack-validator.mjs';
import { basePack, newSigner } from './helpers';

afterEach(() => {
  vi.restoreAllMocks();
  resetEd25519Probe();
});

/** Makes crypto.subtle behave like a browser before Chrome 137: no Ed25519. */
function hideNativeEd25519() {
  const subtle = crypto.subtle;
  const real = { importKey: subtle.importKey.bind(subtle), verify: subtle.verify.bind(subtle) };
  const isEd = (alg: unknown) => (typeof alg === 'string' ? alg : (alg as { name?: string })?.name) === 'Ed25519';
  vi.spyOn(subtle, 'importKey').mockImplementation(((format: any, key: any, alg: any, ext: any, usages: any) =>
    isEd(alg) ? Promise.reject(new DOMException('Unrecognized name.', 'NotSupportedError')) : real.importKey(format, key, alg, ext, usages)) as any);
  vi.spyOn(subtle, 'verify').mockImplementation(((alg: any, ...rest: any[]) =>
    isEd(alg) ? Promise.reject(new Error('native Ed25519 used')) : (real.verify as any)(alg, ...rest)) as any);
  resetEd25519Probe();
}

describe('canonical bytes', () => {
  it('sorts keys at every level, drops white space, keeps Chinese as UTF-8', () => {
    expect(canonicalJson({ b: 1, a: [{ z: '保', y: null }], c: 'x"y' })).toBe('{"a":[{"y":null,"z":"保"}],"b":1,"c":"x\\"y"}');
    const bytes = canonicalPackBytes({ ...basePack(), signature: { alg: 'Ed25519', key: 'k', value: 'v' } } as any);
    const text = new TextDecoder().decode(bytes);
    expect(text.startsWith('{"author":"王组长","format":1,"id":"bao-callback"')).toBe(true);
    expect(text).not.toContain('signature');
    expect(text).not.toMatch(/\s"|":\s/);
  });

  it('does not depend on the order keys were written in', () => {
    const pack = basePack();
    const reordered = Object.fromEntries(Object.entries(pack).reverse());
    expect(canonicalPackBytes(reordered as any)).toEqual(canonicalPackBytes(pack));
  });
});

describe('signing and verifying (Node WebCrypto and the @noble fallback)', () => {
  it('round-trips with WebCrypto Ed25519 and catches any change', async () => {
    expect(await hasNativeEd25519()).toBe(true);
    const signer = await newSigner();
    const pack = await signPack(basePack(), signer);
    expect(pack.signature).toMatchObject({ alg: 'Ed25519', key: signer.publicKey });
    await expect(verifyPack(pack, [signer.publicKey])).resolves.toBe(signer.publicKey);
    for (const change of [(p: any) => (p.version = 4), (p: any) => (p.snippets[1].tags = []), (p: any) => (p.phraseLists[0].phrases[0].text = '不清楚')]) {
      const copy = structuredClone(pack);
      change(copy);
      await expect(verifyPack(copy, [signer.publicKey])).rejects.toThrow('签名不符');
    }
  });

  it('verifies with @noble/ed25519 when the browser has no WebCrypto Ed25519', async () => {
    const webCryptoSigned = await signPack(basePack(), await newSigner());
    hideNativeEd25519();
    expect(await hasNativeEd25519()).toBe(false);
    await expect(verifyPack(webCryptoSigned, [webCryptoSigned.signature!.key])).resolves.toBeTruthy();
    const tampered = structuredClone(webCryptoSigned);
    tampered.name = '改名';
    await expect(verifyPack(tampered, [])).rejects.toThrow('签名不符');
  });

  it('a @noble signature verifies with WebCrypto', async () => {
    const signer = await signerFromSecret(newSecretKey());
    const pack = await signPack(basePack(), signer);
    await expect(verifyPack(pack, [` ${signer.publicKey}\n`])).resolves.toBe(signer.publicKey);
  });

  it('re-signing replaces the old signature', async () => {
    const first = await signPack(basePack(), await newSigner());
    const second = await newSigner();
    const again = await signPack(first, second);
    await expect(verifyPack(again, [second.publicKey])).resolves.toBe(second.publicKey);
  });
});

describe('the precompiled schema validator', () => {
  it('is up to date with pack.schema.json (run node scripts/gen-pack-validator.mjs)', () => {
    const committed = readFileSync(validatorPath, 'utf8');
    expect(committed).toBe(generatePackValidator());
  });
});
