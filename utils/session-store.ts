import { browser } from 'wxt/browser';

/**
 * Memory-only storage that outlives a page but not the browser: customer data typed into SEA's search
 * form is never written to disk. There is no fallback (the page's sessionStorage is SEA's, and Chrome
 * keeps it on disk to restore a session): where storage.session is not open, nothing is kept and the
 * caller does without.
 */
export async function sessionGet<T>(key: string): Promise<T | undefined> {
  try {
    return (await browser.storage.session.get(key))[key] as T | undefined;
  } catch {
    return undefined;
  }
}

export async function sessionSet(key: string, value: unknown): Promise<void> {
  await browser.storage.session.set({ [key]: value }).catch(() => undefined);
}

export async function sessionRemove(key: string): Promise<void> {
  await browser.storage.session.remove(key).catch(() => undefined);
}
