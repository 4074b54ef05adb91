import { browser } from 'wxt/browser';
import { defineFeature, type PageApi, type Scope } from '~/utils/page/feature';
import { controlText } from '~/utils/page/text';
import { localDate } from '~/utils/dates';
import { markKey } from '~/utils/mark-key';

/** Seed item 25: agents lose track of which policies they already opened. */
const VIEW_MORE_TEXTS = ['查看更多', '更多', '展开'];
const MARK = 'data-seakit-viewed';
const STORE_KEY = 'viewMarks';
/** Rows of the common UI frameworks that are not `tr`. */
const ROW = 'tr, [role="row"], .ant-list-item, .el-card';

interface StoredMarks {
  day: string;
  keys: string[];
}

/** Marks last the agent's working day. */
const today = () => localDate();

/** Keys of the policies viewed today, in every frame and page load of the site (extension storage). */
const viewed = new Set<string>();
/** Policy number → its key (an HMAC, computed asynchronously; rows are marked when it is known). */
const keys = new Map<string, string>();

function policyOf(scope: Scope): string | null {
  return scope.fields.find((f) => f.kind === 'policyNo' && f.value)?.value ?? null;
}

function markRow(scope: Scope): void {
  const policy = policyOf(scope);
  const key = policy ? keys.get(policy) : undefined;
  // Frameworks reuse row elements across pages: the mark follows the policy, not the element.
  if (key && viewed.has(key)) scope.el.setAttribute(MARK, '');
  else scope.el.removeAttribute(MARK);
}

/** Marks or unmarks a row now; a policy seen for the first time is marked when its key is known. */
function applyRow(scope: Scope, page: PageApi, signal: AbortSignal): void {
  markRow(scope);
  const policy = policyOf(scope);
  if (!policy || keys.has(policy) || !viewed.size) return;
  // The key is computed once per policy number (HMAC is asynchronous), then the row is looked at again.
  void markKey(policy).then((key) => {
    keys.set(policy, key);
    const now = !signal.aborted && scope.el.isConnected ? page.scopeOf(scope.el) : undefined;
    if (now?.kind === 'row' && now.el === scope.el) markRow(now);
  }, () => undefined);
}

/** Every row on the page now (after marks changed in another frame or page load). */
function applyAllRows(page: PageApi, signal: AbortSignal): void {
  for (const field of page.find('policyNo')) {
    const scope = page.scopeOf(field.valueEl);
    if (scope?.kind === 'row') applyRow(scope, page, signal);
  }
}

function adopt(stored: StoredMarks | undefined): void {
  viewed.clear();
  if (stored?.day === today()) for (const key of stored.keys) viewed.add(key);
}

async function remember(policy: string): Promise<void> {
  const key = await markKey(policy);
  keys.set(policy, key);
  viewed.add(key);
  // Another frame may have added marks since this one last read them: keep theirs too.
  const stored = (await browser.storage.local.get(STORE_KEY))[STORE_KEY] as StoredMarks | undefined;
  const marks: StoredMarks = { day: today(), keys: [...new Set([...(stored?.day === today() ? stored.keys : []), ...viewed])] };
  await browser.storage.local.set({ [STORE_KEY]: marks });
}

export default defineFeature({
  id: 'view-more-mark',
  title: '已查看标记',
  description: '点过“查看更多”的保单行变色，翻页、刷新后当天仍保留。',
  order: 30,
  fields: ['policyNo'],
  marks: [MARK],
  settings: {
    viewMoreLabels: {
      title: '“查看更多”按钮文字',
      description: '除“查看更多”“更多”“展开”外，本站打开保单详情的按钮文字。',
      default: [] as string[],
      schema: { type: 'array', items: { type: 'string' } },
      example: ['详情', '查看'],
    },
  },
  async start({ signal, page, options }) {
    const stored = (await browser.storage.local.get(STORE_KEY))[STORE_KEY] as StoredMarks | undefined;
    adopt(stored);
    if (stored && stored.day !== today()) await browser.storage.local.remove(STORE_KEY); // yesterday's marks expire

    // A mark made in another frame (the list in a second tab, a dialog) or page load shows here at once.
    const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area !== 'local' || !(STORE_KEY in changes)) return;
      adopt(changes[STORE_KEY].newValue as StoredMarks | undefined);
      applyAllRows(page, signal);
    };
    browser.storage.onChanged.addListener(onChanged);
    signal.addEventListener('abort', () => browser.storage.onChanged.removeListener(onChanged));

    const texts = new Set([...VIEW_MORE_TEXTS, ...(options.viewMoreLabels as string[])]);
    document.addEventListener(
      'click',
      (event) => {
        let control = event.target instanceof Element ? event.target : null;
        for (let depth = 0; control && depth < 4 && !texts.has(controlText(control)); depth++) control = control.parentElement;
        if (!control || !texts.has(controlText(control))) return;
        const row = control.closest(ROW);
        if (!row) return;
        row.setAttribute(MARK, '');
        const scope = page.scopeOf(row);
        const policy = scope?.kind === 'row' && scope.el === row ? policyOf(scope) : null;
        if (policy) void remember(policy).catch(() => undefined);
      },
      { capture: true, signal },
    );
  },
  apply(scope, { page, signal }) {
    if (scope.kind === 'row') applyRow(scope, page, signal);
  },
});
