/**
 * Issue 12: where and how SEA Kit speaks, checked in real Chromium with the built extension, in an
 * English-language browser (so nothing Chinese comes from the browser itself): first paint and ready
 * times of the options page on a fresh profile, messages beside the control that caused them with
 * 详情 folded, the lead's sheet problems all at once, agents' pages without IT jargon, the snippet
 * library as an all-day tool, and the picker clear of the reply box's own controls. Screenshots of
 * every options section and the side panel go to screenshots/ux-*.png.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoUrl, launchBrowser, watchConsole, type LaunchedBrowser } from './harness';
import { ROOT } from '../fixtures/browser.mjs';

const SHOTS = path.join(ROOT, 'screenshots');

let browser: LaunchedBrowser;

beforeAll(async () => {
  browser = await launchBrowser({ locale: 'en-US' });
  await mkdir(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

async function options(section: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(browser.extensionUrl(`options.html#${section}`));
  return page;
}

/**
 * ms from navigation start to the view's `seakit:ready:<view>` mark (components/useReadyMark.ts: its real
 * content, read from storage, is rendered), and first contentful paint. At the mark `content` must be on
 * screen: the mark is honest (not a skeleton).
 */
async function readyAt(page: Page, view: string, content: string): Promise<{ ready: number; paint: number }> {
  const handle = await page.waitForFunction((name) => performance.getEntriesByName(name)[0]?.startTime ?? 0, `seakit:ready:${view}`, { polling: 100, timeout: 15_000 });
  const ready = Math.round((await handle.jsonValue()) as number);
  expect(await page.locator(content).count(), `${view}: ${content} at the ready mark`).toBeGreaterThan(0);
  expect(await page.locator('[aria-busy="true"]').count(), `${view}: no skeleton left`).toBe(0);
  const paint = Math.round(await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1));
  return { ready, paint };
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(SHOTS, `ux-${name}.png`), fullPage: true });
}

const json = (value: unknown) => Buffer.from(JSON.stringify(value, null, 2));

describe('first open on a fresh profile', () => {
  it('paints the settings view before storage.managed answers, and the pack, library and panel views soon after (figures printed)', async () => {
    const figures: Record<string, number> = {};
    const paints: Record<string, number> = {};
    const first = await browser.newPage();
    await first.goto(browser.extensionUrl('options.html#sites'), { waitUntil: 'commit' });
    // How long the browser takes to hand a fresh profile its (empty) policy: seconds, the first time.
    const managed = first.evaluate(() => (globalThis as any).chrome.storage.managed.get().then(() => performance.now(), () => performance.now()));
    ({ ready: figures.sites, paint: paints.sites } = await readyAt(first, 'sites', '[data-site] input[data-feature]'));
    figures.managedPolicy = Math.round(await managed);
    await first.close();
    for (const [view, url, content] of [
      ['packs', 'options.html#packs', '[data-card="add-pack"]'],
      ['snippets', 'options.html#snippets', '.library__list .item'],
      ['sidepanel', 'sidepanel.html', '.library__list .item'],
    ] as const) {
      const page = await browser.newPage();
      await page.goto(browser.extensionUrl(url), { waitUntil: 'commit' });
      ({ ready: figures[view], paint: paints[view] } = await readyAt(page, view, content));
      await page.close();
    }
    // The floor: a blank extension page (the extension's own managed_schema.json, no script) on this machine now.
    const blank = await browser.newPage();
    await blank.goto(browser.extensionUrl('managed_schema.json'));
    figures.blankPage = Math.round(await blank.evaluate(() => performance.getEntriesByType('navigation')[0]!.toJSON().loadEventEnd as number));
    await blank.close();
    const load = (await import('node:os')).loadavg()[0].toFixed(1);
    console.log(`[ux] ready on a fresh profile (ms from navigation start, load ${load}): ${JSON.stringify(figures)}; first paint: ${JSON.stringify(paints)}`);
    // The settings come from the cached policy: they never wait for storage.managed. Absolute figures
    // depend on the machine's load and are reported, not asserted (npm run bench:first-open is for speed).
    if (figures.managedPolicy > 1000) expect(figures.sites).toBeLessThan(figures.managedPolicy);
    // Something is painted before the view is ready (the page's frame from its HTML, no script needed).
    for (const view of ['sites', 'packs', 'snippets', 'sidepanel']) expect(paints[view], view).toBeLessThanOrEqual(figures[view]);
    for (const view of ['packs', 'snippets', 'sidepanel']) expect(figures[view], view).toBeLessThan(15_000);
  });
});

describe('pack import messages', () => {
  let page: Page;
  const picker = () => page.getByLabel('选择话术包文件');
  const message = () => page.locator('[data-card="add-pack"] [data-field="pack-message"]');
  const choose = async (name: string, buffer: Buffer) => {
    await picker().setInputFiles({ name, mimeType: 'application/json', buffer });
    await message().waitFor();
  };

  beforeAll(async () => {
    page = await options('packs');
    await page.locator('[data-card="add-pack"]').waitFor();
  });
  afterAll(() => page.close());

  it('sit beside the 从文件导入 picker (a Chinese button, no native input), one per root cause, 详情 folded', async () => {
    const card = page.locator('[data-card="add-pack"]');
    expect(await card.getByRole('button', { name: '选择话术包文件…' }).isVisible()).toBe(true);
    expect(await card.locator('input[type="file"]').isVisible()).toBe(false);

    await choose('settings.json', json({ 'editor.fontSize': 14, 'editor.tabSize': 2, 'files.autoSave': 'on', 'git.enabled': true }));
    expect(await card.locator('[data-field="chosen-file"]').innerText()).toBe('settings.json');
    expect(await message().locator(':scope > ul > li').allInnerTexts()).toEqual(['这不是 SEA Kit 话术包文件（请选择组长发布的话术包 .json 文件）']);
    const details = message().locator('details');
    expect(await details.getAttribute('open')).toBeNull();
    expect(await details.textContent()).toContain('editor.fontSize');
    // Beside the picker, inside the card the agent is looking at.
    const [pickerBox, messageBox] = [await card.getByRole('button', { name: '选择话术包文件…' }).boundingBox(), await message().boundingBox()];
    expect(messageBox!.y - pickerBox!.y).toBeLessThan(150);
    expect(await page.locator('[data-field="pack-check-message"]').count()).toBe(0);
    await shoot(page, 'packs-wrong-file');
  });

  it('names a personal backup, a JSON syntax error by line and column, and a too-big file without contradiction', async () => {
    await choose('SEA Kit 个人话术.json', json({ format: 'seakit-personal-snippets', version: 1, exportedAt: '2026-11-26T00:00:00Z', snippets: [] }));
    expect(await message().innerText()).toContain('这是个人话术备份文件，不是话术包：请到“话术”分区，用“导入备份文件”导入它');
    expect(await message().innerText()).not.toContain('升级');

    await choose('broken.json', Buffer.from('{\n  "format": 1,\n  "id": abc\n}'));
    expect(await message().innerText()).toContain('第 3 行第 9 列附近');

    await choose('huge.json', Buffer.from(`{"x":"${'x'.repeat(2 * 1024 * 1024 + 10)}"}`));
    const text = await message().innerText();
    expect(text).toMatch(/文件太大（2,049 KB），超过了话术包的上限 2 MB（2,048 KB）/);
    expect(text).not.toMatch(/2\.0 MB/);
  });

  it('keeps IT settings in their own folded section, and the page opens with the packs', async () => {
    const section = page.locator('main section');
    expect(await section.locator('h2').first().innerText()).toBe('已安装的话术包');
    const policy = page.locator('[data-card="pack-policy"]');
    expect(await policy.evaluate((el) => el.tagName)).toBe('DETAILS');
    // Folded, unless IT set something in it by policy (then the agent sees why a control is locked).
    const locked = (await policy.locator('.locked').count()) > 0;
    expect(await policy.getAttribute('open')).toBe(locked ? '' : null);
    expect(await page.getByText('受信任的签名公钥').isVisible()).toBe(locked);
    await shoot(page, 'packs');
  });
});

describe('the backup importer', () => {
  it('refuses a pack file and says where it belongs', async () => {
    const page = await options('snippets');
    await page.getByLabel('导入备份文件').setInputFiles({ name: 'bao.json', mimeType: 'application/json',
      buffer: json({ format: 1, id: 'bao', name: '保', line: '保', version: 1, author: 'a', updated: '2026-11-20', snippets: [{ id: 'a', title: 'a', text: 'a' }] }) });
    await expect.poll(() => page.locator('.backup [role="alert"]').innerText()).toContain('这是话术包文件，不是个人话术备份：请到“话术包”分区');
    await page.close();
  });
});

describe('组长', () => {
  let page: Page;
  const problems = () => page.locator('[data-field="lead-problems"] .notice > ul > li');
  const chooseSheet = (csv: string) => page.getByLabel('选择话术表格').setInputFiles({ name: '话术.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${csv}`) });

  beforeAll(async () => {
    // 组长 is shown where the lead turned it on (话术包 › 管理员设置与组长工具) or policy did.
    await browser.serviceWorker!.evaluate(async () => {
      const chrome = (globalThis as any).chrome;
      const { settings = {} } = await chrome.storage.local.get('settings');
      await chrome.storage.local.set({ settings: { ...settings, leadTools: true } });
    });
    page = await options('lead');
    await page.locator('[data-card="lead-build"]').waitFor();
  });
  afterAll(() => page.close());

  it('shows no errors before anything is typed, and Chinese pickers and dates', async () => {
    await page.waitForTimeout(300);
    expect(await page.locator('[data-field="lead-problems"]').count()).toBe(0);
    expect(await page.locator('main .error').count()).toBe(0);
    expect(await page.locator('input[type="date"]').count()).toBe(0);
    expect(await page.getByLabel('更新日期').inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const input of await page.locator('input[type="file"]').all()) expect(await input.isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: '选择表格…' }).isVisible()).toBe(true);
    await shoot(page, 'lead');
  });

  it('lists every problem of a sheet at once, in row order, by row and title, duplicates by the row they clash with', async () => {
    await page.getByLabel('话术包编号').fill('ux-test');
    await page.getByLabel('话术包名称').fill('测试包');
    await page.getByLabel('作者').fill('王组长');
    await chooseSheet('分类,标题,内容,快捷词\n开场,问候,您好,k\n开场,,没有标题,\n结束,再见,再见,k\n开场,问候,又一个问候,k k\n');
    await expect.poll(() => problems().allInnerTexts()).toEqual([
      '第 3 行：“标题”为空',
      '第 4 行「再见」 › 快捷词：快捷词「k」与第 2 行「问候」重复',
      '第 5 行「问候」 › 编号：标题「问候」与第 2 行重复',
      '第 5 行「问候」 › 快捷词：不能为空或含空格，最多 32 个字符',
    ]);
    expect(await page.locator('[data-field="lead-problems"]').innerText()).not.toMatch(/s-[0-9a-f]{12}|\/snippets/);
    await shoot(page, 'lead-problems');
  });

  it('names a missing 内容 column plainly, as the one problem', async () => {
    await chooseSheet('分类,标题,快捷词\n开场,问候,k\n');
    await expect.poll(() => problems().allInnerTexts()).toEqual([
      '表格缺少“内容”列：第 1 行（表头）应为 分类 / 标题 / 内容 / 快捷词 / 标签，至少要有“标题”和“内容”两列；可下载模板对照',
    ]);
  });
});

describe('站点与功能', () => {
  it('shows no match patterns to agents, and a site without addresses as off, not as live switches', async () => {
    const page = await options('sites');
    await page.locator('[data-site="demo"] input[data-feature]').first().waitFor();
    for (const pattern of await page.getByText('生效网址').all()) expect(await pattern.isVisible()).toBe(false);
    await shoot(page, 'sites');
    await browser.serviceWorker!.evaluate(async () => {
      const chrome = (globalThis as any).chrome;
      const { settings = {} } = await chrome.storage.local.get('settings');
      const off = { id: 'old-sea', name: '旧版 SEA', matches: [], features: {}, labels: {}, selectors: {}, rules: {} };
      await chrome.storage.local.set({ settings: { ...settings, sites: [...(settings.sites ?? [{ id: 'demo', name: '演示 SEA', matches: ['*://127.0.0.1/*'], features: {}, labels: {}, selectors: {}, rules: {} }]), off] } });
    });
    const off = page.locator('[data-site="old-sea"]');
    await off.waitFor();
    expect(await off.getAttribute('data-site-state')).toBe('off');
    expect(await off.locator('input[type="checkbox"]').count()).toBe(0);
    await page.close();
  });
});

describe('snippet library', () => {
  it('side panel: one set of actions on the card pointed at, one shelf name everywhere, a placeholder that fits', async () => {
    const panel = await browser.newPage();
    await panel.setViewportSize({ width: 360, height: 800 });
    await panel.goto(browser.extensionUrl('sidepanel.html'));
    const items = panel.locator('.library__list .item');
    await items.first().waitFor();
    expect(await items.count()).toBeGreaterThan(10);
    expect(await panel.getByRole('button', { name: '复制到我的话术' }).count()).toBe(0);
    await items.nth(2).hover();
    expect(await panel.getByRole('button', { name: '复制到我的话术' }).count()).toBe(1);
    expect(await items.nth(2).getByRole('button', { name: '复制到我的话术' }).isVisible()).toBe(true);
    await shoot(panel, 'sidepanel');

    const tabs = await panel.locator('.library__shelves').getByRole('tab').allInnerTexts();
    expect(tabs.map((t) => t.replace(/\s*\d+$/, ''))).toEqual(['全部', '保·公用', '互助·公用', '保·个人', '互助·个人']);
    expect(new Set(await panel.locator('.item .badge').allInnerTexts())).toEqual(new Set(['保·公用', '互助·公用']));

    const search = panel.getByRole('searchbox', { name: '搜索话术' });
    const fits = await search.evaluate((input: HTMLInputElement) => {
      const style = getComputedStyle(input);
      const context = document.createElement('canvas').getContext('2d')!;
      context.font = `${style.fontSize} ${style.fontFamily}`;
      const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      return context.measureText(input.placeholder).width <= room;
    });
    expect(fits).toBe(true);
    await panel.close();
  });

  it('options: a new snippet appears first where the agent looks; backup sits above the list; a stale 已删除 clears on re-import', async () => {
    const page = await options('snippets');
    const items = page.locator('.library__list .item');
    await items.first().waitFor();
    const [backup, list] = [await page.locator('.backup').boundingBox(), await page.locator('.library__list').boundingBox()];
    expect(backup!.y).toBeLessThan(list!.y);

    await page.getByRole('button', { name: '新建话术' }).click();
    const form = page.getByRole('form', { name: '新建话术' });
    await form.getByLabel('标题').fill('退保到账时间');
    await form.getByLabel('话术内容').fill('退保款一般在 3-5 个工作日内原路退回，请您留意。');
    await form.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => items.first().locator('.item__title').innerText()).toBe('退保到账时间');
    expect(await items.first().locator('.badge--fresh').innerText()).toBe('新');
    expect(await items.first().isVisible()).toBe(true);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出我的话术' }).click()]);
    const exported = await download.path().then((file) => import('node:fs/promises').then((fs) => fs.readFile(file!)));

    await items.first().hover();
    await items.first().getByRole('button', { name: '删除' }).click();
    await items.first().getByRole('button', { name: '确认删除' }).click();
    const status = page.locator('.library [role="status"]');
    await expect.poll(() => status.innerText()).toBe('已删除：退保到账时间');
    await page.getByLabel('导入备份文件').setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: exported });
    await expect.poll(() => page.locator('.backup [role="status"]').innerText()).toContain('新增 1 条');
    await expect.poll(() => status.count()).toBe(0);
    await shoot(page, 'snippets');
    await page.close();
  });

  it('picker: //hy lists the greeting first and no texts that merely contain 还有, and leaves the reply box\'s tabs uncovered', async () => {
    const page = await browser.newPage();
    const watch = watchConsole(page);
    await page.goto(demoUrl('/chat'));
    await page.locator('[data-seakit="copy-fields"]').first().waitFor();
    await page.getByLabel('回复内容', { exact: true }).click();
    await page.keyboard.type('//hy');
    const picker = page.locator('[data-seakit="snippet-picker"]');
    const titles = () => picker.locator('[role="option"] .title').allInnerTexts();
    await expect.poll(titles).toEqual(['欢迎语', '互助欢迎语', '互助核实会员']);
    expect(await picker.locator('.shelf').first().innerText()).toBe('保·公用');
    await page.waitForTimeout(100);
    const box = (await picker.locator('.box').boundingBox())!;
    for (const tab of await page.getByRole('tab').all()) expect(overlaps(box, (await tab.boundingBox())!), await tab.innerText()).toBe(false);
    await page.screenshot({ path: path.join(SHOTS, 'ux-picker.png') });
    // The tabs stay usable with the picker open.
    await page.getByRole('tab', { name: '富文本回复' }).click();
    expect(await page.getByRole('tab', { name: '富文本回复' }).getAttribute('aria-selected')).toBe('true');
    expect(watch.messages).toEqual([]);
    await page.close();
  });
});

type Box = { x: number; y: number; width: number; height: number };
function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

