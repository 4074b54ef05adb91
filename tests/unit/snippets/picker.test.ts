import { afterEach, describe, expect, it } from 'vitest';
import { SnippetPicker } from '~/components/snippets/picker';
import type { SearchEntry } from '~/utils/snippets/search';
import { entry } from './helpers';

const at = { left: 10, top: 10, bottom: 30 };
const shadow = () => document.querySelector('[data-seakit="snippet-picker"]')!.shadowRoot!;
const items = () => [...shadow().querySelectorAll<HTMLLIElement>('[role="option"]')];
const shown = () => items().map((li) => [li.id, li.getAttribute('aria-selected'), li.querySelector('.num')?.textContent ?? '', li.querySelector('.title')!.textContent]);

afterEach(() => document.querySelectorAll('[data-seakit]').forEach((n) => n.remove()));

describe('the picker list between keystrokes', () => {
  const library = Array.from({ length: 12 }, (_, n) => entry(`话术${n}`, `内容${n}`, { shortcut: `k${n}` }));

  it('keeps its items between keystrokes, rewriting what they show; the places past the new list go', () => {
    const chosen: SearchEntry[] = [];
    const picker = new SnippetPicker({ choose: (e) => chosen.push(e) });
    picker.open(at);
    picker.show(library.slice(0, 10), 'k');
    const before = items();
    expect(shown()[9]).toEqual(['seakit-snippet-9', 'false', '', '话术9']);

    // The next keystroke: 话术9 moves to the top, 话术0 stays second, the rest are gone, two new ones.
    const added: Node[] = [];
    const watcher = new MutationObserver((records) => records.forEach((r) => added.push(...r.addedNodes)));
    watcher.observe(shadow(), { childList: true, subtree: true });
    picker.show([library[9], library[0], library[10], library[11]], 'k1');
    expect(shown()).toEqual([
      ['seakit-snippet-0', 'true', '1', '话术9'],
      ['seakit-snippet-1', 'false', '2', '话术0'],
      ['seakit-snippet-2', 'false', '3', '话术10'],
      ['seakit-snippet-3', 'false', '4', '话术11'],
    ]);
    expect(items()).toEqual(before.slice(0, 4));
    expect(items()[0].querySelector('.key')!.textContent).toBe('k9');
    expect(items()[0].querySelector('.text')!.textContent).toBe('内容9');
    expect(shadow().querySelector('.query')!.textContent).toBe('k1');
    // Only texts changed: no element was added.
    watcher.takeRecords().forEach((r) => added.push(...r.addedNodes));
    expect(added.filter((n) => n.nodeType === Node.ELEMENT_NODE)).toEqual([]);

    // The same list again writes nothing at all.
    picker.show([library[9], library[0], library[10], library[11]], 'k1');
    expect(watcher.takeRecords()).toEqual([]);
    watcher.disconnect();

    // A click picks the entry the item shows now, and the digits pick by the new places.
    items()[1].click();
    expect(chosen).toEqual([library[0]]);
    expect(picker.at(0)).toBe(library[9]);
    items()[2].dispatchEvent(new MouseEvent('mousemove', { bubbles: true }));
    expect(picker.current()).toBe(library[10]);
    expect(items().map((li) => li.getAttribute('aria-selected'))).toEqual(['false', 'false', 'true', 'false']);

    // A longer list: the highlight goes back to the first, the new places are numbered after the old ones.
    picker.show(library.slice(0, 11), 'k');
    expect(shown().map(([id, selected, num]) => [id, selected, num])).toEqual(
      library.slice(0, 11).map((_, i) => [`seakit-snippet-${i}`, String(i === 0), i < 9 ? String(i + 1) : '']),
    );
    expect(shown().map((row) => row[3])).toEqual(library.slice(0, 11).map((e) => e.title));
  });

  it('a reused item takes the new entry\'s marks, shelf and shortcut, or drops them', () => {
    const picker = new SnippetPicker({ choose: () => undefined });
    picker.open(at);
    const personal = entry('个人话术', '正文', { owner: '个人' });
    picker.show([{ ...library[1], pinnedAt: 5 }, library[2]], '', undefined, [library[0]]);
    const line = (li: HTMLLIElement) => [...li.querySelector('.line1')!.children].map((c) => `${c.className}:${c.textContent}`);
    expect(line(items()[1])).toEqual(['num:2', 'pin:置顶', 'title:话术1', 'shelf:保·公用', 'key:k1']);
    picker.show([personal, library[3]], 'g');
    expect(line(items()[0])).toEqual(['num:1', 'title:个人话术', 'shelf:保·个人']);
    expect(items()[0].querySelector('.shelf')!.getAttribute('data-owner')).toBe('个人');
    expect(line(items()[1])).toEqual(['num:2', 'title:话术3', 'shelf:保·公用', 'key:k3']);
    picker.show([library[4]], 'g', undefined, [personal]);
    expect(line(items()[0])).toEqual(['num:1', 'hint:建议', 'title:个人话术', 'shelf:保·个人']);
    expect(line(items()[1])).toEqual(['num:2', 'title:话术4', 'shelf:保·公用', 'key:k4']);
  });

  it('marks a pinned entry and a suggestion, and a status replaces the list until a list comes back', () => {
    const picker = new SnippetPicker({ choose: () => undefined });
    picker.open(at);
    const pinned = { ...library[1], pinnedAt: 5 };
    picker.show([library[0], pinned], '', undefined, [library[2]]);
    expect(items().map((li) => li.querySelector('.hint, .pin')?.textContent ?? '')).toEqual(['建议', '', '置顶']);
    picker.show([], 'zz');
    expect(items()).toEqual([]);
    expect(shadow().querySelector('.status')!.textContent).toBe('没有与“zz”匹配的话术');
    picker.show([library[3]], 'k3');
    expect(shadow().querySelector('.status')).toBeNull();
    expect(shown()).toEqual([['seakit-snippet-0', 'true', '1', '话术3']]);
  });

  it('opens again with the items it had, refilled, and is out of the page while closed', () => {
    const picker = new SnippetPicker({ choose: () => undefined });
    picker.open(at);
    picker.show(library.slice(0, 5), '');
    const before = items();
    const host = document.querySelector('[data-seakit="snippet-picker"]')!;
    picker.move(2);
    picker.close();
    expect(document.querySelectorAll('[data-seakit="snippet-picker"]')).toHaveLength(0);
    expect(picker.isOpen).toBe(false);
    expect(picker.current()).toBeUndefined();
    expect(picker.contains(before[0])).toBe(false);
    // A late answer for the closed picker draws nothing.
    picker.show(library.slice(5, 7), 'x');
    expect(before[0].querySelector('.title')!.textContent).toBe('话术0');

    picker.open(at);
    expect([...document.querySelectorAll('[data-seakit="snippet-picker"]')]).toEqual([host]);
    expect((host as HTMLElement).style.visibility).toBe('hidden');
    picker.show(library.slice(6, 9), '');
    expect(items()).toEqual(before.slice(0, 3));
    expect(shown()).toEqual([
      ['seakit-snippet-0', 'true', '1', '话术6'],
      ['seakit-snippet-1', 'false', '2', '话术7'],
      ['seakit-snippet-2', 'false', '3', '话术8'],
    ]);
    expect(picker.contains(items()[0])).toBe(true);
    expect(picker.current()).toBe(library[6]);
  });
});
