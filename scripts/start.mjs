/**
 * npm start: build SEA Kit, serve the demo SEA, and open it in Chromium with the extension loaded.
 * With a display: a normal window on the demo; runs until the browser is closed.
 * Without one (or SEAKIT_HEADLESS=1): a headless tour of every view that exercises the features,
 * screenshots in screenshots/<view>.png, their paths printed, exit 0.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { CHROMIUM_MISSING, DEMO_PRODUCTS_PACK, EXTENSION_DIR, ROOT, buildExtension, chromiumExists, importPackFile, launchChromium, watchConsole } from '../tests/fixtures/browser.mjs';
import { buildDemo, loadDemoData, startDemoServer } from '../tests/fixtures/serve.mjs';
import { tourSummary } from './start-summary.mjs';

const SHOTS_DIR = path.join(ROOT, 'screenshots');
/** Time for the page features to react to new content before a screenshot. */
const SETTLE_MS = 700;

if (!chromiumExists()) {
  console.error(CHROMIUM_MISSING);
  process.exit(1);
}

console.log('构建扩展 / building the extension (wxt build)…');
buildExtension();
console.log('构建演示 SEA / building the demo SEA…');
await buildDemo();
const server = await startDemoServer({ port: Number(process.env.PORT ?? 0) });
const url = (p) => server.url + p;

if (!process.env.DISPLAY || process.env.SEAKIT_HEADLESS || !(await runHeadful())) await runTour();

/** false when no window could be opened (a stale DISPLAY over ssh): then the headless tour runs. */
async function runHeadful() {
  let browser;
  try {
    browser = await launchChromium({ headless: false, viewport: null });
  } catch (err) {
    console.warn(`⚠ 无法打开浏览器窗口，改用无界面模式 / cannot open a window (${String(err.message ?? err).split('\n')[0]}), running headless`);
    return false;
  }
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await installDemoPack(browser);
  await page.goto(url('/search'));
  console.log(`演示 SEA / demo SEA: ${url('/search')}`);
  console.log(`扩展 / extension: chrome-extension://${browser.extensionId}/options.html`);
  console.log('关闭浏览器窗口即退出 / close the browser window to quit.');
  await new Promise((resolve) => browser.context.once('close', resolve));
  await browser.close();
  await server.close();
  return true;
}

/** The demo pack with products (chips beside product names, their FAQ in the side panel) and glossary terms. */
async function installDemoPack(browser) {
  try {
    await importPackFile(browser.context, browser.extensionId, DEMO_PRODUCTS_PACK);
    console.log(`已导入演示话术包（含产品资料）/ demo pack with products installed: ${path.relative(ROOT, DEMO_PRODUCTS_PACK)}`);
  } catch (err) {
    console.warn(`⚠ 演示话术包未导入 / demo pack not installed: ${String(err.message ?? err).split('\n')[0]}`);
  }
}

async function runTour() {
  const { FACTS, findPolicy } = await loadDemoData();
  await mkdir(SHOTS_DIR, { recursive: true });
  const browser = await launchChromium({ headless: true });
  await installDemoPack(browser);
  const page = await browser.context.newPage();
  const watch = watchConsole(page);
  const shots = [];
  const rows = page.locator('.sea-table__body tr.sea-table__row');

  const shoot = async (name) => {
    await page.waitForTimeout(SETTLE_MS);
    const file = path.join(SHOTS_DIR, `${name}.png`);
    await page.screenshot({ path: file });
    shots.push(file);
  };
  /** A step whose feature may not exist yet still leaves a screenshot of what the page shows. */
  const step = async (name, fn) => {
    try {
      await fn();
    } catch (err) {
      console.warn(`⚠ ${name}: ${String(err.message ?? err).split('\n')[0]}`);
    }
  };
  const search = async () => {
    await page.goto(url('/search'));
    await page.getByRole('button', { name: '查 询' }).click();
    await rows.first().waitFor();
  };

  await step('保单查询 search', async () => {
    await search();
    await rows.first().getByRole('button', { name: '查看更多' }).click();
  });
  await shoot('search');

  await step('操作日志 log', async () => {
    await page.getByLabel('投保人姓名').fill(findPolicy(FACTS.spousePolicy).applicant);
    await page.getByRole('button', { name: '查 询' }).click();
    await page.waitForTimeout(400);
    await rows.first().getByRole('link', { name: '查看日志' }).click();
    await page.waitForURL('**/log');
    await page.locator('.plain-table tbody tr').first().waitFor();
  });
  await shoot('log');

  await step('返回保单 log-return', async () => {
    await page.locator('button[data-seakit="log-return"]').click({ timeout: 3000 });
    await page.waitForURL('**/search');
    await rows.first().waitFor({ timeout: 3000 });
  });
  await shoot('log-return');

  await step('保单详情 detail', async () => {
    await page.goto(url(`/policy/${FACTS.conflictPolicy}`));
    await page.locator('table.descriptions').waitFor();
  });
  await shoot('detail');

  await step('产品常见问题 product FAQ', async () => {
    await page.goto(`chrome-extension://${browser.extensionId}/sidepanel.html#products`);
    await page.getByRole('button', { name: /安心百万医疗险/ }).click();
    await page.locator('article.product').waitFor();
  });
  await shoot('product-faq');

  await step('退保记录 surrenders', async () => {
    await page.goto(url('/surrenders'));
    await page.locator('.surrender-table tbody tr').first().waitFor();
  });
  await shoot('surrenders');

  await step('在线客服 chat', async () => {
    await page.goto(url('/chat'));
    await page.getByLabel('回复内容', { exact: true }).click();
    await page.keyboard.type('//hy', { delay: 80 });
  });
  await shoot('chat');

  await step('设置页 options', async () => {
    await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await page.waitForLoadState('networkidle');
  });
  await shoot('options');

  for (const m of watch.messages) console.warn(`⚠ 控制台 console ${m.type}: ${m.text} ${m.location}`);
  await browser.close();
  await server.close();
  // The tour's server is gone now: say how to see the same by hand.
  console.log(`\n${tourSummary({ shotsDir: SHOTS_DIR, shots, tourUrl: url('/search'), extensionDir: EXTENSION_DIR, extensionId: browser.extensionId })}`);
}
