import { defineFeature, type PageApi } from '~/utils/page/feature';
import { choiceControls, choose, headerLabel, isAgentChoice, nativeOption, shownChoice, sortBy, sortHeaders, type ChoiceControl } from '~/utils/page/controls';
import { buildLabelIndex, normalizeLabel } from '~/utils/page/labels';
import { DATE_COLUMNS, type SiteProfile } from '~/utils/settings';

/**
 * Seed items 20 and 27: per site, the option a search-type select starts on (投保账户手机号) and the order
 * results are shown in (newest or oldest first). Both go through the page's own controls, once each time
 * the view appears: what the agent changes afterwards stays as the agent left it.
 */
const ORDERS = { newest: 'descending', oldest: 'ascending' } as const;
/** What a search-type select shows: a field's name (保单号, 投保账户手机号, 证件号码 …). */
const FIELD_NAME = /(号|号码|姓名|证件|手机|电话|账户|账号|ID)$/i;
/** The page settles after a render before its controls are touched. */
const SETTLE_MS = 300;

interface Wanted {
  searchType: string;
  order: 'ascending' | 'descending' | null;
  columns: Set<string>;
}

function wanted(options: Record<string, unknown>): Wanted {
  const order = ORDERS[options.resultOrder as keyof typeof ORDERS] ?? null;
  const columns = Array.isArray(options.orderColumns) && options.orderColumns.length ? options.orderColumns : DATE_COLUMNS;
  return {
    searchType: typeof options.searchType === 'string' ? normalizeLabel(options.searchType) : '',
    order,
    columns: new Set(columns.filter((c): c is string => typeof c === 'string').map(normalizeLabel)),
  };
}

/** A dropdown that picks which field the search box searches: it has the option, or shows a field's name. */
function isSearchType(control: ChoiceControl, want: string, fieldNames: Map<string, unknown>): boolean {
  if (control.kind === 'native') return !!nativeOption(control, want);
  const shown = shownChoice(control);
  return shown === want || fieldNames.has(shown) || FIELD_NAME.test(shown);
}

/** What was already set: once per appearance of a view, never again while it stays. */
interface Applied {
  route: string;
  /** Date columns sorted on this route, by header label. */
  done: Set<string>;
  /** Select elements set: never again, whatever they show later. */
  touched: WeakSet<Element>;
}
const applied = (): Applied => ({ route: '', done: new Set(), touched: new WeakSet() });
/** Replaced when the feature stops: a run still under way keeps writing to its own, old one. */
let state = applied();
let timer = 0;
let busy = false;
/** A page pass came while the defaults were being applied: look again afterwards. */
let again = false;

/** A new route is a new view: its controls get the defaults again (seen on every page pass, not only on checks). */
function followRoute(run: Applied): void {
  const here = location.pathname + location.hash;
  if (here === run.route) return;
  run.route = here;
  run.done.clear();
}

async function applyDefaults(want: Wanted, site: SiteProfile, page: PageApi, signal: AbortSignal): Promise<void> {
  const run = state;
  followRoute(run);
  const { done, touched } = run;
  if (want.searchType) {
    // A select element is set once: frameworks keep it through re-renders and make a new one for a new view.
    const fieldNames = buildLabelIndex(site.labels);
    for (const control of choiceControls()) {
      if (touched.has(control.el) || isAgentChoice(control.el) || signal.aborted || page.inList(control.el) || !isSearchType(control, want.searchType, fieldNames)) continue;
      touched.add(control.el);
      await choose(control, want.searchType, signal);
    }
  }
  if (want.order) {
    // Header cells may be rebuilt on every render (bootstrap-table): a column is set once per route instead.
    const labels = new Set(sortHeaders(want.columns).map(headerLabel));
    for (const label of labels) {
      if (done.has(label) || signal.aborted) continue;
      done.add(label);
      await sortBy(() => sortHeaders(new Set([label]))[0], want.order, signal);
    }
    // A column that went away (the list closed): its next appearance gets the order again.
    for (const label of done) if (!labels.has(label)) done.delete(label);
  }
}

export default defineFeature({
  id: 'search-defaults',
  title: '查询默认项',
  description: '按本站设置，查询类型下拉先选好（如投保账户手机号），结果按日期最新或最早在上。',
  order: 58,
  settings: {
    searchType: {
      title: '查询类型默认选项',
      description: '查询表单里“查询类型”一类下拉框一开始选中的选项（按页面上显示的文字），如 投保账户手机号；留空不改。',
      default: '',
      schema: { type: 'string' },
      example: '投保账户手机号',
    },
    resultOrder: {
      title: '结果排序',
      description: 'newest：最新在上；oldest：最早在上；留空不改。通过点击日期列表头完成。',
      default: '',
      schema: { type: 'string' },
      example: 'newest',
    },
    orderColumns: {
      title: '排序用的日期列',
      description: `按哪一列排序（表头文字，依次尝试）；留空用 ${DATE_COLUMNS.join('、')}。`,
      default: [] as string[],
      schema: { type: 'array', items: { type: 'string' } },
      example: ['投保时间'],
    },
  },
  start({ signal }) {
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      timer = 0;
      busy = false;
      again = false;
      state = applied();
    });
  },
  onPage({ options, site, page, signal, fail }) {
    const want = wanted(options);
    if (!want.searchType && !want.order) return;
    followRoute(state);
    const schedule = () => {
      if (busy) again = true;
      if (timer || busy || signal.aborted) return;
      timer = window.setTimeout(() => {
        timer = 0;
        busy = true;
        // A control that behaves unlike its library makes choose()/sortBy() give up (false), not throw: what
        // throws is a fault of ours, and it switches the feature off like a throw in a pass.
        applyDefaults(want, site, page, signal).catch(fail).finally(() => {
          busy = false;
          if (again) {
            again = false;
            schedule();
          }
        });
      }, SETTLE_MS);
    };
    schedule();
  },
});
