/**
 * 页面检查 in the side panel: the matched site and why, features with who decided, the fields found by label
 * with counts, the outline toggle on the page, a page without labels, and a page that is no site.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoUrl, launchBrowser, watchConsole, type LaunchedBrowser } from './harness';
import { setFeature } from './helpers';
import { docsScreenshot } from './screenshots';

let browser: LaunchedBrowser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function openInspector(): Promise<Page> {
  const panel = await browser.newPage();
  await panel.goto(browser.extensionUrl('sidepanel.html#inspect'));
  await panel.locator('[data-panel="inspector"] [data-status="site"], [data-panel="inspector"] [data-status="inspect"]').first().waitFor();
  return panel;
}

describe('page inspector', () => {
  it('names the site and the pattern, each feature and who decided, the fields found; outlines them on the page', async () => {
    await setFeature(browser, 'paste-trim', false);
    const page = await browser.newPage();
    const watch = watchConsole(page);
    await page.goto(demoUrl('/search'));
    await page.getByRole('button', { name: '查 询' }).click();
    await expect.poll(() => page.locator('.sea-table__body tr.sea-table__row').count()).toBeGreaterThan(0);
    const rows = await page.locator('.sea-table__body tr.sea-table__row').count();

    const panel = await openInspector();
    expect(await panel.locator('[data-status="site"]').innerText()).toMatch(/匹配站点 演示 SEA（本机）（demo）：网址符合规则 \*:\/\/127\.0\.0\.1\/\*/);
    const feature = (id: string) => panel.locator(`[data-table="features"] tr[data-feature="${id}"] td`).allInnerTexts();
    expect(await feature('paste-trim')).toEqual(['粘贴去空格', '关', '坐席设置']);
    expect((await feature('copy-fields')).slice(1)).toEqual(['开', '默认']);
    const fieldRows = await panel.locator('[data-table="fields"] tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    expect(fieldRows).toContainEqual(['保单号', '保单号', '列表列', String(rows)]);
    expect(fieldRows.some(([kind]) => kind === '投保人')).toBe(true);

    const policyFields = fieldRows.filter(([kind]) => kind === '保单号').reduce((sum, row) => sum + Number(row[3]), 0);
    await panel.locator('[data-field="outline"]').check();
    await expect.poll(() => page.locator('[data-seakit-inspect="保单号"]').count()).toBe(policyFields);
    expect(await page.locator('.sea-table__body tr.sea-table__row [data-seakit-inspect="保单号"]').count()).toBe(rows);
    // The outline is drawn, not inserted: the policy cell's text is unchanged and the kind shows beside it.
    const cell = page.locator('[data-seakit-inspect="保单号"]').first();
    expect(await cell.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('dashed');
    expect(await cell.evaluate((el) => getComputedStyle(el, '::after').content)).toBe('"保单号"');
    // For docs/images (SEAKIT_SCREENSHOTS=1, looked at by hand): the panel at side-panel width, and the outlined page.
    await panel.setViewportSize({ width: 420, height: 1000 });
    await panel.screenshot({ path: docsScreenshot('inspector.png'), fullPage: true });
    await page.screenshot({ path: docsScreenshot('inspector-outline.png') });
    await panel.locator('[data-field="outline"]').uncheck();
    await expect.poll(() => page.locator('[data-seakit-inspect]').count()).toBe(0);
    expect(watch.messages).toEqual([]);
    await panel.close();
    await page.close();
    await setFeature(browser, 'paste-trim', true);
  });

  it('says so on a page without labels, and on a page no site matches', async () => {
    const page = await browser.newPage();
    await page.route(demoUrl('/plain'), (route) =>
      route.fulfill({ contentType: 'text/html; charset=utf-8', body: '<!doctype html><h1>公告</h1><p>今天系统维护。</p>' }));
    await page.goto(demoUrl('/plain'));
    await page.locator('h1').waitFor();
    const panel = await openInspector();
    expect(await panel.locator('[data-status="fields"]').innerText()).toContain('本页没有找到任何已知标签的字段');
    expect(await panel.locator('[data-field="outline"]').isDisabled()).toBe(true);
    await page.goto('about:blank');
    await panel.getByRole('button', { name: '刷新' }).click();
    await expect.poll(() => panel.locator('[data-status="inspect"]').innerText()).toContain('没有');
    await panel.close();
    await page.close();
  });
});
