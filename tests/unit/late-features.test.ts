/**
 * Late features (Feature.late): their code is in the writing script, not in the page script every SEA page
 * loads. The two lists agree, a frame loads the code only when the agent goes into somewhere to write or a
 * stand-in needs it, and the core swaps the stand-in for the full feature once it arrives.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PageCore } from '~/utils/page/core';
import { defineFeature, type Feature, type LateCode } from '~/utils/page/feature';
import { LateFeatures, needWritingCode, writingPlaceSeen, writingScriptMessage } from '~/utils/page/late';
import { defaultSettings, demoSite, type FeatureId } from '~/utils/settings';
import { settle } from './helpers/page';

const modules = import.meta.glob<{ default: Feature; late?: LateCode }>('../../entrypoints/sea.content/features/*.ts', { eager: true });

afterEach(() => {
  vi.restoreAllMocks();
  fakeBrowser.reset();
  delete window.seaKitLateCode;
  document.body.innerHTML = '';
});

describe('late features and the writing script', () => {
  it('a feature exports its late code exactly when it declares late, and the writing script lists exactly those', () => {
    const declared: string[] = [];
    for (const [path, module] of Object.entries(modules)) {
      expect('late' in module, path).toBe(module.default.late === true);
      if (module.default.late) declared.push(module.default.id);
    }
    expect(declared.sort()).toEqual(['phrase-check', 'snippets', 'surrender-alert']);
    const source = readFileSync('entrypoints/sea-writing.ts', 'utf8');
    const listed = /features\/\{([^}]+)\}\.ts/.exec(source)![1].split(',');
    expect(listed.sort()).toEqual(declared);
  });
});

const standIn = defineFeature({ id: 'snippets' as FeatureId, title: '话术', description: '', order: 1, late: true });
const other = defineFeature({ id: 'copy-fields' as FeatureId, title: '复制', description: '', order: 2 });
const code = (start = vi.fn()): Window['seaKitLateCode'] => ({ snippets: { start } });

describe('LateFeatures', () => {
  it('notes somewhere to write without loading for it: a reply box on screen costs the page nothing', async () => {
    window.seaKitLateCode = code();
    const arrived = vi.fn();
    const late = new LateFeatures(arrived);
    late.want([standIn, other]);
    document.body.innerHTML = '<table><tr><td>保单号</td></tr></table><input type="checkbox">';
    late.check([document.documentElement]);
    expect(writingPlaceSeen()).toBe(false);

    document.body.innerHTML = '<div class="chat"><textarea></textarea></div>';
    late.check([document.documentElement]);
    await settle();
    expect(writingPlaceSeen()).toBe(true);
    expect(arrived).not.toHaveBeenCalled();
    expect(late.resolve(standIn)).toBe(standIn);
  });

  it('loads once when a stand-in needs it, and swaps the stand-in for the full feature', async () => {
    window.seaKitLateCode = code();
    const arrived = vi.fn();
    const late = new LateFeatures(arrived);
    late.want([standIn, other]);
    needWritingCode();
    needWritingCode();
    await settle();
    expect(arrived).toHaveBeenCalledTimes(1);
    const full = late.resolve(standIn);
    expect(full).not.toBe(standIn);
    expect(full).toMatchObject({ id: 'snippets', title: '话术', late: true, start: window.seaKitLateCode!.snippets!.start });
    // The same object every time: the core restarts a feature only when it is handed another one.
    expect(late.resolve(standIn)).toBe(full);
    expect(late.resolve(other)).toBe(other);
  });

  // Iframe editors (no src, about:blank, javascript:) against iframe tabs: tests/e2e/editors.e2e.ts and classic.e2e.ts.
  it('counts a contenteditable editor as somewhere to write, not a switched-off one', () => {
    for (const [html, seen] of [
      ['<div contenteditable="false">x</div>', false],
      ['<div class="ql-editor" contenteditable="true"></div>', true],
      ['<div contenteditable>x</div>', true],
    ] as const) {
      const late = new LateFeatures(vi.fn());
      late.want([standIn]);
      document.body.innerHTML = html;
      late.check([document.documentElement]);
      expect(writingPlaceSeen(), html).toBe(seen);
    }
  });

  it('loads nothing when no late feature is switched on for the site', async () => {
    window.seaKitLateCode = code();
    const arrived = vi.fn();
    const stop = new AbortController();
    const late = new LateFeatures(arrived);
    late.want([other]);
    late.watch(stop.signal);
    document.body.innerHTML = '<textarea></textarea>';
    document.querySelector('textarea')!.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    needWritingCode();
    await settle();
    expect(arrived).not.toHaveBeenCalled();
    stop.abort();
  });

  it('loads when the agent goes into a text field, not into a checkbox', async () => {
    window.seaKitLateCode = code();
    const arrived = vi.fn();
    const late = new LateFeatures(arrived);
    const stop = new AbortController();
    late.want([standIn]);
    late.watch(stop.signal);
    document.body.innerHTML = '<input type="checkbox" id="c"><input id="t">';
    document.getElementById('c')!.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    await settle();
    expect(arrived).not.toHaveBeenCalled();
    document.getElementById('t')!.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    await settle();
    expect(arrived).toHaveBeenCalledTimes(1);
    stop.abort();
  });

  it('loads at once when a text field has focus before the page script starts (autofocus)', async () => {
    window.seaKitLateCode = code();
    const arrived = vi.fn();
    const late = new LateFeatures(arrived);
    const stop = new AbortController();
    document.body.innerHTML = '<textarea></textarea>';
    document.querySelector('textarea')!.focus();
    late.want([standIn]);
    late.watch(stop.signal);
    await settle();
    expect(arrived).toHaveBeenCalledTimes(1);
    stop.abort();
  });

  it('asks the background for the writing script, which hands over the code in this frame', async () => {
    // The background's answer, after injecting the writing script into this frame (which sets the code).
    const send = vi.spyOn(browser.runtime, 'sendMessage').mockImplementation((async () => {
      window.seaKitLateCode = code();
      return { ok: true, value: null };
    }) as never);
    const arrived = vi.fn();
    const late = new LateFeatures(arrived);
    late.want([standIn]);
    late.need();
    await vi.waitFor(() => expect(arrived).toHaveBeenCalledTimes(1));
    expect(send.mock.calls).toEqual([[{ type: writingScriptMessage.type }]]);
    expect(late.loaded).toBe(true);
  });
});

describe('PageCore and the writing-place check', () => {
  it('hands over what was added outside the lists, never the rows, before the features read the page', async () => {
    const late = new LateFeatures(vi.fn());
    late.want([standIn]);
    const seen: Element[][] = [];
    /** What the stand-in's page pass saw: the place is known before onPage runs. */
    const placeAtPagePass: boolean[] = [];
    const reader = defineFeature({ id: 'surrender-alert' as FeatureId, title: '退保', description: '', order: 3, onPage: () => void placeAtPagePass.push(writingPlaceSeen()) });
    document.body.innerHTML = '<main><table><thead><tr><th>保单号</th></tr></thead><tbody></tbody></table></main>';
    late.check([document.documentElement]);
    const core = new PageCore(demoSite, defaultSettings, (added) => {
      seen.push(added);
      late.check(added);
    });
    await core.start([standIn, reader]);
    const tbody = document.querySelector('tbody')!;
    for (let i = 0; i < 3; i++) tbody.insertAdjacentHTML('beforeend', `<tr><td>P${i}</td></tr>`);
    await settle();
    expect(seen.flat().some((el) => el.tagName === 'TR')).toBe(false);
    expect(writingPlaceSeen()).toBe(false);

    const chat = document.createElement('section');
    chat.innerHTML = '<div class="messages">客户：你好</div><div class="editor"><div contenteditable="true"></div></div>';
    document.querySelector('main')!.append(chat);
    await vi.waitFor(() => expect(placeAtPagePass.at(-1)).toBe(true));
    expect(seen.flat()).toContain(chat);
    core.stop();
  });
});

describe('PageCore.update with a late feature’s code', () => {
  it('stops the stand-in and starts the full feature in its place; the others keep running', async () => {
    const standInStart = vi.fn();
    const otherStart = vi.fn();
    const fullStart = vi.fn();
    const shown = { ...standIn, start: standInStart };
    const kept = { ...other, start: otherStart };
    document.body.innerHTML = '<p>页面</p>';
    const core = new PageCore(demoSite, defaultSettings);
    await core.start([shown, kept]);
    const standInSignal = standInStart.mock.calls[0][0].signal as AbortSignal;
    await core.update([{ ...shown, start: fullStart }, kept]);
    expect(standInSignal.aborted).toBe(true);
    expect(fullStart).toHaveBeenCalledTimes(1);
    expect(otherStart).toHaveBeenCalledTimes(1);
    expect(core.isRunning('snippets' as FeatureId)).toBe(true);
    core.stop();
  });
});
