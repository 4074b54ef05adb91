/**
 * First open (issue 12): the options page and the side panel read their data beside their code and render
 * once, with it. The reads started before the render are handed to it (no loading state, no second read),
 * and a read that hangs or fails never keeps the page blank.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import Dexie from 'dexie';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startLive, useLiveQuery } from '~/components/snippets/useLive';
import { firstData } from '~/utils/first-data';
import { useEffectiveSettings } from '~/components/useSettings';

afterEach(() => {
  vi.restoreAllMocks();
  fakeBrowser.reset();
  vi.useRealTimers();
  document.body.innerHTML = '';
});

function mount(node: preact.ComponentChild): HTMLElement {
  const root = document.createElement('div');
  document.body.append(root);
  render(node, root);
  return root;
}

describe('a live query started before the first render', () => {
  it('is the first render\'s content, read once, and keeps following the database', async () => {
    const db = new Dexie(`first-render-${Math.random()}`);
    db.version(1).stores({ rows: 'id' });
    await db.table('rows').bulkAdd([{ id: 1, name: '欢迎语' }, { id: 2, name: '结束语' }]);
    let reads = 0;
    const query = () => {
      reads++;
      return db.table('rows').toArray();
    };
    await startLive('rows-test', query);
    function Rows() {
      const { value } = useLiveQuery(query, [], 'rows-test');
      return <ul>{value ? value.map((r) => <li key={r.id}>{r.name}</li>) : <li>正在读取…</li>}</ul>;
    }
    const root = mount(<Rows />);
    // The very first render, before any effect or read of its own.
    expect([...root.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['欢迎语', '结束语']);
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
    });
    expect(reads).toBe(1);
    await act(async () => {
      await db.table('rows').add({ id: 3, name: '催缴' });
    });
    await vi.waitFor(() => expect(root.querySelectorAll('li')).toHaveLength(3));
    render(null, root);
    db.close();
  });

  it('without a start, the component reads on its own (a section opened later, a remount)', async () => {
    const db = new Dexie(`first-render-${Math.random()}`);
    db.version(1).stores({ rows: 'id' });
    await db.table('rows').add({ id: 1, name: '欢迎语' });
    function Rows() {
      const { value } = useLiveQuery(() => db.table('rows').toArray(), [], 'never-started');
      return <p>{value ? value.length : '正在读取…'}</p>;
    }
    const root = mount(<Rows />);
    expect(root.textContent).toBe('正在读取…');
    await vi.waitFor(() => expect(root.textContent).toBe('1'));
    render(null, root);
    db.close();
  });
});

describe('settings read before the first render', () => {
  it('are there in the first render once primed', async () => {
    await fakeBrowser.storage.local.set({ settings: { snippetTrigger: ';;' } });
    vi.resetModules();
    const { primeSettings } = await import('~/utils/settings-store');
    const { useEffectiveSettings: useFresh } = await import('~/components/useSettings');
    await primeSettings();
    function Trigger() {
      return <p>{useFresh().value?.settings.snippetTrigger ?? '正在读取…'}</p>;
    }
    expect(mount(<Trigger />).textContent).toBe(';;');
  });

  it('are read by the component itself when the page did not prime them', async () => {
    function Trigger() {
      return <p>{useEffectiveSettings().value?.settings.snippetTrigger ?? '正在读取…'}</p>;
    }
    const root = mount(<Trigger />);
    expect(root.textContent).toBe('正在读取…');
    await vi.waitFor(() => expect(root.textContent).toBe('//'));
  });
});

describe('the options page\'s first script', () => {
  it('starts the settings read itself, and the settings code merges that read instead of reading again', async () => {
    await fakeBrowser.storage.local.set({ settings: { snippetTrigger: ';;' } });
    vi.resetModules();
    const get = vi.spyOn(fakeBrowser.storage.local, 'get');
    const { loadFirstSection } = await import('~/entrypoints/options/sections');
    const first = loadFirstSection('sites');
    // Asked for at once: not once the section's code or the settings code (the shared `ui` chunk) has arrived.
    expect(get).toHaveBeenCalledTimes(1);
    const { primeSettings, primedSettings } = await import('~/utils/settings-store');
    await Promise.all([first.section, primeSettings(first.stored)]);
    expect(get).toHaveBeenCalledTimes(1);
    expect(primedSettings()?.settings.snippetTrigger).toBe(';;');
  });

  it('starts the 话术包 view\'s cached list read too, and the view paints from that read', async () => {
    await fakeBrowser.storage.local.set({ packList: [{ key: 'pack:p1', pack: { id: 'p1', name: '续期话术', line: 'bao', version: 2, author: '组长', updated: '2026-11-01', productCount: 0, glossaryCount: 0 }, snippetCount: 3 }] });
    vi.resetModules();
    const get = vi.spyOn(fakeBrowser.storage.local, 'get');
    const { loadFirstSection } = await import('~/entrypoints/options/sections');
    const first = loadFirstSection('packs');
    // Both asked for at once, before any of the section's code has arrived.
    expect(get.mock.calls.map(([keys]) => keys)).toEqual(expect.arrayContaining(['packList', ['settings', 'policyCache']]));
    expect(get).toHaveBeenCalledTimes(2);
    const { primeSettings } = await import('~/utils/settings-store');
    await Promise.all([first.section, primeSettings(first.stored)]);
    expect(get).toHaveBeenCalledTimes(2);
    const { PacksSection } = await import('~/components/options/PacksSection');
    const root = mount(<PacksSection />);
    // The very first render: the cached list, no loading state.
    expect(root.querySelector('[data-pack="p1"] h2')?.textContent).toContain('续期话术');
    render(null, root);
  });
});

describe('firstData', () => {
  it('settles with the reads, a failed read too (the view then says what went wrong)', async () => {
    await expect(firstData(Promise.resolve([1]))).resolves.toBeUndefined();
    await expect(firstData(Promise.reject(new Error('磁盘已满')))).resolves.toBeUndefined();
  });

  it('gives up waiting after 2 s: a read another tab blocks never leaves the page on its bare frame', async () => {
    vi.useFakeTimers();
    let settled = false;
    void firstData(new Promise(() => {})).then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(1900);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(200);
    expect(settled).toBe(true);
  });
});
