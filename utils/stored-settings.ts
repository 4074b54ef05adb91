import { browser } from 'wxt/browser';

/** Where the settings live in storage.local: the agent's own layer, and the background's copy of the policy. */
export const SETTINGS_KEY = 'settings';
export const POLICY_CACHE_KEY = 'policyCache';

/**
 * The one storage read the settings are built from. Its own tiny module (no settings code): an extension
 * page starts it in its first script, so the answer is there by the time the page's code has arrived.
 */
export function readStoredSettings(): Promise<Record<string, unknown>> {
  return browser.storage.local.get([SETTINGS_KEY, POLICY_CACHE_KEY]);
}
