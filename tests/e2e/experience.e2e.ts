/**
 * 体验反馈 in the side panel: filing from a SEA detail page with the structure screenshot (no value of the page in
 * the report, its screenshot texts or what is sent), a 10,000-character report, the export, and sending to a
 * loopback endpoint that first fails (500, then down) and later accepts: nothing lost, clear Chinese messages.
 */
import { createServer, type Server } from 'node:http';
import { readFile, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoUrl, launchBrowser, watchConsole, type LaunchedBrowser } from './harness';
import { FACTS, findPolicy } from '../fixtures/demo/data';

let browser: LaunchedBrowser;
const policy = findPolicy(FACTS.spousePolicy)!;
/** Everything about the customer the detail page shows. */
const customerValues = [policy.no, policy.orderNo, policy.applicant, policy.insured, policy.applicantId, policy.insuredId, policy.applicantPhone]
  .filter((v) => v && v !== '-');

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function openDetail(): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(demoUrl(`/policy/${encodeURIComponent(policy.no)}`));
  await page.getByText(policy.insuredId).first().waitFor();
  return page;
}

async function openForm(): Promise<Page> {
  const panel = await browser.newPage();
  await panel.setViewportSize({ width: 420, height: 900 });
  await panel.goto(browser.extensionUrl('sidepanel.html#report'));
  await panel.locator('[data-form="report"]').waitFor();
  return panel;
}

function storedReports(panel: Page): Promise<Array<Record<string, any>>> {
  return panel.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('seakit-experience');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const request = open.result.transaction('reports').objectStore('reports').getAll();
      request.onsuccess = () => resolve(request.result.sort((a: any, b: any) => a.createdAt - b.createdAt));
    };
  }));
}

async function file(panel: Page, category: string, text: string) {
  await panel.locator('label.chip', { hasText: category }).click();
  await panel.getByRole('textbox', { name: '一句话说明' }).fill(text);
  await panel.getByRole('button', { name: '提交' }).click();
}

describe('体验反馈', () => {
  it('files a report with a structure screenshot in which no value of the page survives', async () => {
    const page = await openDetail();
    const watch = watchConsole(page);
    const panel = await openForm();
    await file(panel, '系统慢', `打开保单 ${policy.no} 的详情要等很久`);
    await expect.poll(() => panel.locator('[data-status="report"]').innerText()).toContain('已记录');
    const [report] = await storedReports(panel);
    expect(report.category).toBe('系统慢');
    expect(report.text).toBe('打开保单 [已隐去] 的详情要等很久');
    expect(report.view).toMatch(/^127\.0\.0\.1:\d+\/policy\/P#$/);
    expect(report.siteId).toBe('demo');
    expect(report.labels.some((l: string) => l.startsWith('被保人证件号'))).toBe(true);
    expect(report.screenshot).toMatch(/^data:image\/png;base64,/);
    // The image's texts are structure: the page's headings and labels are there, its values are not.
    expect(report.screenshotTexts).toEqual(expect.arrayContaining(['保单详情']));
    expect(report.screenshotTexts.some((t: string) => /被保人|投保人/.test(t))).toBe(true);
    const json = JSON.stringify(report);
    for (const value of customerValues) expect(json, value).not.toContain(value);
    // Every digit in the image's texts is masked, so no number from the page can be in it.
    expect(report.screenshotTexts.join('')).not.toMatch(/\d/);
    // The page is left as it was: values visible, nothing of ours left behind.
    expect(await page.getByText(policy.insuredId).first().isVisible()).toBe(true);
    await writeFile('docs/images/report-structure.png', Buffer.from(report.screenshot.split(',')[1], 'base64'));
    await panel.screenshot({ path: 'docs/images/report-form.png', fullPage: true });
    expect(watch.messages).toEqual([]);
    await panel.close();
    await page.close();
  });

  it('keeps a 10,000-character report whole, refuses a 25,000-character one without losing the text, and exports', async () => {
    const page = await openDetail();
    const panel = await openForm();
    const long = '查询'.repeat(5_000);
    await file(panel, '操作繁琐', long);
    await expect.poll(() => panel.locator('[data-status="report"]').innerText()).toContain('已记录');
    expect((await storedReports(panel)).at(-1)!.text).toBe(long);

    const tooLong = '慢'.repeat(25_000);
    await file(panel, '操作繁琐', tooLong);
    await expect.poll(() => panel.locator('[data-status="report"]').innerText()).toContain('超过 20000 字上限');
    expect(await panel.getByRole('textbox', { name: '一句话说明' }).inputValue()).toBe(tooLong);

    const csvDownload = panel.waitForEvent('download');
    await panel.getByRole('button', { name: '导出 CSV' }).click();
    const csv = await readFile((await (await csvDownload).path())!, 'utf8');
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('时间,类别,内容,页面,站点,版本,工号,找到的标签,触点时效,状态');
    expect(lines).toHaveLength(3);
    expect(csv).toContain(long);
    for (const value of customerValues) expect(csv).not.toContain(value);

    const xlsxDownload = panel.waitForEvent('download');
    await panel.getByRole('button', { name: '导出 Excel' }).click();
    const download = await xlsxDownload;
    expect(download.suggestedFilename()).toMatch(/^体验反馈-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const { default: readXlsxFile } = await import('read-excel-file/node');
    const [sheet] = (await readXlsxFile((await download.path())!)) as unknown as Array<{ sheet: string; data: unknown[][] }>;
    expect(sheet.sheet).toBe('体验反馈');
    const rows = sheet.data;
    expect(rows.map((r) => r[1])).toEqual(['类别', '操作繁琐', '系统慢']);
    await panel.close();
    await page.close();
  });

  it('sends to the endpoint: a 500 and a dead endpoint keep the report queued with the reason; it goes out later', async () => {
    let answer = 500;
    const received: any[] = [];
    const server: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        if (answer === 200) received.push(JSON.parse(body));
        res.writeHead(answer).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const endpoint = `http://127.0.0.1:${port}/experience`;
    // The endpoint is a policy key; the settings layer under it is set the same way here (policy files are issue 11's).
    await browser.serviceWorker!.evaluate(async (url) => {
      const storage = (globalThis as any).chrome.storage.local;
      const { settings = {} } = await storage.get('settings');
      await storage.set({ settings: { ...settings, experienceEndpoint: url } });
    }, endpoint);

    const page = await openDetail();
    const panel = await openForm();
    const before = (await storedReports(panel)).length;
    await file(panel, '报错', '点提交后提示系统异常');
    await expect.poll(() => panel.locator('[data-status="report"]').innerText()).toContain('发送失败：接收地址返回 500');
    let mine = (await storedReports(panel)).at(-1)!;
    expect(mine.state).toBe('queued');
    expect(mine.lastError).toBe('接收地址返回 500');
    expect(await panel.locator('[data-card="reports"] .desc').first().innerText()).toContain('1 条待发送');

    await new Promise<void>((resolve) => server.close(() => resolve()));
    await panel.getByRole('button', { name: '立即发送' }).click();
    await expect.poll(() => panel.getByRole('status').innerText()).toContain('无法连接接收地址');
    expect((await storedReports(panel)).at(-1)!.state).toBe('queued');

    answer = 200;
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    await panel.getByRole('button', { name: '立即发送' }).click();
    await expect.poll(() => panel.getByRole('status').innerText()).toContain('已发送 1 条');
    mine = (await storedReports(panel)).at(-1)!;
    expect(mine.state).toBe('sent');
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ id: mine.id, category: '报错', text: '点提交后提示系统异常', siteId: 'demo' });
    expect(received[0].state).toBeUndefined();
    for (const value of customerValues) expect(JSON.stringify(received[0])).not.toContain(value);
    // Reports filed before the endpoint was set stay local (exported by the agent), not sent behind their back.
    expect((await storedReports(panel)).slice(0, before).every((r) => r.state === 'local')).toBe(true);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await panel.close();
    await page.close();
  });
});
