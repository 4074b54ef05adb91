import { useSignal } from '@preact/signals';
import { useMemo } from 'preact/hooks';
import { useLive } from '~/components/snippets/useLive';
import { saveFile } from '~/utils/download';
import { minuteText } from '~/utils/experience/export';
import { localDay } from '~/utils/experience/timings';
import { importExperienceFile, ImportFileError } from '~/utils/experience/lead-import';
import { leadExperienceDb, storeImport } from '~/utils/experience/lead-db';
import { filterReports, filterTimings, meetingXlsx, noFilter, summarizeReports, summarizeTimings, type VoiceFilter } from '~/utils/experience/voice';

/** One line per file of the last import: what it added, or why it was refused. */
interface FileOutcome {
  ok: boolean;
  text: string;
  skipped: string[];
}

const PAGE = 100;
const LONG_TEXT = 300;

/** Reports per bucket as small bars: no chart library for a few dozen rectangles. */
function Bars({ values, labels }: { values: number[]; labels: string[] }) {
  const max = Math.max(1, ...values);
  const w = 6;
  return (
    <svg class="bars" width={values.length * (w + 1)} height={20} role="img" aria-label={`趋势：${values.join('、')}`}>
      {values.map((v, i) => (
        <rect key={i} x={i * (w + 1)} y={20 - Math.max(v ? 2 : 1, (v / max) * 20)} width={w} height={Math.max(v ? 2 : 1, (v / max) * 20)}
          fill={v ? '#1664ff' : '#e5e6eb'}><title>{`${labels[i]}：${v} 条`}</title></rect>
      ))}
    </svg>
  );
}

function ReportText({ text }: { text: string }) {
  if (text.length <= LONG_TEXT) return <span class="voice-text">{text}</span>;
  return (
    <details class="voice-text">
      <summary>{text.slice(0, LONG_TEXT)}…（共 {text.length} 字，展开）</summary>
      {text}
    </details>
  );
}

/**
 * 组长 › 体验反馈汇总: many agents' exports (and the endpoint's files) in at once, deduplicated, grouped by view
 * and category with counts and trends, the waits per view and day, and one workbook for the 客户之声 meeting.
 */
export function LeadView() {
  const reportsLive = useLive(() => leadExperienceDb.reports.toArray(), []);
  const timingsLive = useLive(() => leadExperienceDb.timings.toArray(), []);
  const filter = useSignal<VoiceFilter>(noFilter);
  const outcomes = useSignal<FileOutcome[]>([]);
  const busy = useSignal(false);
  const dragging = useSignal(false);
  const shown = useSignal(PAGE);

  const all = reportsLive.value ?? [];
  const allTimings = timingsLive.value ?? [];
  const f = filter.value;
  const reports = useMemo(() => filterReports(all, f).sort((a, b) => b.createdAt - a.createdAt), [all, f]);
  const summary = useMemo(() => summarizeReports(reports), [reports]);
  const timings = useMemo(() => summarizeTimings(filterTimings(allTimings, f)), [allTimings, f]);
  const views = useMemo(() => [...new Set([...all.map((r) => r.view), ...allTimings.map((t) => t.view)])].sort(), [all, allTimings]);
  const categories = useMemo(() => [...new Set(all.map((r) => r.category))].sort(), [all]);
  const bucketLabels = summary.bucketKeys.map((k) => (summary.unit === 'day' ? k.slice(5) : `${k.slice(5)} 起一周`));

  const setFilter = (part: Partial<VoiceFilter>) => {
    filter.value = { ...filter.value, ...part };
    shown.value = PAGE;
  };

  // Each file on its own: a broken one is named with why, the others of the batch still go in.
  const importFiles = async (files: File[]) => {
    if (!files.length) return;
    busy.value = true;
    const results: FileOutcome[] = [];
    for (const file of files) {
      try {
        const parsed = await importExperienceFile(file.name, new Uint8Array(await file.arrayBuffer()));
        const stored = await storeImport(parsed);
        const parts = [`新增 ${stored.added} 条反馈`];
        if (stored.duplicates) parts.push(`${stored.duplicates} 条已导入过，未重复计入`);
        if (parsed.timings.length) parts.push(`时延 ${stored.timings} 行`);
        if (parsed.skipped.length) parts.push(`跳过 ${parsed.skipped.length} 行`);
        results.push({ ok: true, text: `「${file.name}」：${parts.join('，')}`, skipped: parsed.skipped.slice(0, 20) });
      } catch (error) {
        const text = error instanceof ImportFileError ? error.message : `「${file.name}」导入失败：${(error as Error).message}（已导入的数据没有变化）`;
        results.push({ ok: false, text, skipped: [] });
      }
      outcomes.value = [...results];
    }
    busy.value = false;
  };

  const clear = async () => {
    if (!confirm(`清空已导入的 ${all.length} 条反馈和全部时延？坐席的原始文件不受影响，可以再导入。`)) return;
    await leadExperienceDb.transaction('rw', leadExperienceDb.reports, leadExperienceDb.timings, async () => {
      await leadExperienceDb.reports.clear();
      await leadExperienceDb.timings.clear();
    });
    outcomes.value = [];
  };

  const exportMeeting = async () => {
    const blob = await meetingXlsx(reports, filterTimings(allTimings, f));
    saveFile(blob, `客户之声-${f.from || '起'}至${f.to || localDay()}.xlsx`, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  };

  return (
    <div class="card" data-card="lead-voice">
      <h2>体验反馈汇总（客户之声）</h2>
      <p class="desc">导入坐席在侧边栏“体验反馈”导出的 Excel/CSV，或接收地址保存的 .jsonl 文件；可一次选多个，也可拖进下面的框。同一条反馈导入两次只算一次。数据只在本机。</p>
      <div
        class={dragging.value ? 'voice-drop voice-drop--over' : 'voice-drop'}
        data-field="voice-drop"
        onDragOver={(e) => {
          e.preventDefault();
          dragging.value = true;
        }}
        onDragLeave={() => (dragging.value = false)}
        onDrop={(e) => {
          e.preventDefault();
          dragging.value = false;
          void importFiles([...(e.dataTransfer?.files ?? [])]);
        }}
      >
        <label class="voice-pick">
          <span class="button-like">选择文件…</span>
          <input type="file" multiple hidden accept=".xlsx,.csv,.jsonl,.ndjson,.json,text/csv" aria-label="选择坐席导出的体验反馈文件"
            disabled={busy.value}
            onChange={(e) => {
              const input = e.currentTarget;
              const files = [...(input.files ?? [])];
              input.value = '';
              void importFiles(files);
            }} />
        </label>
        <span class="desc">{busy.value ? '正在导入…' : '或把多个文件拖到这里'}</span>
      </div>
      {outcomes.value.length > 0 && (
        <ul class="voice-outcomes" data-field="voice-import-status" role="status">
          {outcomes.value.map((o, i) => (
            <li key={i} class={o.ok ? 'ok' : 'error'} data-ok={String(o.ok)}>
              {o.text}
              {o.skipped.length > 0 && <details class="notice__details"><summary>跳过的行</summary><ul>{o.skipped.map((s, j) => <li key={j}>{s}</li>)}</ul></details>}
            </li>
          ))}
        </ul>
      )}

      <div class="row voice-filters" role="group" aria-label="筛选">
        <label>从 <input size={10} placeholder="2026-11-01" aria-label="开始日期" value={f.from} onChange={(e) => setFilter({ from: e.currentTarget.value.trim() })} /></label>
        <label>到 <input size={10} placeholder={localDay()} aria-label="结束日期" value={f.to} onChange={(e) => setFilter({ to: e.currentTarget.value.trim() })} /></label>
        <label>类别 <select aria-label="类别" value={f.category} onChange={(e) => setFilter({ category: e.currentTarget.value })}>
          <option value="">全部</option>
          {categories.map((c) => <option key={c} value={c}>{c}</option>)}
        </select></label>
        <label>页面 <select aria-label="页面" value={f.view} onChange={(e) => setFilter({ view: e.currentTarget.value })} style="max-width:260px">
          <option value="">全部</option>
          {views.map((v) => <option key={v} value={v}>{v}</option>)}
        </select></label>
        {(f.from || f.to || f.category || f.view) && <button onClick={() => setFilter(noFilter)}>清除筛选</button>}
      </div>

      <div class="row">
        <strong data-field="voice-total">{summary.total} 条反馈</strong>
        <span class="desc">{summary.byCategory.map((c) => `${c.category} ${c.count}`).join(' · ') || '还没有导入反馈'}</span>
      </div>
      <div class="row">
        <button class="primary" disabled={!reports.length && !timings.length} onClick={() => void exportMeeting()}>导出会议用 Excel</button>
        <span class="desc">按当前筛选导出：汇总（页面×类别，条数和趋势）、明细、时延（每天 p50/p95）</span>
        <button disabled={!all.length && !allTimings.length} onClick={() => void clear()}>清空已导入</button>
      </div>

      {summary.groups.length > 0 && (
        <>
          <h3>按页面和类别</h3>
          <table class="preview" data-table="voice-groups">
            <thead><tr><th>页面</th><th>类别</th><th>条数</th><th>坐席</th><th>趋势（{summary.unit === 'day' ? '按天' : '按周'}）</th></tr></thead>
            <tbody>
              {summary.groups.slice(0, 200).map((g) => (
                <tr key={g.view + g.category} data-view={g.view} data-category={g.category}>
                  <td><a href="#lead" title="只看这一页面和类别" onClick={(e) => {
                    e.preventDefault();
                    setFilter({ view: g.view, category: g.category });
                  }}>{g.view || '（无页面）'}</a></td>
                  <td>{g.category}</td>
                  <td data-field="count">{g.count}</td>
                  <td>{g.agents}</td>
                  <td><Bars values={g.trend} labels={bucketLabels} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}

      {timings.length > 0 && (
        <>
          <h3>等待时间（每天 p50 / p95，所有坐席合计）</h3>
          <table class="preview" data-table="voice-timings">
            <thead><tr><th>页面</th><th>环节</th><th>日期</th><th>次数</th><th>坐席</th><th>中位 p50</th><th>慢的 p95</th></tr></thead>
            <tbody>
              {timings.slice(0, 300).map((t) => (
                <tr key={t.day + t.view + t.touchpoint}>
                  <td>{t.view}</td><td>{t.touchpoint}</td><td>{t.day}</td><td>{t.count}</td><td>{t.agents}</td>
                  <td>{t.p50} ms</td><td>{t.p95} ms{t.estimated ? '（估算）' : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}

      {reports.length > 0 && (
        <>
          <h3>反馈原文（{reports.length} 条，最新在前）</h3>
          <ul class="reports voice-reports" data-list="voice-reports">
            {reports.slice(0, shown.value).map((r) => (
              <li key={r.id}>
                <strong>{r.category}</strong> <ReportText text={r.text} />
                <div class="desc">{minuteText(r.createdAt)} · {r.view || '无页面'} · 工号 {r.agentId || '未填'}{r.timings ? ` · ${r.timings}` : ''}</div>
              </li>
            ))}
          </ul>
          {reports.length > shown.value && <button onClick={() => (shown.value += PAGE)}>再显示 {Math.min(PAGE, reports.length - shown.value)} 条</button>}
        </>
      )}
    </div>
  );
}
