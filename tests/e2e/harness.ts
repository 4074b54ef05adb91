/**
 * What every e2e test needs: Chromium with SEA Kit loaded on a fresh profile, the demo SEA's URL,
 * and a console watch for "the extension added no errors or warnings to the page".
 */
import { afterAll, afterEach, beforeAll, expect, inject } from 'vitest';
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
export async function launchBrowser({ extension = true, profileDir, locale }: { extension?: boolean; profileDir?: string; locale?: string } = {}): Promise<LaunchedBrowser> {
  const launched = await launchChromium({ extension, profileDir, ...(locale ? { locale } : {}) });
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

/**
 * Never break SEA: after each test, the page it opened has logged no error or warning (watchConsole), and is
 * closed. Pass what the file's tests assign: checkEachPage(() => ({ page, watch })).
 */
export function checkEachPage(current: () => { page: Page | undefined; watch: ConsoleWatch | undefined }): void {
  afterEach(async () => {
    const { page, watch } = current();
    expect(watch!.messages).toEqual([]);
    await page?.close();
  });
}

/** A fixture server (port 0, 127.0.0.1) for a whole file: started before its tests, closed after them. */
export function serveForFile(start: () => Promise<{ url: string; close(): Promise<void> }>): { readonly url: string } {
  let server: { url: string; close(): Promise<void> } | undefined;
  beforeAll(async () => {
    server = await start();
  });
  afterAll(async () => {
    await server?.close();
  });
  return {
    get url() {
      if (!server) throw new Error('the fixture server is not started yet (read .url inside a test or hook)');
      return server.url;
    },
  };
}

/**
 * Chromium with SEA Kit for the tests of a file or a describe block: launched before them (then `setUp`, e.g.
 * clipboard permissions or settings), closed after them. Use it as the launched browser in tests and hooks.
 */
export function browserForTests(setUp?: (browser: LaunchedBrowser) => Promise<unknown>): LaunchedBrowser {
  let launched: LaunchedBrowser | undefined;
  const current = () => {
    if (!launched) throw new Error('the browser is not launched yet (use it inside a test or hook)');
    return launched;
  };
  beforeAll(async () => {
    launched = await launchBrowser();
    await setUp?.(launched);
  });
  afterAll(async () => {
    await launched?.close();
  });
  return {
    get context() { return current().context; },
    get extensionId() { return current().extensionId; },
    get serviceWorker() { return current().serviceWorker; },
    newPage: () => current().newPage(),
    extensionUrl: (path) => current().extensionUrl(path),
    close: () => current().close(),
  };
}
