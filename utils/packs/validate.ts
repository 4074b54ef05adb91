/** Parses and checks a pack file; every problem comes back in Chinese with its JSON path. */
import validatePackSchema, { type AjvError } from './pack-validator.generated.js';
import { MAX_PACK_BYTES, PACK_FORMAT, PackError, type Pack, type PackProblem } from './format';

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

function duplicates<T>(items: T[] | undefined, key: (item: T) => string | undefined, field: string, listPath: string,
  label: string): PackProblem[] {
  const seen = new Map<string, number>();
  const problems: PackProblem[] = [];
  (items ?? []).forEach((item, i) => {
    const k = key(item);
    if (k === undefined) return;
    const first = seen.get(k);
    if (first === undefined) seen.set(k, i);
    else problems.push({ path: `${listPath}/${i}/${field}`, message: `${label}「${k}」与第 ${first + 1} 条重复` });
  });
  return problems;
}

/** Checks the schema can't express: unique ids and shortcuts, a real calendar date. */
function semanticProblems(pack: Pack): PackProblem[] {
  const problems = [
    ...duplicates(pack.snippets, (s) => s.id, 'id', '/snippets', '编号'),
    ...duplicates(pack.snippets, (s) => s.shortcut, 'shortcut', '/snippets', '快捷词'),
    ...duplicates(pack.phraseLists, (l) => l.id, 'id', '/phraseLists', '编号'),
  ];
  const day = new Date(`${pack.updated}T00:00:00Z`);
  if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== pack.updated) {
    problems.push({ path: '/updated', message: `「${pack.updated}」不是真实存在的日期` });
  }
  return problems;
}

function cap(problems: PackProblem[]): PackProblem[] {
  if (problems.length <= MAX_REPORTED) return problems;
  return [...problems.slice(0, MAX_REPORTED), { path: '', message: `另有 ${problems.length - MAX_REPORTED} 个问题未列出` }];
}

/** Checks an already parsed value against format v1. Throws PackError listing every problem. */
export function validatePack(data: unknown): Pack {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new PackError([{ path: '', message: `话术包应为一个 JSON 对象（{…}），实际是${typeOf(data)}` }]);
  }
  const format = (data as { format?: unknown }).format;
  if (format !== undefined && format !== PACK_FORMAT) {
    // Other problems would be noise: a newer format is expected to differ.
    throw new PackError([{ path: '/format',
      message: `不支持的格式版本 ${JSON.stringify(format)}：本版 SEA Kit 只认格式版本 ${PACK_FORMAT}，请升级扩展或按 v1 格式导出` }]);
  }
  if (!validatePackSchema(data)) {
    throw new PackError(cap((validatePackSchema.errors ?? []).map((e) => toProblem(e, data))));
  }
  const semantic = semanticProblems(data as Pack);
  if (semantic.length) throw new PackError(cap(semantic));
  return data as Pack;
}

function jsonErrorWhere(message: string, text: string): string {
  const lineCol = /line (\d+) column (\d+)/.exec(message);
  if (lineCol) return `第 ${lineCol[1]} 行第 ${lineCol[2]} 列附近`;
  const position = /position (\d+)/.exec(message);
  if (position) {
    const before = text.slice(0, Number(position[1])).split('\n');
    return `第 ${before.length} 行第 ${before[before.length - 1].length + 1} 列附近`;
  }
  return /Unexpected end/i.test(message) ? '文件末尾（内容不完整）' : '某处';
}

/** Reads a pack file's bytes or text: size, encoding and JSON syntax, then validatePack. Throws PackError. */
export function parsePack(input: string | ArrayBuffer | Uint8Array): Pack {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : new Uint8Array(input);
  if (bytes.byteLength > MAX_PACK_BYTES) {
    throw new PackError([{ path: '', message:
      `文件太大：${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB，话术包最大 ${MAX_PACK_BYTES / 1024 / 1024} MB` }]);
  }
  let text: string;
  try {
    text = typeof input === 'string' ? input : new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new PackError([{ path: '', message: '文件不是 UTF-8 编码，请用 UTF-8 保存后再导入' }]);
  }
  text = text.replace(/^\uFEFF/, '');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new PackError([{ path: '', message: `不是有效的 JSON：${jsonErrorWhere(String((error as Error).message), text)}有语法错误` }]);
  }
  return validatePack(data);
}
