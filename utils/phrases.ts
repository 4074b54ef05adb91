import { declareMessage } from './messaging/protocol';

/**
 * Phrases agents must not write (服务禁语), with what to say instead. The built-in list is the callback
 * handbook's (seeds/003): leads add their own through a pack's phraseLists. Small and pure: the page
 * script checks replies with it.
 */
export interface PhraseRule {
  text: string;
  suggestion?: string;
  kind: PhraseKind;
}

/**
 * forbidden / caution: 服务禁语 and 慎用语 in replies; remark: colloquial reasons that must be written
 * properly in 备注 fields; surrender: a customer's words that call for a 退保预警.
 */
export type PhraseKind = 'forbidden' | 'caution' | 'remark' | 'surrender';

const CHECK_FIRST = '我帮您核实一下，稍后给您准确答复';
const CERTAIN = '请用确定的说法；不确定时先核实再答复';

// Pure: the page script imports this module (for the feature's definition) without running the check.
export const handbookPhrases: PhraseRule[] = /* @__PURE__ */ [
  { text: '我不清楚', suggestion: CHECK_FIRST },
  { text: '我不知道', suggestion: CHECK_FIRST },
  { text: '您听我解释', suggestion: '请您放心，我来为您说明一下' },
  { text: '您等我说完', suggestion: '请您放心，我来为您说明一下' },
  { text: '您这人怎么这样', suggestion: '非常理解您的心情' },
  { text: '您怎么听不明白', suggestion: '是我没有说清楚，我再为您说明一下' },
  { text: '我是新员工', suggestion: '我马上为您确认' },
  { text: '我没有培训', suggestion: '我马上为您确认' },
  { text: '大概', suggestion: CERTAIN },
  { text: '可能', suggestion: CERTAIN },
  { text: '估计', suggestion: CERTAIN },
  { text: '预计', suggestion: CERTAIN },
  { text: '差不多', suggestion: CERTAIN },
  { text: '就打这个电话', suggestion: '请您拨打客服热线（说出完整号码）' },
  { text: '你说什么我没有听清楚', suggestion: '抱歉，刚才没有听清，请您再说一遍' },
  { text: '你是哪位', suggestion: '请问您怎么称呼？' },
  { text: '您的方言太重我听不懂', suggestion: '抱歉，请您稍慢一点再说一遍' },
  { text: '您讲的太快', suggestion: '抱歉，请您稍慢一点再说一遍' },
  { text: '好的拉', suggestion: '好的' },
  { text: '不好意思', suggestion: '抱歉' },
  { text: '晓得了', suggestion: '明白了' },
].map((p) => ({ ...p, kind: 'forbidden' as const }));

/**
 * 回访不成功原因 in 备注 must be 书面语 (handbook: 禁止“客户睡觉了”“客户不想接”等非书面语): colloquial
 * reasons with the handbook's own wording for them.
 */
export const handbookRemarkPhrases: PhraseRule[] = /* @__PURE__ */ [
  { text: '客户睡觉了', suggestion: '不方便接听（客户休息）' },
  { text: '在睡觉', suggestion: '不方便接听（客户休息）' },
  { text: '客户不想接', suggestion: '拒绝接听' },
  { text: '不想接', suggestion: '拒绝接听' },
  { text: '不愿意接', suggestion: '拒绝接听' },
  { text: '没人接', suggestion: '无人接听' },
  { text: '没接', suggestion: '无人接听' },
  { text: '打不通', suggestion: '无人接听 / 线路故障（按系统提示选择）' },
  { text: '挂了', suggestion: '提前挂机' },
  { text: '直接挂断', suggestion: '拒绝接听' },
  { text: '在开车', suggestion: '不方便接听（客户开车）' },
  { text: '在忙', suggestion: '不方便接听（已询问方便联系的时间）' },
  { text: '没空', suggestion: '不方便接听（已询问方便联系的时间）' },
  { text: '关机了', suggestion: '关机' },
  { text: '号码不对', suggestion: '空号 / 号码暂停使用（按系统提示选择）' },
  { text: '不是本人', suggestion: '本人不在' },
  { text: '听不懂', suggestion: '接听者无法用普通话沟通' },
  { text: '说方言', suggestion: '接听者无法用普通话沟通' },
  { text: '没钱停机', suggestion: '欠费停机' },
].map((p) => ({ ...p, kind: 'remark' as const }));

/** The phrases in a reply, each once, in the order they appear; a longer phrase wins over one inside it. */
export function findPhrases(text: string, rules: PhraseRule[]): PhraseRule[] {
  const hits: Array<{ at: number; rule: PhraseRule }> = [];
  for (const rule of [...rules].sort((a, b) => b.text.length - a.text.length)) {
    const at = rule.text ? text.indexOf(rule.text) : -1;
    if (at < 0) continue;
    const inside = hits.some((h) => at >= h.at && at + rule.text.length <= h.at + h.rule.text.length);
    if (!inside && !hits.some((h) => h.rule.text === rule.text)) hits.push({ at, rule });
  }
  return hits.sort((a, b) => a.at - b.at).map((h) => h.rule);
}

/** The page script asks the background for the installed packs' phrase lists. */
export const packPhrasesMessage = declareMessage<PhraseRule[]>()('seakit:phrases', ['page'], {});
