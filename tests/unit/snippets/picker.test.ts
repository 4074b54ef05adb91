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

  it('keeps the items of entries still listed, renumbered in their new places; the others go', () => {
    const chosen: SearchEntry[] = [];
    const picker = new SnippetPicker({ choose: (e) => chosen.push(e) });
    picker.open(at);
    picker.show(library.slice(0, 10), 'k');
    const before = new Map(items().map((li) => [li.querySelector('.title')!.textContent, li]));
    expect(shown()[9]).toEqual(['seakit-snippet-9', 'false', '', '话术9']);

    // The next keystroke: 话术9 moves to the top, 话术0 stays second, the rest are gone, two new ones.
    picker.show([library[9], library[0], library[10], library[11]], 'k1');
    expect(shown()).toEqual([
      ['seakit-snippet-0', 'true', '1', '话术9'],
      ['seakit-snippet-1', 'false', '2', '话术0'],
      ['seakit-snippet-2', 'false', '3', '话术10'],
      ['seakit-snippet-3', 'false', '4', '话术11'],
    ]);
    expect(items()[0]).toBe(before.get('话术9'));
    expect(items()[1]).toBe(before.get('话术0'));
    expect(shadow().querySelector('.query')!.textContent).toBe('k1');

    // A click picks the entry the item shows now, and the digits pick by the new places.
    items()[1].click();
    expect(chosen).toEqual([library[0]]);
    expect(picker.at(0)).toBe(library[9]);
    items()[2].dispatchEvent(new MouseEvent('mousemove', { bubbles: true }));
    expect(picker.current()).toBe(library[10]);
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
});
