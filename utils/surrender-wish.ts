import type { Message } from './page/conversation';

/**
 * A customer's wish to surrender (handbook 退保预警: “我要退保、这个保险一点都不好我要退掉、完全和当时说的
 * 不一样我要退、怎么我存钱的变成保险了我要退……”): the agent must register a 退保预警 at once.
 * Plain words; a site profile and packs add their own.
 */
export const handbookSurrenderWishes = [
  '退保', '我要退', '要退掉', '退掉', '不想要了', '不要这个保险', '把钱退给我', '钱退给我', '退钱', '不想保了', '不保了',
  '取消保险', '取消这个保险', '解除合同', '退了吧', '存钱的变成保险',
];

/** Words just before a wish that turn it into its opposite or into a status (不退保, 已退保, 退保预警 is ours). */
const NOT_A_WISH_BEFORE = /(不|没|没有|别|不用|不想|不要|不会|无需|无法|已|已经|已被)$/;
const NOT_A_WISH_AFTER = /^(预警|状态|记录|列表|成功|完成)/;

/** The first wish phrase in a customer's text, or undefined. */
export function surrenderWishIn(text: string, wishes: string[]): string | undefined {
  for (const wish of wishes) {
    if (!wish) continue;
    for (let at = text.indexOf(wish); at >= 0; at = text.indexOf(wish, at + 1)) {
      const before = text.slice(Math.max(0, at - 3), at);
      const after = text.slice(at + wish.length, at + wish.length + 2);
      if (NOT_A_WISH_BEFORE.test(before) || NOT_A_WISH_AFTER.test(after)) continue;
      return wish;
    }
  }
  return undefined;
}

export interface SurrenderWish {
  /** The phrase found. */
  phrase: string;
  /** The customer's message it is in (trimmed, for the note's quote). */
  message: string;
}

/** The latest customer message in a conversation that wishes to surrender; agents' own messages never count. */
export function findSurrenderWish(messages: Message[], wishes: string[]): SurrenderWish | undefined {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (m.fromAgent) continue;
    const phrase = surrenderWishIn(m.text, wishes);
    if (phrase) return { phrase, message: m.text.trim().replace(/\s+/g, ' ') };
  }
  return undefined;
}

/** Snippets offered when the customer wants to surrender: tagged 挽留 (retention) or 退保. */
export function isRetentionScript(snippet: { title: string; tags?: string[] }): boolean {
  return !!snippet.tags?.some((t) => t === '挽留' || t === '退保挽留' || t === '退保') || snippet.title.includes('挽留');
}
