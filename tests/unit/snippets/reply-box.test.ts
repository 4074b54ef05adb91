import { describe, expect, it } from 'vitest';
import { caretIn, textBefore, type Caret } from '~/utils/snippets/reply-box';
import { openingIn, triggerAt, triggerVariants } from '~/utils/snippets/trigger';

/** A contenteditable box from HTML, with the caret at the `|` (inside a text node, or alone in an element). */
function editable(html: string): Caret {
  const box = document.createElement('div');
  box.contentEditable = 'true';
  box.innerHTML = html;
  document.body.replaceChildren(box);
  const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    const at = node.data.indexOf('|');
    if (at < 0) continue;
    if (node.data === '|') {
      const parent = node.parentNode!;
      const index = [...parent.childNodes].indexOf(node);
      node.remove();
      range.setStart(parent, index);
    } else {
      node.data = node.data.replace('|', '');
      range.setStart(node, at);
    }
    range.collapse(true);
    return { box, range };
  }
  throw new Error('no caret marker');
}

describe('text before the caret', () => {
  it('in a textarea: up to max characters before the caret', () => {
    const area = document.createElement('textarea');
    area.value = '您好//hy 后面';
    document.body.replaceChildren(area);
    area.setSelectionRange(6, 6);
    const caret = caretIn(area)!;
    expect(textBefore(caret, 10)).toBe('您好//hy');
    expect(textBefore(caret, 4)).toBe('//hy');
    area.setSelectionRange(0, 3);
    expect(caretIn(area)).toBeNull();
  });

  it('in contenteditable: across inline elements, stopping at a line break or a block', () => {
    expect(textBefore(editable('张先生，<b>您好</b>//h|y'), 20)).toBe('张先生，您好//h');
    expect(textBefore(editable('第一行<br>//hy|'), 20)).toBe('//hy');
    expect(textBefore(editable('<div>第一行</div><div>//hy|</div>'), 20)).toBe('//hy');
    expect(textBefore(editable('<p>abc</p><p>|</p>'), 20)).toBe('');
    // The caret between elements (after a <b>), as editors leave it.
    expect(textBefore(editable('好的<b>//hy</b>|'), 20)).toBe('好的//hy');
  });
});

describe('trigger', () => {
  it('also counts the forms a Chinese IME types: 、、 (Chinese punctuation mode) and ／／ (full width)', () => {
    expect(triggerVariants('//')).toEqual(['//', '／／', '、、']);
    expect(triggerVariants(';;')).toEqual([';;', '；；']);
  });

  it('is not a trigger inside a URL or glued to a word', () => {
    expect(triggerAt('//', 0)).toBe(true);
    expect(triggerAt('您好//', 2)).toBe(true);
    expect(triggerAt('好的 //', 3)).toBe(true);
    expect(triggerAt('http://', 5)).toBe(false);
    expect(triggerAt('a//', 1)).toBe(false);
    expect(triggerAt('///', 1)).toBe(false);
  });

  it('opens on a trigger typed lately, with the keys that landed before the editor was read (//j)', () => {
    const triggers = triggerVariants('//');
    expect(openingIn('//', '//', triggers, 20)).toEqual({ trigger: '//', keyword: '' });
    // The trigger completed by the key just typed (a / typed earlier, then another).
    expect(openingIn('好的//', '/', triggers, 20)).toEqual({ trigger: '//', keyword: '' });
    // CKEditor 5 / wangEditor read after the next key, or an IME committing //hy at once.
    expect(openingIn('好的，//j', '//j', triggers, 20)).toEqual({ trigger: '//', keyword: 'j' });
    expect(openingIn('//hy', 'x//hy', triggers, 20)).toEqual({ trigger: '//', keyword: 'hy' });
    // A key typed but not yet applied by the editor.
    expect(openingIn('//h', '//hy', triggers, 20)).toEqual({ trigger: '//', keyword: 'h' });
    expect(openingIn('您好、、', '、、', triggers, 20)).toEqual({ trigger: '、、', keyword: '' });
    // Old or Esc'd // text with a key typed after it, URLs, a space after the trigger, a long tail: quiet.
    expect(openingIn('//jsx', 'x', triggers, 20)).toBeUndefined();
    expect(openingIn('//js', '', triggers, 20)).toBeUndefined();
    expect(openingIn('http://', 'http://', triggers, 20)).toBeUndefined();
    expect(openingIn('// 好', '// 好', triggers, 20)).toBeUndefined();
    expect(openingIn(`//${'a'.repeat(21)}`, `//${'a'.repeat(21)}`, triggers, 20)).toBeUndefined();
  });
});
