/**
 * log-return on two shapes of admin the demo does not have: a log that is only a view switch (the URL
 * never changes) and a log shown in a dialog over the results. Served by Playwright routing on a
 * 127.0.0.1 URL, so the extension's page script runs there as on any SEA host.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowser, watchConsole, type LaunchedBrowser } from './harness';

const ORIGIN = 'http://127.0.0.1:9';

/** A tiny state-driven admin: results live in memory; mode "dialog" opens the log over the list. */
const app = (mode: 'switch' | 'dialog') => `<!doctype html><meta charset="utf-8"><title>SEA</title>
<body><div id="app"></div><script>
const people = [['P2024000001','张伟'],['P2024000002','李娜'],['P2024000003','张敏']];
let view = 'search', name = '', results = [], logOf = null;
const app = document.getElementById('app');
function h(tag, props, ...kids) { const el = Object.assign(document.createElement(tag), props); el.append(...kids); return el; }
function render() {
  app.replaceChildren();
  if (view === 'log' && '${mode}' === 'switch') {
    app.append(h('h2', {}, '操作日志'), h('p', {}, '保单号：' + logOf), h('table', {}, h('tr', {}, h('td', {}, '2024-01-01 修改手机号'))));
    return;
  }
  const input = h('input', { id: 'name', value: name, oninput: (e) => (name = e.target.value) });
  const go = h('button', { type: 'button', onclick: () => { results = people.filter((p) => p[1].includes(name)); render(); } }, '查询');
  const rows = results.map((p) => h('tr', {}, h('td', {}, p[0]), h('td', {}, p[1]),
    h('td', {}, h('a', { href: 'javascript:void 0', onclick: () => { logOf = p[0]; view = 'log'; render(); } }, '查看日志'))));
  app.append(h('label', { htmlFor: 'name' }, '投保人姓名'), input, go,
    h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, '保单号'), h('th', {}, '投保人'), h('th', {}, '操作'))), h('tbody', {}, ...rows)));
  if (view === 'log') {
    app.append(h('div', { role: 'dialog', className: 'dialog' },
      h('h3', {}, '操作日志'), h('p', {}, '保单号：' + logOf),
      h('button', { type: 'button', ariaLabel: '关闭', onclick: () => { view = 'search'; render(); } }, '×')));
  }
}
render();
</script></body>`;

let browser: LaunchedBrowser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function openApp(mode: 'switch' | 'dialog') {
  page = await browser.newPage();
  await page.route(`${ORIGIN}/**`, (route) => route.fulfill({ contentType: 'text/html', body: app(mode) }));
  const watch = watchConsole(page);
  await page.goto(`${ORIGIN}/admin`);
  await page.locator('#name').fill('张');
  await page.getByRole('button', { name: '查询' }).click();
  await expect.poll(() => page.locator('tbody tr').count()).toBe(2);
  await page.locator('tbody tr').nth(1).getByText('查看日志').click();
  return watch;
}

describe('log-return on other admin shapes', () => {
  it('a log that is only a view switch: returns to the search with its field filled and results shown', async () => {
    const watch = await openApp('switch');
    const back = page.locator('button[data-seakit="log-return"]');
    await expect.poll(() => back.count()).toBe(1);
    await back.click();
    await expect.poll(() => page.locator('#name').inputValue()).toBe('张');
    await expect.poll(() => page.locator('tbody tr').count()).toBe(2);
    expect(page.url()).toBe(`${ORIGIN}/admin`);
    expect(watch.messages).toEqual([]);
    await page.close();
  });

  it('a log in a dialog over the results: closes the dialog and leaves the results as they were', async () => {
    const watch = await openApp('dialog');
    const back = page.locator('[role="dialog"] button[data-seakit="log-return"]');
    await expect.poll(() => back.count()).toBe(1);
    await back.click();
    await expect.poll(() => page.locator('[role="dialog"]').count()).toBe(0);
    expect(await page.locator('#name').inputValue()).toBe('张');
    expect(await page.locator('tbody tr').count()).toBe(2);
    expect(await page.locator('[data-seakit="log-return"]').count()).toBe(0);
    expect(watch.messages).toEqual([]);
    await page.close();
  });
});
