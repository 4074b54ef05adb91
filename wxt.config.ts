import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

/**
 * SEA hosts granted at install (content script + host permission). IT builds for its own SEA
 * with SEAKIT_HOSTS="https://sea.corp.example/*,..."; other sites are asked for in the options page.
 */
const seaHosts = (process.env.SEAKIT_HOSTS ?? '*://127.0.0.1/*,*://localhost/*')
  .split(',').map((h) => h.trim()).filter(Boolean);

/** Pack servers (SEAKIT_PACK_HOSTS, same form): host permission only, so pack fetches need no CORS setup. */
const packHosts = (process.env.SEAKIT_PACK_HOSTS ?? '').split(',').map((h) => h.trim()).filter(Boolean);

/**
 * Public half of the key that pins the extension id (genjdalobboceeiefecdlepffiflkgfh) for dev, test and
 * demo builds. An organization that packs its own CRX builds with its own key: SEAKIT_MANIFEST_KEY.
 */
const PINNED_KEY = process.env.SEAKIT_MANIFEST_KEY || 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA0sBabAcg3tYcOeCoCeY93yITVrObe+wMcrgM/rfIAugwrfc4MZH90EWVVh57q3Tn/4hRufNYeJR9VL+ERBXwUipyF6bie54lurlKQ89UiDOnZi770IX8L6T7iwAvbqN5n/hkOVRb+lBBVjQMRRodlW5SXqroCkqRkxMNTiokQPnYQ4ugFldfdHpB33NXitn56EOqjmY+orgsA2qcob2OZGnCRKnDxKimzlap1EqfvyLoR5CQL4wZY+veahjk3vfZeSNJKz/A2RuQ8q2Z/MZBsGzMCZfyYapl20OFtOZIWEMKZXYxJodteWbzNpjXUc3BWE/lN1IefQz/7JE6fvp8UQIDAQAB';

/** Release builds (scripts/release.mjs): where Chrome polls for updates, and a build folder of their own. */
const updateUrl = process.env.SEAKIT_UPDATE_URL;

export default defineConfig({
  ...(process.env.SEAKIT_OUT_DIR ? { outDir: process.env.SEAKIT_OUT_DIR } : {}),
  modules: ['@wxt-dev/webextension-polyfill'],
  // Every module imports what it uses; auto-imports only made the build warn about db.ts's re-exported types.
  imports: false,
  vite: () => ({ plugins: [preact()] }),
  manifest: () => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'zh_CN',
    minimum_chrome_version: '114',
    // The Web Store refuses a manifest key; every other build pins the id so IT policy can name it.
    ...(process.env.SEAKIT_STORE ? {} : { key: PINNED_KEY }),
    ...(updateUrl ? { update_url: updateUrl } : {}),
    permissions: ['storage', 'scripting', 'alarms', 'clipboardWrite', 'sidePanel'],
    host_permissions: [...new Set([...seaHosts, ...packHosts])],
    optional_host_permissions: ['*://*/*'],
    storage: { managed_schema: 'managed_schema.json' },
    action: { default_title: 'SEA Kit 话术' },
    // 体验反馈 from any SEA page without reaching for the mouse (chrome://extensions/shortcuts to change it).
    commands: {
      'experience-report': { suggested_key: { default: 'Alt+Shift+F' }, description: '体验反馈：记录刚遇到的系统问题' },
      // No default: Chrome's command keys cannot be Alt+/ (the page's own shortcut); one the agent assigns works where a page swallows keys.
      'open-snippets': { description: '在回复框光标处打开话术选择（同页面内的 Alt+/）' },
    },
  }),
  hooks: {
    'build:manifestGenerated': (_wxt, manifest) => {
      // The page script runs on the build-time SEA hosts; sites added later are registered at runtime.
      for (const cs of manifest.content_scripts ?? []) cs.matches = seaHosts;
    },
  },
});
