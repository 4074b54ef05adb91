import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import logReturn from '~/entrypoints/sea.content/features/log-return';
import { settle, startOn } from './helpers/page';
import { PageScanner } from '~/utils/page/scan';
import { PageMemory } from '~/utils/page/memory';
import { defaultSettings, demoSite } from '~/utils/settings';

afterEach(() => {
  document.body.innerHTML = '';
});

describe('log-return restore', () => {
  it('refills the search and clicks 查询 once, however many page passes and starts race for it', async () => {
    let searches = 0;
    const pending = {
      url: location.href,
      fields: [{ label: '保单号', index: 0, value: 'BD2025100002' }],
      searched: true,
      at: Date.now(),
      by: 'another-page-load',
      returnAt: 0,
    };
    await fakeBrowser.storage.session.set({ 'logReturn:pending': pending });
    const html = `<form><label for="no">保单号</label><input id="no" type="text"><button type="button">查询</button></form><div id="out"></div>`;
    const count = (e: Event) => (e.target as Element).tagName === 'BUTTON' && searches++;
    document.addEventListener('click', count);
    // Two starts in a row (a settings change restarting the features) and a burst of re-renders.
    const core = await startOn(html, [logReturn]);
    await core.update([]);
    await core.update([logReturn]);
    for (let i = 0; i < 5; i++) {
      document.getElementById('out')!.append(document.createElement('p'));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await settle();
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect((document.getElementById('no') as HTMLInputElement).value).toBe('BD2025100002');
    expect(searches).toBe(1);
    expect((await fakeBrowser.storage.session.get('logReturn:pending'))['logReturn:pending']).toBeUndefined();
    document.removeEventListener('click', count);
  });

  it('two page passes at the same moment restore once', async () => {
    document.body.innerHTML = `<form><label for="no">保单号</label><input id="no" type="text"><button type="button">查询</button></form>`;
    let searches = 0;
    document.querySelector('button')!.addEventListener('click', () => searches++);
    await fakeBrowser.storage.session.set({
      'logReturn:pending': { url: location.href, fields: [{ label: '保单号', index: 0, value: 'BD9' }], searched: true, at: Date.now(), by: 'x', returnAt: 0 },
    });
    const ctx = { site: demoSite, settings: defaultSettings, signal: new AbortController().signal, page: new PageMemory(new PageScanner()), options: {}, fail: () => {} };
    logReturn.onPage!(ctx);
    logReturn.onPage!(ctx);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(searches).toBe(1);
  });

  it('leaves a trail meant for another page load alone (a frame showing the same view from before)', async () => {
    let searches = 0;
    await startOn(`<form><label for="no">保单号</label><input id="no" type="text"><button type="button">查询</button></form>`, []);
    document.querySelector('button')!.addEventListener('click', () => searches++);
    await fakeBrowser.storage.session.set({
      'logReturn:pending': { url: location.href, fields: [{ label: '保单号', index: 0, value: 'X1' }], searched: true, at: Date.now(), by: 'other', returnAt: Date.now() + 60_000 },
    });
    await startOn(`<form><label for="no">保单号</label><input id="no" type="text"><button type="button">查询</button></form>`, [logReturn]);
    document.querySelector('button')!.addEventListener('click', () => searches++);
    await settle();
    expect(searches).toBe(0);
    expect((document.getElementById('no') as HTMLInputElement).value).toBe('');
  });
});

describe('log-return: the search-type dropdown', () => {
  const searchView = (searched = '') => `<form><label for="type">查询类型</label>
      <select id="type"><option>保单号</option><option>投保账户手机号</option><option>投保人证件号</option></select>
      <label for="q">查询内容</label><input id="q" type="text" value="${searched}"><button type="button">查询</button></form>
    <table><thead><tr><th>保单号</th><th>操作</th></tr></thead>
      <tbody><tr><td>BD2025100002</td><td><button type="button" id="log">查看日志</button></td></tr></tbody></table>`;
  const select = () => document.getElementById('type') as HTMLSelectElement;
  const query = () => document.getElementById('q') as HTMLInputElement;

  it('remembers what the search-type select showed and chooses it again, before refilling the text and searching', async () => {
    await fakeBrowser.storage.session.remove(['logReturn:pending', 'logReturn:last']);
    await startOn(searchView('110101199003077777'), [logReturn]);
    select().value = '投保人证件号';
    document.getElementById('log')!.click();
    await settle();
    const trail = (await fakeBrowser.storage.session.get('logReturn:last'))['logReturn:last'] as Record<string, unknown>;
    expect(trail.choices).toEqual([{ label: '查询类型', index: 0, value: '投保人证件号' }]);

    // Back on a fresh search view: the select starts on its first option, the text box empty.
    await fakeBrowser.storage.session.set({ 'logReturn:pending': { ...trail, by: 'another-page-load', returnAt: 0 } });
    const steps: string[] = [];
    const log = (e: Event) => steps.push(`${e.type} ${(e.target as HTMLElement).id || (e.target as HTMLElement).textContent}`);
    for (const type of ['change', 'input', 'click']) document.addEventListener(type, log, true);
    await startOn(searchView(), [logReturn]);
    await vi.waitFor(() => expect(steps).toContain('click 查询'), { timeout: 3000, interval: 50 });
    for (const type of ['change', 'input', 'click']) document.removeEventListener(type, log, true);
    expect(select().value).toBe('投保人证件号');
    expect(query().value).toBe('110101199003077777');
    expect(steps.filter((s) => !s.startsWith('input type'))).toEqual(['change type', 'input q', 'change q', 'click 查询']);
  });

  it('search-defaults leaves the restored search type alone: the results are for what the select shows', async () => {
    const { default: searchDefaults } = await import('~/entrypoints/sea.content/features/search-defaults');
    await fakeBrowser.storage.session.set({
      'logReturn:pending': {
        url: location.href, fields: [{ label: '查询内容', index: 0, value: '110101199003077777' }],
        choices: [{ label: '查询类型', index: 0, value: '投保人证件号' }], searched: true, at: Date.now(), by: 'x', returnAt: 0,
      },
    });
    let searches = 0;
    const count = (e: Event) => (e.target as Element).textContent === '查询' && searches++;
    document.addEventListener('click', count);
    await startOn(searchView(), [logReturn, searchDefaults], { rules: { searchType: '投保账户手机号' } });
    await vi.waitFor(() => expect(searches).toBe(1), { timeout: 3000, interval: 50 });
    // search-defaults acts once the page has settled (300 ms).
    await new Promise((resolve) => setTimeout(resolve, 700));
    document.removeEventListener('click', count);
    expect(select().value).toBe('投保人证件号');
    expect(query().value).toBe('110101199003077777');
  });

  it('a trail kept before dropdowns were remembered still refills the text and leaves the select as it is', async () => {
    await fakeBrowser.storage.session.set({
      'logReturn:pending': { url: location.href, fields: [{ label: '查询内容', index: 0, value: 'BD7' }], searched: true, at: Date.now(), by: 'x', returnAt: 0 },
    });
    let searches = 0;
    const count = (e: Event) => (e.target as Element).textContent === '查询' && searches++;
    document.addEventListener('click', count);
    await startOn(searchView(), [logReturn]);
    await vi.waitFor(() => expect(searches).toBe(1), { timeout: 3000, interval: 50 });
    document.removeEventListener('click', count);
    expect(query().value).toBe('BD7');
    expect(select().value).toBe('保单号');
  });
});
