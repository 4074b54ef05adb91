/**
 * What every e2e test needs: Chromium with SEA Kit loaded on a fresh profile, the demo SEA's URL,
 * and a console watch for "the extension added no errors or warnings to the page".
 */
import { inject } from 'vitest';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { EXTENSION_DIR, launchChromium, watchConsole, type ConsoleEntry, type ConsoleWatch } from '../fixtures/browser.mjs';

/**
 * watchConsole(page): collects console errors/warnings and page errors in watch.messages,
 * for "no new console errors": expect(watch.messages).toEqual([]).
 */
export { EXTENSION_DIR, watchConsole, type ConsoleEntry, type ConsoleWatch };

export interface LaunchedBrowser {
  context: BrowserContext;
  /** The loaded extension's id (the pinned one); undefined with { extension: false }. */
  extensionId: string | undefined;
  /** The extension's background service worker (evaluate() in it to reach browser.* APIs). */
  serviceWorker: Worker | undefined;
  /** A new tab, 1280x800. */
  newPage(): Promise<Page>;
  /** chrome-extension://<id>/<path>, e.g. extensionUrl('options.html'). */
  extensionUrl(path: string): string;
  /** Closes the browser and deletes its temp profile. */
  close(): Promise<void>;
}

/** Headless Chromium (/usr/bin/chromium) on a fresh temp profile, with the built extension unless extension is false. */
export async function launchBrowser({ extension = true, profileDir }: { extension?: boolean; profileDir?: string } = {}): Promise<LaunchedBrowser> {
  const launched = await launchChromium({ extension, profileDir });
  return {
    context: launched.context,
    extensionId: launched.extensionId,
    serviceWorker: launched.serviceWorker,
    newPage: () => launched.context.newPage(),
    extensionUrl: (path) => {
      if (!launched.extensionId) throw new Error('launched without the extension');
      return `chrome-extension://${launched.extensionId}/${path.replace(/^\//, '')}`;
    },
    close: launched.close,
  };
}

/** Absolute URL of a demo SEA path: demoUrl('/search?rows=2000'). */
export function demoUrl(path = '/'): string {
  const base = process.env.SEAKIT_DEMO_URL ?? inject('demoUrl');
  return base + (path.startsWith('/') ? path : `/${path}`);
}
