/**
 * Leads keep scripts in Excel: columns 分类/标题/内容/快捷词/标签 (optional 编号), and an optional sheet
 * 服务禁语 with 禁语/建议说法/备注. CSV and XLSX both read here; the libraries load only when used.
 * No browser-only APIs: the Node CLI shares this file.
 */
import { describePath, problemDetail, problemText, type PackProblem, type Phrase, type PackSnippet } from './format';

export const snippetColumns = ['分类', '标题', '内容', '快捷词', '标签'] as const;
export const phraseColumns = ['禁语', '建议说法', '备注'] as const;
export const phraseSheetName = '服务禁语';

export type Cell = string | number | boolean | Date | null | undefined;
export type Rows = Cell[][];

export interface SheetProblem {
  /** 1-based row as the lead sees it in Excel (0: the file as a whole). */
  row: number;
  message: string;
}

export interface SheetImport {
  snippets: PackSnippet[];
  /** Sheet row of each snippet, to point pack problems (/snippets/i) back at the sheet. */
  rowOf: number[];
  phrases: Phrase[];
  problems: SheetProblem[];
}

function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell).trim();
}

const header = (cell: Cell) => cellText(cell).replace(/\s+/g, '');

/** Stable snippet id from category and title, so a re-import keeps agents' use counts. */
async function derivedId(category: string, title: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${category}/${title}`));
  return 's-' + Array.from(new Uint8Array(digest).slice(0, 6), (b) => b.toString(16).padStart(2, '0')).join('');
}

function splitTags(text: string): string[] {
  return text.split(/[,，、;；\s]+/).map((t) => t.trim()).filter(Boolean);
}

/** The header row (the first non-empty one) and its columns; `missing` names required columns it lacks. */
function findHeader(rows: Rows, required: string[]): { index: number; columns: Map<string, number>; missing: string[] } {
  const index = rows.findIndex((row) => row.some((c) => cellText(c) !== ''));
  const columns = new Map<string, number>();
  (rows[index] ?? []).forEach((c, i) => {
    const name = header(c);
    if (name && !columns.has(name)) columns.set(name, i);
  });
  return { index, columns, missing: required.filter((r) => !columns.has(r)) };
}

export async function snippetsFromRows(rows: Rows): Promise<Pick<SheetImport, 'snippets' | 'rowOf' | 'problems'>> {
  const found = findHeader(rows, ['标题', '内容']);
  if (found.index < 0) return { snippets: [], rowOf: [], problems: [{ row: 0, message: '表格是空的：第一行应为表头 ' + snippetColumns.join(' / ') }] };
  if (found.missing.length) {
    return { snippets: [], rowOf: [], problems: [{ row: 0, message: `表格缺少${found.missing.map((c) => `“${c}”`).join('和')}列：`
      + `第 ${found.index + 1} 行（表头）应为 ${snippetColumns.join(' / ')}，至少要有“标题”和“内容”两列；可下载模板对照` }] };
  }
  const { index, columns } = found;
  const get = (row: Cell[], name: string) => (columns.has(name) ? cellText(row[columns.get(name)!]) : '');
  const snippets: PackSnippet[] = [];
  const rowOf: number[] = [];
  const problems: SheetProblem[] = [];
  for (let r = index + 1; r < rows.length; r++) {
    const row = rows[r];
    const sheetRow = r + 1;
    if (!row.some((c) => cellText(c) !== '')) continue;
    const category = get(row, '分类');
    const title = get(row, '标题');
    const text = get(row, '内容');
    if (!title || !text) {
      problems.push({ row: sheetRow, message: !title ? '“标题”为空' : '“内容”为空' });
      continue;
    }
    const tags = [...new Set([category, ...splitTags(get(row, '标签'))].filter(Boolean))];
    const shortcut = get(row, '快捷词');
    snippets.push({
      id: get(row, '编号') || (await derivedId(category, title)),
      title,
      text,
      ...(shortcut ? { shortcut } : {}),
      ...(tags.length ? { tags } : {}),
    });
    rowOf.push(sheetRow);
  }
  if (!snippets.length && !problems.length) problems.push({ row: 0, message: '表格里没有话术（表头下面是空的）' });
  return { snippets, rowOf, problems };
}

export function phrasesFromRows(rows: Rows): { phrases: Phrase[]; problems: SheetProblem[] } {
  const found = findHeader(rows, ['禁语']);
  if (found.missing.length) return { phrases: [], problems: [{ row: 0, message: `“${phraseSheetName}”表的第一行应为 ${phraseColumns.join('/')}` }] };
  const phrases: Phrase[] = [];
  for (const row of rows.slice(found.index + 1)) {
    const at = (name: string) => (found.columns.has(name) ? cellText(row[found.columns.get(name)!]) : '');
    const text = at('禁语');
    if (!text) continue;
    const suggestion = at('建议说法');
    const note = at('备注');
    phrases.push({ text, ...(suggestion ? { suggestion } : {}), ...(note ? { note } : {}) });
  }
  return { phrases, problems: [] };
}

/** One problem as the lead fixes it: a sheet row (0: the file or the form), what to change, and IT detail. */
export interface RowProblem {
  row: number;
  text: string;
  detail?: string;
}

/**
 * Every problem of a sheet-built pack at once, in row order: the sheet's own (an empty 标题) and the pack
 * check's (a space in 快捷词, a duplicate), each naming its row and title, a duplicate the row it clashes
 * with. A sheet that could not be read at all (a missing column) is one problem: the empty pack that
 * follows from it is not reported again.
 */
export function sheetProblemList(sheet: Pick<SheetImport, 'snippets' | 'rowOf' | 'problems'>, packProblems: PackProblem[]): RowProblem[] {
  const unreadable = sheet.problems.some((p) => p.row === 0);
  const fromSheet: RowProblem[] = sheet.problems.map((p) => ({ row: p.row, text: p.row ? `第 ${p.row} 行：${p.message}` : p.message }));
  const fromPack = packProblems.flatMap((p): RowProblem[] => {
    const match = /^\/snippets(?:\/(\d+)(\/.*)?)?$/.exec(p.path);
    if (!match) return [{ row: 0, text: problemText(p), detail: problemDetail(p) }];
    if (unreadable) return [];
    const index = match[1] === undefined ? -1 : Number(match[1]);
    const row = sheet.rowOf[index];
    if (row === undefined) return [{ row: 0, text: problemText(p), detail: problemDetail(p) }];
    const field = match[2] ? describePath(match[2]) : '';
    const message = p.clash === undefined ? p.message : p.message.replace(`第 ${p.clash + 1} 条`, `第 ${sheet.rowOf[p.clash]} 行`);
    return [{ row, text: `第 ${row} 行「${sheet.snippets[index].title}」${field ? ` › ${field}` : ''}：${message}`, detail: problemDetail(p) }];
  });
  return [...fromSheet, ...fromPack].sort((a, b) => a.row - b.row);
}

/** CSV bytes: UTF-8 (with or without BOM), or GB18030 as Excel on Chinese Windows saves “CSV”. */
export function decodeCsv(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

export async function parseCsv(bytes: Uint8Array): Promise<Rows> {
  const { default: Papa } = await import('papaparse');
  // Empty lines are kept so row numbers match what the lead sees in Excel; the importers skip them.
  const result = Papa.parse<string[]>(decodeCsv(bytes), { skipEmptyLines: false });
  return result.data;
}

export function isXlsx(fileName: string): boolean {
  return /\.xlsx$/i.test(fileName);
}

const unreadableXlsx: SheetProblem = { row: 0, message: '无法读取这个 XLSX 文件：文件已损坏或不是 Excel 表格' };

/** Every sheet of an XLSX workbook, or undefined when it is not one. */
async function readWorkbook(data: Uint8Array): Promise<Array<{ sheet: string; data: Rows }> | undefined> {
  const { default: readXlsxFile } = await import('read-excel-file/universal');
  try {
    // A copy: the reader may keep or detach the buffer it is given.
    return (await readXlsxFile(data.slice().buffer)) as unknown as Array<{ sheet: string; data: Rows }>;
  } catch {
    return undefined;
  }
}

/** Reads a lead's sheet (CSV or XLSX) into pack snippets and, from an XLSX sheet 服务禁语, phrases. */
export async function importSheet(bytes: ArrayBuffer | Uint8Array, fileName: string): Promise<SheetImport> {
  const data = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  if (!isXlsx(fileName)) {
    if (/\.xls$/i.test(fileName)) {
      return { snippets: [], rowOf: [], phrases: [], problems: [{ row: 0, message: '不支持旧版 .xls，请在 Excel 里“另存为” .xlsx 或 CSV' }] };
    }
    return { ...(await snippetsFromRows(await parseCsv(data))), phrases: [] };
  }
  const sheets = await readWorkbook(data);
  if (!sheets) return { snippets: [], rowOf: [], phrases: [], problems: [unreadableXlsx] };
  const phraseSheet = sheets.find((s) => s.sheet.trim() === phraseSheetName);
  const snippetSheet = sheets.find((s) => s !== phraseSheet) ?? { sheet: '', data: [] };
  const fromSnippets = await snippetsFromRows(snippetSheet.data);
  const fromPhrases = phraseSheet ? phrasesFromRows(phraseSheet.data) : { phrases: [], problems: [] };
  return {
    ...fromSnippets,
    phrases: fromPhrases.phrases,
    problems: [...fromSnippets.problems, ...fromPhrases.problems.map((p) => ({ ...p, message: `${phraseSheetName}表：${p.message}` }))],
  };
}

/** Template rows: the header and two examples from the callback handbook. */
export const templateSnippetRows: string[][] = [
  [...snippetColumns],
  ['开场', '回访开场白', '您好，我是XX保险的回访专员，工号XXXX，本次来电是对您投保的保单做一个简短回访，大约占用您两分钟，请问现在方便吗？', 'kcb', '回访,开场'],
  ['结束', '回访结束语', '感谢您的耐心配合，本次回访到此结束，祝您生活愉快，再见！', 'jsy', '回访'],
  ['预约', '预约回电', '{填写:称呼=先生}您好，我们将于{日期+1:M月D日}{选项:上午|下午}给您回电，{cursor}请保持电话畅通。', 'yyhd', '回访,预约'],
];

export const templatePhraseRows: string[][] = [
  [...phraseColumns],
  ['我不清楚', '这个问题我帮您核实一下，稍后给您准确答复', '与回访无关的问题也不能推脱'],
  ['您听我解释', '非常理解您的心情，我来为您说明一下', '客户反复问同一问题时'],
  ['大概', '（给出确定信息，不确定时说“我帮您核实”）', '模糊性语言'],
];

export function templateCsv(): string {
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  // The BOM makes Excel open the UTF-8 file with Chinese intact.
  return '\uFEFF' + templateSnippetRows.map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';
}

export async function templateXlsx(): Promise<Blob> {
  const { default: writeXlsxFile } = await import('write-excel-file/universal');
  const cells = (rows: string[][]) => rows.map((r, i) => r.map((value) => ({ value, fontWeight: i === 0 ? 'bold' as const : undefined })));
  return writeXlsxFile([
    { data: cells(templateSnippetRows), sheet: '话术', columns: [{ width: 10 }, { width: 20 }, { width: 60 }, { width: 10 }, { width: 16 }] },
    { data: cells(templatePhraseRows), sheet: phraseSheetName, columns: [{ width: 16 }, { width: 40 }, { width: 24 }] },
  ]).toBlob();
}

/** A separate phrase file: CSV, or XLSX (its 服务禁语 sheet, else the first sheet). */
export async function importPhrases(bytes: ArrayBuffer | Uint8Array, fileName: string): Promise<{ phrases: Phrase[]; problems: SheetProblem[] }> {
  const data = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  if (!isXlsx(fileName)) return phrasesFromRows(await parseCsv(data));
  const sheets = await readWorkbook(data);
  if (!sheets) return { phrases: [], problems: [unreadableXlsx] };
  return phrasesFromRows((sheets.find((s) => s.sheet.trim() === phraseSheetName) ?? sheets[0]).data);
}
