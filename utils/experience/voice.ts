/**
 * 客户之声: what the lead's view shows and the meeting workbook holds, from the imported reports and waits.
 * Plain functions over arrays: 10,000 reports group in a few milliseconds.
 */
import { minuteText, workbook } from './export';
import type { LeadReport, LeadTiming } from './lead-import';
import { percentile } from './timings';

export interface VoiceFilter {
  /** Inclusive local days, YYYY-MM-DD; empty = open. */
  from: string;
  to: string;
  category: string;
  view: string;
}

export const noFilter: VoiceFilter = { from: '', to: '', category: '', view: '' };

export function inRange(day: string, { from, to }: Pick<VoiceFilter, 'from' | 'to'>): boolean {
  return (!from || day >= from) && (!to || day <= to);
}

export function filterReports(reports: LeadReport[], filter: VoiceFilter): LeadReport[] {
  return reports.filter((r) => inRange(r.day, filter) && (!filter.category || r.category === filter.category) && (!filter.view || r.view === filter.view));
}

export function filterTimings(timings: LeadTiming[], filter: VoiceFilter): LeadTiming[] {
  return timings.filter((t) => inRange(t.day, filter) && (!filter.view || t.view === filter.view));
}

/** Monday of a local day's week (YYYY-MM-DD). */
export function weekOf(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  const date = new Date(y, m - 1, d);
  date.setDate(d - ((date.getDay() + 6) % 7));
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

function nextDay(day: string, step: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const date = new Date(y, m - 1, d + step);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

/** The trend's buckets from the first to the last day: days up to 31 of them, else weeks (starting Mondays). */
export function buckets(days: string[]): { unit: 'day' | 'week'; keys: string[] } {
  if (!days.length) return { unit: 'day', keys: [] };
  const first = days.reduce((a, b) => (a < b ? a : b));
  const last = days.reduce((a, b) => (a > b ? a : b));
  const keys: string[] = [];
  for (let day = first; day <= last && keys.length <= 31; day = nextDay(day, 1)) keys.push(day);
  if (keys.length <= 31) return { unit: 'day', keys };
  const weeks: string[] = [];
  for (let week = weekOf(first); week <= last; week = nextDay(week, 7)) weeks.push(week);
  return { unit: 'week', keys: weeks };
}

export interface VoiceGroup {
  view: string;
  category: string;
  count: number;
  /** Reports per bucket (same order as the summary's bucket keys). */
  trend: number[];
  agents: number;
  latest: number;
}

export interface VoiceSummary {
  total: number;
  unit: 'day' | 'week';
  bucketKeys: string[];
  /** By view × category, most reports first. */
  groups: VoiceGroup[];
  byCategory: Array<{ category: string; count: number }>;
}

export function summarizeReports(reports: LeadReport[]): VoiceSummary {
  const { unit, keys } = buckets([...new Set(reports.map((r) => r.day))]);
  const slot = new Map(keys.map((k, i) => [k, i]));
  const groups = new Map<string, VoiceGroup & { agentIds: Set<string> }>();
  const categories = new Map<string, number>();
  for (const r of reports) {
    const key = `${r.view}\u0000${r.category}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { view: r.view, category: r.category, count: 0, trend: keys.map(() => 0), agents: 0, latest: 0, agentIds: new Set() }));
    g.count++;
    g.trend[slot.get(unit === 'day' ? r.day : weekOf(r.day))!]++;
    g.agentIds.add(r.agentId);
    g.latest = Math.max(g.latest, r.createdAt);
    categories.set(r.category, (categories.get(r.category) ?? 0) + 1);
  }
  return {
    total: reports.length,
    unit,
    bucketKeys: keys,
    groups: [...groups.values()]
      .map(({ agentIds, ...g }) => ({ ...g, agents: agentIds.size }))
      .sort((a, b) => b.count - a.count || b.latest - a.latest),
    byCategory: [...categories].map(([category, count]) => ({ category, count })).sort((a, b) => b.count - a.count),
  };
}

export interface VoiceTiming {
  day: string;
  view: string;
  touchpoint: string;
  count: number;
  p50: number;
  p95: number;
  agents: number;
  /** From agents' p50/p95 without their waits (an older export): weighted, not exact. */
  estimated: boolean;
}

/**
 * p50/p95 per view, touchpoint and day over all agents: their waits pooled when the exports carry them;
 * otherwise the count-weighted mean of p50s and the largest p95 (marked 估算).
 */
export function summarizeTimings(timings: LeadTiming[]): VoiceTiming[] {
  const groups = new Map<string, LeadTiming[]>();
  for (const t of timings) {
    const key = `${t.day}\u0000${t.view}\u0000${t.touchpoint}`;
    groups.set(key, [...(groups.get(key) ?? []), t]);
  }
  return [...groups.values()]
    .map((rows) => {
      const { day, view, touchpoint } = rows[0];
      const count = rows.reduce((n, r) => n + r.count, 0);
      const agents = new Set(rows.map((r) => r.agentId)).size;
      if (rows.every((r) => r.samples.length)) {
        const samples = rows.flatMap((r) => r.samples);
        return { day, view, touchpoint, count, agents, p50: percentile(samples, 50), p95: percentile(samples, 95), estimated: false };
      }
      const p50 = Math.round(rows.reduce((n, r) => n + r.p50 * r.count, 0) / Math.max(1, count));
      return { day, view, touchpoint, count, agents, p50, p95: Math.max(...rows.map((r) => r.p95)), estimated: true };
    })
    .sort((a, b) => a.view.localeCompare(b.view) || a.touchpoint.localeCompare(b.touchpoint) || b.day.localeCompare(a.day));
}

const bucketLabel = (unit: 'day' | 'week', key: string) => (unit === 'day' ? key.slice(5) : `${key.slice(5)}起一周`);

/** The 客户之声 meeting's workbook: 汇总 (view × category, counts and trend), 明细 (every report), 时延 (p50/p95). */
export function meetingXlsx(reports: LeadReport[], timings: LeadTiming[]): Promise<Blob> {
  const summary = summarizeReports(reports);
  const labels = summary.bucketKeys.map((k) => bucketLabel(summary.unit, k));
  const sorted = [...reports].sort((a, b) => a.createdAt - b.createdAt);
  return workbook([
    {
      sheet: '汇总',
      header: ['页面', '类别', '条数', '坐席数', '趋势', ...labels],
      rows: summary.groups.map((g) => [g.view, g.category, g.count, g.agents, sparkText(g.trend), ...g.trend]),
      widths: [34, 10, 6, 6, Math.min(40, Math.max(8, labels.length + 2)), ...labels.map(() => 7)],
    },
    {
      sheet: '明细',
      header: ['时间', '类别', '内容', '页面', '站点', '版本', '工号', '找到的标签', '触点时效', '编号', '来源文件'],
      rows: sorted.map((r) => [minuteText(r.createdAt), r.category, r.text, r.view, r.site, r.version, r.agentId, r.labels, r.timings, r.id, r.source]),
      widths: [17, 10, 50, 30, 12, 8, 10, 30, 30, 20, 24],
    },
    {
      sheet: '时延',
      header: ['页面', '环节', '日期', '次数', '坐席数', '中位p50(ms)', '慢的p95(ms)', '说明'],
      rows: summarizeTimings(timings).map((t) => [t.view, t.touchpoint, t.day, t.count, t.agents, t.p50, t.p95, t.estimated ? '估算（导出不含样本）' : '']),
      widths: [34, 12, 11, 6, 6, 11, 11, 18],
    },
  ]);
}

/** A trend in text for a sheet cell: ▁▂▃▄▅▆▇█ scaled to the largest bucket. */
export function sparkText(trend: number[]): string {
  const max = Math.max(0, ...trend);
  const bars = '▁▂▃▄▅▆▇█';
  return trend.map((n) => (max ? bars[Math.round((n / max) * (bars.length - 1))] : bars[0])).join('');
}
