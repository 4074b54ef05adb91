import { defaultRefundRules, type RefundRules } from './settings';
import { matchesRule } from './text-rules';

export type RefundKind = 'none' | 'pending' | 'done' | 'failed' | 'unknown';

export const refundKindText: Record<RefundKind, string> = {
  none: '无需退款',
  pending: '待退款',
  done: '已退款',
  failed: '退款失败',
  unknown: '状态不明',
};

/** "¥0.00", "0", "0.00 元", "￥ 0": an amount that is zero. "100元", "-" and "" are not. */
export function isZeroAmount(text: string): boolean {
  const amount = text.replace(/[\s,，]/g, '').replace(/^(?:[¥￥$]|RMB|CNY)/i, '').replace(/元$/, '');
  return /^[+-]?0+(?:\.0+)?$/.test(amount);
}

/**
 * Seed item 23: 退款0元(无退款) and 未退款 must never be confused. A zero amount or a status that says
 * there is nothing to refund wins; then failed, pending and done by the site's words.
 */
export function classifyRefund(status: string, amount: string, rules: RefundRules = defaultRefundRules): RefundKind {
  const text = status.replace(/\s+/g, '');
  const has = (list: string[]) => list.some((rule) => matchesRule(rule, text));
  if (isZeroAmount(amount) || has(rules.none)) return 'none';
  if (!text) return 'unknown';
  if (has(rules.failed)) return 'failed';
  if (has(rules.pending)) return 'pending';
  if (has(rules.done)) return 'done';
  return 'unknown';
}
