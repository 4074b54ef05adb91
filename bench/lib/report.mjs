/** The bench table: Markdown, so the same text goes into docs/performance.md. */
import { max, median, percentile } from './stats.mjs';

const fmt = (v, unit = 'ms') => {
  if (!Number.isFinite(v)) return '—';
  const n = Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en') : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2);
  return `${n} ${unit}`;
};
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `×${(a / b).toFixed(2)}` : '—');
const verdict = (ok) => (ok === undefined ? '' : ok ? '达标 met' : '**未达标 not met**');

/** Rows of [figure, without, with, ratio, budget, verdict]. */
export function buildRows(r) {
  const rows = [];
  const pick = (runs, key) => runs.map((x) => x[key]);
  const load = (name, s) => {
    const wo = median(pick(s.without, 'scriptMs'));
    const wi = median(pick(s.with, 'scriptMs'));
    // Runs alternate, so run i with and run i without are neighbours in time: their difference
    // cancels the machine's drift; the median of those differences is the added cost.
    const diffs = s.with.map((x, i) => x.scriptMs - s.without[i].scriptMs);
    const added = median(diffs);
    rows.push([`${name}：加载时主线程脚本 scripting on load`, fmt(wo), fmt(wi), ratio(wi, wo), '', '']);
    rows.push([`　增加 added（相邻两次之差的中位数；范围 ${fmt(Math.min(...diffs))} … ${fmt(Math.max(...diffs))}）`, '',
      `${fmt(added)}（${((added / wo) * 100).toFixed(1)} %）`, '', '≤ 5 % 页面自身', verdict(added <= 0.05 * wo)]);
    rows.push([`　其中页面核心各轮 of which page-core passes`, '', fmt(median(pick(s.with, 'extMs'))), '', '', '']);
    rows.push([`${name}：加载时主线程任务 all main-thread work`, fmt(median(pick(s.without, 'taskMs'))), fmt(median(pick(s.with, 'taskMs'))), ratio(median(pick(s.with, 'taskMs')), median(pick(s.without, 'taskMs'))), '', '']);
    rows.push([`${name}：内容显示→增强全部完成 content painted → every enhancement`, '', fmt(median(pick(s.with, 'enhanceMs'))), '', '', '']);
    const longest = pick(s.with, 'longestExtTaskMs');
    rows.push([`${name}：扩展最长任务 longest extension task（中位/最大）`, '', `${fmt(median(longest))} / ${fmt(max(longest))}`, '', '< 50 ms', verdict(max(longest) < 50)]);
    rows.push([`${name}：最长任务 longest task（含页面）`, fmt(median(pick(s.without, 'longestTaskMs'))), fmt(median(pick(s.with, 'longestTaskMs'))), '', '', '']);
    const hwo = median(pick(s.without, 'heapMB'));
    const hwi = median(pick(s.with, 'heapMB'));
    rows.push([`${name}：JS 堆 heap（GC 后）`, fmt(hwo, 'MB'), `${fmt(hwi, 'MB')}（+${fmt(hwi - hwo, 'MB')}）`, ratio(hwi, hwo), '', '']);
  };
  if (r.list) pageRows(r, rows, load);
  if (r.library) libraryRows(r, rows);
  rows.push([`内容脚本大小 content script raw / gzip`, '', `${fmt(r.size.raw / 1024, 'KB')} / ${fmt(r.size.gzip / 1024, 'KB')}`, '', '≤ 40 KB gzip', verdict(r.size.gzip <= 40 * 1024)]);
  return rows;
}

function pageRows(r, rows, load) {
  const pick = (runs, key) => runs.map((x) => x[key]);
  load('2,000 行保单列表', r.list);
  if (r.classicList) load('经典后台 2,000 行列表', r.classicList);
  load('在线客服页', r.chat);
  const re = r.rerender;
  const batchesWith = re.with.flatMap((x) => x.batchMs);
  const swo = median(pick(re.without, 'scriptPerRerenderMs'));
  const swi = median(pick(re.with, 'scriptPerRerenderMs'));
  rows.push([`500 行每秒重渲染：每次重渲染主线程脚本 scripting per re-render`, fmt(swo), fmt(swi), ratio(swi, swo), '', '']);
  rows.push([`500 行每秒重渲染：扩展每批工作 extension work per batch（中位/p95）`, '', `${fmt(median(batchesWith))} / ${fmt(percentile(batchesWith, 95))}`, '', '≤ 4 ms', verdict(median(batchesWith) <= 4)]);
  const reLongest = pick(re.with, 'longestExtTaskMs');
  rows.push([`500 行每秒重渲染：扩展最长任务 longest extension task`, '', fmt(max(reLongest)), '', '< 50 ms', verdict(max(reLongest) < 50)]);
  rows.push([`500 行每秒重渲染：最长任务 longest task（含页面）`, fmt(median(pick(re.without, 'longestTaskMs'))), fmt(median(pick(re.with, 'longestTaskMs'))), '', '', '']);
}

function libraryRows(r, rows) {

  const lib = r.library;
  for (const size of [1000, 20000]) {
    const k = r.picker[size];
    const p95 = percentile(k.keyMs, 95);
    rows.push([`话术 ${size.toLocaleString('en')} 条：按键→列表 keystroke→list p50 / p95（含拼音）`, '', `${fmt(percentile(k.keyMs, 50))} / ${fmt(p95)}`, '', size === 20000 ? 'p95 ≤ 5 ms' : '', size === 20000 ? verdict(p95 <= 5) : '']);
    const frameWo = r.typingWithout?.frameMs ?? [];
    rows.push([`　按键→下一帧画出 keystroke → next frame p50 / p95`, `${fmt(percentile(frameWo, 50))} / ${fmt(percentile(frameWo, 95))}`,
      `${fmt(percentile(k.frameMs, 50))} / ${fmt(percentile(k.frameMs, 95))}`, ratio(percentile(k.frameMs, 95), percentile(frameWo, 95)), '', '']);
    rows.push([`　其中搜索本身 search alone p50 / p95；建索引 index build`, '', `${fmt(percentile(lib.search[size].keyMs, 50))} / ${fmt(percentile(lib.search[size].keyMs, 95))}；${fmt(lib.search[size].buildMs)}`, '', '', '']);
    rows.push([`话术 ${size.toLocaleString('en')} 条：首次打开选择框 first picker open（读库+建索引）`, '', fmt(k.firstOpenMs), '', '', '']);
  }
  const imp = median(lib.importMs);
  rows.push([`导入 20,000 条话术 import（4 个 5,000 条的包）`, '', fmt(imp), '', '≤ 2 s', verdict(imp <= 2000)]);
  rows.push([`打开数据库 database open（20,000 条）；再读出全部 read all`, '', `${fmt(median(lib.openMs))}；${fmt(median(lib.readMs))}`, '', '', '']);
}

export function table(rows) {
  const head = ['指标 figure', '无扩展 without', '有扩展 with', '比值 with/without', '预算 budget', '结论'];
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}
