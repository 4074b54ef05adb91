/**
 * Leads keep scripts in Excel: columns 分类/标题/内容/快捷词/标签 (optional 编号), and optional sheets
 * 服务禁语 (禁语/建议说法/备注), 产品 (product knowledge) and 术语 (glossary codes). CSV and XLSX both read
 * here; the libraries load only when used. No browser-only APIs: the Node CLI shares this file.
 */
import { describePath, problemDetail, problemText, type GlossaryTerm, type PackProblem, type PackProduct, type Phrase, type PackSnippet } from './format';

export const snippetColumns = ['分类', '标题', '内容', '快捷词', '标签'] as const;
export const phraseColumns = ['禁语', '建议说法', '备注'] as const;
export const phraseSheetName = '服务禁语';
/**
 * One row per product; a row with only 常见问题/回答 adds another question to the product above it, so a
 * product's FAQ is the rows under it, as leads write it in Excel.
 */
export const productColumns = ['产品名称', '别名', '产品代码', '保险公司', '产品页面', '常见问题', '回答'] as const;
export const productSheetName = '产品';
export const glossaryColumns = ['代码', '含义'] as const;
export const glossarySheetName = '术语';

export type Cell = string | number | boolean | Date | null | undefined;
export type Rows = Cell[][];

export interface SheetProblem {
  /** 1-based row as the lead sees it in Excel (0: the file as a whole). */
  row: number;
  message: string;
  /** The sheet, when not the snippets' (产品, 术语). */
  sheet?: string;
}

/** Products read from the 产品 sheet, with the rows they came from (to point pack problems back at them). */
export interface ProductImport {
  products: PackProduct[];
  /** Per product: its own row and the row of each FAQ entry. */
  rows: Array<{ row: number; faq: number[] }>;
  problems: SheetProblem[];
}

export interface GlossaryImport {
  glossary: GlossaryTerm[];
  rowOf: number[];
  problems: SheetProblem[];
}

export interface SheetImport {
  snippets: PackSnippet[];
  /** Sheet row of each snippet, to point pack problems (/snippets/i) back at the sheet. */
  rowOf: number[];
  phrases: Phrase[];
  problems: SheetProblem[];
  products?: ProductImport;
  glossary?: GlossaryImport;
}

export function cellText(cell: Cell): string {
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
export function findHeader(rows: Rows, required: string[]): { index: number; columns: Map<string, number>; missing: string[] } {
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

function splitNames(text: string): string[] {
  return [...new Set(text.split(/[,，、;；\n]+/).map((t) => t.trim()).filter(Boolean))];
}

/**
 * The 产品 sheet. Every row's problems are listed (an empty 产品代码 and a question without answer on one
 * row are two problems), and a bad row still reads as far as it can, so the pack check names the rest.
 */
export function productsFromRows(rows: Rows): ProductImport {
  const sheet = productSheetName;
  const found = findHeader(rows, ['产品名称', '产品代码', '保险公司']);
  if (found.index < 0) return { products: [], rows: [], problems: [] };
  if (found.missing.length) {
    return { products: [], rows: [], problems: [{ sheet, row: 0, message: `缺少${found.missing.map((c) => `“${c}”`).join('、')}列：`
      + `第 ${found.index + 1} 行（表头）应为 ${productColumns.join(' / ')}；可下载模板对照` }] };
  }
  const get = (row: Cell[], name: string) => (found.columns.has(name) ? cellText(row[found.columns.get(name)!]) : '');
  const products: PackProduct[] = [];
  const productRows: ProductImport['rows'] = [];
  const problems: SheetProblem[] = [];
  for (let r = found.index + 1; r < rows.length; r++) {
    const row = rows[r];
    const sheetRow = r + 1;
    if (!row.some((c) => cellText(c) !== '')) continue;
    const [name, aliases, code, insurer, url, q, a] = productColumns.map((c) => get(row, c));
    const starts = !!(name || aliases || code || insurer || url);
    if (starts) {
      const missing = [['产品名称', name], ['产品代码', code], ['保险公司', insurer]].filter(([, v]) => !v).map(([c]) => `“${c}”`);
      if (missing.length) problems.push({ sheet, row: sheetRow, message: `${missing.join('、')}为空` });
      products.push({
        name, code, insurer,
        ...(splitNames(aliases).length ? { aliases: splitNames(aliases) } : {}),
        ...(url ? { url } : {}),
      });
      productRows.push({ row: sheetRow, faq: [] });
    } else if (!products.length) {
      problems.push({ sheet, row: sheetRow, message: '有“常见问题”但上面没有产品：先写一行产品（产品名称、产品代码、保险公司），问题写在它下面' });
      continue;
    }
    if (!q && !a) continue;
    if (!q || !a) {
      problems.push({ sheet, row: sheetRow, message: !q ? '有“回答”但“常见问题”为空' : '有“常见问题”但“回答”为空' });
      continue;
    }
    const product = products[products.length - 1];
    (product.faq ??= []).push({ q, a });
    productRows[productRows.length - 1].faq.push(sheetRow);
  }
  return { products, rows: productRows, problems };
}

/** The 术语 sheet: 代码 / 含义, one term a row. */
export function glossaryFromRows(rows: Rows): GlossaryImport {
  const sheet = glossarySheetName;
  const found = findHeader(rows, ['代码', '含义']);
  if (found.index < 0) return { glossary: [], rowOf: [], problems: [] };
  if (found.missing.length) {
    return { glossary: [], rowOf: [], problems: [{ sheet, row: 0, message: `的第一行应为 ${glossaryColumns.join(' / ')}` }] };
  }
  const glossary: GlossaryTerm[] = [];
  const rowOf: number[] = [];
  const problems: SheetProblem[] = [];
  for (let r = found.index + 1; r < rows.length; r++) {
    const at = (name: string) => cellText(rows[r][found.columns.get(name)!]);
    const [code, term] = [at('代码'), at('含义')];
    if (!code && !term) continue;
    if (!code || !term) {
      problems.push({ sheet, row: r + 1, message: !code ? '“代码”为空' : '“含义”为空' });
      continue;
    }
    glossary.push({ code, term });
    rowOf.push(r + 1);
  }
  return { glossary, rowOf, problems };
}

/** One problem as the lead fixes it: a sheet row (0: the file or the form), what to change, and IT detail. */
export interface RowProblem {
  row: number;
  text: string;
  detail?: string;
  /** The sheet, when not the snippets' (产品, 术语). */
  sheet?: string;
}

/** Sheets in the order a lead reads the workbook: the snippets first. */
const sheetOrder = (sheet?: string) => (sheet === productSheetName ? 1 : sheet === glossarySheetName ? 2 : 0);

const rowText = (p: SheetProblem) => `${p.sheet ? `${p.sheet}表` : ''}${p.row ? `第 ${p.row} 行：` : ''}${p.message}`;

/** A pack problem under /products or /glossary, back at its sheet row and product name (null: said already). */
function knowledgeRowProblem(sheet: SheetImport, p: PackProblem): RowProblem | null | undefined {
  const product = /^\/products\/(\d+)(?:\/faq\/(\d+))?(\/.*)?$/.exec(p.path);
  if (product && sheet.products) {
    const index = Number(product[1]);
    const rows = sheet.products.rows[index];
    if (!rows) return undefined;
    const row = product[2] === undefined ? rows.row : rows.faq[Number(product[2])] ?? rows.row;
    const rest = p.path.slice(`/products/${index}`.length);
    // An empty 产品名称/产品代码/保险公司 is already the sheet's own problem, in the lead's column names.
    const required = /^\/(name|code|insurer)$/.exec(rest);
    if (required && sheet.products.products[index][required[1] as 'name' | 'code' | 'insurer'] === '') return null;
    const field = rest ? describePath(rest) : '';
    const message = p.clash === undefined ? p.message : p.message.replace(`第 ${p.clash + 1} 条`, `第 ${sheet.products.rows[p.clash]?.row} 行`);
    const name = sheet.products.products[index].name;
    return { sheet: productSheetName, row, text: `${productSheetName}表第 ${row} 行${name ? `「${name}」` : ''}${field ? ` › ${field}` : ''}：${message}`, detail: problemDetail(p) };
  }
  const term = /^\/glossary\/(\d+)(\/.*)?$/.exec(p.path);
  if (term && sheet.glossary) {
    const index = Number(term[1]);
    const row = sheet.glossary.rowOf[index];
    if (row === undefined) return undefined;
    const message = p.clash === undefined ? p.message : p.message.replace(`第 ${p.clash + 1} 条`, `第 ${sheet.glossary.rowOf[p.clash]} 行`);
    return { sheet: glossarySheetName, row, text: `${glossarySheetName}表第 ${row} 行${term[2] ? ` › ${describePath(term[2])}` : ''}：${message}`, detail: problemDetail(p) };
  }
  return undefined;
}

/**
 * Every problem of a sheet-built pack at once, in row order: the sheet's own (an empty 标题) and the pack
 * check's (a space in 快捷词, a duplicate), each naming its row and title, a duplicate the row it clashes
 * with. A sheet that could not be read at all (a missing column) is one problem: the empty pack that
 * follows from it is not reported again.
 */
export function sheetProblemList(sheet: Pick<SheetImport, 'snippets' | 'rowOf' | 'problems' | 'products' | 'glossary'>, packProblems: PackProblem[]): RowProblem[] {
  const unreadable = sheet.problems.some((p) => p.row === 0 && !p.sheet);
  const sheetProblems = [...sheet.problems, ...(sheet.products?.problems ?? []), ...(sheet.glossary?.problems ?? [])];
  const fromSheet: RowProblem[] = sheetProblems.map((p) => ({ row: p.row, sheet: p.sheet, text: rowText(p) }));
  const fromPack = packProblems.flatMap((p): RowProblem[] => {
    const knowledge = knowledgeRowProblem(sheet as SheetImport, p);
    if (knowledge !== undefined) return knowledge ? [knowledge] : [];
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
  // File-level problems first, then sheet by sheet in row order.
  const place = (p: RowProblem) => (p.row === 0 ? -1 : sheetOrder(p.sheet) * 1e7 + p.row);
  return [...fromSheet, ...fromPack].sort((a, b) => place(a) - place(b));
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
export async function readWorkbook(data: Uint8Array): Promise<Array<{ sheet: string; data: Rows }> | undefined> {
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
  const named = (name: string) => sheets.find((s) => s.sheet.trim() === name);
  const [phraseSheet, productSheet, glossarySheet] = [named(phraseSheetName), named(productSheetName), named(glossarySheetName)];
  const snippetSheet = sheets.find((s) => s !== phraseSheet && s !== productSheet && s !== glossarySheet) ?? { sheet: '', data: [] };
  const fromSnippets = await snippetsFromRows(snippetSheet.data);
  const fromPhrases = phraseSheet ? phrasesFromRows(phraseSheet.data) : { phrases: [], problems: [] };
  return {
    ...fromSnippets,
    phrases: fromPhrases.phrases,
    problems: [...fromSnippets.problems, ...fromPhrases.problems.map((p) => ({ ...p, message: `${phraseSheetName}表：${p.message}` }))],
    ...(productSheet ? { products: productsFromRows(productSheet.data) } : {}),
    ...(glossarySheet ? { glossary: glossaryFromRows(glossarySheet.data) } : {}),
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

export const templateProductRows: string[][] = [
  [...productColumns],
  ['安心百万医疗险（2025版）', '安心百万医疗险、安心医疗2025', 'AX-2025', '示例财产保险股份有限公司', 'https://example.com/products/ax-2025', '等待期多久？', '等待期 30 天，续保无等待期。'],
  ['', '', '', '', '', '可以报销门诊费用吗？', '住院前 7 天、出院后 30 天内与本次住院相关的门急诊费用可以报销。'],
  ['少儿重疾险', '', 'SE-ZJ', '示例人寿保险股份有限公司', 'https://example.com/products/se-zj', '', ''],
];

export const templateGlossaryRows: string[][] = [
  [...glossaryColumns],
  ['ZA', '众安'],
  ['RENEW_OK', '续保成功'],
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
    { data: cells(templateProductRows), sheet: productSheetName,
      columns: [{ width: 24 }, { width: 24 }, { width: 12 }, { width: 24 }, { width: 32 }, { width: 24 }, { width: 48 }] },
    { data: cells(templateGlossaryRows), sheet: glossarySheetName, columns: [{ width: 16 }, { width: 24 }] },
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

/** A separate product file for the CLI (--products): CSV, or XLSX (its 产品 sheet, else the first sheet). */
export async function importProducts(bytes: ArrayBuffer | Uint8Array, fileName: string): Promise<ProductImport> {
  const data = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  if (!isXlsx(fileName)) return productsFromRows(await parseCsv(data));
  const sheets = await readWorkbook(data);
  if (!sheets) return { products: [], rows: [], problems: [{ ...unreadableXlsx, sheet: productSheetName }] };
  return productsFromRows((sheets.find((s) => s.sheet.trim() === productSheetName) ?? sheets[0]).data);
}
