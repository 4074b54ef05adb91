import { defineFeature } from '~/utils/page/feature';
import { insertIntoControl } from '~/utils/input';

/** Seed item 19: a policy number copied from chat carries spaces, tabs or a newline and the search finds nothing. */
const EDGE_SPACE = /^[\s\u3000\u00a0\u200b-\u200d\u2060\ufeff]+|[\s\u3000\u00a0\u200b-\u200d\u2060\ufeff]+$/g;

export function trimPasted(text: string): string {
  return text.replace(EDGE_SPACE, '');
}

const SINGLE_LINE_TYPES = new Set(['text', 'search', 'tel', 'number', '']);

function isSingleLineInput(el: EventTarget | null): el is HTMLInputElement {
  return el instanceof HTMLInputElement && SINGLE_LINE_TYPES.has(el.getAttribute('type')?.toLowerCase() ?? '');
}

export default defineFeature({
  id: 'paste-trim',
  title: '粘贴去空格',
  description: '粘贴到单行输入框时自动去掉首尾空格、换行和全角空格。',
  order: 20,
  start({ signal }) {
    document.addEventListener(
      'paste',
      (event) => {
        const target = event.composedPath()[0] ?? event.target;
        if (!isSingleLineInput(target) || target.readOnly || target.disabled) return;
        const pasted = event.clipboardData?.getData('text/plain');
        if (pasted === undefined) return;
        const trimmed = trimPasted(pasted);
        if (trimmed === pasted) return;
        event.preventDefault();
        insertIntoControl(target, trimmed);
      },
      { capture: true, signal },
    );
  },
});
