import type { SearchEntry } from './search';

/**
 * Suggestions: the snippets that best answer what the customer just wrote, ranked here in the page
 * from the snippets' title, tags, shortcut and text. No dictionary ships in the content script:
 * Chinese words come from the browser's own segmenter (Intl.Segmenter, ICU), plus character pairs
 * for words it splits differently, plus a few customer phrasings folded onto the words scripts use
 * (扣了两次 → 重复扣费). Latin words in a message (tuibao, fapiao) are matched against the snippets'
 * pinyin. Nothing about the customer is kept: the message text is read, ranked and dropped.
 *
 * Scoring is BM25 over those terms with field weights; tests/unit/snippets/suggest.test.ts measures
 * top-1 / top-3 hits on a labelled set of customer messages (docs/suggestions.md).
 */

/** Customer phrasings → the words snippets are written with. Plain substrings of the message. */
const FOLDS: Array<[RegExp, string]> = [
  [/扣(了)?(两|2|二|三|3|多)次|重复扣|多扣|扣了两遍|扣两次/, '重复扣费'],
  [/自动扣|每月扣|每个月.*扣|扣款|代扣|免密支付|自动续费/, '代扣 扣款'],
  [/什么时候(开始)?(生效|有效|保障)|几号生效|保障开始|等待期/, '生效'],
  [/理赔|报销|赔付|赔钱|赔多少|住院了|看病花/, '理赔'],
  [/材料|资料|要准备|需要什么|哪些东西|单据|发票原件/, '材料'],
  [/退保|退掉|不想要了|不要了|退钱|把钱退|取消保险|解除合同|不保了/, '退保'],
  [/手机号|电话号码|号码换|换号|新号码|手机换/, '手机号 变更'],
  [/发票|报销凭证|开票/, '发票'],
  [/续保|续费|到期了|明年还能|下一年/, '续保'],
  [/电子保单|保单(在哪|哪里|怎么)(看|查|下载)|保单下载/, '电子保单'],
  [/进度|到哪一步|审核(到|了)?|什么时候到账|多久到账/, '进度'],
  [/银行卡|换卡|扣款账户/, '银行卡 变更'],
  [/犹豫期|冷静期|十五天|15天/, '犹豫期'],
  [/投诉|举报|不满意|太差/, '投诉 安抚'],
  [/人工|转人工|真人/, '人工'],
];

export function foldPhrasings(text: string): string {
  return FOLDS.filter(([pattern]) => pattern.test(text)).map(([, words]) => words).join(' ');
}

const HAN = /\p{Script=Han}/u;
const STOP = new Set(['的', '了', '吗', '呢', '吧', '啊', '我', '你', '您', '是', '在', '有', '和', '就', '都', '也', '这', '那', '个', '请问', '怎么', '什么', '一下', '可以', '能', '要', '想', '还', '没', '不', '好', '呀', '哦', '嗯']);

let segmenter: Intl.Segmenter | null | undefined;
function words(text: string): string[] {
  segmenter ??= typeof Intl.Segmenter === 'function' ? new Intl.Segmenter('zh', { granularity: 'word' }) : null;
  if (!segmenter) return [];
  const out: string[] = [];
  for (const s of segmenter.segment(text)) if (s.isWordLike && !STOP.has(s.segment)) out.push(s.segment.toLowerCase());
  return out;
}

/** Pairs of adjacent Han characters: 退保 in 我要退保了 whatever the segmenter makes of it. */
function pairs(text: string): string[] {
  const out: string[] = [];
  const chars = [...text];
  for (let i = 0; i + 1 < chars.length; i++) if (HAN.test(chars[i]) && HAN.test(chars[i + 1])) out.push(chars[i] + chars[i + 1]);
  return out;
}

/** Which term kinds a ranking uses; all by default (the best on the labelled set, see the test). */
export interface SuggestOptions {
  words?: boolean;
  pairs?: boolean;
  folds?: boolean;
}

/** The terms of a text: segmenter words (w:), Han pairs (p:), folded topic words. */
export function termsOf(text: string, { words: useWords = true, pairs: usePairs = true, folds = true }: SuggestOptions = {}): string[] {
  const all = folds ? `${text} ${foldPhrasings(text)}` : text;
  return [...(useWords ? words(all).map((w) => `w:${w}`) : []), ...(usePairs ? pairs(all).map((p) => `p:${p}`) : [])];
}

interface Doc {
  entry: SearchEntry;
  /** Weighted term frequencies. */
  tf: Map<string, number>;
  length: number;
}

export interface SuggestIndex {
  options: SuggestOptions;
  docs: Doc[];
  idf: Map<string, number>;
  avgLength: number;
  /** Per term, the docs that have it (ascending): a message's few dozen terms score only those docs. */
  postings: Map<string, number[]>;
}

/** How much a term found in each field counts. */
const WEIGHTS = { title: 3, tags: 3, shortcut: 1, text: 1 };

function addTerms(tf: Map<string, number>, terms: string[], weight: number): number {
  for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + weight);
  return terms.length * weight;
}

/** Built once per snippet list (the picker's index arrives once per revision). */
export function buildSuggestIndex(entries: SearchEntry[], options: SuggestOptions = {}): SuggestIndex {
  const postings = new Map<string, number[]>();
  // Snippet text is ours, not the customer's: no phrasing folds on that side.
  const own = { ...options, folds: false };
  const docs = entries.map((entry, d) => {
    const tf = new Map<string, number>();
    let length = addTerms(tf, termsOf(entry.title, own), WEIGHTS.title);
    length += addTerms(tf, (entry.tags ?? []).flatMap((t) => termsOf(t, own)), WEIGHTS.tags);
    length += addTerms(tf, termsOf(entry.text.slice(0, 300), own), WEIGHTS.text);
    if (entry.pinyin) length += addTerms(tf, [`l:${entry.pinyin}`], WEIGHTS.shortcut);
    if (entry.shortcut) length += addTerms(tf, [`l:${entry.shortcut.toLowerCase()}`], WEIGHTS.shortcut);
    for (const t of tf.keys()) {
      const list = postings.get(t);
      if (list) list.push(d);
      else postings.set(t, [d]);
    }
    return { entry, tf, length };
  });
  const n = docs.length || 1;
  const idf = new Map<string, number>();
  for (const [t, list] of postings) idf.set(t, Math.log(1 + (n - list.length + 0.5) / (list.length + 0.5)));
  return { options, docs, idf, avgLength: docs.reduce((s, d) => s + d.length, 0) / n || 1, postings };
}

const K1 = 1.2;
const B = 0.75;
/** Below this a match is a coincidence of common pairs, not an answer. */
const MIN_SCORE = 1.5;

/**
 * The `limit` snippets that best answer the customer's messages (latest last: it weighs most).
 * Opening lines and thanks (您好, 谢谢) match nothing specific and suggest nothing.
 */
export function suggestSnippets(index: SuggestIndex, messages: string[], limit = 3): SearchEntry[] {
  const query = new Map<string, number>();
  messages.slice(-3).forEach((text, i, all) => {
    const weight = i === all.length - 1 ? 1 : 0.5;
    const clipped = text.length > 500 ? text.slice(-500) : text;
    for (const t of termsOf(clipped, index.options)) query.set(t, Math.max(query.get(t) ?? 0, weight));
    for (const latin of clipped.toLowerCase().match(/[a-z]{3,}/g) ?? []) query.set(`l:${latin}`, weight);
  });
  if (!query.size) return [];
  // Each doc's sum is added up in the query's term order, as a doc-by-doc loop over the terms would.
  const scores = new Float64Array(index.docs.length);
  for (const [term, weight] of query) {
    const docs = index.postings.get(term);
    if (!docs) continue;
    const idf = index.idf.get(term) ?? 0;
    for (const d of docs) {
      const doc = index.docs[d];
      const f = doc.tf.get(term)!;
      scores[d] += weight * idf * ((f * (K1 + 1)) / (f + K1 * (1 - B + (B * doc.length) / index.avgLength)));
    }
  }
  const scored: Array<{ entry: SearchEntry; score: number }> = [];
  for (let d = 0; d < scores.length; d++) if (scores[d] >= MIN_SCORE) scored.push({ entry: index.docs[d].entry, score: scores[d] });
  return scored.sort((a, b) => b.score - a.score).slice(0, limit).map((s) => s.entry);
}
