/**
 * The lead's side of 体验反馈: reading agents' exports (XLSX/CSV from the side panel) and the endpoint's
 * JSON-lines files into one shape, with stable ids (the same report imported twice is kept once) and the
 * masking checked again (a file edited by hand may carry a policy number or a phone).
 */
import { cellText, decodeCsv, findHeader, readWorkbook, type Cell, type Rows } from '../packs/sheet';
import { reportColumns, reportSheet, timingColumns, timingSheet } from './export';
import { scrubText } from './report-types';
import { localDay, percentile } from './timings';

/** A report as the lead keeps it: text fields only, already masked. */
export interface LeadReport {
  id: string;
  createdAt: number;
  /** Local day (YYYY-MM-DD) of createdAt. */
  day: string;
  category: string;
  text: string;
  view: string;
  site: string;
  version: string;
  agentId: string;
  labels: string;
  timings: string;
  /** The file it came from (first import wins). */
  source: string;
}

/** One agent's waits for one day × view × touchpoint. */
export interface LeadTiming {
  /** agentId|day|view|touchpoint: a later export of the same day replaces the earlier one. */
  key: string;
  agentId: string;
  day: string;
  view: string;
  touchpoint: string;
  count: number;
  p50: number;
  p95: number;
  samples: number[];
  source: string;
}

export interface FileImport {
  file: string;
  reports: LeadReport[];
  timings: LeadTiming[];
  /** Rows skipped, each with why (the rest of the file is imported). */
  skipped: string[];
}

/** A whole file refused: the message names it and says what was expected. */
export class ImportFileError extends Error {
  constructor(readonly file: string, reason: string) {
    super(`「${file}」${reason}`);
  }
}

const expected = '请选择坐席在“体验反馈”里导出的 Excel/CSV 文件，或接收地址保存的 .jsonl 文件';

/** Digits in a view's path become # (the host keeps its port); maskedView did so already, a hand-edited file may not. */
export function maskViewPath(view: string): string {
  const slash = view.indexOf('/');
  return slash < 0 ? view : view.slice(0, slash) + view.slice(slash).replace(/\d+/g, '#');
}

/** The export's own 触点时效 text ("查询→结果 p50 320ms p95 485ms（2 次）；…") is kept; anything else is scrubbed. */
export function maskTimingText(text: string): string {
  return /^([^；\d]{1,12} p50 \d{1,6}ms p95 \d{1,6}ms（\d{1,4} 次）(；|$))*$/.test(text) ? text : scrubText(text);
}

/** 32-bit FNV-1a twice (two seeds) as hex: a stable id for a report that carries none. */
function contentId(parts: string[]): string {
  const text = parts.join('\u0001');
  let a = 0x811c9dc5, b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return 'h-' + (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/** "2026-11-26 17:03", "2026/11/26 17:03:09", an ISO string, an Excel date cell or serial: ms local; NaN when none. */
export function parseTime(cell: Cell): number {
  if (cell instanceof Date) return cell.getTime();
  if (typeof cell === 'number') return cell > 1e11 ? cell : Math.round((cell - 25569) * 86_400_000 + new Date().getTimezoneOffset() * 60_000);
  const text = cellText(cell);
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (m) return new Date(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0)).getTime();
  return text && !Number.isNaN(Date.parse(text)) ? Date.parse(text) : NaN;
}

/** Builds the lead's report from the fields a file gives, masking again whatever could carry a customer's data. */
export function leadReport(fields: { id?: string; createdAt: number; category: string; text: string; view: string; site: string; version: string; agentId: string; labels: string; timings: string }, source: string): LeadReport {
  const text = scrubText(fields.text.trim());
  const view = maskViewPath(fields.view.trim());
  const category = fields.category.trim() || '其他';
  const agentId = fields.agentId.trim().slice(0, 40);
  const id = fields.id?.trim() || contentId([String(Math.floor(fields.createdAt / 60_000)), agentId, category, text, view]);
  return {
    id, createdAt: fields.createdAt, day: localDay(fields.createdAt), category, text, view,
    site: scrubText(fields.site.trim()), version: fields.version.trim().slice(0, 20), agentId,
    labels: scrubText(fields.labels), timings: maskTimingText(fields.timings), source,
  };
}

function timingFrom(fields: { agentId: string; day: string; view: string; touchpoint: string; count: number; p50: number; p95: number; samples: number[] }, source: string): LeadTiming {
  const view = maskViewPath(fields.view.trim());
  const agentId = fields.agentId.trim().slice(0, 40);
  const touchpoint = fields.touchpoint.trim();
  return { key: [agentId, fields.day, view, touchpoint].join('|'), ...fields, agentId, view, touchpoint, source };
}

function reportsFromRows(rows: Rows, file: string, skipped: string[], where = ''): LeadReport[] {
  const { index, columns } = findHeader(rows, []);
  const col = (row: Cell[], name: string) => cellText(row[columns.get(name) ?? -1]);
  const reports: LeadReport[] = [];
  for (let i = index + 1; i < rows.length; i++) {
    const row = rows[i];
    if (!row.some((c) => cellText(c) !== '')) continue;
    const createdAt = parseTime(row[columns.get('时间')!]);
    const text = col(row, '内容');
    if (Number.isNaN(createdAt)) skipped.push(`${where}第 ${i + 1} 行：时间“${scrubText(col(row, '时间'))}”无法识别，已跳过`);
    else if (!text) skipped.push(`${where}第 ${i + 1} 行：没有内容，已跳过`);
    else {
      reports.push(leadReport({
        id: col(row, '编号'), createdAt, category: col(row, '类别'), text, view: col(row, '页面'), site: col(row, '站点'),
        version: col(row, '版本'), agentId: col(row, '工号'), labels: col(row, '找到的标签'), timings: col(row, '触点时效'),
      }, file));
    }
  }
  return reports;
}

const numberOf = (cell: Cell) => (typeof cell === 'number' ? cell : Number(cellText(cell).replace(/ms$/i, '')));

function timingsFromRows(rows: Rows, file: string, skipped: string[], where = ''): LeadTiming[] {
  const { index, columns } = findHeader(rows, []);
  const at = (row: Cell[], name: string) => row[columns.get(name) ?? -1];
  const timings: LeadTiming[] = [];
  for (let i = index + 1; i < rows.length; i++) {
    const row = rows[i];
    if (!row.some((c) => cellText(c) !== '')) continue;
    const time = parseTime(at(row, '日期'));
    const samples = cellText(at(row, '样本(ms)')).split(/[\s,，;；]+/).filter(Boolean).map(Number).filter((n) => Number.isFinite(n) && n >= 0);
    const count = samples.length || numberOf(at(row, '次数'));
    const p50 = samples.length ? percentile(samples, 50) : numberOf(at(row, '中位p50(ms)'));
    const p95 = samples.length ? percentile(samples, 95) : numberOf(at(row, '慢的p95(ms)'));
    if (Number.isNaN(time) || ![count, p50, p95].every((n) => Number.isFinite(n) && n >= 0)) {
      skipped.push(`${where}第 ${i + 1} 行：日期或时长无法识别，已跳过`);
      continue;
    }
    timings.push(timingFrom({
      agentId: cellText(at(row, '工号')), day: localDay(time), view: cellText(at(row, '页面')), touchpoint: cellText(at(row, '环节')),
      count, p50, p95, samples,
    }, file));
  }
  return timings;
}

type TableKind = 'reports' | 'timings';

/** Which of the agent's tables a sheet is, by its header row (the first non-empty one). */
function tableKind(rows: Rows): TableKind | null {
  const { columns } = findHeader(rows, []);
  const has = (names: readonly string[]) => names.every((n) => columns.has(n));
  if (has(['时间', '类别', '内容']) && columns.size >= 3) return 'reports';
  if (has(['日期', '页面', '环节', '次数'])) return 'timings';
  return null;
}

const reportHeader = reportColumns.slice(0, 3).join('、');
const timingHeader = timingColumns.slice(0, 4).join('、');

function fromTables(tables: Array<{ name: string; rows: Rows }>, file: string): FileImport {
  const result: FileImport = { file, reports: [], timings: [], skipped: [] };
  let found = false;
  for (const { name, rows } of tables) {
    const kind = tableKind(rows);
    const where = name ? `“${name}”表` : '';
    if (kind === 'reports') result.reports.push(...reportsFromRows(rows, file, result.skipped, where));
    if (kind === 'timings') result.timings.push(...timingsFromRows(rows, file, result.skipped, where));
    found ||= kind !== null;
  }
  if (!found) {
    throw new ImportFileError(file, `不是体验反馈导出文件：找不到“${reportSheet}”（列 ${reportHeader}）或“${timingSheet}”（列 ${timingHeader}）表头。${expected}`);
  }
  return result;
}

/** The endpoint's file: one report per line, exactly the JSON the extension POSTs (see docs/experience-leads.md). */
function fromJsonLines(text: string, file: string): FileImport {
  const result: FileImport = { file, reports: [], timings: [], skipped: [] };
  const lines = text.split(/\r?\n/);
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    let r: Record<string, unknown>;
    try {
      r = JSON.parse(line);
    } catch {
      result.skipped.push(`第 ${i + 1} 行不是有效的 JSON，已跳过`);
      return;
    }
    const createdAt = typeof r?.createdAt === 'number' ? r.createdAt : parseTime(str(r?.createdAt));
    if (!r || typeof r !== 'object' || Number.isNaN(createdAt) || !str(r.text).trim()) {
      result.skipped.push(`第 ${i + 1} 行缺少时间（createdAt）或内容（text），已跳过`);
      return;
    }
    const timings = Array.isArray(r.timings) ? (r.timings as Array<{ touchpoint: string; count: number; p50: number; p95: number }>) : [];
    result.reports.push(leadReport({
      id: str(r.id), createdAt, category: str(r.category), text: str(r.text), view: str(r.view), site: str(r.siteName) || str(r.siteId),
      version: str(r.version), agentId: str(r.agentId), labels: Array.isArray(r.labels) ? r.labels.filter((l) => typeof l === 'string').join('；') : '',
      timings: timings.map((t) => `${t.touchpoint} p50 ${t.p50}ms p95 ${t.p95}ms（${t.count} 次）`).join('；'),
    }, file));
  });
  if (!result.reports.length && result.skipped.length) throw new ImportFileError(file, `没有一行是有效的反馈（${result.skipped[0]}）。${expected}`);
  return result;
}

const isZip = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b;

/** Reads one file the lead chose or dropped; throws ImportFileError (Chinese, naming the file) when it is not one of ours. */
export async function importExperienceFile(file: string, bytes: Uint8Array): Promise<FileImport> {
  if (!bytes.length) throw new ImportFileError(file, `是空文件。${expected}`);
  if (/\.xls$/i.test(file)) throw new ImportFileError(file, '是旧版 .xls，请在 Excel 里“另存为” .xlsx 或 CSV 后再导入');
  if (isZip(bytes) || /\.xlsx$/i.test(file)) {
    const sheets = isZip(bytes) ? await readWorkbook(bytes) : undefined;
    if (!sheets) throw new ImportFileError(file, `无法读取：文件已损坏或不是 Excel 表格。${expected}`);
    return fromTables(sheets.map((s) => ({ name: s.sheet, rows: s.data })), file);
  }
  const text = decodeCsv(bytes);
  if (!text.trim()) throw new ImportFileError(file, `是空文件。${expected}`);
  if (/\.(jsonl|ndjson|json)$/i.test(file) || text.trimStart().startsWith('{')) return fromJsonLines(text, file);
  const { default: Papa } = await import('papaparse');
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false });
  const broken = parsed.errors.find((e) => e.type === 'Quotes');
  if (broken) {
    const row = broken.row === undefined ? '' : `第 ${broken.row + 1} 行附近`;
    throw new ImportFileError(file, `不是完好的 CSV：${row}引号没有成对（文件可能被截断或改坏）。请重新导出后再导入`);
  }
  return fromTables([{ name: '', rows: parsed.data }], file);
}

