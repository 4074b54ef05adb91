import type { BusinessLine, Snippet } from '../records';
import { STARTER_PACK_ID } from './shelves';

/**
 * The built-in shelf a fresh install starts with: standard service phrases written to the callback
 * handbook's rules (礼貌用语 请/您; none of the 服务禁语 such as 不清楚, 大概/可能/估计, 不好意思).
 * They are shared and read-only, like a lead's pack: QA owns the wording, and an agent who wants a
 * variant uses 复制到我的话术. Being a pack (STARTER_PACK_ID), the set can be replaced or removed
 * without touching anyone's personal snippets.
 */


const phrases: Array<[id: string, line: BusinessLine, title: string, shortcut: string, tags: string[], text: string]> = [
  ['greeting', '保', '欢迎语', 'hy', ['开场'], '您好，欢迎咨询，很高兴为您服务，请问有什么可以帮您？'],
  ['self-intro', '保', '自报工号', 'gh', ['开场'], '您好，我是{坐席工号}号客服{坐席姓名}，很高兴为您服务。'],
  ['hold', '保', '请稍等', 'qsd', ['等待'], '请您稍等，我这边马上为您查询，请不要离开。'],
  ['thanks-wait', '保', '感谢等待', 'gxdd', ['等待'], '感谢您的耐心等待，已经为您查询到相关信息。'],
  ['apology', '保', '致歉', 'dq', ['安抚'], '非常抱歉给您带来不便，我们会尽快为您处理。'],
  ['soothe', '保', '安抚情绪', 'af', ['安抚'], '非常理解您的心情，请您放心，我会尽全力帮您处理。'],
  ['verify', '保', '核实身份', 'hs', ['核实'], '为了保障您的账户安全，请您提供投保人的姓名和身份证号码，我这边为您核实。'],
  ['confirm-policy', '保', '核对保单信息', 'hdbd', ['核实'], '请您核对保单信息：投保人{投保人}，被保人{被保人}，保单号{保单号}，产品名称{产品名称}，请问信息是否正确？'],
  ['order-found', '保', '订单已查到', 'dd', ['查询'], '您的订单{订单号}已经为您查到，请您稍等，我为您核对详细信息。'],
  ['follow-up', '保', '核实后回复', 'hf', ['查询'], '您咨询的问题需要为您进一步核实，核实后会第一时间回复您，请您谅解。'],
  ['escalate', '保', '已提交专员', 'zy', ['查询'], '您反映的问题已经为您记录并提交专员处理，处理结果会通过短信或电话通知您，请您留意。'],
  ['surrender-ask', '保', '退保原因询问', 'tb', ['退保'], '请问您是对产品哪方面不满意呢？我可以先为您详细介绍一下保障内容。'],
  ['still-there', '保', '询问是否在线', 'zx', ['结束'], '您好，请问您还在线吗？如果没有其他问题，稍后将结束本次会话，感谢您的咨询。'],
  ['rating', '保', '邀请评价', 'pj', ['结束'], '本次服务结束后会邀请您对我的服务进行评价，您的满意是我们最大的动力，感谢您的支持！'],
  ['closing', '保', '结束语', 'js', ['结束'], '感谢您的耐心咨询，请问还有其他可以帮您的吗？祝您生活愉快，再见！'],
  ['hz-greeting', '互助', '互助欢迎语', 'hzhy', ['开场'], '您好，欢迎咨询互助服务，很高兴为您服务，请问有什么可以帮您？'],
  ['hz-verify', '互助', '互助核实会员', 'hzhs', ['核实'], '为了保障您的权益，请您提供加入互助计划的会员姓名和身份证号码，我这边为您核实。'],
  ['hz-closing', '互助', '互助结束语', 'hzjs', ['结束'], '感谢您对互助计划的支持，请问还有其他可以帮您的吗？祝您生活愉快，再见！'],
];

export function starterSnippets(now = Date.now()): Snippet[] {
  // One millisecond apart: the library lists them in this order until use reorders them.
  return phrases.map(([id, line, title, shortcut, tags, text], i) => ({
    id: `${STARTER_PACK_ID}:${id}`,
    line,
    owner: '公用',
    packId: STARTER_PACK_ID,
    title,
    text,
    shortcut,
    tags,
    createdAt: now + i,
    updatedAt: now + i,
    useCount: 0,
  }));
}
