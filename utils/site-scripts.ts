import { browser } from 'wxt/browser';
import { loadSettings } from './settings-store';

const SCRIPT_ID = 'sea-sites';

/** Match patterns the manifest already covers: the build-time SEA hosts. */
function manifestMatches(): Set<string> {
  const scripts = browser.runtime.getManifest().content_scripts ?? [];
  return new Set(scripts.flatMap((s) => s.matches ?? []));
}

/**
 * Registers the page script for every site pattern the agent or policy added and the browser granted.
 * Patterns without a granted host permission are left out (the options page asks for them).
 */
export async function syncSiteScripts(): Promise<void> {
  const { settings } = await loadSettings();
  const builtIn = manifestMatches();
  const wanted = [...new Set(settings.sites.flatMap((s) => s.matches))].filter((p) => !builtIn.has(p));
  const granted: string[] = [];
  for (const pattern of wanted) {
    if (await browser.permissions.contains({ origins: [pattern] }).catch(() => false)) granted.push(pattern);
  }
  const registered = await browser.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
  if (registered.length) await browser.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
  if (!granted.length) return;
  const js = (browser.runtime.getManifest().content_scripts ?? [])[0]?.js ?? [];
  // Every frame, as the manifest's script (issue 10); blank frames a SEA page writes by script too, where
  // Chrome allows it (matchOriginAsFallback needs patterns whose path is only /*).
  const wholeOrigins = granted.every((p) => /^[^:]+:\/\/[^/]+\/\*$/.test(p));
  await browser.scripting.registerContentScripts([
    { id: SCRIPT_ID, js, matches: granted, runAt: 'document_idle', persistAcrossSessions: true, allFrames: true, matchOriginAsFallback: wholeOrigins },
  ]);
}
