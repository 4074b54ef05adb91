/**
 * The floor of issue 9 (docs/performance.md, 第七轮), step 1: what SEA Kit adds to one row of each bench list.
 * Opens each list with a SEA Kit build and records, per element it added to the first row, the cell, the path of
 * child indexes from the cell to the element's parent, its index there and its outerHTML; and the page stylesheet.
 *   node bench/floor/capture.mjs <SEA Kit build dir>   → bench/.output/floor/templates.json
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildDemo, startDemoServer } from '../../tests/fixtures/serve.mjs';
import { startFrameworkServer } from '../../tests/fixtures/frameworks/serve.mjs';
import { launch, openTab } from '../lib/browser.mjs';
import { listApps } from '../lib/pages.mjs';

const OUT = 'bench/.output/floor';
await buildDemo();
const demo = await startDemoServer();
const fw = await startFrameworkServer();
const browser = await launch({ extensionDir: path.resolve(process.argv[2] ?? 'bench/.output/chrome-mv3'), kind: 'with' });
const out = {};
for (const app of listApps(demo.url, fw.url, '').filter((a) => a.id !== 'classic')) {
  const { page } = await openTab(browser);
  await page.goto(app.list);
  if (app.search) {
    await page.waitForSelector('button[type="submit"]');
    await page.evaluate(() => document.querySelector('button[type="submit"]').click());
  }
  await page.waitForFunction(() => !Number.isNaN(window.__bench.ready), null, { polling: 100, timeout: 120_000 });
  await page.evaluate(() => window.__bench.whenEnhanced());
  out[new URL(app.list).pathname] = await page.evaluate(() => {
    const row = document.querySelector('.sea-table__row, .el-table__row, .ant-table-row');
    const items = [];
    [...row.cells].forEach((cell, index) => {
      for (const el of cell.querySelectorAll('[data-seakit]')) {
        if (el.parentElement.closest('[data-seakit]')) continue;
        const route = [];
        for (let n = el.parentElement; n !== cell; n = n.parentElement) route.unshift([...n.parentElement.children].indexOf(n));
        items.push({ cell: index, path: route, at: [...el.parentElement.childNodes].indexOf(el), html: el.outerHTML });
      }
    });
    const css = [...document.querySelectorAll('style')].map((s) => s.textContent).find((t) => t.includes('[data-seakit'));
    return { items, css };
  });
  await page.close();
}
fs.mkdirSync(OUT, { recursive: true });
fs.writeFileSync(`${OUT}/templates.json`, JSON.stringify(out, null, 1));
for (const [list, { items }] of Object.entries(out)) console.log(list, `${items.length} elements a row`);
await browser.close();
process.exit(0);
