import { launchChromium } from './tests/fixtures/browser.mjs';
import { startFrameworkServer } from './tests/fixtures/frameworks/serve.mjs';
const server = await startFrameworkServer();
const b = await launchChromium();
for (const app of ['vue', 'react']) {
  const page = await b.context.newPage();
  await page.setViewportSize({ width: 760, height: 800 });
  await page.goto(`${server.url}/${app}/search`);
  await page.getByRole('button', { name: /^查\s?询$/ }).click();
  await page.waitForTimeout(1500);
  const sel = app === 'vue' ? '.el-table__body-wrapper .el-scrollbar__wrap' : '.ant-table-body';
  const info = await page.evaluate((sel) => {
    const s = document.querySelector(sel);
    s.scrollLeft = 400;
    const td = document.querySelector('[data-seakit="row-number"]').closest('td');
    const cs = getComputedStyle(td);
    const root = document.querySelector('[data-seakit-numbered]');
    return { sl: s.scrollLeft, pos: cs.position, left: cs.left, bg: cs.backgroundColor, z: cs.zIndex, root: root?.className, tdclass: td.className,
      box: JSON.stringify(document.querySelector('[data-seakit="row-number"]').getBoundingClientRect()), sbox: JSON.stringify(s.getBoundingClientRect()) };
  }, sel);
  console.log(app, info);
  await page.waitForTimeout(300);
  await page.screenshot({ path: `/tmp/i13/scroll-${app}.png` });
}
await b.close(); await server.close();
