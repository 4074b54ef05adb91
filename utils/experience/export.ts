import type { ExperienceReport } from './report-types';

const stateText = { local: '仅本机', queued: '待发送', sent: '已发送' } as const;

export const reportColumns = ['时间', '类别', '内容', '页面', '站点', '版本', '工号', '找到的标签', '触点时效', '状态'] as const;

function time(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** One row per report, in reportColumns order; the screenshot stays out (it is seen in the panel). */
export function reportRows(reports: ExperienceReport[]): string[][] {
  return reports.map((r) => [
    time(r.createdAt), r.category, r.text, r.view, r.siteName || r.siteId, r.version, r.agentId,
    r.labels.join('；'),
    (r.timings ?? []).map((t) => `${t.touchpoint} p50 ${t.p50}ms p95 ${t.p95}ms（${t.count} 次）`).join('；'),
    stateText[r.state],
  ]);
}

export function reportsCsv(reports: ExperienceReport[]): string {
  const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  // The BOM makes Excel open the UTF-8 file with Chinese intact.
  return '\uFEFF' + [[...reportColumns], ...reportRows(reports)].map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';
}

export async function reportsXlsx(reports: ExperienceReport[]): Promise<Blob> {
  const { default: writeXlsxFile } = await import('write-excel-file/universal');
  const header = reportColumns.map((value) => ({ value, fontWeight: 'bold' as const }));
  const rows = reportRows(reports).map((r) => r.map((value) => ({ value, wrap: true })));
  return writeXlsxFile([header, ...rows], {
    sheet: '体验反馈',
    columns: [{ width: 17 }, { width: 10 }, { width: 50 }, { width: 30 }, { width: 14 }, { width: 8 }, { width: 10 }, { width: 40 }, { width: 30 }, { width: 8 }],
  }).toBlob();
}
