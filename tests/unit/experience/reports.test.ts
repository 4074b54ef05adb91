import { describe, expect, it } from 'vitest';
import { ExperienceDb } from '~/utils/experience/db';
import { maskedView } from '~/utils/experience/inspect-types';
import { fileReport, ReportError, sendQueued } from '~/utils/experience/reports';
import { scrubText } from '~/utils/experience/report-types';
import { structureText } from '~/utils/experience/structure';

describe('what a report may carry', () => {
  it('masks numbers and query values in the view', () => {
    expect(maskedView('https://sea.corp/policy/P202430624280/log?no=P2024&name=%E5%BC%A0%E4%B8%89')).toBe('sea.corp/policy/P#/log?no=*&name=*');
    expect(maskedView('https://sea.corp/#/detail/张三/13800138000?id=1')).toBe('sea.corp/#/detail/*/#?id=*');
  });

  it('hides long digit runs, ID numbers and phone numbers in the agent\'s text, keeps short numbers', () => {
    expect(scrubText('保单 P202430624280 查询慢，等了 30 秒')).toBe('保单 [已隐去] 查询慢，等了 30 秒');
    expect(scrubText('证件 11010519491231002X 和 138 0013 8000')).toBe('证件 [已隐去] 和 [已隐去]');
  });

  it('draws a label up to its colon, digits masked', () => {
    expect(structureText('保单编号：P202430624280')).toBe('保单编号：');
    expect(structureText('第 2 页')).toBe('第 # 页');
  });
});

describe('filing and sending', () => {
  const input = { category: '系统慢', text: '查询慢', context: undefined, agentId: 'A1', version: '0.1.0', endpoint: 'http://x/e' };

  it('refuses a missing category or text and an over-long text with Chinese messages', async () => {
    const db = new ExperienceDb(`t-${Math.random()}`);
    await expect(fileReport({ ...input, category: '' }, db)).rejects.toThrow(new ReportError('请选择反馈类别'));
    await expect(fileReport({ ...input, text: '  ' }, db)).rejects.toThrow('请用一句话写下遇到的情况');
    await expect(fileReport({ ...input, text: '慢'.repeat(20_001) }, db)).rejects.toThrow('超过 20000 字上限');
    expect(await db.reports.count()).toBe(0);
  });

  it('keeps a report queued through failures and sends it once the endpoint answers', async () => {
    const db = new ExperienceDb(`t-${Math.random()}`);
    const report = await fileReport(input, db);
    expect(report.state).toBe('queued');
    const fail = async () => new Response('', { status: 500 });
    expect(await sendQueued('http://x/e', db, fail)).toEqual({ sent: 0, left: 1, error: '接收地址返回 500' });
    const down = async () => { throw new TypeError('Failed to fetch'); };
    expect((await sendQueued('http://x/e', db, down)).error).toContain('无法连接');
    expect(await db.reports.get(report.id)).toMatchObject({ state: 'queued', attempts: 2 });
    const bodies: unknown[] = [];
    const ok = async (_url: RequestInfo | URL, init?: RequestInit) => {
      bodies.push(JSON.parse(String(init!.body)));
      return new Response('', { status: 200 });
    };
    expect(await sendQueued('http://x/e', db, ok as typeof fetch)).toEqual({ sent: 1, left: 0 });
    expect(bodies).toEqual([expect.objectContaining({ id: report.id, text: '查询慢' })]);
    expect(await db.reports.get(report.id)).toMatchObject({ state: 'sent' });
    expect(await sendQueued('http://x/e', db, ok as typeof fetch)).toEqual({ sent: 0, left: 0 });
  });
});

describe('touchpoint timings', () => {
  it('keeps today\'s samples per view and touchpoint and gives p50/p95', async () => {
    const { recordTiming, percentile, summarize } = await import('~/utils/experience/timings');
    const db = new ExperienceDb(`t-${Math.random()}`);
    for (const ms of [100, 200, 300, 400, 5000]) await recordTiming('sea/search', 'search', ms, db);
    await recordTiming('sea/search', 'search', Number.NaN, db);
    const [row] = summarize(await db.timings.toArray());
    expect(row).toMatchObject({ view: 'sea/search', touchpoint: '查询→结果', count: 5, p50: 300, p95: 5000 });
    expect(percentile([], 50)).toBe(0);
  });
});

describe('the side panel\'s questions to a SEA frame', () => {
  it('are answered for the extension\'s own pages in the declared shape only', async () => {
    const { fakeBrowser } = await import('wxt/testing/fake-browser');
    const { answerInspector } = await import('~/utils/experience/inspect');
    const { captureMessage, inspectMessage, outlineMessage } = await import('~/utils/experience/inspect-types');
    const { defaultSettings } = await import('~/utils/settings');
    const stop = answerInspector(() => ({ settings: defaultSettings, locked: new Set(), core: null, features: [] }));
    const fromPanel = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/sidepanel.html') };
    // Chrome's own listener form: a reply through sendResponse, claimed by returning true.
    const ask = (message: unknown, sender: object) => new Promise((resolve) => {
      void fakeBrowser.runtime.onMessage.trigger(message, sender, resolve).then((claims) => {
        if (!(claims as unknown[]).includes(true)) resolve(undefined);
      });
    });
    expect(await ask({ type: inspectMessage.type }, fromPanel)).toMatchObject({ site: { id: 'demo' }, fields: [] });
    expect(await ask({ type: captureMessage.type, screenshot: false }, fromPanel)).toMatchObject({ siteId: 'demo', labels: [] });
    expect(await ask({ type: outlineMessage.type, on: false }, fromPanel)).toMatchObject({ outlined: false });
    // Another extension, a web page, a wrong shape: no answer.
    expect(await ask({ type: inspectMessage.type }, { id: 'other-extension', url: 'chrome-extension://other/x.html' })).toBeUndefined();
    expect(await ask({ type: inspectMessage.type }, { id: fakeBrowser.runtime.id, url: 'https://sea.corp/list' })).toBeUndefined();
    expect(await ask({ type: captureMessage.type, screenshot: 'yes' }, fromPanel)).toBeUndefined();
    expect(await ask({ type: outlineMessage.type }, fromPanel)).toBeUndefined();
    stop();
    fakeBrowser.reset();
  });
});
