import { afterEach, describe, expect, it } from 'vitest';
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
