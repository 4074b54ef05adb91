/** Pack format v1 (docs/packs.md; the schema is pack.schema.json). No browser APIs here: the Node CLI uses it too. */
import type { BusinessLine } from '../db';

export const PACK_FORMAT = 1;
/** Largest pack file accepted, in bytes (before parsing). */
export const MAX_PACK_BYTES = 2 * 1024 * 1024;
export const businessLines: BusinessLine[] = ['保', '互助'];

export interface PackSnippet {
  id: string;
  title: string;
  text: string;
  shortcut?: string;
  tags?: string[];
}

export interface Phrase {
  text: string;
  /** What to say instead. */
  suggestion?: string;
  note?: string;
}

export interface PhraseList {
  id: string;
  name: string;
  /**
   * forbidden: 禁语, never say it; caution: 慎用语; remark: colloquial wording not allowed in 备注
   * (suggestion = the written form); surrender: a customer's words that call for a 退保预警.
   */
  kind: 'forbidden' | 'caution' | 'remark' | 'surrender';
  phrases: Phrase[];
}

/** One question agents get about a product, with the answer to give (plain text). */
export interface ProductFaq {
  q: string;
  a: string;
}

/** Product knowledge (seed items 21, 22, 32): what a chip beside a product name shows and opens. */
export interface PackProduct {
  name: string;
  aliases?: string[];
  code: string;
  insurer: string;
  /** Product page, http(s) only. */
  url?: string;
  faq?: ProductFaq[];
}

/** A code SEA shows raw and its Chinese term (the glossary feature). */
export interface GlossaryTerm {
  code: string;
  term: string;
}

export interface PackSignature {
  alg: 'Ed25519';
  /** Raw 32-byte public key, base64. */
  key: string;
  /** 64-byte signature over canonicalPackBytes(pack), base64. */
  value: string;
}

export interface Pack {
  format: 1;
  id: string;
  name: string;
  line: BusinessLine;
  version: number;
  author: string;
  /** YYYY-MM-DD */
  updated: string;
  description?: string;
  snippets: PackSnippet[];
  phraseLists?: PhraseList[];
  products?: PackProduct[];
  glossary?: GlossaryTerm[];
  signature?: PackSignature;
}

export type UnsignedPack = Omit<Pack, 'signature'>;

/** One problem with a pack: where (JSON Pointer, '' for the whole file) and what, in Chinese. */
export interface PackProblem {
  path: string;
  message: string;
  /** For IT, folded away under 详情: what the file held, the parser's own words. */
  detail?: string;
  /** A duplicate: the index (in the same list) of the item it clashes with. */
  clash?: number;
}

/** Thrown (or returned) when a pack is refused; the message lists every problem. */
export class PackError extends Error {
  constructor(public readonly problems: PackProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'PackError';
  }
}

const fieldNames: Record<string, string> = {
  format: '格式版本', id: '编号', name: '名称', line: '业务线', version: '版本号', author: '作者',
  updated: '更新日期', description: '说明', snippets: '话术', title: '标题', text: '内容', shortcut: '快捷词',
  tags: '标签', phraseLists: '词表', kind: '类型', phrases: '词条', suggestion: '建议说法', note: '备注',
  signature: '签名', alg: '算法', key: '公钥', value: '签名值',
  products: '产品', aliases: '别名', code: '代码', insurer: '保险公司', url: '产品页面', faq: '常见问题', q: '问题', a: '回答',
  glossary: '术语', term: '含义',
};

/** '/snippets/3/title' → '话术第 4 条 › 标题': the path as a lead reads it. */
export function describePath(path: string): string {
  if (!path) return '整个文件';
  const parts = path.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  const out: string[] = [];
  for (const part of parts) {
    if (/^\d+$/.test(part) && out.length) out[out.length - 1] += `第 ${Number(part) + 1} 条`;
    else out.push(fieldNames[part] ?? part);
  }
  return out.join(' › ');
}

/** One line for the CLI and logs: place, JSON path and message (and the detail, if any). */
export function formatProblem(p: PackProblem): string {
  const text = p.path ? `${describePath(p.path)}（${p.path}）：${p.message}` : p.message;
  return p.detail ? `${text}（${p.detail}）` : text;
}

/** The same problem as a person reads it: place and message, no JSON path (that goes under 详情). */
export function problemText(p: PackProblem): string {
  return p.path ? `${describePath(p.path)}：${p.message}` : p.message;
}

/** What IT needs beside problemText: the JSON path and the detail. */
export function problemDetail(p: PackProblem): string {
  return [p.path && `${p.path}：${p.message}`, p.detail].filter(Boolean).join('；');
}

/**
 * A pack refused, as the options page says it: one sentence on what happened and that nothing changed,
 * the problems in place order, and the technical lines for 详情. (A file that is not a pack at all is one
 * problem, its root cause: parsePack sees to that.)
 */
export interface ExplainedRefusal {
  summary: string;
  items: string[];
  details: string[];
}

export function explainRefusal(error: PackError, what = '话术包未安装，原有内容保持不变。'): ExplainedRefusal {
  return {
    summary: what,
    items: error.problems.map(problemText),
    details: error.problems.map(problemDetail).filter(Boolean),
  };
}
