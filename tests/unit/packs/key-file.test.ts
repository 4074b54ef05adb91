// @vitest-environment node
/**
 * The lead's key moves between PCs and the CLI: the browser's export is an encrypted PKCS#8 PEM that
 * Node/OpenSSL read with the passphrase, and the CLI's PEM (plain or encrypted) imports into the browser.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { exportLeadKey, leadKeyFromFile, signerFor, type StoredLeadKey } from '~/utils/packs/lead-keys';
import { KeyFileError } from '~/utils/packs/key-file';
import { signPack, signerFromCryptoKeys, signerFromSecret, newSecretKey } from '~/utils/packs/signing';
import { verifyPack } from '~/utils/packs/trust';
import { basePack } from './helpers';

const PASS = '组长的口令 2026';
const rawPublic = (pem: string, passphrase?: string) =>
  createPublicKey(createPrivateKey({ key: pem, passphrase })).export({ format: 'der', type: 'spki' }).subarray(-32).toString('base64');

async function browserKey(): Promise<StoredLeadKey> {
  const keys = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  return { id: 'default', kind: 'webcrypto', keys, publicKey: (await signerFromCryptoKeys(keys)).publicKey, createdAt: 1 };
}

// 600,000 PBKDF2 rounds per encryption or decryption: seconds each on a loaded CI machine.
describe('lead key files', { timeout: 60_000 }, () => {
  it('exports the browser key encrypted; Node (the CLI) reads it with the passphrase and gets the same public key', async () => {
    const stored = await browserKey();
    const pem = await exportLeadKey(stored, PASS);
    expect(pem).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----\n/);
    expect(pem).not.toContain('BEGIN PRIVATE KEY');
    expect(rawPublic(pem, PASS)).toBe(stored.publicKey);
    expect(() => createPrivateKey({ key: pem, passphrase: 'wrong passphrase' })).toThrow();
  });

  it('imports its own export on another PC: same public key, and packs it signs verify', async () => {
    const stored = await browserKey();
    const again = await leadKeyFromFile(await exportLeadKey(stored, PASS), PASS);
    expect(again.publicKey).toBe(stored.publicKey);
    const pack = await signPack(basePack(), await signerFor(again));
    await expect(verifyPack(pack, [stored.publicKey])).resolves.toBe(stored.publicKey);
  });

  it("imports the CLI's plain PEM (npm run pack -- keygen) and exports it back for the CLI", async () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const cliPem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const stored = await leadKeyFromFile(cliPem);
    expect(stored.publicKey).toBe(rawPublic(cliPem));
    const back = await exportLeadKey(stored, PASS);
    expect(rawPublic(back, PASS)).toBe(stored.publicKey);
  });

  it('imports a PEM OpenSSL/Node encrypted (aes-256-cbc) with its passphrase', async () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: PASS }).toString();
    expect((await leadKeyFromFile(pem, PASS)).publicKey).toBe(rawPublic(pem, PASS));
  });

  it('the software fallback key exports and imports too', async () => {
    const secret = newSecretKey();
    const stored: StoredLeadKey = { id: 'default', kind: 'software', secret, publicKey: (await signerFromSecret(secret)).publicKey, createdAt: 1 };
    expect(rawPublic(await exportLeadKey(stored, PASS), PASS)).toBe(stored.publicKey);
  });

  const refusals: Array<[string, () => Promise<unknown>, RegExp]> = [
    ['a wrong passphrase', async () => leadKeyFromFile(await exportLeadKey(await browserKey(), PASS), 'not the passphrase'), /口令不对/],
    ['no passphrase for an encrypted file', async () => leadKeyFromFile(await exportLeadKey(await browserKey(), PASS)), /请输入口令/],
    ['a short passphrase on export', async () => exportLeadKey(await browserKey(), '1234'), /至少 8 个字符/],
    ['an RSA key', async () => leadKeyFromFile(generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString()), /不是 Ed25519/],
    ['a file that is not PEM', async () => leadKeyFromFile('{"format":1}'), /不是 PEM/],
    ['a non-extractable key made before export existed', async () => {
      const keys = (await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])) as CryptoKeyPair;
      return exportLeadKey({ id: 'default', kind: 'webcrypto', keys, publicKey: 'x', createdAt: 1 }, PASS);
    }, /不可导出/],
  ];
  for (const [name, attempt, message] of refusals) {
    it(`refuses ${name} with a Chinese message`, async () => {
      const error = await attempt().then(() => undefined, (e) => e);
      expect(error).toBeInstanceOf(KeyFileError);
      expect((error as Error).message).toMatch(message);
    });
  }
});
