/**
 * Made-up but realistic snippet packs for the library figures: Chinese titles and texts built from
 * customer-service phrases (so pinyin and initials have real work to do), some shortcuts and tags.
 * Deterministic: the same packs every run. The pack format caps a pack at 5,000 snippets and 2 MB
 * (utils/packs/format.ts, pack.schema.json), so 20,000 snippets arrive as four packs.
 */
import { prng } from '../../tests/fixtures/prng.mjs';

export const PACK_LIMIT = 5000;

const TOPICS = [
  '退保', '退款', '理赔', '续保', '保全', '变更手机号', '变更银行卡', '发票', '保单查询', '保费', '等待期', '犹豫期',
  '免赔额', '健康告知', '投保', '核保', '互助计划', '会员权益', '分摊', '加入条件', '观察期', '审核进度', '材料补充',
  '短信通知', '电话回访', '投诉', '人工服务', '账户安全', '身份核实', '电子保单', '宽限期', '停售', '升级', '转保',
];
const KINDS = ['说明', '流程', '进度查询', '常见问题', '安抚', '催办', '答复', '提醒', '规则', '所需材料', '时效', '注意事项'];
const SENTENCES = [
  '您好，很高兴为您服务', '请您稍等，我这边马上为您查询', '感谢您的耐心等待', '非常理解您的心情',
  '为了保障您的账户安全，请您提供投保人的姓名和身份证号码', '您的申请已经提交，预计三到五个工作日处理完成',
  '处理结果会通过短信通知您，请您留意', '如果还有其他问题，欢迎随时联系我们', '保单号为{保单号}',
  '请您在应用内的我的保单页面查看详情', '相关材料请拍照上传，需保证清晰完整', '本次服务结束后会邀请您对我的服务进行评价',
  '款项将原路退回您的支付账户', '犹豫期内退保可全额退还已交保费', '理赔申请需要提供医院出具的诊断证明和费用清单',
  '您反映的问题已经为您记录并提交专员处理', '请问还有其他可以帮您的吗', '祝您生活愉快，再见',
];

/** `count` snippets, numbered from `from` (ids and titles stay unique across packs). */
export function makeSnippets(count, from = 0) {
  const rand = prng(20240601 + from);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  return Array.from({ length: count }, (_, k) => {
    const n = from + k;
    const topic = pick(TOPICS);
    const sentences = Array.from({ length: 2 + Math.floor(rand() * 3) }, () => pick(SENTENCES));
    const snippet = {
      id: `s${n}`,
      title: `${topic}${pick(KINDS)}${n}`,
      text: `${sentences.join('，')}。`,
    };
    if (n % 4 === 0) snippet.shortcut = `k${n}`;
    if (n % 3 === 0) snippet.tags = [topic];
    return snippet;
  });
}

/** Pack JSON texts holding `total` snippets, at most PACK_LIMIT each. */
export function makePacks(total, { version = 1 } = {}) {
  const packs = [];
  for (let from = 0, i = 1; from < total; from += PACK_LIMIT, i++) {
    const count = Math.min(PACK_LIMIT, total - from);
    packs.push({
      name: `bench-${total}-${i}.json`,
      text: JSON.stringify({
        format: 1,
        id: `bench-${total}-${i}`,
        name: `性能测试话术 ${total}-${i}`,
        line: '保',
        version,
        author: 'bench',
        updated: '2025-01-01',
        snippets: makeSnippets(count, from),
      }),
    });
  }
  return packs;
}

/**
 * What agents type after the trigger: initials, full pinyin, Chinese, a shortcut, two terms.
 * Each is typed one key at a time; every key is one latency sample.
 */
export const QUERIES = ['hy', 'tbsm', 'tuibao', 'lipei', 'xubaoliucheng', '理赔', '退款进度', 'k12', 'qsd', 'hf', 'bd', 'tb lc', 'fapiao', 'zhanghu', 'shenhe'];
