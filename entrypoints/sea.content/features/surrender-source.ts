import { defineFeature, type Scope } from '~/utils/page/feature';
import { ensureOne } from '~/utils/page/inject';
import { textHolder } from '~/utils/page/text';
import { classifySurrender, surrenderKindText } from '~/utils/surrender';
import { defaultSurrenderRules, type SurrenderRules } from '~/utils/settings';

/** A surrender list: a 退保/退款 column header, or a 退保 heading above the table. */
function isSurrenderList(scope: Scope): boolean {
  const table = scope.table!;
  return table.headers.some((h) => h.includes('退保') || h.includes('退款')) || table.context.includes('退保');
}

export default defineFeature({
  id: 'surrender-source',
  title: '退保来源',
  description: '退保列表每行标出“自助退保”或“协助退保”。',
  order: 40,
  fields: ['surrenderSource'],
  settings: {
    surrender: {
      title: '退保来源规则',
      description: '操作人/渠道文字包含这些词（或 /正则/）即判为协助退保（先判）或自助退保。',
      default: defaultSurrenderRules,
      schema: {
        type: 'object',
        properties: { assisted: { type: 'array', items: { type: 'string' } }, self: { type: 'array', items: { type: 'string' } } },
      },
      example: { assisted: ['客服', '坐席', '/工号\\d+/'], self: ['本人', 'APP', '小程序'] },
    },
  },
  apply(scope, { options }) {
    if (scope.kind !== 'row' || !isSurrenderList(scope)) return;
    const sources = scope.fields.filter((f) => f.kind === 'surrenderSource');
    const kind = classifySurrender(sources.map((f) => f.value), options.surrender as SurrenderRules);
    const holder = textHolder(sources[0].valueEl);
    // One label per row, even when the row has both an operator and a channel column.
    for (const stray of scope.el.querySelectorAll('[data-seakit="surrender-source"]')) if (stray.parentElement !== holder) stray.remove();
    const show = (el: HTMLElement) => {
      el.dataset.kind = kind;
      el.textContent = surrenderKindText[kind];
    };
    // Filled before it is inserted: a write after insertion costs the page another style pass.
    const label = ensureOne(holder, 'span', 'surrender-source', show);
    if (label.dataset.kind !== kind) show(label);
  },
});
