import type { PageApi } from '../page/feature';
import type { FieldKind } from '../fields';
import { isEmptyValue } from '../page/text';
import type { Settings } from '../settings';

/**
 * Placeholders in snippet text: {投保人}, {保单号}, {坐席工号}, {日期}… and any name a lead invents
 * ({退款金额}), which the agent is asked for. A placeholder never becomes a blank in a reply.
 */

/** Placeholders filled from what the current SEA page shows, by the page core's field kinds. */
export const pagePlaceholders: Record<string, FieldKind> = {
  投保人: 'applicant',
  被保人: 'insured',
  保单号: 'policyNo',
  订单号: 'orderNo',
  产品名称: 'productName',
};

/** Everything the extension fills by itself, in the order the editor offers them. */
export const knownPlaceholders = [...Object.keys(pagePlaceholders), '坐席工号', '坐席姓名', '日期', '时间'];

const PLACEHOLDER = /\{([\u4e00-\u9fffA-Za-z0-9_]{1,12})\}/g;

/** Candidate values per placeholder name (a page can show several policies, so several values). */
export type PlaceholderValues = Record<string, string[]>;

/** Each placeholder name once, in order of first appearance. */
export function placeholdersIn(text: string): string[] {
  return [...new Set(Array.from(text.matchAll(PLACEHOLDER), (m) => m[1]))];
}

function distinct(values: string[]): string[] {
  return [...new Set(values.map((v) => v.trim()).filter((v) => !isEmptyValue(v)))];
}

/** What the page shows for each page placeholder, found by label through the page core. */
export function pageValues(page: PageApi): PlaceholderValues {
  const values: PlaceholderValues = {};
  for (const [name, kind] of Object.entries(pagePlaceholders)) {
    values[name] = distinct(page.find(kind).map((f) => f.value));
  }
  return values;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The agent's own details (from settings) and today's date and time. */
export function agentValues(agent: Settings['agent'], now = new Date()): PlaceholderValues {
  return {
    坐席工号: distinct([agent.id]),
    坐席姓名: distinct([agent.name]),
    日期: [`${now.getFullYear()}年${now.getMonth() + 1}月${now.getDate()}日`],
    时间: [`${pad(now.getHours())}:${pad(now.getMinutes())}`],
  };
}

export interface MissingPlaceholder {
  name: string;
  /** Values seen on the page when there was more than one: the agent picks or types. */
  candidates: string[];
}

export interface FillPlan {
  /** Placeholders with exactly one value. */
  known: Record<string, string>;
  /** Placeholders with none, or with several: these need the small form. */
  missing: MissingPlaceholder[];
}

export function planFill(text: string, values: PlaceholderValues): FillPlan {
  const plan: FillPlan = { known: {}, missing: [] };
  for (const name of placeholdersIn(text)) {
    const candidates = distinct(values[name] ?? []);
    if (candidates.length === 1) plan.known[name] = candidates[0];
    else plan.missing.push({ name, candidates });
  }
  return plan;
}

/** Replaces every placeholder that has a value; text and values are plain text throughout. */
export function fillPlaceholders(text: string, values: Record<string, string>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => (Object.hasOwn(values, name) ? values[name] : whole));
}

/** Text and placeholders in order, for showing a snippet with its placeholders marked. */
export function splitPlaceholders(text: string): Array<{ text: string } | { name: string }> {
  const parts: Array<{ text: string } | { name: string }> = [];
  let last = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    if (m.index > last) parts.push({ text: text.slice(last, m.index) });
    parts.push({ name: m[1] });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}
