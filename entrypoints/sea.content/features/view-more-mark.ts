import { browser } from 'wxt/browser';
import { defineFeature, type Scope } from '~/utils/page/feature';
import { controlText } from '~/utils/page/text';
import { hashKey } from '~/utils/hash';
import { localDate } from '~/utils/dates';

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

const viewed = new Set<string>();

function policyKey(scope: Scope): string | null {
  const policy = scope.fields.find((f) => f.kind === 'policyNo' && f.value);
  return policy ? hashKey(policy.value) : null;
}

async function remember(key: string): Promise<void> {
  viewed.add(key);
  const marks: StoredMarks = { day: today(), keys: [...viewed] };
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
    viewed.clear();
    if (stored?.day === today()) for (const key of stored.keys) viewed.add(key);
    else if (stored) await browser.storage.local.remove(STORE_KEY); // yesterday's marks expire

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
        const key = scope?.kind === 'row' && scope.el === row ? policyKey(scope) : null;
        if (key) void remember(key);
      },
      { capture: true, signal },
    );
  },
  apply(scope) {
    if (scope.kind !== 'row') return;
    const key = policyKey(scope);
    // Frameworks reuse row elements across pages: the mark follows the policy, not the element.
    if (key && viewed.has(key)) scope.el.setAttribute(MARK, '');
    else scope.el.removeAttribute(MARK);
  },
});
