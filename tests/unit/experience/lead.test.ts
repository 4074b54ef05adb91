/**
 * The leads' view of 体验反馈: reading agents' exports and the endpoint's files, stable ids (a report imported
 * twice counts once), masking checked again on import, the grouping and trends, pooled p50/p95, and the
 * meeting workbook read back.
 */
import { describe, expect, it } from 'vitest';
import { ExperienceDb } from '~/utils/experience/db';
import { csvText, exportAgentId, reportColumns, reportsCsv, reportsXlsx, timingColumns, timingsCsv } from '~/utils/experience/export';
import { importExperienceFile, ImportFileError, maskTimingText, maskViewPath, parseTime, type LeadReport } from '~/utils/experience/lead-import';
import { LeadExperienceDb, storeImport } from '~/utils/experience/lead-db';
import type { ExperienceReport } from '~/utils/experience/report-types';
import { firstDayKept, keptTimings, localDay, recordTiming } from '~/utils/experience/timings';
import { buckets, filterReports, meetingXlsx, noFilter, summarizeReports, summarizeTimings, weekOf } from '~/utils/experience/voice';
import { templateXlsx } from '~/utils/packs/sheet';

const bytes = (text: string) => new TextEncoder().encode(text);
const blobBytes = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());

function agentReport(over: Partial<ExperienceReport> = {}): ExperienceReport {
  return {
    id: crypto.randomUUID(), createdAt: new Date(2026, 10, 24, 9, 30).getTime(), category: '系统慢', text: '查询要等很久',
    view: 'sea.corp/search', siteId: 'sea', siteName: 'SEA', version: '0.1.0', labels: ['保单号（保单号，列表列）'],
    agentId: 'A001', state: 'local', attempts: 0, ...over,
  };
}

async function readBack(blob: Blob): Promise<Array<{ sheet: string; data: unknown[][] }>> {
  const { default: readXlsxFile } = await import('read-excel-file/universal');
  return (await readXlsxFile(await blob.arrayBuffer())) as unknown as Array<{ sheet: string; data: unknown[][] }>;
}

describe('reading agents\' exports', () => {
  it('reads the agent\'s XLSX: reports with their ids and the past days\' waits with their samples', async () => {
    const reports = [agentReport(), agentReport({ category: '报错', text: '提交报错', view: 'sea.corp/policy/P#' })];
    const timings = [
      { day: '2026-11-23', view: 'sea.corp/search', touchpoint: '查询→结果', count: 3, p50: 200, p95: 900, samples: [100, 200, 900] },
      { day: '2026-11-24', view: 'sea.corp/search', touchpoint: '查询→结果', count: 1, p50: 150, p95: 150, samples: [150] },
    ];
    const result = await importExperienceFile('张三.xlsx', await blobBytes(await reportsXlsx(reports, timings, 'A001')));
    expect(result.reports.map((r) => [r.id, r.category, r.text, r.view, r.day, r.agentId])).toEqual(
      reports.map((r) => [r.id, r.category, r.text, r.view, '2026-11-24', 'A001']),
    );
    expect(result.timings.map((t) => [t.key, t.count, t.p50, t.p95, t.samples])).toEqual([
      ['A001|2026-11-23|sea.corp/search|查询→结果', 3, 200, 900, [100, 200, 900]],
      ['A001|2026-11-24|sea.corp/search|查询→结果', 1, 150, 150, [150]],
    ]);
    expect(result.skipped).toEqual([]);
  });

  it('reads the agent\'s CSVs (reports, waits) and an older export without 编号 gets a stable id from its content', async () => {
    const report = agentReport();
    const fromCsv = await importExperienceFile('a.csv', bytes(reportsCsv([report])));
    expect(fromCsv.reports[0]).toMatchObject({ id: report.id, text: report.text, createdAt: report.createdAt });
    const old = csvText([reportColumns.slice(0, 10), ...[[ '2026-11-24 09:30', '报错', '提交后白屏', 'sea.corp/x', 'SEA', '0.1.0', 'A2', '', '', '仅本机' ]]]);
    const [a] = (await importExperienceFile('old.csv', bytes(old))).reports;
    const [b] = (await importExperienceFile('old-again.csv', bytes(old))).reports;
    expect(a.id).toMatch(/^h-[0-9a-f]{16}$/);
    expect(b.id).toBe(a.id);
    const waits = await importExperienceFile('w.csv', bytes(timingsCsv([{ day: '2026-11-24', view: 'v/x', touchpoint: '详情→字段', count: 2, p50: 10, p95: 20, samples: [10, 20] }], 'A2')));
    expect(waits.timings[0]).toMatchObject({ agentId: 'A2', day: '2026-11-24', view: 'v/x', count: 2, p50: 10, p95: 20 });
  });

  it('reads the endpoint\'s JSON lines, skipping a broken line with its number', async () => {
    const report = agentReport();
    const { state: _s, attempts: _a, ...wire } = report;
    const file = `${JSON.stringify(wire)}\n{broken\n\n${JSON.stringify({ ...wire, id: 'other', text: '第二条' })}\n`;
    const result = await importExperienceFile('endpoint-2026-11-24.jsonl', bytes(file));
    expect(result.reports.map((r) => r.id)).toEqual([report.id, 'other']);
    expect(result.reports[0]).toMatchObject({ site: 'SEA', labels: '保单号（保单号，列表列）', createdAt: report.createdAt });
    expect(result.skipped).toEqual(['第 2 行不是有效的 JSON，已跳过']);
  });

  it('masks again on import: long digit runs in the text, labels and the view\'s path are hidden', async () => {
    const csv = csvText([reportColumns, ['2026-11-24 09:30', '系统慢', '保单 P202430624280 客户 13800138000 查询慢，等了 30 秒', '127.0.0.1:41234/policy/P202430624280',
      'SEA', '0.1.0', 'A1', '保单号 P202430624280', '', '仅本机', '']]);
    const [r] = (await importExperienceFile('手改过.csv', bytes(csv))).reports;
    expect(r.text).toBe('保单 [已隐去] 客户 [已隐去] 查询慢，等了 30 秒');
    expect(r.view).toBe('127.0.0.1:41234/policy/P#');
    expect(r.labels).toBe('保单号 [已隐去]');
    expect(JSON.stringify(r)).not.toMatch(/202430624280|13800138000/);
    const jsonl = JSON.stringify({ id: 'x', createdAt: Date.now(), category: '报错', text: '证件 11010519491231002X', view: 'h/p/123456' });
    const [j] = (await importExperienceFile('e.jsonl', bytes(jsonl))).reports;
    expect([j.text, j.view]).toEqual(['证件 [已隐去]', 'h/p/#']);
    expect(maskViewPath('host:8080/a/12/b')).toBe('host:8080/a/#/b');
    // The export's own timing text keeps its numbers; a phone typed into that column does not.
    expect(maskTimingText('查询→结果 p50 320ms p95 12000ms（2 次）；详情→字段 p50 90ms p95 90ms（1 次）')).toBe('查询→结果 p50 320ms p95 12000ms（2 次）；详情→字段 p50 90ms p95 90ms（1 次）');
    expect(maskTimingText('查询→结果 p50 320ms 13800138000')).toBe('查询→结果 [已隐去]ms [已隐去]');
  });

  it('refuses a wrong file with a Chinese message naming it: another XLSX, a broken CSV, an empty file, a broken XLSX, .xls', async () => {
    const refusal = async (name: string, data: Uint8Array) => {
      const error = await importExperienceFile(name, data).then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(ImportFileError);
      return (error as Error).message;
    };
    expect(await refusal('话术包模板.xlsx', await blobBytes(await templateXlsx()))).toMatch(/^「话术包模板\.xlsx」不是体验反馈导出文件：找不到“体验反馈”/);
    expect(await refusal('坏的.csv', bytes(`${reportColumns.join(',')}\r\n2026-11-24 09:30,系统慢,"没有结尾的引号,x\r\n`))).toMatch(/^「坏的\.csv」不是完好的 CSV：第 \d+ 行附近引号没有成对/);
    expect(await refusal('空.csv', new Uint8Array())).toBe('「空.csv」是空文件。请选择坐席在“体验反馈”里导出的 Excel/CSV 文件，或接收地址保存的 .jsonl 文件');
    expect(await refusal('bom.csv', bytes('\uFEFF  \r\n'))).toMatch(/^「bom\.csv」是空文件/);
    expect(await refusal('截断.xlsx', bytes('PK\u0003\u0004 not really a zip'))).toMatch(/^「截断\.xlsx」无法读取：文件已损坏/);
    expect(await refusal('旧.xls', bytes('x'))).toMatch(/另存为/);
    expect(await refusal('名单.csv', bytes('姓名,电话\r\n张三,13800138000\r\n'))).toMatch(/不是体验反馈导出文件/);
    expect(await refusal('全坏.jsonl', bytes('{x\n{y\n'))).toMatch(/^「全坏\.jsonl」没有一行是有效的反馈/);
  });

  it('skips rows it cannot read and says which, keeping the others', async () => {
    const csv = csvText([reportColumns, ['昨天', '系统慢', '慢', 'v', '', '', 'A', '', '', '', ''], ['2026-11-24 10:00', '建议', '', 'v', '', '', 'A', '', '', '', ''],
      ['2026/11/24 10:05:09', '建议', '加个按钮', 'v', '', '', 'A', '', '', '', '']]);
    const result = await importExperienceFile('x.csv', bytes(csv));
    expect(result.reports.map((r) => r.text)).toEqual(['加个按钮']);
    expect(result.skipped).toEqual(['第 2 行：时间“昨天”无法识别，已跳过', '第 3 行：没有内容，已跳过']);
    expect(parseTime(new Date(2026, 0, 2))).toBe(new Date(2026, 0, 2).getTime());
  });
});

describe('the lead\'s store', () => {
  it('keeps a report imported twice once, and an agent\'s later export of a day replaces the earlier', async () => {
    const db = new LeadExperienceDb(`lead-${Math.random()}`);
    const reports = [agentReport(), agentReport({ text: '第二条' })];
    const day = (count: number, samples: number[]) => ({ day: '2026-11-24', view: 'v/s', touchpoint: '查询→结果', count, p50: 1, p95: 1, samples });
    const first = await importExperienceFile('周一.xlsx', await blobBytes(await reportsXlsx(reports, [day(1, [100])], 'A001')));
    expect(await storeImport(first, db)).toEqual({ added: 2, duplicates: 0, timings: 1 });
    const again = await importExperienceFile('周二.xlsx', await blobBytes(await reportsXlsx([...reports, agentReport({ text: '新的' })], [day(3, [100, 200, 300])], 'A001')));
    expect(await storeImport(again, db)).toEqual({ added: 1, duplicates: 2, timings: 1 });
    expect(await storeImport(first, db)).toEqual({ added: 0, duplicates: 2, timings: 0 });
    expect(await db.reports.count()).toBe(3);
    expect((await db.reports.get(reports[0].id))!.source).toBe('周一.xlsx');
    expect((await db.timings.toArray()).map((t) => t.samples)).toEqual([[100, 200, 300]]);
  });
});

function lead(day: string, category: string, view: string, agentId = 'A'): LeadReport {
  const [y, m, d] = day.split('-').map(Number);
  const createdAt = new Date(y, m - 1, d, 10).getTime();
  return { id: `${day}${category}${view}${agentId}${Math.random()}`, createdAt, day, category, text: 't', view, site: '', version: '', agentId, labels: '', timings: '', source: 'f' };
}

describe('grouping for the 客户之声 meeting', () => {
  it('counts by view × category with a per-day trend, most first, and filters by date, category and view', () => {
    const reports = [lead('2026-11-23', '系统慢', 'v/search'), lead('2026-11-23', '系统慢', 'v/search', 'B'), lead('2026-11-25', '系统慢', 'v/search'), lead('2026-11-25', '报错', 'v/detail')];
    const summary = summarizeReports(reports);
    expect(summary.unit).toBe('day');
    expect(summary.bucketKeys).toEqual(['2026-11-23', '2026-11-24', '2026-11-25']);
    expect(summary.groups.map((g) => [g.view, g.category, g.count, g.agents, g.trend])).toEqual([
      ['v/search', '系统慢', 3, 2, [2, 0, 1]],
      ['v/detail', '报错', 1, 1, [0, 0, 1]],
    ]);
    expect(summary.byCategory).toEqual([{ category: '系统慢', count: 3 }, { category: '报错', count: 1 }]);
    expect(filterReports(reports, { ...noFilter, from: '2026-11-24' })).toHaveLength(2);
    expect(filterReports(reports, { ...noFilter, to: '2026-11-23', category: '系统慢' })).toHaveLength(2);
    expect(filterReports(reports, { ...noFilter, view: 'v/detail' })).toHaveLength(1);
  });

  it('switches to weeks (from Mondays) past 31 days', () => {
    expect(weekOf('2026-11-26')).toBe('2026-11-23');
    expect(weekOf('2026-11-23')).toBe('2026-11-23');
    const { unit, keys } = buckets(['2026-10-01', '2026-11-26']);
    expect(unit).toBe('week');
    expect(keys[0]).toBe('2026-09-28');
    expect(keys.at(-1)).toBe('2026-11-23');
    const summary = summarizeReports([lead('2026-10-01', '建议', 'v'), lead('2026-11-26', '建议', 'v'), lead('2026-11-24', '建议', 'v')]);
    expect(summary.groups[0].trend.reduce((a, b) => a + b, 0)).toBe(3);
    expect(summary.groups[0].trend.at(-1)).toBe(2);
  });

  it('pools agents\' waits per view and day; without samples it estimates and says so', () => {
    const t = (agentId: string, samples: number[], p50 = 0, p95 = 0, count = samples.length) =>
      ({ key: agentId, agentId, day: '2026-11-24', view: 'v/s', touchpoint: '查询→结果', count, p50, p95, samples, source: 'f' });
    const [pooled] = summarizeTimings([t('A', [100, 200]), t('B', [300, 400, 5000])]);
    expect(pooled).toMatchObject({ count: 5, agents: 2, p50: 300, p95: 5000, estimated: false });
    const [estimate] = summarizeTimings([t('A', [], 100, 500, 1), t('B', [], 400, 900, 3)]);
    expect(estimate).toMatchObject({ count: 4, p50: 325, p95: 900, estimated: true });
  });

  it('writes the meeting workbook: 汇总 with counts and trend, 明细, 时延 p50/p95 per view per day', async () => {
    const reports = [lead('2026-11-23', '系统慢', 'v/search'), lead('2026-11-24', '系统慢', 'v/search'), lead('2026-11-24', '建议', 'v/detail')];
    const timing = { key: 'A', agentId: 'A', day: '2026-11-24', view: 'v/search', touchpoint: '查询→结果', count: 2, p50: 0, p95: 0, samples: [100, 300], source: 'f' };
    const sheets = await readBack(await meetingXlsx(reports, [timing]));
    expect(sheets.map((s) => s.sheet)).toEqual(['汇总', '明细', '时延']);
    expect(sheets[0].data).toEqual([
      ['页面', '类别', '条数', '坐席数', '趋势', '11-23', '11-24'],
      ['v/search', '系统慢', 2, 1, '██', 1, 1],
      ['v/detail', '建议', 1, 1, '▁█', 0, 1],
    ]);
    expect(sheets[1].data).toHaveLength(4);
    expect(sheets[2].data).toEqual([
      ['页面', '环节', '日期', '次数', '坐席数', '中位p50(ms)', '慢的p95(ms)', '说明'],
      ['v/search', '查询→结果', '2026-11-24', 2, 1, 100, 300, null],
    ]);
  });

  it('imports and groups 10,000 reports from one CSV', async () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => [`2026-11-${String(1 + (i % 26)).padStart(2, '0')} 10:00`, ['系统慢', '报错', '建议'][i % 3],
      `第 ${i} 条`, `v/${String.fromCharCode(97 + (i % 20))}`, '', '', `A${i % 7}`, '', '', '', `r${i}`]);
    const result = await importExperienceFile('big.csv', bytes(csvText([reportColumns, ...rows])));
    expect(result.reports).toHaveLength(10_000);
    const summary = summarizeReports(result.reports);
    expect(summary.total).toBe(10_000);
    expect(summary.groups).toHaveLength(60);
    expect(summary.groups.reduce((n, g) => n + g.count, 0)).toBe(10_000);
    const db = new LeadExperienceDb(`lead-${Math.random()}`);
    expect(await storeImport(result, db)).toMatchObject({ added: 10_000, duplicates: 0 });
    expect(await storeImport(result, db)).toMatchObject({ added: 0, duplicates: 10_000 });
    // fake-indexeddb is slow with 10,000 rows on a loaded machine: a correctness test, the speed is in the bench.
  }, 60_000);
});

describe('the agent\'s past days', () => {
  it('keeps 30 days of waits and shows each kept day\'s p50/p95; the XLSX export carries them', async () => {
    const db = new ExperienceDb(`t-${Math.random()}`);
    const old = { key: `2000-01-01|v|search`, day: '2000-01-01', view: 'v', touchpoint: 'search', samples: [1] };
    const yesterday = new Date();
    yesterday.setDate(yesterday.getDate() - 1);
    const past = { key: `${localDay(yesterday.getTime())}|v|search`, day: localDay(yesterday.getTime()), view: 'v', touchpoint: 'search', samples: [100, 300] };
    await db.timings.bulkPut([old, past]);
    await recordTiming('v', 'search', 50, db);
    expect(await db.timings.get(old.key)).toBeUndefined();
    expect(firstDayKept() > '2000-01-01').toBe(true);
    const kept = await keptTimings(db);
    expect(kept.map((t) => [t.day, t.count, t.p50, t.p95])).toEqual([[localDay(), 1, 50, 50], [past.day, 2, 100, 300]]);
    const sheets = await readBack(await reportsXlsx([], kept, 'A9'));
    expect(sheets.map((s) => s.sheet)).toEqual(['体验反馈', '触点时效']);
    expect(sheets[1].data[0]).toEqual([...timingColumns]);
    expect(sheets[1].data[2]).toEqual([past.day, 'v', '查询→结果', 2, 100, 300, 'A9', '100 300']);
  });

  it('names an agent without 工号 the same way each export', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    expect(exportAgentId('A1', storage)).toBe('A1');
    const anonymous = exportAgentId('', storage);
    expect(anonymous).toMatch(/^未填工号-/);
    expect(exportAgentId('', storage)).toBe(anonymous);
  });

});
