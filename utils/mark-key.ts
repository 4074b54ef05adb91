import { browser } from 'wxt/browser';

/**
 * Keys for what SEA Kit remembers about a policy across page loads (viewed-row marks): an HMAC-SHA-256 of
 * the policy number under a random secret made once per install and kept in extension storage. Stored
 * state then never holds a policy number, and a key cannot be checked against a guessed number without
 * the secret (a plain hash of a short numbered ID could be).
 */
const SECRET_KEY = 'markSecret';

let secret: Promise<CryptoKey> | null = null;

function toBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

async function loadSecret(): Promise<CryptoKey> {
  let stored = (await browser.storage.local.get(SECRET_KEY))[SECRET_KEY] as string | undefined;
  if (!stored) {
    await browser.storage.local.set({ [SECRET_KEY]: toBase64(crypto.getRandomValues(new Uint8Array(32))) });
    // Two frames may have made one at once: both use whichever was stored last.
    stored = (await browser.storage.local.get(SECRET_KEY))[SECRET_KEY] as string;
  }
  const raw = Uint8Array.from(atob(stored), (c) => c.charCodeAt(0));
  return crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
}

/** Background at start-up: the secret exists before any SEA page asks for it. */
export async function ensureMarkSecret(): Promise<void> {
  await (secret ??= loadSecret());
}

/** The stored key of a policy number: 22 url-safe characters (128 bits of the HMAC). */
export async function markKey(value: string): Promise<string> {
  secret ??= loadSecret();
  const key = await secret.catch((error) => {
    secret = null;
    throw error;
  });
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(value)));
  return toBase64(mac.slice(0, 16)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
