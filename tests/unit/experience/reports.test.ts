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
