import { defineFeature, type FormField, type PageApi } from '~/utils/page/feature';
import { choose, keepAgentChoice } from '~/utils/page/controls';
import { createInjected } from '~/utils/page/inject';
import { controlText, isInjected, ownText } from '~/utils/page/text';
import { setControlValue } from '~/utils/input';
import { hashKey } from '~/utils/hash';
import { sessionGet, sessionRemove, sessionSet } from '~/utils/session-store';

/** Seed item 43: after 查看日志 agents had to search for the policy all over again. */

/** Where the agent was when they opened a log: enough to show that view again without retyping. */
interface Trail {
  url: string;
  fields: FormField[];
  /** The search form's dropdowns (查询类型) and what each showed; absent in trails kept before they were. */
  choices?: FormField[];
  /** A results table was on screen. */
  searched: boolean;
  at: number;
  /** Set when 返回保单 was clicked: the page script instance that clicked it, and when. */
  by?: string;
  returnAt?: number;
}

/** This page script instance (one per frame and page load). */
const INSTANCE = crypto.randomUUID();

const TRAIL_TTL_MS = 8 * 60 * 60 * 1000;
const PENDING = 'logReturn:pending';
const LAST = 'logReturn:last';
const trailKey = (policyNo: string) => `logReturn:${hashKey(policyNo)}`;
/** Navigation and menus may say 日志 too; only the page's own heading, tab or breadcrumb counts. */
const CHROME = [
  'nav:not([class*="breadcrumb"]):not([aria-label*="breadcrumb"]):not([aria-label*="面包屑"])', 'aside',
  '[role="menu"]', '[role="menubar"]', '.el-menu', '.ant-menu', '.ant-layout-sider', '.sidebar', '.sider', '.menu', '.side-menu',
].join(', ');
const HEADINGS = 'h1, h2, h3, h4, h5, h6, [role="heading"], [class*="title"]';
const TABS = '[role="tab"][aria-selected="true"], .is-active[class*="tabs__item"], .ant-tabs-tab-active';
const BREADCRUMB_ITEMS = '[class*="breadcrumb"] > :last-child, [aria-label*="breadcrumb"] li:last-child, [aria-current="page"]';

function mentionsLog(el: Element): boolean {
  const text = ownText(el);
  // A header holding a 查看日志 button is the view the log is opened from, not the log.
  return text.includes('日志') && text.length < 40 && !el.closest(CHROME) && !isInjected(el) &&
    !el.querySelector('button, a, [role="button"], input');
}

const OWN_BUTTON = '[data-seakit="log-return"]';
/** One walk for all of them, around the lists' rows (the page core remembers it for the pass). */
const LANDMARKS = `${HEADINGS}, ${BREADCRUMB_ITEMS}, ${TABS}, ${OWN_BUTTON}`;

/** Every heading, breadcrumb item and active tab that says this view is a log, in that order of preference. */
function logMentions(page: PageApi): Element[] {
  const found = page.outsideLists(LANDMARKS).filter((el) => !el.matches(OWN_BUTTON) && mentionsLog(el));
  return [HEADINGS, BREADCRUMB_ITEMS, TABS].flatMap((selector) => found.filter((el) => el.matches(selector)));
}

/** The back buttons already on the page. */
const ownButtons = (page: PageApi) => page.outsideLists(LANDMARKS).filter((el) => el.matches(OWN_BUTTON)) as HTMLElement[];

/** Where the button goes: after the heading, after the whole breadcrumb, or after the tab bar. */
function placeAfter(mention: Element): Element {
  if (mention.matches(HEADINGS)) return mention;
  if (mention.matches(BREADCRUMB_ITEMS)) return mention.closest('[class*="breadcrumb"], nav') ?? mention;
  return mention.closest('[role="tablist"]')?.parentElement ?? mention;
}

const INLINE_POLICY = /保单(?:号|编号|号码)\s*[:：]\s*([A-Za-z0-9-]{6,})/;
/** A policy number written into the log's own title or tab: 操作日志（BD2025000102）. */
const BARE_POLICY = /[A-Za-z]{0,6}\d{8,}/;

function policyOnPage(page: PageApi, mentions: Element[] = []): string | null {
  const field = page.find('policyNo').find((f) => f.value);
  if (field) return field.value;
  const inline = INLINE_POLICY.exec(document.body.innerText)?.[1];
  if (inline) return inline;
  for (const mention of mentions) {
    const bare = BARE_POLICY.exec(ownText(mention))?.[0];
    if (bare) return bare;
  }
  return null;
}

async function rememberTrail(page: PageApi, control: Element): Promise<void> {
  const scope = page.scopeOf(control);
  const policyNo = scope?.fields.find((f) => f.kind === 'policyNo' && f.value)?.value ?? policyOnPage(page);
  const form = page.searchForm();
  const trail: Trail = {
    url: location.href,
    fields: form.fields,
    choices: form.choices.map(({ label, index, value }) => ({ label, index, value })),
    searched: form.fields.length > 0 && page.tables().length > 0,
    at: Date.now(),
  };
  await sessionSet(LAST, trail);
  if (policyNo) await sessionSet(trailKey(policyNo), trail);
}

function sameView(a: string, b: string): boolean {
  const x = new URL(a);
  const y = new URL(b);
  return x.origin === y.origin && x.pathname === y.pathname && x.search === y.search && x.hash === y.hash;
}

async function goBack(page: PageApi, button: HTMLElement): Promise<void> {
  const policyNo = policyOnPage(page, logMentions(page));
  const trail = (policyNo && (await sessionGet<Trail>(trailKey(policyNo)))) || (await sessionGet<Trail>(LAST));
  if (!trail || Date.now() - trail.at > TRAIL_TTL_MS) {
    if (history.length > 1) history.back();
    else button.textContent = '未找到打开日志前的页面';
    return;
  }
  await sessionSet(PENDING, { ...trail, by: INSTANCE, returnAt: Date.now() } satisfies Trail);
  awaitingRestore = true;
  const from = location.href;
  if (window !== window.top) {
    // In a frame (an admin's tab or dialog iframe), history.back() walks the whole tab's joint history
    // and may take another frame back: go to the remembered view in this frame instead.
    location.assign(trail.url);
    return;
  }
  if (sameView(from, trail.url)) {
    // The app switched views without changing the URL: going back in history would leave it.
    // Its start view is where the log was opened from; the pending trail refills it.
    location.reload();
    return;
  }
  if (history.length <= 1) return location.assign(trail.url);
  // history.back() may land elsewhere (a longer path) or nowhere (a new tab): then go to the remembered view
  // directly. Judged once, when the back step lands: a later check would fight the agent's own next clicks.
  const landed = () => {
    clearTimeout(nothingHappened);
    if (!sameView(location.href, trail.url)) location.assign(trail.url);
  };
  const nothingHappened = setTimeout(() => {
    window.removeEventListener('popstate', landed);
    if (location.href === from) location.assign(trail.url);
  }, 600);
  window.addEventListener('popstate', landed, { once: true });
  history.back();
}

const DIALOG = '[role="dialog"], .el-dialog, .el-drawer, .ant-modal, .ant-drawer';
const DIALOG_CLOSE = '[aria-label="Close"], [aria-label="关闭"], .el-dialog__headerbtn, .el-drawer__close-btn, .ant-modal-close, .ant-drawer-close';

/** A log shown in a dialog over the search or detail: closing it is the way back. */
function closeDialog(dialog: Element): void {
  const close = dialog.querySelector<HTMLElement>(DIALOG_CLOSE);
  if (close) close.click();
  else dialog.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
}

/** A restore under way in this frame: page passes meanwhile do not start another. */
let restoring: Promise<void> | null = null;
/** A way back was taken (here or before this page loaded): the next views may be the one to refill. */
let awaitingRestore = false;

function restore(page: PageApi): void {
  restoring ??= restoreOnce(page).finally(() => {
    restoring = null;
  });
}

/**
 * Whether this page is where 返回保单 leads: the same page script that clicked it (a single-page app
 * switching views), or a page loaded after the click (a full page load, in this frame). Another frame
 * or tab showing the same view from before never takes the trail.
 */
function isReturnTarget(trail: Trail): boolean {
  return trail.by === INSTANCE || performance.timeOrigin >= (trail.returnAt ?? 0);
}

/** Back on the remembered view: fill the search form as it was and show the results again (once). */
async function restoreOnce(page: PageApi): Promise<void> {
  const trail = await sessionGet<Trail>(PENDING);
  if (!trail || !isReturnTarget(trail)) return void (awaitingRestore = false);
  if (!sameView(location.href, trail.url)) return;
  if (Date.now() - trail.at > TRAIL_TTL_MS) {
    awaitingRestore = false;
    return void sessionRemove(PENDING);
  }
  const form = page.searchForm();
  const wanted = trail.fields.filter((f) => f.value);
  // The view has not rendered yet: the next page pass tries again.
  if ((wanted.length && !form.inputs.length) || (trail.searched && !form.button)) return;
  awaitingRestore = false;
  await sessionRemove(PENDING);
  let changed = false;
  // Dropdowns first: a new search type may clear or re-render the text box beside it.
  // A labelled one by its label only: the page size select of a list not shown yet must not stand in for it.
  for (const saved of trail.choices ?? []) {
    if (!saved.value) continue;
    const choice = saved.label ? form.choices.find((c) => c.label === saved.label) : form.choices[saved.index];
    if (!choice) continue;
    // Also when it shows the agent's choice already: search-defaults must not put its default over it.
    keepAgentChoice(choice.control.el);
    if (choice.value !== saved.value && (await choose(choice.control, saved.value))) changed = true;
  }
  // Read again after a dropdown changed: the page may have drawn new text boxes.
  const { inputs, fields } = changed ? page.searchForm() : form;
  const labels = fields.map((f) => f.label);
  for (const saved of wanted) {
    const byLabel = saved.label ? labels.indexOf(saved.label) : -1;
    const input = inputs[byLabel >= 0 ? byLabel : saved.index];
    if (input && input.value !== saved.value) {
      setControlValue(input, saved.value);
      changed = true;
    }
  }
  if (trail.searched && (changed || !page.tables().length)) {
    // A full page load: its scripts bind the search handler when the page has loaded (jQuery's ready).
    if (document.readyState !== 'complete') await new Promise((resolve) => window.addEventListener('load', resolve, { once: true }));
    // Let the framework commit the new model values before its search handler reads them.
    await new Promise((resolve) => setTimeout(resolve, 50));
    page.searchForm().button?.click();
  }
}

export default defineFeature({
  id: 'log-return',
  title: '日志返回',
  description: '在操作日志页加“返回保单”，回到原详情或原查询结果，无需重新搜索。',
  order: 60,
  // Log views, the view being refilled after a way back, and views still showing a back button to take away.
  include: (page) => awaitingRestore || logMentions(page).length > 0 || ownButtons(page).length > 0,
  async start({ signal, page }) {
    const pending = await sessionGet<Trail>(PENDING);
    awaitingRestore = !!pending && isReturnTarget(pending);
    document.addEventListener(
      'click',
      (event) => {
        const target = event.target instanceof Element ? event.target : null;
        const control = target?.closest('button, a, [role="button"], [role="tab"], span, div');
        if (!control || isInjected(control) || !controlText(control).includes('日志') || controlText(control).length > 8) return;
        void rememberTrail(page, control);
      },
      { capture: true, signal },
    );
  },
  onPage({ page }) {
    restore(page);
    const mentions = logMentions(page);
    const anchor = mentions[0] && placeAfter(mentions[0]);
    const existing = ownButtons(page);
    if (!anchor || !policyOnPage(page, mentions)) {
      for (const el of existing) el.remove();
      return;
    }
    if (existing[0]?.previousElementSibling === anchor) {
      for (const extra of existing.slice(1)) extra.remove();
      return;
    }
    for (const el of existing) el.remove();
    const button = createInjected('button', 'log-return', '返回保单');
    button.type = 'button';
    button.title = '回到打开日志前的保单详情或查询结果';
    button.addEventListener('click', (event) => {
      event.preventDefault();
      event.stopPropagation();
      const dialog = button.closest(DIALOG);
      if (dialog) closeDialog(dialog);
      else void goBack(page, button);
    });
    anchor.insertAdjacentElement('afterend', button);
  },
});
