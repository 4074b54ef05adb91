import { defineContentScript } from 'wxt/utils/define-content-script';
import { defaultSettings, isFeatureOn, siteFor, type SiteProfile } from '~/utils/settings';
import { loadSettings, onSettingsChanged, type EffectiveSettings } from '~/utils/settings-store';
import { PageCore } from '~/utils/page/core';
import { ensurePageStyle } from '~/utils/page/inject';
import { frameUrl } from '~/utils/page/frame';
import { coalesced } from '~/utils/coalesced';
import { answerInspector } from '~/utils/experience/inspect';
import { watchTouchpoints } from '~/utils/experience/touchpoints';
import { LateFeatures } from '~/utils/page/late';
import { features } from './registry';

declare global {
  interface Window {
    seaKitStarted?: boolean;
  }
}

/**
 * An about:blank editor frame (TinyMCE's classic mode, UEditor, KindEditor: designMode or an editable body)
 * is served by its parent frame's features (utils/page/frames.ts): running here too would answer every
 * keystroke twice.
 */
const isBlankFrame = () => window !== window.top && /^about:(blank|srcdoc)/.test(location.href);
const isParentsEditor = () => isBlankFrame() && (document.designMode === 'on' || !!document.body?.isContentEditable);

export default defineContentScript({
  // Replaced at build time by the SEA hosts (wxt.config.ts); sites added later are registered at runtime.
  matches: ['*://127.0.0.1/*'],
  runAt: 'document_idle',
  // Every frame: admins that open menu entries as iframe tabs and details in dialog iframes (issue 10).
  // Each frame decides by its own URL (frameUrl) whether it is SEA; blank frames written by script count.
  allFrames: true,
  matchAboutBlank: true,
  // WXT tells an older instance of this script to stop by a DOM event; its extra window.postMessage would
  // also run every message listener of SEA's own on every page load.
  noScriptStartedPostMessage: true,
  async main(ctx) {
    // The build-time and the runtime registration can both match a page: run once.
    if (window.seaKitStarted) return;
    window.seaKitStarted = true;

    let core: PageCore | null = null;
    let effective: EffectiveSettings = { settings: defaultSettings, locked: new Set() };
    /** Everything but the on/off switches: when it changes, the features restart with the new settings. */
    let shape = '';
    let switches = '';
    // The reply-box features' code arrives with the writing script once the agent goes into somewhere to write.
    const late = new LateFeatures(() => void sync());
    const enabledFor = (site: SiteProfile) => {
      const enabled = features.filter((f) => isFeatureOn(site, f.id));
      late.want(enabled);
      return enabled.map((f) => late.resolve(f));
    };

    /** False until read, and again after a change: the writing script's arrival needs no storage read. */
    let settingsRead = false;
    /** One at a time, coalesced: a burst of settings changes restarts the features once, in order. */
    const sync = coalesced(async () => {
      if (!settingsRead) {
        // Before the read: a change while it runs asks for another.
        settingsRead = true;
        effective = await loadSettings({ cachedPolicy: true }).catch((error) => {
          settingsRead = false;
          throw error;
        });
      }
      const { settings } = effective;
      // The extension was reloaded or updated under this page meanwhile: the new instance takes over.
      if (ctx.isInvalid) return;
      const site = isParentsEditor() ? undefined : siteFor(settings, frameUrl());
      const nextShape = JSON.stringify([site && { ...site, features: null }, { ...settings, sites: null }]);
      const nextSwitches = JSON.stringify([site?.features ?? null, late.loaded]);
      // The same settings again (another frame's or the options page's identical save): nothing to do.
      if (nextShape === shape && nextSwitches === switches && (core || !site)) return;
      switches = nextSwitches;
      if (!site) {
        core?.stop();
        core = null;
        late.want([]);
      } else if (core && nextShape === shape) {
        await core.update(enabledFor(site));
      } else {
        core?.stop();
        ensurePageStyle();
        const enabled = enabledFor(site);
        // Before the first page pass: the 退保预警 stand-in reads the conversation only where there is somewhere to write.
        late.check([document.documentElement]);
        core = new PageCore(site, settings, (added) => late.check(added));
        await core.start(enabled);
      }
      shape = nextShape;
    });

    await sync();
    // An editor may turn its blank frame editable after this script started: by the time the agent is in it.
    if (isBlankFrame()) window.addEventListener('focusin', () => core && isParentsEditor() && void sync(), { capture: true });
    // A change in the options page (or by policy, once the background has cached it) reaches this tab without a reload.
    const unwatch = onSettingsChanged(() => {
      settingsRead = false;
      void sync();
    }, { cachedPolicy: true });
    // The side panel's page inspector asks this frame what it found (utils/experience/inspect.ts).
    const unanswer = answerInspector(() => ({ ...effective, core, features }));
    // Touchpoint timings (search → results, detail → fields, log → shown): durations only, never values.
    const timing = new AbortController();
    const writing = new AbortController();
    late.watch(writing.signal);
    if (siteFor(effective.settings, frameUrl())) watchTouchpoints(timing.signal);
    ctx.onInvalidated(() => {
      unwatch();
      unanswer();
      timing.abort();
      writing.abort();
      core?.stop();
    });
  },
});
