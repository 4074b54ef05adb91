import type { Page } from 'playwright-core';
import type { LaunchedBrowser } from './harness';

/** Switches one feature of a site on or off the way an agent does: in the options page. */
export async function setFeature(browser: LaunchedBrowser, feature: string, on: boolean, site = 'demo'): Promise<void> {
  const options = await browser.newPage();
  await options.goto(browser.extensionUrl('options.html'));
  const box = options.locator(`[data-site="${site}"] input[data-feature="${feature}"]`);
  await box.waitFor();
  if ((await box.isChecked()) !== on) await box.click();
  await options.waitForFunction(
    ([f, want]) => (document.querySelector(`input[data-feature="${f}"]`) as HTMLInputElement).checked === want,
    [feature, on] as const,
  );
  await options.close();
}

/** How many elements each feature put into the page, by data-seakit id. */
export function injectedCounts(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const counts: Record<string, number> = {};
    for (const el of document.querySelectorAll('[data-seakit]')) {
      const id = el.getAttribute('data-seakit')!;
      counts[id] = (counts[id] ?? 0) + 1;
    }
    return counts;
  });
}
