/**
 * The bytes a pack signature covers (docs/packs.md, "签名"): the pack without `signature`, as JSON with
 * object keys sorted by UTF-16 code units, no white space, strings and numbers as JSON.stringify writes
 * them, encoded as UTF-8. For pack data (strings, integers, arrays, objects) this is RFC 8785 (JCS).
 */
import type { Pack, UnsignedPack } from './format';

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('canonical JSON has no NaN/Infinity');
  return JSON.stringify(value);
}

export function withoutSignature(pack: Pack | UnsignedPack): UnsignedPack {
  const { signature: _signature, ...rest } = pack as Pack;
  return rest;
}

export function canonicalPackBytes(pack: Pack | UnsignedPack): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(canonicalJson(withoutSignature(pack)));
}
