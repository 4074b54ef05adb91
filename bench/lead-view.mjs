/**
 * `node bench/lead-view.mjs`: the 组长 › 体验反馈汇总 view with 10,000 reports in real Chromium, on the
 * extension built for the e2e tests (.output/chrome-mv3; `npm run build:test` first). Prints how long the
 * import of one 10,000-row CSV takes until the counts show, a filter change until the view shows the new
 * counts, and the meeting workbook's export until its download starts. Figures, not a test.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchChromium } from '../tests/fixtures/browser.mjs';

const N = Number(process.env.BENCH_REPORTS) || 10_000;
const header = '时间,类别,内容,页面,站点,版本,工号,找到的标签,触点时效,状态,编号';
const categories = ['系统慢', '找不到信息', '操作繁琐', '报错', '建议'];
const rows = Array.from({ length: N }, (_, i) => [
  `2026-${String(9 + (i % 3)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')} 10:${String(i % 60).padStart(2, '0')}`,
  categories[i % 5], `第 ${i} 条：点查询后要等很久才出结果，客户在线上等`, `sea.corp/view-${String.fromCharCode(97 + (i % 26))}`,
  'SEA', '0.1.0', `A${i % 40}`, '', '', '仅本机', `bench-${i}`,
].join(','));
const dir = await mkdtemp(path.join(tmpdir(), 'seakit-lead-bench-'));
const file = path.join(dir, `reports-${N}.csv`);
await writeFile(file, '\uFEFF' + [header, ...rows].join('\r\n'));

const { context, extensionId, close } = await launchChromium();
try {
  await context.serviceWorkers()[0].evaluate(async () => {
    const storage = globalThis.chrome.storage.local;
    const { settings = {} } = await storage.get('settings');
    await storage.set({ settings: { ...settings, leadTools: true } });
  });
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html#lead`);
  const card = page.locator('[data-card="lead-voice"]');
  await card.waitFor();
  const total = card.locator('[data-field="voice-total"]');
  // The page's own CPU time besides the wall clock: on a shared machine the wall clock mostly measures the others.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  // ThreadTime: CPU time of the page's main thread, which the other processes on the machine do not inflate.
  const busy = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value])).ThreadTime;
  const timed = async (what, act, until, arg) => {
    const [start, before] = [Date.now(), await busy()];
    await act();
    await page.waitForFunction(until, arg, { timeout: 120_000, polling: 100 });
    console.log(`${what}: ${Date.now() - start} ms wall, page CPU ${Math.round((await busy() - before) * 1000)} ms`);
  };
  await timed(`import ${N} reports (CSV) until the counts show`, () => card.locator('input[type=file]').setInputFiles(file),
    (n) => document.querySelector('[data-field="voice-total"]')?.textContent === `${n} 条反馈`, N);
  await timed('filter by category until the counts show', () => card.getByLabel('类别').selectOption('报错'),
    (n) => document.querySelector('[data-field="voice-total"]')?.textContent === `${n / 5} 条反馈`, N);
  const [start, before] = [Date.now(), await busy()];
  const download = page.waitForEvent('download');
  await card.getByRole('button', { name: '导出会议用 Excel' }).click();
  await download;
  console.log(`meeting workbook (${N / 5} reports) until the download starts: ${Date.now() - start} ms wall, page CPU ${Math.round((await busy() - before) * 1000)} ms`);
  console.log(await total.innerText());
} finally {
  await close();
}
