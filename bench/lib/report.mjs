/** The bench table: Markdown, so the same text goes into docs/performance.md. */
import { median, percentile } from './stats.mjs';
import { CONTENT_SCRIPT_BUDGET_GZIP } from './size.mjs';

const fmt = (v, unit = 'ms') => {
  if (!Number.isFinite(v)) return '—';
  const n = Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en') : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2);
  return `${n} ${unit}`;
};
/** A median count (NaN without a trace: —). */
const count = (v) => (Number.isFinite(v) ? String(v) : '—');
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `×${(a / b).toFixed(2)}` : '—');
const verdict = (ok) => (ok === undefined ? '' : ok ? '达标 met' : '**未达标 not met**');

const PHASES = [
  ['load', '加载并显示 2,000 行 load'],
  ['scroll', '从头滚到底 scroll'],
  ['rerender', '500 行翻到第 2 页再回来 re-render'],
];
const APP_NAMES = { demo: '演示 SEA', vue: 'Element Plus', react: 'Ant Design', classic: '经典后台 jQuery' };

/** Rows of [figure, without, with, ratio, budget, verdict]: the list headline first. */
export function buildRows(r) {
  const rows = [];
  for (const [app, runs] of Object.entries(r.lists ?? {})) listRows(APP_NAMES[app] ?? app, runs, rows);
  if (r.chat) chatRows(r.chat, rows);
  if (r.library) libraryRows(r, rows);
  const kb = ({ raw, gzip }) => `${fmt(raw / 1024, 'KB')} / ${fmt(gzip / 1024, 'KB')}`;
  rows.push([`内容脚本大小 content script raw / gzip`, '', kb(r.size), '', `≤ ${CONTENT_SCRIPT_BUDGET_GZIP / 1024} KB gzip`, verdict(r.size.gzip <= CONTENT_SCRIPT_BUDGET_GZIP)]);
  // Only frames with somewhere to write load it (utils/page/late.ts); an older results file has none.
  if (r.size.writing) rows.push([`写作脚本 writing script raw / gzip（有回复框的框架才加载）`, '', kb(r.size.writing), '', '', '']);
  return rows;
}

/**
 * Per app and phase: total main-thread time (TaskDuration) with vs without, budget ×1.10, and beside it
 * the noise floor (the do-nothing extension vs without); Layout+RecalcStyle; long tasks and the longest.
 */
function listRows(app, runs, rows) {
  for (const [key, name] of PHASES) {
    if (!runs.with?.[0]?.[key]) continue; // the classic admin has no re-render
    const m = (kind, field) => median(runs[kind]?.map((x) => x[key][field]) ?? []);
    const wo = m('without', 'taskMs');
    const wi = m('with', 'taskMs');
    const noop = m('noop', 'taskMs');
    rows.push([`**${app}：${name}** 主线程总时间 TaskDuration`, fmt(wo), fmt(wi), ratio(wi, wo), '≤ ×1.10', verdict(wi <= 1.1 * wo)]);
    if (runs.noop) rows.push([`　噪声底 noise floor：空扩展 do-nothing extension`, fmt(wo), fmt(noop), ratio(noop, wo), '', '']);
    // Counters: the same whatever the machine's load.
    const counts = (kind) => `${m(kind, 'layouts')} / ${m(kind, 'recalcs')}`;
    rows.push([`　布局次数 / 样式重算次数 layouts / style recalcs（计数，不受负载影响）`, counts('without'), counts('with'),
      ratio(m('with', 'layouts') + m('with', 'recalcs'), m('without', 'layouts') + m('without', 'recalcs')), '', '']);
    rows.push([`　SEA Kit 加的元素；属性；写入批次 elements added; attributes set; write bursts`, '',
      `${m('with', 'kitNodes')}；${m('with', 'kitAttrs')}；${m('with', 'kitBursts')}`, '', '', '']);
    if (runs.before) rows.push([`　改动前 before（BENCH_BEFORE）`, fmt(wo), fmt(m('before', 'taskMs')), ratio(m('before', 'taskMs'), wo), '', '']);
    rows.push([`　样式+布局 Layout+RecalcStyle`, fmt(m('without', 'styleLayoutMs')), fmt(m('with', 'styleLayoutMs')), ratio(m('with', 'styleLayoutMs'), m('without', 'styleLayoutMs')), '', '']);
    const longWo = m('without', 'longTasks');
    const longWi = m('with', 'longTasks');
    const longestWo = m('without', 'longestMs');
    const longestWi = m('with', 'longestMs');
    // Without a trace (--no-trace) there are no task figures: no verdict either.
    const traced = Number.isFinite(longWi) && Number.isFinite(longWo);
    rows.push([`　长任务 ≥50 ms 个数；最长任务 long tasks; longest（空扩展 noop：${count(m('noop', 'longTasks'))}；${fmt(m('noop', 'longestMs'))}）`,
      `${count(longWo)}；${fmt(longestWo)}`, `${count(longWi)}；${fmt(longestWi)}`, ratio(longestWi, longestWo), '不多于无扩展；最长 ≤ +5 %',
      traced ? verdict(longWi <= longWo && longestWi <= 1.05 * longestWo) : '']);
    if (runs.before) rows.push([`　改动前 before：样式+布局；长任务；最长`, '', `${fmt(m('before', 'styleLayoutMs'))}；${count(m('before', 'longTasks'))}；${fmt(m('before', 'longestMs'))}`, '', '', '']);
    rows.push([`　其中 SEA Kit 各轮 of which SEA Kit's passes（一个任务里最多 most in one task）`, '', `${fmt(m('with', 'extMs'))}（${fmt(m('with', 'longestExtMs'))}）`, '', '', '']);
  }
}

function chatRows(s, rows) {
  const pick = (runs, key) => runs.map((x) => x[key]);
  const wo = median(pick(s.without, 'taskMs'));
  const wi = median(pick(s.with, 'taskMs'));
  // The contract's general rule: what SEA Kit adds keeps total main-thread time within ×1.10.
  rows.push([`在线客服页：加载时主线程总时间 chat page load TaskDuration`, fmt(wo), fmt(wi), ratio(wi, wo), '≤ ×1.10', verdict(wi <= 1.1 * wo)]);
  rows.push([`在线客服页：内容显示→增强全部完成 content painted → every enhancement`, '', fmt(median(pick(s.with, 'enhanceMs'))), '', '', '']);
}

function libraryRows(r, rows) {
  const lib = r.library;
  for (const size of [1000, 20000]) {
    const k = r.picker?.[size];
    if (!k) continue;
    const p95 = percentile(k.keyMs, 95);
    rows.push([`话术 ${size.toLocaleString('en')} 条：按键→列表 keystroke→list p50 / p95（含拼音）`, '', `${fmt(percentile(k.keyMs, 50))} / ${fmt(p95)}`, '', size === 20000 ? 'p95 ≤ 5 ms' : '', size === 20000 ? verdict(p95 <= 5) : '']);
    const frameWo = r.typingWithout?.frameMs ?? [];
    rows.push([`　按键→下一帧画出 keystroke → next frame p50 / p95`, `${fmt(percentile(frameWo, 50))} / ${fmt(percentile(frameWo, 95))}`,
      `${fmt(percentile(k.frameMs, 50))} / ${fmt(percentile(k.frameMs, 95))}`, ratio(percentile(k.frameMs, 95), percentile(frameWo, 95)), '', '']);
    rows.push([`　其中搜索本身 search alone p50 / p95；建索引 index build`, '', `${fmt(percentile(lib.search[size].keyMs, 50))} / ${fmt(percentile(lib.search[size].keyMs, 95))}；${fmt(lib.search[size].buildMs)}`, '', '', '']);
    rows.push([`话术 ${size.toLocaleString('en')} 条：首次打开选择框 first picker open（读库+建索引）`, '', fmt(k.firstOpenMs), '', size === 20000 ? '≤ 100 ms' : '', size === 20000 ? verdict(k.firstOpenMs <= 100) : '']);
    const b = r.pickerBefore?.[size];
    if (b) {
      rows.push([`　改动前 before（BENCH_BEFORE）：按键→列表 p50 / p95；首次打开`, '', `${fmt(percentile(b.keyMs, 50))} / ${fmt(percentile(b.keyMs, 95))}；${fmt(b.firstOpenMs)}`, '', '', '']);
    }
    if (k.firstOpens?.length > 1) rows.push([`　按键 n（${k.firstOpens.length} 个浏览器）；首次打开各次`, '', `${k.keyMs.length}；${k.firstOpens.map((v) => fmt(v)).join(' / ')}`, '', '', '']);
  }
  const imp = median(lib.importMs);
  rows.push([`导入 20,000 条话术 import（4 个 5,000 条的包）`, '', fmt(imp), '', '≤ 1 s', verdict(imp <= 1000)]);
  // The run whose total is the median: its steps add up to the figure above.
  const steps = lib.importSteps?.[lib.importMs.indexOf(imp)];
  if (steps && Object.keys(steps).length) {
    const names = { parse: '解析 parse', check: '校验 check', trust: '签名 trust', hash: '哈希 hash', search: '拼音 search fields', write: '写库 write' };
    rows.push([`　逐项 steps：${Object.entries(names).map(([k, name]) => `${name} ${fmt(steps[k] ?? 0)}`).join('；')}`, '', '', '', '', '']);
  }
  rows.push([`打开数据库 database open（20,000 条）；再读出全部 read all`, '', `${fmt(median(lib.openMs))}；${fmt(median(lib.readMs))}`, '', '', '']);
}

export function table(rows) {
  const head = ['指标 figure', '无扩展 without', '有扩展 with', '比值 with/without', '预算 budget', '结论'];
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}
