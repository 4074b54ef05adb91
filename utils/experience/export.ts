import type { ExperienceReport } from './report-types';
import type { TimingSummary } from './timings';

const stateText = { local: '仅本机', queued: '待发送', sent: '已发送' } as const;

/** The agent's export; 编号 is the report's own id, so a lead importing the same report twice keeps it once. */
export const reportColumns = ['时间', '类别', '内容', '页面', '站点', '版本', '工号', '找到的标签', '触点时效', '状态', '编号'] as const;
/** Past days' waits, one row per day × view × touchpoint; 样本 lets a lead pool several agents' waits exactly. */
export const timingColumns = ['日期', '页面', '环节', '次数', '中位p50(ms)', '慢的p95(ms)', '工号', '样本(ms)'] as const;
export const reportSheet = '体验反馈';
export const timingSheet = '触点时效';

export function minuteText(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function timingText(timings: ExperienceReport['timings']): string {
  return (timings ?? []).map((t) => `${t.touchpoint} p50 ${t.p50}ms p95 ${t.p95}ms（${t.count} 次）`).join('；');
}

/** One row per report, in reportColumns order; the screenshot stays out (it is seen in the panel). */
export function reportRows(reports: ExperienceReport[]): string[][] {
  return reports.map((r) => [
    minuteText(r.createdAt), r.category, r.text, r.view, r.siteName || r.siteId, r.version, r.agentId,
    r.labels.join('；'), timingText(r.timings), stateText[r.state], r.id,
  ]);
}

export function timingRows(timings: TimingSummary[], agentId: string): Array<Array<string | number>> {
  return timings.map((t) => [t.day, t.view, t.touchpoint, t.count, t.p50, t.p95, agentId, (t.samples ?? []).join(' ')]);
}

export function csvText(rows: Array<ReadonlyArray<string | number>>): string {
  const quote = (v: string | number) => (typeof v === 'string' && /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : String(v));
  // The BOM makes Excel open the UTF-8 file with Chinese intact.
  return '\uFEFF' + rows.map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';
}

export function reportsCsv(reports: ExperienceReport[]): string {
  return csvText([reportColumns, ...reportRows(reports)]);
}

export function timingsCsv(timings: TimingSummary[], agentId: string): string {
  return csvText([timingColumns, ...timingRows(timings, agentId)]);
}

type Cell = { value: string | number; fontWeight?: 'bold'; wrap?: boolean };
export interface SheetSpec { sheet: string; header: readonly string[]; rows: Array<Array<string | number>>; widths: number[] }

/** One workbook, a bold header row per sheet (write-excel-file, loaded when asked for). */
export async function workbook(sheets: SheetSpec[]): Promise<Blob> {
  const { default: writeXlsxFile } = await import('write-excel-file/universal');
  return writeXlsxFile(
    sheets.map(({ sheet, header, rows, widths }) => ({
      sheet,
      data: [header.map((value): Cell => ({ value, fontWeight: 'bold' })), ...rows.map((r) => r.map((value): Cell => ({ value, wrap: true })))],
      columns: widths.map((width) => ({ width })),
    })),
  ).toBlob();
}

/** The agent's XLSX: the reports, and the waits of every day kept. */
export function reportsXlsx(reports: ExperienceReport[], timings: TimingSummary[] = [], agentId = ''): Promise<Blob> {
  return workbook([
    { sheet: reportSheet, header: reportColumns, rows: reportRows(reports), widths: [17, 10, 50, 30, 14, 8, 10, 40, 30, 8, 38] },
    { sheet: timingSheet, header: timingColumns, rows: timingRows(timings, agentId), widths: [11, 34, 12, 6, 11, 11, 10, 40] },
  ]);
}

/**
 * Who the exported waits are from: the 工号, or when the agent set none a random name kept by this browser, so a
 * lead pooling two agents without 工号 does not take one's day for the other's re-export.
 */
export function exportAgentId(agentId: string, store: Pick<Storage, 'getItem' | 'setItem'> = localStorage): string {
  if (agentId) return agentId;
  let id = store.getItem('seakit-export-agent');
  if (!id) store.setItem('seakit-export-agent', (id = `未填工号-${crypto.randomUUID().slice(0, 8)}`));
  return id;
}
