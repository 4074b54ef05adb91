/**
 * Seed item 42: raw codes SEA shows (statuses, channels, payment codes, true/false, Y/N) with the Chinese
 * term beside them. Built-in terms, then the packs' (issue 13 item 7), then the site profile's (which win).
 */
import type { GlossaryTerm } from './packs/format';

export type Glossary = Record<string, string>;

export const builtInGlossary: Glossary = {
  TRUE: '是', FALSE: '否', Y: '是', N: '否', YES: '是', NO: '否',
  ACTIVE: '有效', INACTIVE: '无效', VALID: '有效', INVALID: '无效', EFFECTIVE: '已生效', IN_FORCE: '保障中', INFORCE: '保障中',
  PENDING: '待处理', PROCESSING: '处理中', SUCCESS: '成功', FAILED: '失败', FAIL: '失败',
  PAID: '已支付', UNPAID: '未支付', WAIT_PAY: '待支付', TO_BE_PAID: '待支付', CANCELLED: '已取消', CANCELED: '已取消', CLOSED: '已关闭',
  EXPIRED: '已过期', LAPSED: '已失效', TERMINATED: '已终止', SURRENDERED: '已退保',
  REFUNDED: '已退款', REFUNDING: '退款中', REFUND_FAILED: '退款失败', NO_REFUND: '无需退款',
  APP: '手机App', H5: '手机网页', WECHAT: '微信', WX: '微信', MINI_PROGRAM: '小程序', MINIAPP: '小程序', ALIPAY: '支付宝',
  WXPAY: '微信支付', WECHAT_PAY: '微信支付', UNIONPAY: '银联', BANK_CARD: '银行卡', ONLINE: '线上', OFFLINE: '线下', PC: '电脑网页',
  MONTHLY: '月缴', ANNUAL: '年缴', YEARLY: '年缴', SINGLE: '趸缴', QUARTERLY: '季缴',
  SELF: '本人', SPOUSE: '配偶', CHILD: '子女', PARENT: '父母', MALE: '男', FEMALE: '女', M: '男', F: '女',
};

/** A value as looked up: codes are compared in upper case, with spaces and hyphens as underscores. */
function key(value: string): string {
  return /^[\x21-\x7e ]+$/.test(value) ? value.trim().toUpperCase().replace(/[\s-]+/g, '_') : value.trim();
}

/** "WX=微信" lines (site profile, policy) as a glossary; lines without "=" are ignored. */
export function parseGlossary(lines: string[] = []): Glossary {
  const terms: Glossary = {};
  for (const line of lines) {
    const at = line.search(/[=＝]/);
    if (at > 0) terms[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return terms;
}

/** Packs' terms (in pack precedence order): of two packs giving one code, the pack installed first wins. */
export function packGlossary(terms: GlossaryTerm[]): Glossary {
  const layer: Glossary = {};
  const seen = new Set<string>();
  for (const { code, term } of terms) {
    if (typeof code !== 'string' || typeof term !== 'string' || seen.has(key(code))) continue;
    seen.add(key(code));
    layer[code] = term;
  }
  return layer;
}

export function buildGlossary(...layers: Array<Glossary | undefined>): Map<string, string> {
  const terms = new Map<string, string>();
  for (const layer of layers) for (const [code, term] of Object.entries(layer ?? {})) if (code.trim() && term.trim()) terms.set(key(code), term.trim());
  return terms;
}

/** The Chinese term for a displayed value, when the whole value is a known code (never part of a longer text). */
export function termFor(value: string, glossary: Map<string, string>): string | undefined {
  const trimmed = value.trim();
  if (!trimmed || trimmed.length > 32) return undefined;
  const term = glossary.get(key(trimmed));
  // A term equal to what is shown adds nothing.
  return term && term !== trimmed ? term : undefined;
}
