import { afterEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import * as phraseCheckModule from '~/entrypoints/sea.content/features/phrase-check';
import { findPhrases, handbookPhrases } from '~/utils/phrases';
import { packPhrases } from '~/utils/phrases-service';
import { SeaKitDb } from '~/utils/db';
import { $$, startOn, withLateCode } from './helpers/page';

const phraseCheck = withLateCode(phraseCheckModule);

afterEach(() => {
  document.body.innerHTML = '';
  fakeBrowser.reset();
});

describe('findPhrases', () => {
  it('finds each phrase once, in reading order, the longer one over one inside it', () => {
    const hits = findPhrases('不好意思，这个我不清楚，大概明天，大概后天。你说什么我没有听清楚', handbookPhrases);
    expect(hits.map((h) => h.text)).toEqual(['不好意思', '我不清楚', '大概', '你说什么我没有听清楚']);
    expect(hits[0].suggestion).toBe('抱歉');
  });
  it('says nothing about a clean reply', () => {
    expect(findPhrases('您好，请您稍等，我马上为您查询。', handbookPhrases)).toEqual([]);
  });
  it('no built-in suggestion uses a forbidden phrase itself', () => {
    for (const rule of handbookPhrases) expect(findPhrases(rule.suggestion ?? '', handbookPhrases), rule.text).toEqual([]);
  });
});

describe('phrase-check in a reply box', () => {
  const type = (box: HTMLTextAreaElement, text: string, isComposing = false) => {
    box.value = text;
    box.dispatchEvent(new InputEvent('input', { bubbles: true, isComposing }));
  };
  const wait = () => new Promise((r) => setTimeout(r, 250));

  it('names the phrase and what to say instead, leaves the text alone, and goes when the phrase goes', async () => {
    await startOn(`<textarea id="reply"></textarea>`, [phraseCheck]);
    const box = document.getElementById('reply') as HTMLTextAreaElement;
    type(box, '不好意思，请稍等');
    await wait();
    const notes = $$('[data-seakit="phrase-check"]');
    expect(notes).toHaveLength(1);
    expect(notes[0].textContent).toBe('服务禁语：“不好意思”→抱歉');
    expect(notes[0].getAttribute('role')).toBe('status');
    expect(box.value).toBe('不好意思，请稍等');
    type(box, '抱歉，请稍等');
    await wait();
    expect($$('[data-seakit="phrase-check"]')).toHaveLength(0);
  });

  it('waits while an IME composition is under way', async () => {
    await startOn(`<textarea id="reply"></textarea>`, [phraseCheck]);
    type(document.getElementById('reply') as HTMLTextAreaElement, '大概', true);
    await wait();
    expect($$('[data-seakit="phrase-check"]')).toHaveLength(0);
  });

  it('checks contenteditable replies too, but not single-line search inputs', async () => {
    await startOn(`<div id="rich" contenteditable="true"></div><input id="q">`, [phraseCheck]);
    const q = document.getElementById('q') as HTMLInputElement;
    q.value = '可能';
    q.dispatchEvent(new InputEvent('input', { bubbles: true }));
    await wait();
    expect($$('[data-seakit="phrase-check"]')).toHaveLength(0);
    const rich = document.getElementById('rich')!;
    rich.textContent = '估计要三天';
    rich.dispatchEvent(new InputEvent('input', { bubbles: true }));
    await wait();
    expect($$('[data-seakit="phrase-check"]')[0].textContent).toContain('“估计”');
  });
});

describe('pack phrase lists', () => {
  it('come from installed packs, with their kind', async () => {
    const database = new SeaKitDb('phrase-test');
    await database.packs.put({
      id: 'p1', name: '包', line: '保', version: 1, author: '组长', updated: '2026-11-20', source: 'file', installedAt: 1,
      phraseLists: [{ id: 'l', name: '慎用', kind: 'caution', phrases: [{ text: '保证', suggestion: '以合同为准' }] }],
    });
    expect(await packPhrases(database)).toEqual([{ text: '保证', suggestion: '以合同为准', kind: 'caution' }]);
    database.close();
  });
});
