import { declareMessage } from './messaging/protocol';

/**
 * Phrases agents must not write (服务禁语), with what to say instead. The built-in list is the callback
 * handbook's (seeds/003): leads add their own through a pack's phraseLists. Small and pure: the page
 * script checks replies with it.
 */
export interface PhraseRule {
  text: string;
  suggestion?: string;
  kind: 'forbidden' | 'caution';
}

const CHECK_FIRST = '我帮您核实一下，稍后给您准确答复';
const CERTAIN = '请用确定的说法；不确定时先核实再答复';

export const handbookPhrases: PhraseRule[] = [
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
