import { afterEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import viewMoreMark from '~/entrypoints/sea.content/features/view-more-mark';
import { markKey } from '~/utils/mark-key';
import { hashKey } from '~/utils/hash';
import { $$, settle, startOn } from './helpers/page';

const list = (...policies: string[]) => `<table><thead><tr><th>保单号</th><th>操作</th></tr></thead><tbody>
  ${policies.map((p) => `<tr><td>${p}</td><td><a>查看更多</a></td></tr>`).join('')}</tbody></table>`;
const marked = () => $$('[data-seakit-viewed]').map((r) => r.querySelector('td')!.textContent);

afterEach(() => {
  document.body.innerHTML = '';
});

describe('viewed-row marks across frames and page loads', () => {
  it('keys marks with an HMAC under a per-install secret, never the number or a plain hash of it', async () => {
    const key = await markKey('BD2025100001');
    expect(key).toMatch(/^[\w-]{22}$/);
    expect(await markKey('BD2025100001')).toBe(key);
    expect(await markKey('BD2025100002')).not.toBe(key);
    const { markSecret } = await fakeBrowser.storage.local.get('markSecret');
    expect(typeof markSecret).toBe('string');
    expect(atob(markSecret as string)).toHaveLength(32);
    expect(key).not.toContain(hashKey('BD2025100001'));
  });

  it('shows a mark made in another frame at once (extension storage), and takes one away when it is gone', async () => {
    await startOn(list('P1', 'P2'), [viewMoreMark]);
    expect(marked()).toEqual([]);
    const day = (await fakeBrowser.storage.local.get('viewMarks')).viewMarks as { day: string } | undefined;
    const today = day?.day ?? new Date().toISOString().slice(0, 10);
    // Another frame's content script clicks 查看更多 on P2 and stores its key.
    await fakeBrowser.storage.local.set({ viewMarks: { day: today, keys: [await markKey('P2')] } });
    await settle();
    expect(marked()).toEqual(['P2']);
    await fakeBrowser.storage.local.set({ viewMarks: { day: today, keys: [] } });
    await settle();
    expect(marked()).toEqual([]);
  });

  it('keeps the marks of another frame when this one adds its own', async () => {
    await startOn(list('P1', 'P2'), [viewMoreMark]);
    const other = await markKey('P9');
    const now = new Date();
    const today = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
    await fakeBrowser.storage.local.set({ viewMarks: { day: today, keys: [other] } });
    $$('tbody a')[0].click();
    await settle();
    const stored = (await fakeBrowser.storage.local.get('viewMarks')).viewMarks as { keys: string[] };
    expect(stored.keys.sort()).toEqual([other, await markKey('P1')].sort());
    expect(marked()).toEqual(['P1']);
  });
});
