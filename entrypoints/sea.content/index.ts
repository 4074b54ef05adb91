import { defineContentScript } from 'wxt/utils/define-content-script';
import { defaultSettings, isFeatureOn, siteFor, type SiteProfile } from '~/utils/settings';
import { loadSettings, onSettingsChanged, type EffectiveSettings } from '~/utils/settings-store';
import { PageCore } from '~/utils/page/core';
import { ensurePageStyle } from '~/utils/page/inject';
import { answerInspector } from '~/utils/experience/inspect';
import { features } from './registry';

declare global {
  interface Window {
    seaKitStarted?: boolean;
  }
}

export default defineContentScript({
  // Replaced at build time by the SEA hosts (wxt.config.ts); sites added later are registered at runtime.
  matches: ['*://127.0.0.1/*'],
  runAt: 'document_idle',
  async main(ctx) {
    // The build-time and the runtime registration can both match a page: run once.
    if (window.seaKitStarted) return;
    window.seaKitStarted = true;

    let core: PageCore | null = null;
    let effective: EffectiveSettings = { settings: defaultSettings, locked: new Set() };
    /** Everything but the on/off switches: when it changes, the features restart with the new settings. */
    let shape = '';
    const enabledFor = (site: SiteProfile) => features.filter((f) => isFeatureOn(site, f.id));

    const sync = async () => {
      effective = await loadSettings({ cachedPolicy: true });
      const { settings } = effective;
      const site = siteFor(settings, location.href);
      const nextShape = JSON.stringify([site && { ...site, features: null }, { ...settings, sites: null }]);
      if (!site) {
        core?.stop();
        core = null;
      } else if (core && nextShape === shape) {
        await core.update(enabledFor(site));
      } else {
        core?.stop();
        ensurePageStyle();
        core = new PageCore(site, settings);
        await core.start(enabledFor(site));
      }
      shape = nextShape;
    };

    await sync();
    // A change in the options page (or by policy) reaches this tab without a reload.
    const unwatch = onSettingsChanged(() => void sync());
    // The side panel's page inspector asks this frame what it found (utils/experience/inspect.ts).
    const unanswer = answerInspector(() => ({ ...effective, core, features }));
    ctx.onInvalidated(() => {
      unwatch();
      unanswer();
      core?.stop();
    });
  },
});
