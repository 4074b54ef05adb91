/**
 * The snippet library at scale (issue 9 point 3): the import's own steps, and the picker's first list that
 * needs no round trip at the first `//`. Timings live in the bench; these check the behaviour.
 */
import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import * as snippetsModule from '~/entrypoints/sea.content/features/snippets';
import { provideSearchFields } from '~/utils/db';
import { canonicalJson } from '~/utils/packs/canonical';
import { MAX_PACK_BYTES, PackError } from '~/utils/packs/format';
import { ingestPack } from '~/utils/packs/ingest';
import { installedBody, reverifyInstalledPacks, type ImportStep } from '~/utils/packs/install';
import { trustPolicyFrom } from '~/utils/packs/trust';
import { readPackJson } from '~/utils/packs/validate';
import { searchFieldsFor } from '~/utils/snippets/search-fields';
import { createSnippetService } from '~/utils/snippets/service';
import { snippetIndexMessage, type IndexResponse, type RetentionResponse } from '~/utils/snippets/messages';
import { templateProblems } from '~/utils/snippets/template-problems';
import { basePack } from '../packs/helpers';
import { startOn, withLateCode } from '../helpers/page';
import { entry, freshDb } from './helpers';
import { readPackSnippets, readSnippet } from '~/utils/snippets/pack-rows';

const file = { source: 'file', trustedKeys: [] };
const opened: Dexie[] = [];
const open = async () => {
  const db = await freshDb();
  opened.push(db);
  return db;
};

afterEach(async () => {
  provideSearchFields(searchFieldsFor);
  fakeBrowser.reset();
  document.body.innerHTML = '';
  for (const db of opened.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

/** The canonical JSON as it was written before (map, filter, join): the signatures in the field cover its bytes. */
function canonicalBefore(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalBefore).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalBefore((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

describe('a pack import', () => {
  it('reports each of its steps, in order, for the bench', async () => {
    const db = await open();
    const steps: ImportStep[] = [];
    await ingestPack(JSON.stringify(basePack()), { ...file, db, onStep: (step, ms) => (expect(ms).toBeGreaterThanOrEqual(0), steps.push(step)) });
    expect(steps).toEqual(['parse', 'check', 'trust', 'hash', 'search', 'write']);
  });

  it('computes each snippet’s search fields once, before the write (the write hook does not compute them again)', async () => {
    const db = await open();
    const computed: string[] = [];
    provideSearchFields((s) => (computed.push(s.title), searchFieldsFor(s)));
    await ingestPack(JSON.stringify(basePack()), { ...file, db });
    expect(computed.sort()).toEqual(['回访开场白', '回访结束语']);
    expect((await readSnippet(db, 'bao-callback:greet'))!.initials).toBe('hfkcb');
    // Installing the same pack again writes nothing, so computes nothing.
    computed.length = 0;
    expect((await ingestPack(JSON.stringify(basePack()), { ...file, db })).changed).toBe(false);
    expect(computed).toEqual([]);
    // Other writers still get them from the hook.
    await db.snippets.add({ id: 'p1', line: '保', owner: '个人', title: '欢迎语', text: '您好', tags: [], createdAt: 1, updatedAt: 1, useCount: 0 });
    expect(computed).toEqual(['欢迎语']);
    expect((await db.snippets.get('p1'))!.initials).toBe('hyy');
  });

  it('keeps the installed pack as JSON text, and switches a pack back on from it or from an older row’s object', async () => {
    const db = await open();
    const pack = basePack();
    await ingestPack(JSON.stringify(pack), { ...file, db });
    const row = (await db.packs.get(pack.id))!;
    expect(typeof row.body).toBe('string');
    expect(installedBody(row)).toEqual(pack);
    expect(installedBody({ ...row, body: pack })).toEqual(pack);
    // Switched off (agents may not add packs), then on again: the snippets come back from the kept text.
    await reverifyInstalledPacks(trustPolicyFrom({}), false, db);
    expect(await readPackSnippets(db, pack.id).then((r) => r.length)).toBe(0);
    await reverifyInstalledPacks(trustPolicyFrom({}), true, db);
    expect((await readPackSnippets(db, pack.id)).map((s) => s.title).sort()).toEqual(['回访开场白', '回访结束语']);
  });

  it('refuses a pack text over the size limit with its byte count, though short texts are not encoded to count them', () => {
    const big = JSON.stringify({ ...basePack(), description: '话'.repeat(Math.ceil(MAX_PACK_BYTES / 3) + 10) });
    expect(() => readPackJson(big)).toThrow(PackError);
    expect(() => readPackJson(big)).toThrow(/文件太大/);
    expect(readPackJson(JSON.stringify(basePack()))).toEqual(basePack());
  });

  it('hashes the same canonical bytes as before (signatures and stored hashes stay valid)', () => {
    const values = [
      basePack(),
      { b: 1, a: [1, 'x', null, { d: undefined, c: '引号"\\\n' }], e: undefined, f: [], g: {}, h: true },
      ['a', undefined, null, 2.5],
      '字',
      null,
    ];
    for (const value of values) expect(canonicalJson(value)).toBe(canonicalBefore(value));
  });

  it('finds no placeholder problem in a text without braces, and still finds them with', () => {
    expect(templateProblems('您好，请稍等')).toEqual([]);
    expect(templateProblems('您好{投保人')).toHaveLength(1);
  });
});

describe('the background’s snippet answers', () => {
  it('hands the surrender note only the retention scripts, not the library', async () => {
    const db = await open();
    await db.snippets.bulkAdd([
      { id: 'r1', line: '保', owner: '个人', title: '挽留一', text: '再考虑', tags: [], createdAt: 1, updatedAt: 1, useCount: 0 },
      { id: 'r2', line: '保', owner: '个人', title: '说明', text: '保障', tags: ['退保'], createdAt: 2, updatedAt: 2, useCount: 0 },
      { id: 'x', line: '保', owner: '个人', title: '欢迎', text: '您好', tags: ['问候'], createdAt: 3, updatedAt: 3, useCount: 0 },
    ]);
    const service = createSnippetService(db);
    await service.warm();
    const { entries } = (await service.handle({ type: 'seakit:snippets/retention' })) as RetentionResponse;
    const all = (await service.handle({ type: 'seakit:snippets/index' })) as IndexResponse;
    const ids = entries.map((e) => e.id);
    expect(ids).toEqual(expect.arrayContaining(['r1', 'r2']));
    expect(ids).not.toContain('x');
    expect(ids.length).toBeLessThan(all.entries!.length);
  });

  it('caps the retention scripts after leaving out the shelves the page’s policy hides', async () => {
    const db = await open();
    // 60 personal retention scripts come first in the library's order; the pack's one comes after them.
    await db.snippets.bulkAdd([
      ...Array.from({ length: 60 }, (_, i) => ({ id: `p${i}`, line: '保' as const, owner: '个人' as const, title: `挽留${i}`, text: '再考虑', tags: [], createdAt: i, updatedAt: i, useCount: 5 })),
      { id: 'pack-1', line: '保', owner: '公用', packId: 'team', title: '挽留（组里）', text: '再考虑', tags: ['挽留'], createdAt: 100, updatedAt: 100, useCount: 0 },
    ]);
    const service = createSnippetService(db);
    const hiddenPersonal = (await service.handle({ type: 'seakit:snippets/retention', personal: false, starter: false })) as RetentionResponse;
    expect(hiddenPersonal.entries.map((e) => e.id)).toEqual(['pack-1']);
    const everything = (await service.handle({ type: 'seakit:snippets/retention' })) as RetentionResponse;
    expect(everything.entries).toHaveLength(50);
    expect(everything.entries.every((e) => e.id.startsWith('p'))).toBe(true);
  });
});

describe('the picker’s first list', () => {
  const snippets = withLateCode(snippetsModule);
  const head = [entry('欢迎语', '您好，很高兴为您服务', { id: 'head-1' }), entry('稍等', '请您稍等', { id: 'head-2' })];
  const library = [...head, entry('理赔材料', '请准备诊断证明', { id: 'deep-1' })];

  /** A background that answers the first list at once and the whole library when `release` is called. */
  function background() {
    const asked: Array<Record<string, unknown>> = [];
    let release!: () => void;
    const whole = new Promise<void>((resolve) => (release = resolve));
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((async (message: { type: string; top?: number }) => {
      if (message.type !== snippetIndexMessage.type) return { ok: true, value: null };
      asked.push(message);
      if (message.top) return { ok: true, value: { rev: 'r1', entries: head, partial: true } };
      await whole;
      return { ok: true, value: { rev: 'r1', entries: library } };
    }) as never);
    return { asked, release };
  }

  const type = (box: HTMLTextAreaElement, value: string) => {
    box.value = value;
    box.setSelectionRange(value.length, value.length);
    box.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: value.slice(-1) }));
  };
  const options = () => [...(document.querySelector('[data-seakit="snippet-picker"]')?.shadowRoot?.querySelectorAll('[role="option"] .title') ?? [])].map((t) => t.textContent);
  const status = () => document.querySelector('[data-seakit="snippet-picker"]')?.shadowRoot?.querySelector('.status')?.textContent ?? '';

  it('is asked for when the code starts and shown in the keystroke of the first //; the whole library follows', async () => {
    const { asked, release } = background();
    await startOn('<textarea aria-label="回复"></textarea>', [snippets]);
    await vi.waitFor(() => expect(asked).toEqual([{ type: snippetIndexMessage.type, top: 30 }]));
    const box = document.querySelector('textarea')!;
    box.focus();
    type(box, '//');
    // In the same task as the keystroke: no message was waited for.
    expect(options()).toEqual(['欢迎语', '稍等']);
    // A keyword the first list does not hold waits for the library instead of saying nothing matches.
    type(box, '//lp');
    expect(status()).toBe('正在加载话术…');
    release();
    await vi.waitFor(() => expect(options()).toEqual(['理赔材料']));
    expect(asked.at(-1)).toEqual({ type: snippetIndexMessage.type });
  });
});
