import { defineFeature } from '~/utils/page/feature';
import { ensureOne } from '~/utils/page/inject';
import { textHolder } from '~/utils/page/text';
import { classifyRefund, refundKindText } from '~/utils/refund';
import { defaultRefundRules, type RefundRules } from '~/utils/settings';

const refundKinds = Object.keys(defaultRefundRules) as Array<keyof RefundRules>;

export default defineFeature({
  id: 'refund-status',
  title: '退款状态',
  description: '退款列表每行标出“无需退款”“待退款”“已退款”“退款失败”，退款0元与未退款一眼分清。',
  order: 45,
  fields: ['refundStatus', 'refundAmount'],
  settings: {
    refund: {
      title: '退款状态规则',
      description: '退款状态文字包含这些词（或 /正则/）即判为：无需退款（先判，金额为 0 也算）、退款失败、待退款、已退款；其余为状态不明。',
      default: defaultRefundRules,
      schema: {
        type: 'object',
        properties: Object.fromEntries(refundKinds.map((kind) => [kind, { type: 'array', items: { type: 'string' } }])),
      },
      example: { pending: ['退款中', '审核中'] },
    },
  },
  apply(scope, { options }) {
    if (scope.kind !== 'row') return;
    const status = scope.fields.find((f) => f.kind === 'refundStatus');
    const amount = scope.fields.find((f) => f.kind === 'refundAmount');
    const kind = classifyRefund(status?.value ?? '', amount?.value ?? '', options.refund as RefundRules);
    const holder = textHolder((status ?? amount)!.valueEl);
    // One label per row: a stray one left in another cell (the columns changed) goes.
    for (const stray of scope.el.querySelectorAll('[data-seakit="refund-status"]')) if (stray.parentElement !== holder) stray.remove();
    const show = (el: HTMLElement) => {
      el.dataset.kind = kind;
      el.textContent = refundKindText[kind];
    };
    // Filled before it is inserted: a write after insertion costs the page another style pass.
    const label = ensureOne(holder, 'span', 'refund-status', show);
    if (label.dataset.kind !== kind) show(label);
  },
});
