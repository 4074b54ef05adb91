/**
 * The picker after a reply box appears: from the demo chat's reply box being on the page to the picker shown
 * after a click and `//`, for each build given (alternating, 5 runs each, medians). The reply-box code comes
 * with the writing script (utils/page/late.ts), so this is the figure that must not regress with it.
 *   node bench/picker-ready.mjs <before>/chrome-mv3 <after>/chrome-mv3
 */
import { launch, openTab } from './lib/browser.mjs';
import { buildDemo, startDemoServer } from '../tests/fixtures/serve.mjs';

const dirs = process.argv.slice(2);
if (!dirs.length) throw new Error('用法 usage: node bench/picker-ready.mjs <extension dir>…');
const RUNS = 5;
await buildDemo();
const demo = await startDemoServer();
const results = Object.fromEntries(dirs.map((d) => [d, []]));
for (let run = 0; run < RUNS; run++) {
  for (const dir of run % 2 ? [...dirs].reverse() : dirs) {
    const browser = await launch({ extensionDir: dir });
    try {
      const { page } = await openTab(browser);
      // A fresh profile's first page opens the database: measure the second.
      await page.goto(demo.url + '/chat');
      await page.waitForTimeout(1500);
      await page.goto(demo.url + '/chat');
      const box = page.getByLabel('回复内容', { exact: true });
      await box.waitFor();
      const start = Date.now();
      await box.click();
      await page.keyboard.type('//');
      await page.locator('[data-seakit="snippet-picker"]').waitFor({ state: 'attached', timeout: 10_000 });
      results[dir].push(Date.now() - start);
    } finally {
      await browser.close();
    }
  }
}
for (const [dir, ms] of Object.entries(results)) {
  const median = [...ms].sort((a, b) => a - b)[Math.floor(ms.length / 2)];
  console.log(`${dir}: 回复框出现 → 选择框 reply box → picker 中位数 median ${median} ms (${ms.join(', ')})`);
}
demo.close();
process.exit(0);
