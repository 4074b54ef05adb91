/** Parses and checks a pack file; every problem comes back in Chinese with its JSON path. */
import { parse as parseLoosely, printParseErrorCode, type ParseError } from 'jsonc-parser';
import validatePackSchema, { type AjvError } from './pack-validator.generated.js';
import { MAX_PACK_BYTES, PACK_FORMAT, PackError, type Pack, type PackProblem } from './format';
import { productKey } from '../products';
import { templateProblems } from '../snippets/template-problems';

/** More than this many problems is noise; the rest are counted. */
const MAX_REPORTED = 50;

const typeNames: Record<string, string> = {
  string: '文字', integer: '整数', number: '数字', array: '列表', object: '对象', boolean: '是/否', null: '空值',
};

function typeOf(value: unknown): string {
  if (value === null) return '空值';
  if (Array.isArray(value)) return '列表';
  if (typeof value === 'number') return Number.isInteger(value) ? '整数' : '小数';
  return typeNames[typeof value] ?? typeof value;
}

function valueAt(root: unknown, pointer: string): unknown {
  let value: any = root;
  for (const part of pointer.split('/').slice(1)) value = value?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  return value;
}

function patternMessage(path: string): string {
  if (/\/id$/.test(path)) return '只能用英文字母、数字、点、下划线和短横线，以字母或数字开头，最多 64 个字符';
  if (path === '/updated') return '应为 YYYY-MM-DD 格式的日期，例如 2026-11-20';
  if (/\/shortcut$/.test(path)) return '不能为空或含空格，最多 32 个字符';
  if (/^\/products\/\d+\/code$/.test(path)) return '不能为空或含空格，最多 40 个字符';
  if (/^\/products\/\d+\/url$/.test(path)) return '应为 http:// 或 https:// 开头的网址，不含空格';
  if (path === '/signature/key') return '应为 Ed25519 公钥（32 字节）的 base64，共 44 个字符';
  if (path === '/signature/value') return '应为 Ed25519 签名（64 字节）的 base64，共 88 个字符';
  return '格式不对';
}

function toProblem(error: AjvError, root: unknown): PackProblem {
  const path = error.instancePath;
  const p = error.params;
  switch (error.keyword) {
    case 'required':
      return { path: `${path}/${p.missingProperty}`, message: '缺少必填字段' };
    case 'additionalProperties':
      return { path: `${path}/${p.additionalProperty}`, message: '不认识的字段（v1 格式不允许多余字段，请检查拼写）' };
    case 'type':
      return { path, message: `应为${typeNames[p.type] ?? p.type}，实际是${typeOf(valueAt(root, path))}` };
    case 'const':
      return { path, message: `只能是 ${JSON.stringify(p.allowedValue)}` };
    case 'enum':
      return { path, message: `只能是以下之一：${(p.allowedValues as unknown[]).join('、')}` };
    case 'minLength':
      return { path, message: p.limit === 1 ? '不能为空' : `至少 ${p.limit} 个字` };
    case 'maxLength':
      return { path, message: `最多 ${p.limit} 个字，现有 ${[...String(valueAt(root, path))].length} 个` };
    case 'minItems':
      return { path, message: p.limit === 1 ? '不能为空，至少要有 1 项' : `至少要有 ${p.limit} 项` };
    case 'maxItems':
      return { path, message: `最多 ${p.limit} 项，现有 ${(valueAt(root, path) as unknown[]).length} 项` };
    case 'minimum':
      return { path, message: `不能小于 ${p.limit}` };
    case 'maximum':
      return { path, message: `不能大于 ${p.limit}` };
    case 'pattern':
      return { path, message: patternMessage(path) };
    default:
      return { path, message: `不符合格式要求（${error.keyword}）` };
  }
}

/** Same key twice in one list: the later item is named, with the title of the one it clashes with. */
function duplicates<T extends { title?: unknown; name?: unknown }>(items: unknown, key: (item: T) => unknown, field: string,
  listPath: string, label: string): PackProblem[] {
  if (!Array.isArray(items)) return [];
  const seen = new Map<string, number>();
  const problems: PackProblem[] = [];
  items.forEach((item: T, i) => {
    const k = item && typeof item === 'object' ? key(item) : undefined;
    if (typeof k !== 'string' || !k) return;
    const first = seen.get(k);
    if (first === undefined) return void seen.set(k, i);
    const other = items[first] as T;
    const otherName = typeof other.title === 'string' ? other.title : typeof other.name === 'string' ? other.name : '';
    // Two rows of a sheet with one title get one derived id: say so in the lead's terms, not by the hash.
    const message = field === 'id' && otherName && item.title === other.title
      ? `标题「${otherName}」与第 ${first + 1} 条重复`
      : `${label}「${k}」与第 ${first + 1} 条${otherName ? `「${otherName}」` : ''}重复`;
    problems.push({ path: `${listPath}/${i}/${field}`, message, clash: first });
  });
  return problems;
}

/** Each malformed placeholder ({选项:}, an unclosed {) of each snippet's text, one problem apiece. */
function placeholderProblems(snippets: unknown): PackProblem[] {
  if (!Array.isArray(snippets)) return [];
  return snippets.flatMap((s: any, i) => (typeof s?.text === 'string' ? templateProblems(s.text) : [])
    .map((message) => ({ path: `/snippets/${i}/text`, message: `占位符写法有误：${message}` })));
}

/**
 * A product's name or alias used twice in one pack (spacing and full-width ignored, as the page matches them):
 * which product a chip means would be a guess. Named by the later product, with the earlier one's name.
 */
function productNameClashes(products: unknown): PackProblem[] {
  if (!Array.isArray(products)) return [];
  const seen = new Map<string, { index: number; name: string }>();
  const problems: PackProblem[] = [];
  products.forEach((p: any, i) => {
    if (!p || typeof p !== 'object') return;
    const names: Array<[string, unknown]> = [['name', p.name], ...(Array.isArray(p.aliases) ? p.aliases.map((a: unknown, j: number) => [`aliases/${j}`, a] as [string, unknown]) : [])];
    const own = new Set<string>();
    for (const [field, name] of names) {
      if (typeof name !== 'string' || !productKey(name)) continue;
      const key = productKey(name);
      const first = seen.get(key);
      if (own.has(key)) {
        problems.push({ path: `/products/${i}/${field}`, message: `「${name}」在这个产品里写了两次` });
      } else if (first) {
        problems.push({ path: `/products/${i}/${field}`, message: `「${name}」与第 ${first.index + 1} 条「${first.name}」重复（名称和别名不能指向两个产品）`, clash: first.index });
      } else {
        seen.set(key, { index: i, name: typeof p.name === 'string' ? p.name : name });
      }
      own.add(key);
    }
  });
  return problems;
}

/**
 * Checks the schema can't express: unique ids and shortcuts, a real calendar date. Run alongside the
 * schema (on whatever shape the data has), so a lead sees every problem at once, not one round per fix.
 */
function semanticProblems(data: Record<string, unknown>): PackProblem[] {
  const problems = [
    ...duplicates(data.snippets, (s: any) => s.id, 'id', '/snippets', '编号'),
    ...duplicates(data.snippets, (s: any) => s.shortcut, 'shortcut', '/snippets', '快捷词'),
    ...duplicates(data.phraseLists, (l: any) => l.id, 'id', '/phraseLists', '编号'),
    ...placeholderProblems(data.snippets),
    ...productNameClashes(data.products),
    ...duplicates(data.products, (p: any) => p.code, 'code', '/products', '代码'),
    ...duplicates(data.glossary, (g: any) => (typeof g.code === 'string' ? g.code.trim().toUpperCase() : undefined), 'code', '/glossary', '代码'),
  ];
  const updated = data.updated;
  if (typeof updated === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(updated)) {
    const day = new Date(`${updated}T00:00:00Z`);
    if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== updated) {
      problems.push({ path: '/updated', message: `「${updated}」不是真实存在的日期` });
    }
  }
  return problems;
}

/** Place order: the file's own fields, then item by item (2 before 10), so problems read top to bottom. */
function byPlace(a: PackProblem, b: PackProblem): number {
  return a.path.localeCompare(b.path, 'en', { numeric: true });
}

function cap(problems: PackProblem[]): PackProblem[] {
  if (problems.length <= MAX_REPORTED) return problems;
  return [...problems.slice(0, MAX_REPORTED), { path: '', message: `另有 ${problems.length - MAX_REPORTED} 个问题未列出` }];
}

/** The personal backup's format tag (utils/snippets/backup.ts; not imported: this file runs in the CLI without Dexie). */
const BACKUP_FORMAT = 'seakit-personal-snippets';
/** Fields every pack has: a JSON object with none of them is some other program's file. */
const PACK_FIELDS = ['format', 'id', 'name', 'line', 'snippets'];

/** A JSON file that is no pack at all gets one message (its root cause), not one per missing field. */
function notAPack(data: Record<string, unknown>): PackProblem | undefined {
  if (data.format === BACKUP_FORMAT) {
    return { path: '', message: '这是个人话术备份文件，不是话术包：请到“话术”分区，用“导入备份文件”导入它',
      detail: `format: "${BACKUP_FORMAT}"` };
  }
  if (PACK_FIELDS.some((f) => f in data)) return undefined;
  const fields = Object.keys(data);
  return { path: '', message: '这不是 SEA Kit 话术包文件（请选择组长发布的话术包 .json 文件）',
    detail: `文件里的字段：${fields.slice(0, 8).join('、') || '（无）'}${fields.length > 8 ? ` 等 ${fields.length} 个` : ''}；话术包应有 ${PACK_FIELDS.join('、')} 等字段` };
}

/** Checks an already parsed value against format v1. Throws PackError listing every problem, in place order. */
export function validatePack(data: unknown): Pack {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new PackError([{ path: '', message: '这不是 SEA Kit 话术包文件（请选择组长发布的话术包 .json 文件）',
      detail: `话术包应为一个 JSON 对象（{…}），实际是${typeOf(data)}` }]);
  }
  const record = data as Record<string, unknown>;
  const foreign = notAPack(record);
  if (foreign) throw new PackError([foreign]);
  const format = record.format;
  if (format !== undefined && format !== PACK_FORMAT) {
    // Other problems would be noise: a newer format is expected to differ.
    throw new PackError([{ path: '/format', message: typeof format === 'number' && format > PACK_FORMAT
      ? `这个话术包是新版格式（格式版本 ${format}），本机的 SEA Kit 版本较旧，装不上：请联系 IT 升级扩展`
      : `不支持的格式版本 ${JSON.stringify(format)}：SEA Kit 只认格式版本 ${PACK_FORMAT}，请让组长重新导出` }]);
  }
  const fromSchema = validatePackSchema(data) ? [] : (validatePackSchema.errors ?? []).map((e) => toProblem(e, data));
  const problems = [...fromSchema, ...semanticProblems(record)];
  if (problems.length) throw new PackError(cap(problems.sort(byPlace)));
  return data as Pack;
}

/** jsonc-parser's error names (a const enum, so by name) in a lead's words. */
const syntaxNames: Record<string, string> = {
  InvalidSymbol: '有无法识别的字符（文字要用英文双引号括起来）',
  InvalidNumberFormat: '数字格式不对',
  PropertyNameExpected: '缺少字段名，或多了一个逗号',
  ValueExpected: '缺少值，或多了一个逗号',
  ColonExpected: '缺少冒号',
  CommaExpected: '缺少逗号',
  CloseBraceExpected: '缺少 }',
  CloseBracketExpected: '缺少 ]',
  EndOfFileExpected: '结尾多了内容',
  InvalidCommentToken: '不允许注释',
  UnexpectedEndOfString: '引号没有闭合',
  InvalidEscapeCharacter: '反斜杠转义不对',
  InvalidCharacter: '文字里有不允许的控制字符',
};

/**
 * Where JSON.parse gave up, as line and column: V8 gives no position for some errors ("Unexpected
 * token 'a', … is not valid JSON"), so a tolerant parser (jsonc-parser) finds the first error's offset.
 */
function syntaxProblem(text: string, parserMessage: string): PackProblem {
  const errors: ParseError[] = [];
  parseLoosely(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (!first || !text.trim()) {
    return { path: '', message: '文件是空的或内容不完整，不是可用的话术包：请向组长重新要一份文件', detail: `不是有效的 JSON：${parserMessage}` };
  }
  const before = text.slice(0, first.offset).split('\n');
  const atEnd = first.offset >= text.trimEnd().length;
  const where = atEnd ? '文件末尾（内容不完整）' : `第 ${before.length} 行第 ${before[before.length - 1].length + 1} 列附近`;
  const what = atEnd ? '' : `：${syntaxNames[printParseErrorCode(first.error)] ?? '语法错误'}`;
  return { path: '', message: `文件已损坏或被改错，无法读取：${where}${what}。请向组长重新要一份话术包文件`,
    detail: `不是有效的 JSON：${parserMessage}` };
}

/** Reads a pack file's bytes or text: size, encoding and JSON syntax, then validatePack. Throws PackError. */
export function parsePack(input: string | ArrayBuffer | Uint8Array): Pack {
  return validatePack(readPackJson(input));
}

/**
 * Size, encoding and JSON syntax of a pack file: the parsed JSON, not yet checked. Throws PackError.
 * Text is encoded only when it could be over the limit (a UTF-16 unit is at most 3 UTF-8 bytes): encoding
 * a 1 MB pack just to count its bytes was a tenth of an import (bench).
 */
export function readPackJson(input: string | ArrayBuffer | Uint8Array): unknown {
  const bytes = typeof input !== 'string' ? new Uint8Array(input) : input.length * 3 > MAX_PACK_BYTES ? new TextEncoder().encode(input) : undefined;
  if (bytes && bytes.byteLength > MAX_PACK_BYTES) {
    // In KB: "2.0 MB, at most 2 MB" read as a contradiction.
    const kb = (n: number) => `${Math.ceil(n / 1024).toLocaleString('en')} KB`;
    throw new PackError([{ path: '', message: `文件太大（${kb(bytes.byteLength)}），超过了话术包的上限 ${MAX_PACK_BYTES / 1024 / 1024} MB（${kb(MAX_PACK_BYTES)}）：请确认选对了文件，或请组长把话术拆成几个包`,
      detail: `${bytes.byteLength} 字节 > ${MAX_PACK_BYTES} 字节` }]);
  }
  let text: string;
  try {
    text = typeof input === 'string' ? input : new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new PackError([{ path: '', message: '文件不是 UTF-8 编码，读不出文字：请确认选对了文件（话术包是 .json 文件），或请组长用 UTF-8 保存后再发' }]);
  }
  text = text.replace(/^\uFEFF/, '');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new PackError([syntaxProblem(text, String((error as Error).message))]);
  }
}
