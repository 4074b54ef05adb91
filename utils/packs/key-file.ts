/**
 * The lead's key as a file, so a new PC keeps the same key (and IT's trustedKeys stay as they are):
 * PKCS#8 PEM, plain ("PRIVATE KEY", what `npm run pack -- keygen` writes) or passphrase-encrypted
 * ("ENCRYPTED PRIVATE KEY": PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC, as OpenSSL and Node write and
 * read it). Only WebCrypto here; the few DER structures involved are written and read by hand.
 */
import { fromBase64, toBase64 } from './signing';

const OID = {
  pbes2: '1.2.840.113549.1.5.13',
  pbkdf2: '1.2.840.113549.1.5.12',
  hmacSha256: '1.2.840.113549.2.9',
  hmacSha1: '1.2.840.113549.2.7',
  aes256cbc: '2.16.840.1.101.3.4.1.42',
  aes128cbc: '2.16.840.1.101.3.4.1.2',
};
const ITERATIONS = 600_000;

export class KeyFileError extends Error {}

// --- DER -------------------------------------------------------------------------------------------

function derLength(length: number): number[] {
  if (length < 0x80) return [length];
  const bytes: number[] = [];
  for (let n = length; n > 0; n >>= 8) bytes.unshift(n & 0xff);
  return [0x80 | bytes.length, ...bytes];
}
function der(tag: number, ...content: Uint8Array[]): Uint8Array {
  const body = concat(content);
  return concat([new Uint8Array([tag, ...derLength(body.length)]), body]);
}
function concat(parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
const seq = (...c: Uint8Array[]) => der(0x30, ...c);
const octets = (b: Uint8Array) => der(0x04, b);
function integer(n: number): Uint8Array {
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  if (!bytes.length || bytes[0]! & 0x80) bytes.unshift(0);
  return der(0x02, new Uint8Array(bytes));
}
function oid(text: string): Uint8Array {
  const [a, b, ...rest] = text.split('.').map(Number);
  const bytes = [a! * 40 + b!];
  for (const n of rest) {
    const chunk: number[] = [n & 0x7f];
    for (let v = n >> 7; v > 0; v >>= 7) chunk.unshift(0x80 | (v & 0x7f));
    bytes.push(...chunk);
  }
  return der(0x06, new Uint8Array(bytes));
}

interface Node { tag: number; value: Uint8Array; children?: Node[] }
function parse(bytes: Uint8Array): Node[] {
  const nodes: Node[] = [];
  let i = 0;
  while (i < bytes.length) {
    const tag = bytes[i++]!;
    let length = bytes[i++]!;
    if (length & 0x80) {
      const count = length & 0x7f;
      if (count > 4) throw new KeyFileError('密钥文件已损坏');
      length = 0;
      for (let k = 0; k < count; k++) length = length * 256 + bytes[i++]!;
    }
    if (i + length > bytes.length) throw new KeyFileError('密钥文件已损坏（长度不对）');
    const value = bytes.subarray(i, i + length);
    nodes.push({ tag, value, children: tag === 0x30 ? parse(value) : undefined });
    i += length;
  }
  return nodes;
}
function oidText(node: Node | undefined): string {
  if (!node || node.tag !== 0x06) throw new KeyFileError('密钥文件已损坏');
  const v = node.value;
  const parts = [Math.floor(v[0]! / 40), v[0]! % 40];
  let n = 0;
  for (const byte of v.subarray(1)) {
    n = n * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      parts.push(n);
      n = 0;
    }
  }
  return parts.join('.');
}
function intValue(node: Node): number {
  return node.value.reduce((n, b) => n * 256 + b, 0);
}

// --- PEM -------------------------------------------------------------------------------------------

function pem(label: string, bytes: Uint8Array): string {
  const text = toBase64(bytes).replace(/.{1,64}/g, '$&\n');
  return `-----BEGIN ${label}-----\n${text}-----END ${label}-----\n`;
}
function unpem(text: string): { label: string; bytes: Uint8Array<ArrayBuffer> } {
  const m = /-----BEGIN ([A-Z ]+)-----([\s\S]*?)-----END \1-----/.exec(text);
  if (!m) throw new KeyFileError('这不是 PEM 格式的密钥文件（应以 -----BEGIN … PRIVATE KEY----- 开头）');
  try {
    return { label: m[1]!, bytes: fromBase64(m[2]!.replace(/\s+/g, '')) };
  } catch {
    throw new KeyFileError('密钥文件已损坏（base64 无法解码）');
  }
}

// --- encryption ------------------------------------------------------------------------------------

async function aesKey(passphrase: string, salt: Uint8Array<ArrayBuffer>, iterations: number, bits: number, hash: string) {
  const base = await crypto.subtle.importKey('raw', new TextEncoder().encode(passphrase), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey({ name: 'PBKDF2', salt, iterations, hash }, base, { name: 'AES-CBC', length: bits }, false, ['encrypt', 'decrypt']);
}

/** PKCS#8 DER → "ENCRYPTED PRIVATE KEY" PEM under the passphrase. */
export async function encryptPkcs8(pkcs8: Uint8Array<ArrayBuffer>, passphrase: string): Promise<string> {
  if (passphrase.length < 8) throw new KeyFileError('口令至少 8 个字符');
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(16));
  const key = await aesKey(passphrase, salt, ITERATIONS, 256, 'SHA-256');
  const data = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-CBC', iv }, key, pkcs8));
  const info = seq(
    seq(oid(OID.pbes2), seq(
      seq(oid(OID.pbkdf2), seq(octets(salt), integer(ITERATIONS), seq(oid(OID.hmacSha256), der(0x05)))),
      seq(oid(OID.aes256cbc), octets(iv)),
    )),
    octets(data),
  );
  return pem('ENCRYPTED PRIVATE KEY', info);
}

/** A PEM key file → PKCS#8 DER; an encrypted one needs its passphrase. */
export async function readPkcs8(text: string, passphrase = ''): Promise<{ pkcs8: Uint8Array<ArrayBuffer>; encrypted: boolean }> {
  const { label, bytes } = unpem(text);
  if (label === 'PRIVATE KEY') return { pkcs8: bytes, encrypted: false };
  if (label !== 'ENCRYPTED PRIVATE KEY') throw new KeyFileError(`不支持的密钥类型：${label}（需要 PKCS#8 的 PRIVATE KEY）`);
  if (!passphrase) throw new KeyFileError('这个密钥文件有口令保护，请输入口令');
  const [info] = parse(bytes);
  const [algorithm, data] = info?.children ?? [];
  const [scheme, params] = algorithm?.children ?? [];
  if (oidText(scheme) !== OID.pbes2) throw new KeyFileError('不支持的加密方式（需要 PBES2，OpenSSL 默认格式）');
  const [kdf, cipher] = params?.children ?? [];
  const [kdfOid, kdfParams] = kdf?.children ?? [];
  if (oidText(kdfOid) !== OID.pbkdf2) throw new KeyFileError('不支持的口令算法（需要 PBKDF2）');
  const [salt, iterations, ...optional] = kdfParams?.children ?? [];
  const prf = optional.find((n) => n.tag === 0x30);
  const hash = !prf || oidText(prf.children?.[0]) === OID.hmacSha1 ? 'SHA-1' : oidText(prf.children?.[0]) === OID.hmacSha256 ? 'SHA-256' : '';
  const [cipherOid, iv] = cipher?.children ?? [];
  const bits = oidText(cipherOid) === OID.aes256cbc ? 256 : oidText(cipherOid) === OID.aes128cbc ? 128 : 0;
  if (!hash || !bits || !salt || !iterations || !iv || !data) throw new KeyFileError('不支持的加密参数（需要 AES-CBC 与 HMAC-SHA256）');
  const key = await aesKey(passphrase, salt.value.slice(), intValue(iterations), bits, hash);
  try {
    const pkcs8 = new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-CBC', iv: iv.value.slice() }, key, data.value.slice()));
    return { pkcs8, encrypted: true };
  } catch {
    throw new KeyFileError('口令不对，或密钥文件已损坏');
  }
}

/** Ed25519 PKCS#8 (RFC 8410) is a fixed prefix and the 32-byte seed. */
const ED25519_PKCS8_PREFIX = new Uint8Array([0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20]);

export function seedFromPkcs8(pkcs8: Uint8Array): Uint8Array {
  const [info] = parse(pkcs8);
  const [, algorithm, key] = info?.children ?? [];
  if (oidText(algorithm?.children?.[0]) !== '1.3.101.112') throw new KeyFileError('这不是 Ed25519 密钥（话术包签名只用 Ed25519）');
  const inner = key && parse(key.value)[0];
  if (!inner || inner.tag !== 0x04 || inner.value.length !== 32) throw new KeyFileError('密钥文件已损坏');
  return inner.value.slice();
}

export function pkcs8FromSeed(seed: Uint8Array): Uint8Array<ArrayBuffer> {
  return concat([ED25519_PKCS8_PREFIX, seed]);
}
