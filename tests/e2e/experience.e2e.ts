/**
 * 体验反馈 in the side panel: filing from a SEA detail page with the structure screenshot (no value of the page in
 * the report, its screenshot texts or what is sent), a 10,000-character report, the export, and sending to a
 * loopback endpoint that first fails (500, then down) and later accepts: nothing lost, clear Chinese messages.
 */
import { createServer, type Server } from 'node:http';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoUrl, launchBrowser, watchConsole, type LaunchedBrowser } from './harness';
import { docsScreenshot } from './screenshots';
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

async function openDetail(on: LaunchedBrowser = browser): Promise<Page> {
  const page = await on.newPage();
  await page.goto(demoUrl(`/policy/${encodeURIComponent(policy.no)}`));
  await page.getByText(policy.insuredId).first().waitFor();
  return page;
}

async function openForm(on: LaunchedBrowser = browser): Promise<Page> {
  const panel = await on.newPage();
  await panel.setViewportSize({ width: 420, height: 900 });
  await panel.goto(on.extensionUrl('sidepanel.html#report'));
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
  it('measures search submitted → results shown per view, and a 系统慢 report carries the numbers', async () => {
    const page = await browser.newPage();
    await page.goto(demoUrl('/search'));
    await page.getByRole('button', { name: '查 询' }).click();
    await expect.poll(() => page.locator('.sea-table__body tr.sea-table__row').count()).toBeGreaterThan(0);
    const panel = await openForm();
    const row = panel.locator('[data-table="timings"] tr[data-day]').first();
    await expect.poll(async () => (await row.count()) && row.locator('td').allInnerTexts(), { timeout: 10_000 })
      .toEqual(expect.arrayContaining(['今天', '查询→结果', '1']));
    expect(await row.getAttribute('data-view')).toMatch(/\/search$/);
    // The demo answers after ~120 ms: the wait measured is at least that.
    const p50 = Number((await row.locator('td').nth(3).innerText()).replace(' ms', ''));
    expect(p50).toBeGreaterThanOrEqual(100);
    expect(p50).toBeLessThan(10_000);
    await page.bringToFront();
    await panel.reload();
    await file(panel, '系统慢', '查询要等');
    await expect.poll(() => panel.locator('[data-status="report"]').innerText()).toContain('已记录');
    const report = (await storedReports(panel)).at(-1)!;
    expect(report.timings).toEqual([{ touchpoint: '查询→结果', count: 1, p50, p95: p50 }]);
    await panel.close();
    await page.close();
  });

  it('files a report with a structure screenshot in which no value of the page survives', async () => {
    const page = await openDetail();
    const watch = watchConsole(page);
    const panel = await openForm();
    await file(panel, '系统慢', `打开保单 ${policy.no} 的详情要等很久`);
    await expect.poll(() => panel.locator('[data-status="report"]').innerText()).toContain('已记录');
    const report = (await storedReports(panel)).at(-1)!;
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
    await writeFile(docsScreenshot('report-structure.png'), Buffer.from(report.screenshot.split(',')[1], 'base64'));
    await panel.screenshot({ path: docsScreenshot('report-form.png'), fullPage: true });
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
    expect(lines[0]).toBe('时间,类别,内容,页面,站点,版本,工号,找到的标签,触点时效,状态,编号');
    expect(lines).toHaveLength(4);
    expect(csv).toContain(long);
    for (const value of customerValues) expect(csv).not.toContain(value);

    const xlsxDownload = panel.waitForEvent('download');
    await panel.getByRole('button', { name: '导出 Excel' }).click();
    const download = await xlsxDownload;
    expect(download.suggestedFilename()).toMatch(/^体验反馈-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const { default: readXlsxFile } = await import('read-excel-file/node');
    const [sheet, waits] = (await readXlsxFile((await download.path())!)) as unknown as Array<{ sheet: string; data: unknown[][] }>;
    expect(sheet.sheet).toBe('体验反馈');
    // The past days' waits go with the reports: the search measured in the first test is there, with its samples.
    expect(waits.sheet).toBe('触点时效');
    expect(waits.data[1]).toEqual(expect.arrayContaining([expect.stringMatching(/\/search$/), '查询→结果', 1]));
    const rows = sheet.data;
    expect(rows.map((r) => r[1])).toEqual(['类别', '操作繁琐', '系统慢', '系统慢']);
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

/** Sets a settings key the way the options page stores it (the agent's 工号, the lead's 组长 switch). */
async function setSettings(on: LaunchedBrowser, patch: Record<string, unknown>) {
  await on.serviceWorker!.evaluate(async (patch) => {
    const storage = (globalThis as any).chrome.storage.local;
    const { settings = {} } = await storage.get('settings');
    await storage.set({ settings: { ...settings, ...patch } });
  }, patch);
}

type Sheet = { sheet: string; data: unknown[][] };
async function readWorkbookFile(file: string): Promise<Sheet[]> {
  const { default: readXlsxFile } = await import('read-excel-file/node');
  return (await readXlsxFile(file)) as unknown as Sheet[];
}

/**
 * One agent on their own browser: a search (a measured wait), two reports, and their export saved to dir.
 * Returns the files and the views the reports were filed on.
 */
async function agentWeek(id: string, reports: Array<{ on: 'detail' | 'search'; category: string; text: string }>, dir: string, as: 'xlsx' | 'csv') {
  const agent = await launchBrowser();
  try {
    await setSettings(agent, { agent: { id, name: id } });
    const search = await agent.newPage();
    await search.goto(demoUrl('/search'));
    await search.getByRole('button', { name: '查 询' }).click();
    await expect.poll(() => search.locator('.sea-table__body tr.sea-table__row').count()).toBeGreaterThan(0);
    const detail = await openDetail(agent);
    const panel = await openForm(agent);
    await expect.poll(() => panel.locator('[data-table="timings"] tr[data-day]').count(), { timeout: 10_000 }).toBe(1);
    for (const [i, report] of reports.entries()) {
      await (report.on === 'detail' ? detail : search).bringToFront();
      await file(panel, report.category, report.text);
      await expect.poll(async () => (await storedReports(panel)).length).toBe(i + 1);
    }
    const stored = await storedReports(panel);
    const files: string[] = [];
    const save = async (button: string) => {
      const download = panel.waitForEvent('download');
      await panel.getByRole('button', { name: button }).click();
      const target = path.join(dir, `${id}-${(await download).suggestedFilename()}`);
      await (await download).saveAs(target);
      files.push(target);
    };
    if (as === 'xlsx') await save('导出 Excel');
    else {
      await save('导出 CSV');
      await save('导出时效 CSV');
    }
    return { files, stored };
  } finally {
    await agent.close();
  }
}

describe('组长 › 体验反馈汇总', () => {
  it('imports two agents\' exports and a broken batch, groups them, and exports the meeting workbook', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'seakit-voice-'));
    const a = await agentWeek('A001', [
      { on: 'detail', category: '系统慢', text: '打开保单详情要等五六秒' },
      { on: 'search', category: '找不到信息', text: '查询结果里看不到缴费状态' },
    ], dir, 'xlsx');
    const b = await agentWeek('B002', [
      { on: 'detail', category: '系统慢', text: `保单 ${policy.no} 详情打不开，转圈很久` },
      { on: 'detail', category: '报错', text: '点查看日志提示系统异常' },
    ], dir, 'csv');
    const detailView = a.stored[0].view as string;
    const searchView = a.stored[1].view as string;
    expect(detailView).toMatch(/\/policy\/P#$/);
    expect(b.stored.map((r) => r.view)).toEqual([detailView, detailView]);

    // Files that are not agents' exports, in the same batch: each is named with why, the others still go in.
    const broken = path.join(dir, '坏的.csv');
    await writeFile(broken, '\uFEFF时间,类别,内容,页面\r\n2026-11-24 09:30,系统慢,"没有结尾的引号\r\n');
    const other = path.join(dir, '名单.xlsx');
    const { default: writeXlsxFile } = await import('write-excel-file/node');
    await writeXlsxFile([[{ value: '姓名' }, { value: '电话' }], [{ value: '某人' }, { value: '13800138000' }]]).toFile(other);
    const empty = path.join(dir, '空.csv');
    await writeFile(empty, '');

    await setSettings(browser, { leadTools: true });
    const lead = await browser.newPage();
    await lead.setViewportSize({ width: 1280, height: 1000 });
    const watch = watchConsole(lead);
    await lead.goto(browser.extensionUrl('options.html#lead'));
    const card = lead.locator('[data-card="lead-voice"]');
    await card.waitFor();
    const picker = card.locator('input[type="file"]');
    await picker.setInputFiles([...a.files, ...b.files, broken, other, empty]);
    const outcomes = card.locator('[data-field="voice-import-status"] li');
    await expect.poll(() => outcomes.count(), { timeout: 20_000 }).toBe(6);
    const texts = await outcomes.allInnerTexts();
    expect(texts[0]).toMatch(/^「A001-体验反馈-[\d-]+\.xlsx」：新增 2 条反馈，时延 1 行$/);
    expect(texts[1]).toMatch(/^「B002-体验反馈-[\d-]+\.csv」：新增 2 条反馈$/);
    expect(texts[2]).toMatch(/^「B002-体验反馈-时效-[\d-]+\.csv」：新增 0 条反馈，时延 1 行$/);
    expect(texts[3]).toMatch(/^「坏的\.csv」不是完好的 CSV：第 \d+ 行附近引号没有成对/);
    expect(texts[4]).toMatch(/^「名单\.xlsx」不是体验反馈导出文件/);
    expect(texts[5]).toMatch(/^「空\.csv」是空文件/);
    expect(await outcomes.evaluateAll((items) => items.map((li) => li.getAttribute('data-ok')))).toEqual(['true', 'true', 'true', 'false', 'false', 'false']);

    // The same agent's file again, now dropped on the box: nothing counted twice.
    const dropped = await readFile(a.files[0]);
    await card.locator('[data-field="voice-drop"]').evaluate((zone, { name, base64 }) => {
      const data = new DataTransfer();
      data.items.add(new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], name));
      data.items.add(new File(['时间,类别,内容,页面,工号\r\n2026-11-20 10:00,建议,客户 13800138000 的保单 P202430624280 查不到,127.0.0.1:1/policy/P202430624280,C003\r\n'], '手改.csv'));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, { name: path.basename(a.files[0]), base64: dropped.toString('base64') });
    await expect.poll(() => outcomes.allInnerTexts()).toEqual([
      expect.stringMatching(/新增 0 条反馈，2 条已导入过，未重复计入，时延 1 行$/),
      '「手改.csv」：新增 1 条反馈',
    ]);
    // Masked on the way in: the lead's page never shows the long numbers the hand-edited file had.
    expect(await card.innerText()).toContain('客户 [已隐去] 的保单 [已隐去] 查不到');
    expect(await card.innerText()).not.toMatch(/13800138000|202430624280/);
    for (const value of customerValues) expect(await card.innerText()).not.toContain(value);

    const group = (view: string, category: string) => card.locator(`[data-table="voice-groups"] tr[data-view="${view}"][data-category="${category}"] td`);
    await expect.poll(() => card.locator('[data-field="voice-total"]').innerText()).toBe('5 条反馈');
    expect((await group(detailView, '系统慢').allInnerTexts()).slice(1, 4)).toEqual(['系统慢', '2', '2']);
    expect((await group(searchView, '找不到信息').allInnerTexts()).slice(1, 4)).toEqual(['找不到信息', '1', '1']);
    expect((await group(detailView, '报错').allInnerTexts()).slice(1, 4)).toEqual(['报错', '1', '1']);
    // The two agents' searches pooled: one row for today with 2 waits from 2 agents.
    const timingRow = card.locator('[data-table="voice-timings"] tbody tr');
    expect(await timingRow.count()).toBe(1);
    expect((await timingRow.locator('td').allInnerTexts()).slice(0, 5)).toEqual([searchView, '查询→结果', expect.stringMatching(/^\d{4}-/), '2', '2']);
    await card.screenshot({ path: docsScreenshot('lead-view.png') });

    // Filters: by category, then a date range that holds only the hand-edited report's day.
    await card.getByLabel('类别').selectOption('系统慢');
    await expect.poll(() => card.locator('[data-field="voice-total"]').innerText()).toBe('2 条反馈');
    await card.getByRole('button', { name: '清除筛选' }).click();
    await card.getByLabel('开始日期').fill('2026-11-20');
    await card.getByLabel('结束日期').fill('2026-11-20');
    await card.getByLabel('结束日期').press('Enter');
    await card.getByLabel('结束日期').blur();
    await expect.poll(() => card.locator('[data-field="voice-total"]').innerText()).toBe('1 条反馈');
    await card.getByRole('button', { name: '清除筛选' }).click();

    const download = lead.waitForEvent('download');
    await card.getByRole('button', { name: '导出会议用 Excel' }).click();
    const sheets = await readWorkbookFile((await (await download).path())!);
    expect(sheets.map((s) => s.sheet)).toEqual(['汇总', '明细', '时延']);
    const [summary, details, waits] = sheets.map((s) => s.data);
    expect(summary[0].slice(0, 5)).toEqual(['页面', '类别', '条数', '坐席数', '趋势']);
    const counts = Object.fromEntries(summary.slice(1).map((r) => [`${r[0]}|${r[1]}`, [r[2], r[3]]]));
    expect(counts).toEqual({
      [`${detailView}|系统慢`]: [2, 2],
      [`${searchView}|找不到信息`]: [1, 1],
      [`${detailView}|报错`]: [1, 1],
      ['127.0.0.1:1/policy/P#|建议']: [1, 1],
    });
    expect(details).toHaveLength(6);
    expect(details.map((r) => r[9]).slice(1)).toEqual(expect.arrayContaining([...a.stored, ...b.stored].map((r) => r.id)));
    expect(JSON.stringify(details)).not.toMatch(/13800138000|202430624280/);
    expect(waits[0]).toEqual(['页面', '环节', '日期', '次数', '坐席数', '中位p50(ms)', '慢的p95(ms)', '说明']);
    expect(waits.slice(1).map((r) => [r[0], r[1], r[3], r[4]])).toEqual([[searchView, '查询→结果', 2, 2]]);
    expect(watch.messages).toEqual([]);
    await lead.close();
    // Two agents' browsers start and work in turn before the lead's part.
  }, 240_000);
});
