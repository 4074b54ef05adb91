import type { PageApi } from '../page/feature';
import type { FieldKind } from '../fields';
import { isEmptyValue } from '../page/text';
import type { Settings } from '../settings';
import { choiceLabels, parseTemplate, renderTemplate, type Rendered, type Template } from './template';

/**
 * Where placeholders get their values: {投保人}, {保单号}… from the page, {坐席工号} from settings, the rest
 * from the agent in the small form (the grammar is template.ts). A placeholder never becomes a blank in a reply.
 */

/** Placeholders filled from what the current SEA page shows, by the page core's field kinds. */
export const pagePlaceholders: Record<string, FieldKind> = {
  投保人: 'applicant',
  被保人: 'insured',
  保单号: 'policyNo',
  订单号: 'orderNo',
  产品名称: 'productName',
};

/** Names the extension fills by itself, in the order the editor offers them. */
export const knownPlaceholders = [...Object.keys(pagePlaceholders), '坐席工号', '坐席姓名'];

/** Candidate values per placeholder name (a page can show several policies, so several values). */
export type PlaceholderValues = Record<string, string[]>;

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

/** The agent's own details, from settings ({日期} and {时间} are the template's own, see template.ts). */
export function agentValues(agent: Settings['agent']): PlaceholderValues {
  return { 坐席工号: distinct([agent.id]), 坐席姓名: distinct([agent.name]) };
}

/** One question of the small form before insertion: the picker and the side panel both draw these. */
export interface FormField {
  key: string;
  label: string;
  /** `text`: typed (`options` are the page's values to pick from, when it showed several); `choice`: one of `options`. */
  kind: 'text' | 'choice';
  options: string[];
  /** What the form starts with: the page's first value, the {填写:名=默认} default, the first option. */
  value: string;
}

export interface FillPlan {
  template: Template;
  /** Fields with exactly one value from the page or settings. */
  known: Record<string, string>;
  /** What the agent fills before insertion; none: insert at once. */
  fields: FormField[];
}

/** Which fields the page and settings fill, and which the form asks for. */
export function planFill(text: string, values: PlaceholderValues): FillPlan {
  const template = parseTemplate(text);
  const plan: FillPlan = { template, known: {}, fields: [] };
  const labels = choiceLabels(template.parts);
  const seen = new Set<string>();
  for (const part of template.parts) {
    if ((part.type !== 'field' && part.type !== 'choice') || seen.has(part.key)) continue;
    seen.add(part.key);
    if (part.type === 'choice') {
      plan.fields.push({ key: part.key, label: labels.get(part.key)!, kind: 'choice', options: part.options, value: part.options[0] });
      continue;
    }
    const candidates = distinct(values[part.key] ?? []);
    if (candidates.length === 1) plan.known[part.key] = candidates[0];
    else plan.fields.push({ key: part.key, label: part.key, kind: 'text', options: candidates, value: candidates[0] ?? part.fallback ?? '' });
  }
  return plan;
}

/** The reply from a plan and the form's answers; `missing` (field keys) when something is still unfilled. */
export function fillPlan(plan: FillPlan, answers: Record<string, string> = {}, now = new Date()): Rendered | { missing: string[] } {
  return renderTemplate(plan.template, { ...plan.known, ...answers }, now);
}

/**
 * A snippet's reply: planned against the page's and agent's values, the form asked (`ask`) when anything is
 * left, then rendered. Null when the agent cancels; never text with an unfilled placeholder.
 */
export async function completeSnippet(text: string, values: PlaceholderValues,
  ask: (plan: FillPlan) => Promise<Record<string, string> | null>): Promise<Rendered | null> {
  const plan = planFill(text, values);
  const answers = plan.fields.length ? await ask(plan) : {};
  if (!answers) return null;
  const reply = fillPlan(plan, answers);
  return 'missing' in reply ? null : reply;
}
