import { browser } from 'wxt/browser';

/**
 * Memory-only storage that outlives a page but not the browser: customer data typed into SEA's search
 * form is never written to disk. The page's own sessionStorage is the fallback where storage.session
 * is not open to content scripts.
 */
export async function sessionGet<T>(key: string): Promise<T | undefined> {
  try {
    return (await browser.storage.session.get(key))[key] as T | undefined;
  } catch {
    const raw = sessionStorage.getItem(`seakit:${key}`);
    return raw ? (JSON.parse(raw) as T) : undefined;
  }
}

export async function sessionSet(key: string, value: unknown): Promise<void> {
  try {
    await browser.storage.session.set({ [key]: value });
  } catch {
    sessionStorage.setItem(`seakit:${key}`, JSON.stringify(value));
  }
}

export async function sessionRemove(key: string): Promise<void> {
  try {
    await browser.storage.session.remove(key);
  } catch {
    sessionStorage.removeItem(`seakit:${key}`);
  }
}
