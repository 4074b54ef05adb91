/**
 * Which keys IT trusts (trustedKeys, packSigners), parsed: what the 话术包 view shows at its first render.
 * Apart from the signature checks (trust.ts, with @noble/ed25519) so that the view does not load them.
 */

/** A public key as IT pastes it: base64 of the raw 32 bytes, white space ignored. */
export function normalizePublicKey(text: string): string | undefined {
  const compact = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]{43}=$/.test(compact)) return undefined;
  return compact;
}

/** The trust IT configured, parsed once. */
export interface TrustPolicy {
  /** Valid pinned keys. */
  keys: string[];
  /** Entries of trustedKeys / packSigners that are not a key: shown to IT, never trusted. */
  invalid: string[];
  /** IT listed keys (valid or not): signatures by one of `keys` are required. */
  pinned: boolean;
  /** Pack id → keys IT names for it (valid ones). */
  packSigners: Record<string, string[]>;
}

function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function describeEntry(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

export function trustPolicyFrom(settings: { trustedKeys?: unknown; packSigners?: unknown }): TrustPolicy {
  const keys: string[] = [];
  const invalid: string[] = [];
  const entries = asList(settings.trustedKeys);
  for (const entry of entries) {
    const key = typeof entry === 'string' ? normalizePublicKey(entry) : undefined;
    if (key) keys.push(key);
    else invalid.push(describeEntry(entry));
  }
  const packSigners: Record<string, string[]> = {};
  const named = settings.packSigners;
  if (named && typeof named === 'object' && !Array.isArray(named)) {
    for (const [id, list] of Object.entries(named)) {
      packSigners[id] = [];
      for (const entry of asList(list)) {
        const key = typeof entry === 'string' ? normalizePublicKey(entry) : undefined;
        if (key) packSigners[id].push(key);
        else invalid.push(`packSigners.${id}: ${describeEntry(entry)}`);
      }
    }
  } else if (named !== undefined && named !== null) {
    invalid.push(`packSigners: ${describeEntry(named)}`);
  }
  return { keys: [...new Set(keys)], invalid, pinned: entries.length > 0, packSigners };
}
