import { defineFeature, type FeatureContext, type PageApi } from '~/utils/page/feature';
import { ensureOne, injectedIn } from '~/utils/page/inject';
import { ownText } from '~/utils/page/text';
import { buildGlossary, builtInGlossary, packGlossary, parseGlossary, termFor, type Glossary } from '~/utils/glossary';
import { pageKnowledge } from '~/utils/knowledge-client';

/**
 * Seed item 42: codes SEA shows raw in detail views and expanded rows (ACTIVE, WX, Y/N, true/false…) get
 * their Chinese term beside them. The page's own text is never changed; a term is only added where the
 * whole displayed value is a known code, and never to a person's name.
 */
const VALUE_ELEMENTS = 'dd, td, span, div, p, b, strong, em, li';
/** Never values: labels, controls, menus and option lists (a dropdown's APP is a choice, not a code on record). */
const NOT_VALUES =
  'th, dt, label, button, a, select, option, textarea, input, script, style, nav, [contenteditable]:not([contenteditable="false"]), [data-seakit], ' +
  '[role="button"], [role="tab"], [role="menuitem"], [role="option"], [role="listbox"], [role="menu"], [role="tree"]';
const MAX_LABEL = 24;

/** Its text is its own (no element children but ours): a displayed value, not a container. */
function leafText(el: Element): string | null {
  for (const child of el.children) if (!child.hasAttribute('data-seakit')) return null;
  return ownText(el).trim();
}

/** An element that reads as a label: a header or term cell, "标签：" text, or a label class. */
function isLabel(el: Element | null | undefined): boolean {
  if (!el || el.hasAttribute('data-seakit')) return false;
  if (el.tagName === 'TH' || el.tagName === 'DT' || el.tagName === 'TD') return true;
  const text = ownText(el).trim();
  return text.length > 0 && text.length <= MAX_LABEL && (/[:：]$/.test(text) || /label/i.test(el.getAttribute('class') ?? ''));
}

/** A value slot: a description cell, or the element right after a label (or wrapped alone right after one). */
function isValue(el: Element): boolean {
  if (el.tagName === 'DD' || el.tagName === 'TD') return true;
  if (isLabel(el.previousElementSibling)) return true;
  const parent = el.parentElement;
  return !!parent && parent.childElementCount === 1 && !el.previousElementSibling && isLabel(parent.previousElementSibling);
}

let names = new WeakSet<Element>();
let timer = 0;
/** Terms from installed packs, asked once per page (between the built-in list and the site's own). */
let fromPacks: Glossary = {};
/** The walk over the page waits for the page to settle: page passes come in bursts while a list renders. */
const SETTLE_MS = 250;

function annotate(glossary: Map<string, string>, page: PageApi): void {
  for (const el of page.outsideRecords(VALUE_ELEMENTS)) {
    const text = leafText(el);
    if (text === null) continue;
    // The cheap test first: almost no text on a page is a known code (a chat page: none).
    const term = text ? termFor(text, glossary) : undefined;
    if (!term || el.closest(NOT_VALUES) || names.has(el) || (el.parentElement && names.has(el.parentElement)) || !isValue(el)) {
      injectedIn(el, 'glossary')?.remove();
      continue;
    }
    const chip = ensureOne(el, 'span', 'glossary', (chipEl) => (chipEl.title = 'SEA Kit 术语对照'));
    if (chip.textContent !== term) chip.textContent = term;
  }
}

export default defineFeature({
  id: 'glossary',
  title: '术语对照',
  description: '详情和展开行里的英文代码、true/false、Y/N 等旁边标出中文含义（内置、话术包和本站术语），页面原文不改。',
  order: 68,
  fields: ['applicant', 'insured', 'policyNo'],
  settings: {
    glossary: {
      title: '术语对照',
      description: '本站页面上的代码及其中文含义，每项写成 代码=含义，例如 WX=微信；优先于内置术语表。',
      default: [] as string[],
      schema: { type: 'array', items: { type: 'string' } },
      example: ['WX=微信', 'APP=App 投保'],
    },
  },
  start(ctx) {
    ctx.signal.addEventListener('abort', () => {
      clearTimeout(timer);
      timer = 0;
      names = new WeakSet();
      fromPacks = {};
    });
    void pageKnowledge().then(({ glossary }) => {
      if (ctx.signal.aborted || !glossary.length) return;
      fromPacks = packGlossary(glossary);
      // Values already walked may have a pack term now.
      clearTimeout(timer);
      timer = 0;
      schedule(ctx);
    }).catch(ctx.fail);
  },
  apply(scope) {
    // A customer may be named like a term: names are never annotated.
    for (const f of scope.fields) if (f.kind === 'applicant' || f.kind === 'insured') names.add(f.valueEl);
  },
  onPage(ctx) {
    schedule(ctx);
  },
});

function schedule({ options, signal, page, fail }: FeatureContext): void {
  if (timer) return;
  timer = window.setTimeout(() => {
    timer = 0;
    if (signal.aborted) return;
    try {
      annotate(buildGlossary(builtInGlossary, fromPacks, parseGlossary(options.glossary as string[])), page);
    } catch (error) {
      // Outside the page core's pass: the core still switches the feature off and lists the error.
      fail(error);
    }
  }, SETTLE_MS);
}
