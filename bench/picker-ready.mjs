/**
 * The picker after a reply box appears: from the demo chat's reply box being on the page to the picker shown
 * after a click and `//`, for each build given (alternating, 5 runs each, medians). Twice: the chat page
 * opened directly, and reached from the policy list by its menu link (SPA: the reply box appears long after
 * the page script started). The reply-box code comes with the writing script (utils/page/late.ts), so this
 * is the figure that must not regress with it.
 *   node bench/picker-ready.mjs <before>/chrome-mv3 <after>/chrome-mv3
 */
import { launch, openTab } from './lib/browser.mjs';
import { buildDemo, startDemoServer } from '../tests/fixtures/serve.mjs';

const dirs = process.argv.slice(2);
if (!dirs.length) throw new Error('用法 usage: node bench/picker-ready.mjs <extension dir>…');
const RUNS = Number(process.env.PICKER_RUNS ?? 5);
await buildDemo();
const demo = await startDemoServer();
const MODES = {
  load: '直接打开 opened: 回复框出现 → 选择框 reply box → picker',
  spa: '从列表点菜单进入 SPA: 回复框出现 → 选择框 reply box → picker',
  arrival: '写作脚本 要 → 到 writing script asked → arrived (SPA)',
};
const results = Object.fromEntries(dirs.map((d) => [d, { load: [], spa: [], arrival: [] }]));

async function pickerAfterBox(page) {
  const box = page.getByLabel('回复内容', { exact: true });
  await box.waitFor();
  const start = Date.now();
  await box.click();
  await page.keyboard.type('//');
  await page.locator('[data-seakit="snippet-picker"]').waitFor({ state: 'attached', timeout: 10_000 });
  return Date.now() - start;
}

for (let run = 0; run < RUNS; run++) {
  for (const dir of run % 2 ? [...dirs].reverse() : dirs) {
    const browser = await launch({ extensionDir: dir });
    try {
      const { page } = await openTab(browser);
      // A fresh profile's first page opens the database: measure the second.
      await page.goto(demo.url + '/chat');
      await page.waitForTimeout(1500);
      await page.goto(demo.url + '/chat');
      results[dir].load.push(await pickerAfterBox(page));
      await page.goto(demo.url + '/search');
      await page.locator('h2').first().waitFor();
      await page.waitForTimeout(1000);
      await page.getByRole('link', { name: '在线客服' }).click();
      results[dir].spa.push(await pickerAfterBox(page));
      // The page script marks it in bench mode (a build before the writing script has none).
      const arrival = await page.evaluate(() => performance.getEntriesByName('seakit:writing-script')[0]?.duration);
      if (arrival !== undefined) results[dir].arrival.push(Math.round(arrival));
    } finally {
      await browser.close();
    }
  }
}
for (const [dir, byMode] of Object.entries(results)) {
  for (const [mode, ms] of Object.entries(byMode)) {
    if (!ms.length) continue;
    const median = [...ms].sort((a, b) => a - b)[Math.floor(ms.length / 2)];
    console.log(`${dir} ${MODES[mode]}: 中位数 median ${median} ms (${ms.join(', ')})`);
  }
}
demo.close();
process.exit(0);
