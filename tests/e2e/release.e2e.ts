/**
 * npm run release: the CRX3 and updates.xml IT puts on its intranet server. The CRX is read here with a parser of
 * its own (not the library that wrote it): magic, version, protobuf header, RSA signature over the signed data and
 * the zip, the id inside the signed data; the zip's manifest carries the same key, and Chromium loading the
 * unpacked zip gives the extension that id. A release without a key warns and uses the development key.
 */
import { spawnSync } from 'node:child_process';
import { createHash, createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CHROMIUM_PATH, ROOT } from '../fixtures/browser.mjs';

const PINNED_ID = 'genjdalobboceeiefecdlepffiflkgfh';
const BASE_URL = 'https://packs.corp.example/seakit';

function idOf(spkiDer: Uint8Array) {
  return [...createHash('sha256').update(spkiDer).digest('hex').slice(0, 32)]
    .map((d) => String.fromCharCode(97 + parseInt(d, 16))).join('');
}

/** Protobuf wire format: field number → list of length-delimited values (all CRX3 header fields are bytes/messages). */
function protoFields(bytes: Uint8Array) {
  const fields = new Map<number, Uint8Array[]>();
  let at = 0;
  const varint = () => {
    let value = 0;
    let shift = 0;
    for (;;) {
      const byte = bytes[at++];
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
      if (byte < 0x80) return value;
    }
  };
  while (at < bytes.length) {
    const tag = varint();
    if ((tag & 7) !== 2) throw new Error(`unexpected wire type ${tag & 7}`);
    const length = varint();
    const list = fields.get(Math.floor(tag / 8)) ?? [];
    list.push(bytes.subarray(at, at + length));
    fields.set(Math.floor(tag / 8), list);
    at += length;
  }
  return fields;
}

function parseCrx3(crx: Buffer) {
  expect(crx.subarray(0, 4).toString('latin1')).toBe('Cr24');
  expect(crx.readUInt32LE(4)).toBe(3);
  const headerSize = crx.readUInt32LE(8);
  const header = protoFields(crx.subarray(12, 12 + headerSize));
  const zip = crx.subarray(12 + headerSize);
  const signedHeaderData = header.get(10000)![0];
  const crxId = protoFields(signedHeaderData).get(1)![0];
  const proofs = (header.get(2) ?? []).map((proof) => {
    const f = protoFields(proof);
    return { publicKey: f.get(1)![0], signature: f.get(2)![0] };
  });
  // What Chrome verifies: "CRX3 SignedData\0" + le32(len) + signed_header_data + archive.
  const length = Buffer.alloc(4);
  length.writeUInt32LE(signedHeaderData.length);
  const signed = Buffer.concat([Buffer.from('CRX3 SignedData\0', 'latin1'), length, signedHeaderData, zip]);
  return { crxId: Buffer.from(crxId), proofs, zip, signed };
}

let work: string;
let keyFile: string;
let keySpki: Buffer;

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'seakit-release-'));
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  keyFile = path.join(work, 'org-key.pem');
  await writeFile(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }));
  keySpki = publicKey.export({ type: 'spki', format: 'der' });
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

function release(...args: string[]) {
  const env = { ...process.env };
  delete env.SEAKIT_MANIFEST_KEY;
  delete env.SEAKIT_RELEASE_KEY;
  return spawnSync(process.execPath, [path.join(ROOT, 'scripts/release.mjs'), ...args], { cwd: ROOT, encoding: 'utf8', env });
}

describe('npm run release', () => {
  test('the repository key pins the documented id', async () => {
    const config = await readFile(path.join(ROOT, 'wxt.config.ts'), 'utf8');
    const pinned = /PINNED_KEY = [^']*'([^']+)'/.exec(config)![1];
    expect(idOf(Buffer.from(pinned, 'base64'))).toBe(PINNED_ID);
  });

  test('with the organisation key: a CRX3 whose signature verifies, whose id is the key\'s, and an update manifest', async () => {
    const out = path.join(work, 'release');
    const run = release('--base-url', BASE_URL, '--key', keyFile, '--out', out);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).not.toContain('开发密钥');
    const appId = idOf(keySpki);
    expect(run.stdout).toContain(`扩展 ID：${appId}`);

    const crx = parseCrx3(await readFile(path.join(out, 'sea-kit-0.1.0.crx')));
    expect(crx.proofs).toHaveLength(1);
    expect(Buffer.from(crx.proofs[0].publicKey).equals(keySpki)).toBe(true);
    const publicKey = createPublicKey({ key: Buffer.from(crx.proofs[0].publicKey), format: 'der', type: 'spki' });
    expect(verify('sha256', crx.signed, publicKey, crx.proofs[0].signature)).toBe(true);
    // A flipped byte in the archive breaks the signature (the check is real).
    const tampered = Buffer.from(crx.signed);
    tampered[tampered.length - 100] ^= 1;
    expect(verify('sha256', tampered, publicKey, crx.proofs[0].signature)).toBe(false);
    // crx_id is the first 16 bytes of SHA-256 of the public key; the id is those bytes in a-p.
    expect(crx.crxId.equals(createHash('sha256').update(keySpki).digest().subarray(0, 16))).toBe(true);

    const files = unzipSync(new Uint8Array(crx.zip));
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json']));
    expect(idOf(Buffer.from(manifest.key, 'base64'))).toBe(appId);
    expect(manifest.update_url).toBe(`${BASE_URL}/updates.xml`);
    expect(Object.keys(files)).toContain('background.js');

    const xml = await readFile(path.join(out, 'updates.xml'), 'utf8');
    const unpacked = path.join(work, 'unpacked');
    for (const [name, bytes] of Object.entries(files)) {
      if (name.endsWith('/')) continue;
      await mkdir(path.dirname(path.join(unpacked, name)), { recursive: true });
      await writeFile(path.join(unpacked, name), bytes);
    }
    // Chromium reads the update manifest as XML, and loads the CRX's contents under the same id.
    const profile = path.join(work, 'profile');
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [`--disable-extensions-except=${unpacked}`, `--load-extension=${unpacked}`],
    });
    try {
      const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
      expect(new URL(worker.url()).host).toBe(appId);
      const page = await context.newPage();
      const parsed = await page.evaluate((text) => {
        const doc = new DOMParser().parseFromString(text, 'application/xml');
        const check = doc.querySelector('updatecheck');
        return {
          error: doc.querySelector('parsererror')?.textContent ?? null,
          root: doc.documentElement.localName,
          ns: doc.documentElement.namespaceURI,
          appid: doc.querySelector('app')?.getAttribute('appid'),
          version: check?.getAttribute('version'),
          codebase: check?.getAttribute('codebase'),
        };
      }, xml);
      expect(parsed).toEqual({
        error: null, root: 'gupdate', ns: 'http://www.google.com/update2/response',
        appid: appId, version: manifest.version, codebase: `${BASE_URL}/sea-kit-0.1.0.crx`,
      });
    } finally {
      await context.close();
    }
  });

  test('without a key: a clear warning and the development key; a bad key or URL: a clear error, nothing built', async () => {
    const out = path.join(work, 'dev-release');
    const dev = release('--base-url', BASE_URL, '--out', out);
    expect(dev.status, dev.stderr).toBe(0);
    expect(dev.stderr).toContain('警告：没有提供发布私钥');
    expect(dev.stderr).toContain('不要放到内网服务器上分发');
    const devCrx = parseCrx3(await readFile(path.join(out, 'sea-kit-0.1.0.crx')));
    expect(verify('sha256', devCrx.signed,
      createPublicKey({ key: Buffer.from(devCrx.proofs[0].publicKey), format: 'der', type: 'spki' }),
      devCrx.proofs[0].signature)).toBe(true);

    const missing = release('--base-url', BASE_URL, '--key', path.join(work, 'nope.pem'), '--out', path.join(work, 'x'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('读不到发布私钥文件');
    const ed = path.join(work, 'ed.pem');
    await writeFile(ed, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const wrongType = release('--base-url', BASE_URL, '--key', ed, '--out', path.join(work, 'x'));
    expect(wrongType.status).toBe(2);
    expect(wrongType.stderr).toContain('不是 RSA 私钥');
    const noUrl = release('--key', keyFile);
    expect(noUrl.status).toBe(2);
    expect(noUrl.stderr).toContain('缺少参数 --base-url');
    const badUrl = release('--base-url', 'ftp://x', '--key', keyFile);
    expect(badUrl.stderr).toContain('应以 http:// 或 https:// 开头');
  });
});
