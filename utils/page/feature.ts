import type { FieldKind } from '../fields';
import type { FeatureId, Settings, SiteProfile } from '../settings';
import type { ChoiceControl } from './controls';

/** One displayed value the page core found by its label. */
export interface Field {
  kind: FieldKind;
  /** The label as the page shows it, normalized (no spaces, no trailing colon): 保单编号. */
  label: string;
  labelEl: Element | null;
  /** The element holding the value text (a cell, a dd, a span); features append after its text. */
  valueEl: Element;
  /** The displayed value, trimmed, without anything SEA Kit injected. */
  value: string;
}

export interface TableInfo {
  /** The table (or the framework's table root holding separate header and body tables). */
  el: Element;
  /** Header texts, normalized, in column order. */
  headers: string[];
  /** Text of the nearest heading/title/tab before the table, for features that need context (退保). */
  context: string;
}

/** A unit of the page whose fields belong together: one table row, or the label/value pairs of the page. */
export interface Scope {
  kind: 'row' | 'page';
  /** The row element (tr or the framework's row element), or document.body for 'page'. */
  el: Element;
  table?: TableInfo;
  fields: Field[];
}

/** A single-line input of the page's search form, with the label an agent sees beside it. */
export interface FormField {
  label: string;
  index: number;
  value: string;
}

/** A dropdown of the search form (查询类型): its label, position among them and the choice it shows. */
export interface SearchChoice extends FormField {
  control: ChoiceControl;
}

/** The page's search form as the agent sees it. */
export interface SearchForm {
  inputs: HTMLInputElement[];
  fields: FormField[];
  /** Its single-choice dropdowns outside the lists (native, Element Plus, antd), in document order. */
  choices: SearchChoice[];
  /** Its 查询/搜索 button, if the page shows one. */
  button: HTMLElement | null;
}

/**
 * What the page core found, as of its last pass (utils/page/memory.ts): features read the page through
 * this, never through the core's internals, and asking costs no new scan.
 */
export interface PageApi {
  /** All fields of a kind on the page (rows read so far and pairs), in document order. */
  find(kind: FieldKind): Field[];
  /** The fields of the row (or page) that contains an element. */
  scopeOf(el: Element): Scope | undefined;
  /** Whether an element sits in the body of a data table (a list's row or its expand row). */
  inList(el: Element): boolean;
  /** The data tables whose rows the core has read. */
  tables(): TableInfo[];
  /** Elements matching a selector outside the lists' rows (headings, tabs, breadcrumbs), in document order. */
  outsideLists(selector: string): Element[];
  /** Like outsideLists, but also inside a list's expand rows (details an agent opens under a row). */
  outsideRecords(selector: string): Element[];
  /** The search form's inputs, their labels and values, and its search button. */
  searchForm(): SearchForm;
}

/**
 * A feature's own setting, kept per site under `rules.<key>` (settable by policy). Declaring it here puts it
 * in public/managed_schema.json and docs/it-admin.md (tests check both).
 */
export interface FeatureSetting<T = unknown> {
  /** Chinese name, as the policy schema shows it. */
  title: string;
  description?: string;
  default: T;
  /** Its Chrome managed-schema node (type, items, properties). */
  schema: PolicySchema;
  /** A value for the IT guide's example. */
  example: T;
}

/** The subset of JSON Schema that Chrome's managed storage understands. */
export interface PolicySchema {
  type: 'object' | 'array' | 'string' | 'boolean' | 'integer';
  title?: string;
  description?: string;
  items?: PolicySchema;
  properties?: Record<string, PolicySchema>;
  /** The schema of every key of an object whose keys are not fixed (pack ids). */
  additionalProperties?: PolicySchema;
}

export interface FeatureContext {
  site: SiteProfile;
  settings: Settings;
  /** Aborted when the feature is switched off or fails: pass it to every addEventListener. */
  signal: AbortSignal;
  page: PageApi;
  /** The feature's declared settings: this site's `rules.<key>`, or the declared default. */
  options: Record<string, unknown>;
  /**
   * For failures the core cannot catch itself (a rejected promise, a timer's callback): the feature is
   * switched off on this page and the error listed for the inspector, as when apply() throws. `.catch(ctx.fail)`.
   */
  fail(error: unknown): void;
}

/**
 * A page feature: one file in entrypoints/sea.content/features/, named by its id, default-exporting
 * defineFeature({...}). The registry (entrypoints/sea.content/registry.ts) finds it; the content script,
 * the options page's switches and the policy schema follow from it.
 */
export interface Feature {
  /** Its file name, and what its injected elements carry in data-seakit. */
  id: FeatureId;
  /** Chinese name beside its switch in the options page. */
  title: string;
  /** One line saying what the agent sees. */
  description: string;
  /** Place in the options page's list (lower first). */
  order: number;
  /** Field kinds this feature looks for; apply() runs for every scope holding at least one of them. */
  fields?: FieldKind[];
  /**
   * The views it works on, from what the core found (ctx.page): apply() and onPage() run only while
   * this says true, so a feature for one kind of view costs other views nothing. start() always runs.
   */
  include?(page: PageApi): boolean;
  /** Its settings per site, with defaults (ctx.options). */
  settings?: Record<string, FeatureSetting>;
  /** Attributes the feature sets on page elements; removed when it is switched off. */
  marks?: string[];
  /** Other data-seakit ids it injects besides its own (same-id also adds id-invalid). */
  alsoInjects?: string[];
  /**
   * Its code is not in the page script every SEA page loads but in the writing script (entrypoints/sea-late.ts),
   * which a frame loads once it shows a place to write: a reply box, a 备注 field, an editor (utils/page/late.ts).
   * The file then also exports `late = defineLateCode({...})`; until that arrives, this definition's own
   * start/apply/onPage (if any) stand in for it, and the core swaps it for the full one on arrival.
   */
  late?: true;
  /** Once per page when the feature starts: event listeners (with ctx.signal), stored state. */
  start?(ctx: FeatureContext): void | Promise<void>;
  /** For each matching scope, again whenever the scope re-renders. Must be idempotent. */
  apply?(scope: Scope, ctx: FeatureContext): void;
  /** After each pass over the page's label/value pairs (load, route change, re-render outside rows). */
  onPage?(ctx: FeatureContext): void;
}

export function defineFeature(feature: Feature): Feature {
  return feature;
}

/** A late feature's code (see Feature.late): what it does once the frame has loaded the writing script. */
export type LateCode = Pick<Feature, 'start' | 'apply' | 'onPage' | 'include' | 'fields'>;

export function defineLateCode(code: LateCode): LateCode {
  return code;
}
