import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import type { Plugin } from 'vite';

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

/** What only a later click loads: the pinyin dictionary (writes), the 组长 tools, the pack checks. */
const LATER = /pinyin-pro|search-fields|utils[\\/]snippets[\\/](writes|store|backup)\.|LeadSection|LeadView|pack-actions|papaparse|read-excel-file|write-excel-file|fflate|[\\/]ajv[\\/]|jsonc-parser|@noble|utils[\\/]packs[\\/](sheet|build|key-file|lead-keys|validate|pack-validator|signing|canonical|ingest|install|subscriptions)|utils[\\/]experience[\\/](lead-|export|voice|reports)/;
/** The views themselves, each the chunk its page asks for, and the pages' entry code (it asks for its view and the shared chunk side by side). */
const VIEWS = /components[\\/]options[\\/](Sites|Packs|Snippets|Lead)Section|entrypoints[\\/]sea\.content|entrypoints[\\/](options|sidepanel)[\\/]/;

const PAGE_START = /vite[\\/](preload-helper|modulepreload-polyfill)|virtual:wxt|node_modules[\\/]@wxt-dev[\\/]|utils[\\/](first-data|stored-settings|packs[\\/]list-cache)\.ts/;

const UI = /node_modules[\\/](preact|@preact)[\\/]|utils[\\/](settings|settings-store|fields|dates)\.ts|components[\\/](useSettings|useReadyMark)\.ts|components[\\/]options[\\/](LockedMark|FilePicker|Notice|Disclosure)|utils[\\/](download|storage-errors)\.ts|utils[\\/]packs[\\/]trust-policy\.ts/;

/**
 * Extension pages (options, side panel): the code two or more views share is one chunk, not fifteen
 * small ones. On a fresh profile each module request costs the page's main thread 1-8 ms before anything
 * renders (`npm run bench:first-open`). What only a later click needs keeps its own chunks.
 */
function pageChunks(): Plugin {
  return {
    name: 'seakit-page-chunks',
    config(config) {
      if (config.build?.lib) return;
      return {
        build: {
          rolldownOptions: {
            output: {
              codeSplitting: {
                groups: [
                  // What every page runs first, in one small chunk (each file is a request the browser serves in turn):
                  // Vite's preload helper, WXT's `browser` and the page's first storage reads.
                  // The entry imports nothing else, so it runs as soon as this is there and starts that read while
                  // Preact and the view are still on their way; the shared code uses it too, without the entry.
                  { name: 'page-start', test: PAGE_START, priority: 3 },
                  // The pages' styles alone: a chunk of CSS only, which the build turns into a link in the HTML, so the
                  // entry that imports it has no static import of code and runs as soon as it is there.
                  { name: 'page-style', test: /assets[\\/]options\.css/, priority: 3 },
                  // What every view draws with (Preact, settings); the 站点与功能 view needs no more.
                  { name: 'ui', test: UI, priority: 2 },
                  // Pack trust and format checks: loaded by the pack actions and 组长, not by the 话术包 view's first render
                  // (which keys the policy names, trust-policy.ts, is in `ui`).
                  { name: 'trust', test: /utils[\\/]packs[\\/](trust|format)\.ts/, priority: 2 },
                  // The rest the views share: the database (Dexie), the snippet library, pack cards.
                  { name: 'shared', test: (id: string) => !LATER.test(id) && !VIEWS.test(id), minShareCount: 2, priority: 1 },
                ],
              },
            },
          },
        },
      };
    },
  };
}

/** What the options page's first views run besides its entry: what every view renders with, and the two views agents open first. */
const FIRST_VIEWS = ['page-start', 'ui', 'App', 'SitesSection', 'PacksSection'];

/**
 * The options page asks, in its HTML head, for the code every view renders with (`ui`), for the page
 * itself (`App`) and for the two views agents open first (站点与功能, the default, and 话术包, both small):
 * their requests start while the HTML is parsed instead of after the entry has run (the entry has no static
 * import of them, so that it runs at once and asks for the section in the address side by side with them).
 */
function preloadPageCode(): Plugin {
  return {
    name: 'seakit-preload-page-code',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const html = Object.values(bundle).find((file) => file.type === 'asset' && file.fileName === 'entrypoints/options/index.html');
      if (!html || html.type !== 'asset') return;
      // Those chunks and what they import: a chunk only they import (once, the bundler's runtime) is found only after they arrive.
      const wanted = new Set(Object.values(bundle).filter((file) => file.type === 'chunk' && FIRST_VIEWS.includes(file.name)).map((chunk) => chunk.fileName));
      for (const fileName of wanted) {
        const chunk = bundle[fileName];
        if (chunk?.type === 'chunk') chunk.imports.filter((imported) => !String(html.source).includes(imported)).forEach((imported) => wanted.add(imported));
      }
      const links = [...wanted].map((fileName) => `<link rel="modulepreload" crossorigin href="/${fileName}">`).filter((link) => !String(html.source).includes(link));
      html.source = String(html.source).replace('</head>', `  ${links.join('\n    ')}\n  </head>`);
    },
  };
}

/**
 * The code the options page's first views run: compiled by V8 while it downloads, on a background thread
 * (the `//# allFunctionsCalledOnLoad` compile hint, Chrome 136+), instead of one function at a time on the
 * page's main thread during the first render.
 */
function eagerCompileFirstViews(): Plugin {
  return {
    name: 'seakit-eager-compile-first-views',
    enforce: 'post',
    generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type === 'chunk' && FIRST_VIEWS.includes(file.name)) file.code = `//# allFunctionsCalledOnLoad\n${file.code}`;
      }
    },
  };
}

/**
 * The pages' stylesheets written into their HTML (`<style>`), not linked: a module script waits for every
 * stylesheet before it runs, and a linked one is a request through the browser process that on a fresh
 * profile arrived 100-230 ms after the HTML (`npm run bench:first-open` traces); meanwhile the browser laid
 * the page out once without it. A file a chunk still loads itself (the library's styles for 话术) stays.
 */
function inlinePageStyles(): Plugin {
  return {
    name: 'seakit-inline-page-styles',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const files = Object.values(bundle);
      const pages = files.filter((file) => file.type === 'asset' && /^entrypoints\/(options|sidepanel)\/index\.html$/.test(file.fileName));
      const inlined = new Set<string>();
      for (const page of pages) {
        if (page.type !== 'asset') continue;
        page.source = String(page.source).replace(/<link rel="stylesheet"(?: crossorigin)? href="\/([^"]+\.css)">/g, (link, name: string) => {
          const css = bundle[name];
          if (!css || css.type !== 'asset') return link;
          inlined.add(name);
          return `<style>${String(css.source).replace(/<\/style/gi, '<\\/style')}</style>`;
        });
      }
      for (const name of inlined) {
        // A chunk loaded by import() brings its styles itself (a link added at run time): those files stay.
        const stillLoaded = files.some((file) => file.type === 'chunk' && !file.isEntry && file.viteMetadata?.importedCss.has(name));
        if (!stillLoaded) delete bundle[name];
      }
    },
  };
}

export default defineConfig({
  ...(process.env.SEAKIT_OUT_DIR ? { outDir: process.env.SEAKIT_OUT_DIR } : {}),
  // Every module imports what it uses; auto-imports only made the build warn about db.ts's re-exported types.
  imports: false,
  vite: () => ({ plugins: [preact(), pageChunks(), preloadPageCode(), eagerCompileFirstViews(), inlinePageStyles()], ...(process.env.SEAKIT_SOURCEMAP ? { build: { sourcemap: true } } : {}) }),
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
