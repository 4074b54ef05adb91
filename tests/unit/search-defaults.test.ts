/**
 * search-defaults on hand-made pages: a native search-type select and a sortable date header wired like a
 * framework's (state in script, the DOM re-rendered from it). The defaults go through the controls' own
 * events, once per view appearance; what the agent changes afterwards stays; pages without the controls and
 * sites without settings are left alone.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import searchDefaults from '~/entrypoints/sea.content/features/search-defaults';
import { choiceControls, shownChoice, sortHeaders, sortOrderOf } from '~/utils/page/controls';
import { $, startOn } from './helpers/page';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** The feature waits for the page to settle (300 ms) before it touches a control. */
const settled = () => wait(700);
/** Waits (up to 5 s, the machine may be busy) until the page shows what a test expects. */
const until = (test: () => boolean) => vi.waitFor(() => expect(test()).toBe(true), { timeout: 5000, interval: 50 });

const ORDERS = [null, 'ascending', 'descending'] as const;

/** A search view as a framework renders it: the select and the header reflect state, events change state. */
function mountSearchView() {
  const state = { type: 'policyNo', order: 0, changes: 0, sortClicks: 0, renders: 0 };
  const render = () => {
    // A re-render queued by the last click can come after the test has cleared the page.
    if (!document.getElementById('type')) return;
    state.renders++;
    const select = $('#type') as HTMLSelectElement;
    select.value = state.type;
    const th = $('#applied');
    th.className = `is-sortable ${ORDERS[state.order] ?? ''}`.trim();
    $('#count').textContent = String(state.renders);
  };
  document.body.insertAdjacentHTML('beforeend', `
    <form><label for="type">查询类型</label>
      <select id="type"><option value="policyNo">保单号</option><option value="phone">投保账户手机号</option><option value="id">投保人证件号</option></select>
      <input aria-label="查询内容"><select id="channel"><option>全部渠道</option><option>APP</option></select>
    </form>
    <table><thead><tr><th>保单号</th><th id="applied"><div class="cell">投保时间<span class="caret-wrapper"></span></div></th></tr></thead>
      <tbody><tr><td>P0001</td><td>2025-10-01</td></tr></tbody></table><span id="count"></span>`);
  $('#type').addEventListener('change', (e) => {
    state.type = (e.target as HTMLSelectElement).value;
    state.changes++;
    render();
  });
  $('#applied').addEventListener('click', () => {
    state.order = (state.order + 1) % 3;
    state.sortClicks++;
    setTimeout(render, 10); // frameworks re-render a tick later
  });
  render();
  return state;
}

afterEach(() => {
  document.body.innerHTML = '';
  history.replaceState(null, '', '/');
  vi.restoreAllMocks();
});

const site = (rules: Record<string, unknown>) => ({ rules });

describe('page controls', () => {
  it('reads native selects and sort headers as the agent sees them', () => {
    document.body.innerHTML = `<select id="s"><option>保 单 号</option><option selected>投保账户手机号</option></select>
      <select multiple><option>x</option></select>
      <table><thead><tr><th class="is-sortable descending">投保时间<i class="sort-caret"></i></th><th>申请时间</th>
      <th aria-sort="ascending">创建时间</th><th><div class="th-inner sortable both desc">提交时间</div></th></tr></thead></table>`;
    const controls = choiceControls();
    expect(controls.map((c) => c.kind)).toEqual(['native']);
    expect(shownChoice(controls[0])).toBe('投保账户手机号');
    const headers = sortHeaders(new Set(['投保时间', '申请时间', '创建时间', '提交时间']));
    // 申请时间 has no sort control: never clicked.
    expect(headers.map((h) => h.textContent)).toEqual(['投保时间', '创建时间', '提交时间']);
    expect(headers.map(sortOrderOf)).toEqual(['descending', 'ascending', 'descending']);
  });
});

describe('search-defaults', { timeout: 20_000 }, () => {
  it('starts the search-type select on the configured option and sorts newest first, through the page’s events', async () => {
    await startOn('', [searchDefaults], site({ searchType: '投保账户手机号', resultOrder: 'newest' }));
    const state = mountSearchView();
    await until(() => ORDERS[state.order] === 'descending');
    expect(state.type).toBe('phone');
    expect(state.changes).toBe(1);
    expect(state.sortClicks).toBe(2);
    // The other dropdown has no such option: untouched.
    expect(($('#channel') as HTMLSelectElement).value).toBe('全部渠道');
  });

  it('sorts oldest first on a configured column', async () => {
    await startOn('', [searchDefaults], site({ resultOrder: 'oldest', orderColumns: ['投保时间'] }));
    const state = mountSearchView();
    await until(() => ORDERS[state.order] === 'ascending');
    await settled();
    expect(state.sortClicks).toBe(1);
    expect(state.type).toBe('policyNo');
    expect(state.changes).toBe(0);
  });

  it('leaves what the agent changed afterwards, through re-renders, and applies again when the view appears again', async () => {
    await startOn('', [searchDefaults], site({ searchType: '投保账户手机号', resultOrder: 'newest' }));
    const state = mountSearchView();
    await until(() => ORDERS[state.order] === 'descending');
    await settled();
    // The agent goes back to 保单号 and to ascending, and the page re-renders around it.
    const select = $('#type') as HTMLSelectElement;
    select.value = 'policyNo';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    $('#applied').click();
    $('#applied').click();
    await wait(50);
    expect(ORDERS[state.order]).toBe('ascending');
    document.body.insertAdjacentHTML('beforeend', '<p class="toast">查询成功</p>');
    await settled();
    expect(state.type).toBe('policyNo');
    expect(ORDERS[state.order]).toBe('ascending');
    // Another view, then the search view again (new elements): the defaults once more.
    document.body.innerHTML = '<h2>保单详情</h2>';
    history.pushState(null, '', '/policy/1');
    dispatchEvent(new PopStateEvent('popstate'));
    await settled();
    history.pushState(null, '', '/search');
    dispatchEvent(new PopStateEvent('popstate'));
    const again = mountSearchView();
    await until(() => ORDERS[again.order] === 'descending');
    expect(again.type).toBe('phone');
  });

  it('does nothing without settings, or where the page has no such control', async () => {
    await startOn('', [searchDefaults], site({}));
    const state = mountSearchView();
    await settled();
    expect([state.type, state.order, state.changes, state.sortClicks]).toEqual(['policyNo', 0, 0, 0]);

    const error = vi.spyOn(console, 'error');
    const warn = vi.spyOn(console, 'warn');
    await startOn('<select id="channel"><option>全部渠道</option><option>APP</option></select><table><thead><tr><th>投保时间</th></tr></thead><tbody><tr><td>2025</td></tr></tbody></table>',
      [searchDefaults], site({ searchType: '投保账户手机号', resultOrder: 'newest' }));
    const before = document.body.innerHTML;
    await settled();
    expect(document.body.innerHTML).toBe(before);
    expect(error).not.toHaveBeenCalled();
    expect(warn).not.toHaveBeenCalled();
  });

  it('ignores settings of the wrong shape (policy typos)', async () => {
    await startOn('', [searchDefaults], site({ searchType: 42, resultOrder: 'sideways', orderColumns: 'x' }));
    const state = mountSearchView();
    await settled();
    expect([state.changes, state.sortClicks]).toEqual([0, 0]);
  });
});
