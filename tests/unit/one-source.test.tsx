/**
 * Issue 8's bugs, each from two copies of one rule that disagreed: every test here failed before the
 * rule had one source.
 */
import Dexie from 'dexie';
import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { SeaKitDb } from '~/utils/db';
import { installPack } from '~/utils/packs/install';
import { trustPolicyFrom } from '~/utils/packs/trust';
import { validatePack } from '~/utils/packs/validate';
import { pageValues } from '~/utils/snippets/placeholders';
import { isStarterSnippet, STARTER_PACK_ID, visibleSnippets } from '~/utils/snippets/shelves';
import { copyToPersonal } from '~/utils/snippets/store';
import { defaultSettings } from '~/utils/settings';
import { basePack } from './packs/helpers';
import { freshDb } from './snippets/helpers';
import { startOn } from './helpers/page';
import { readAllSnippets } from '~/utils/snippets/pack-rows';

const opened: Dexie[] = [];
afterEach(async () => {
  fakeBrowser.reset();
  document.body.innerHTML = '';
  for (const d of opened.splice(0)) {
    d.close();
    await Dexie.delete(d.name);
  }
});
async function db(): Promise<SeaKitDb> {
  const d = await freshDb();
  opened.push(d);
  return d;
}

describe('visible snippets: one rule for picker, side panel and options page', () => {
  it('policy starterSnippets:false hides the starter shelf, allowPersonalSnippets:false the personal ones', async () => {
    const rows = await (await db()).snippets.toArray();
    const starter = rows.filter((s) => isStarterSnippet(s.id));
    expect(starter.length).toBeGreaterThan(0);
    const mine = { ...rows[0], id: 'mine', owner: '个人' as const };
    expect(visibleSnippets([...rows, mine], { ...defaultSettings, starterSnippets: false }).some((s) => isStarterSnippet(s.id))).toBe(false);
    expect(visibleSnippets([...rows, mine], { ...defaultSettings, allowPersonalSnippets: false })).not.toContainEqual(mine);
    expect(visibleSnippets([...rows, mine], defaultSettings)).toHaveLength(rows.length + 1);
  });

  it('the side panel / options library shows no starter snippet under that policy', async () => {
    // The library reads the extension's default database, as the side panel does.
    const { db: defaultDb } = await import('~/utils/db');
    await defaultDb.open();
    expect(await defaultDb.snippets.where('packId').equals(STARTER_PACK_ID).count()).toBeGreaterThan(0);
    await fakeBrowser.storage.managed.set({ starterSnippets: false });
    const { SnippetLibrary } = await import('~/components/snippets/Library');
    const root = document.createElement('div');
    document.body.append(root);
    render(<SnippetLibrary mode="options" />, root);
    // Policy applied: the list has settled to the shared shelves without the starter phrases.
    await vi.waitFor(() => expect(root.querySelector('[role="tab"]')?.textContent).toBe('全部 0'), { timeout: 3000 });
    expect(root.querySelectorAll('.library__list li')).toHaveLength(0);
    render(null, root);
  });
});

describe('empty values: one rule for the page core and placeholders', () => {
  it('{投保人} is never filled with 暂无, 无 or a dash the page shows for "nothing"', async () => {
    const dl = (value: string) => `<dl><dt>投保人</dt><dd>${value}</dd><dt>保单号</dt><dd>P1</dd></dl>`;
    for (const empty of ['暂无', '无', '—', '--', 'null']) {
      const core = await startOn(dl(empty), []);
      expect(pageValues(core.page), empty).toMatchObject({ 投保人: [], 保单号: ['P1'] });
    }
  });
});

describe('length limits: derived from the pack schema', () => {
  it('复制到我的话术 works for a valid pack snippet with a 60-character title', async () => {
    const d = await db();
    const title = '退'.repeat(60);
    const pack = validatePack(basePack({ snippets: [{ id: 'long', title, text: '正文' }] }) as unknown);
    await installPack(pack, { origin: { source: 'file', byPolicy: false }, policy: trustPolicyFrom({}), db: d });
    const shared = (await readAllSnippets(d)).find((s) => s.title === title)!;
    await expect(copyToPersonal(shared.id, d)).resolves.toMatchObject({ owner: '个人', title });
  });
});

describe('page API with memory', () => {
  it('find() answers from the last pass: five finds for a snippet insert scan nothing', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => `<tr><td>P${i}</td><td>人${i}</td></tr>`).join('');
    const core = await startOn(
      `<dl><dt>投保人</dt><dd>张三</dd></dl><table><thead><tr><th>保单号</th><th>被保人</th></tr></thead><tbody>${rows}</tbody></table>`,
      [],
    );
    const query = vi.spyOn(Element.prototype, 'querySelectorAll');
    const docQuery = vi.spyOn(Document.prototype, 'querySelectorAll');
    const values = pageValues(core.page);
    expect(values.投保人).toEqual(['张三']);
    expect(values.保单号).toHaveLength(30);
    expect(query.mock.calls.length + docQuery.mock.calls.length).toBe(0);
    query.mockRestore();
    docQuery.mockRestore();
  });
});
