import type { FieldKind, LabelOverrides } from './page/labels';

/** Every page feature, by the id it carries in `data-seakit`. Order is the options page's order. */
export const featureIds = [
  'copy-fields', 'paste-trim', 'view-more-mark', 'surrender-source', 'same-id', 'log-return', 'snippets', 'phrase-check',
] as const;
export type FeatureId = (typeof featureIds)[number];

/** One line each, shown beside the switch in the options page. */
export const featureDescriptions: Record<FeatureId, { title: string; description: string }> = {
  'copy-fields': { title: '一键复制', description: '保单号、订单号、投保人、被保人、证件号、手机号旁加复制按钮，一点即复制。' },
  'paste-trim': { title: '粘贴去空格', description: '粘贴到单行输入框时自动去掉首尾空格、换行和全角空格。' },
  'view-more-mark': { title: '已查看标记', description: '点过“查看更多”的保单行变色，翻页、刷新后当天仍保留。' },
  'surrender-source': { title: '退保来源', description: '退保列表每行标出“自助退保”或“协助退保”。' },
  'same-id': { title: '同证件提示', description: '投保人与被保人证件号相同时提示“本人”，关系不符或校验位错误时醒目标出。' },
  'log-return': { title: '日志返回', description: '在操作日志页加“返回保单”，回到原详情或原查询结果，无需重新搜索。' },
  'snippets': { title: '话术快捷输入', description: '在回复框输入 // 弹出话术选择，回车插入。' },
  'phrase-check': { title: '服务禁语提醒', description: '回复里出现“不清楚”“大概”“不好意思”等服务禁语时，在回复框上方提示建议说法。' },
};

export interface SurrenderRules {
  /** Checked first: any of these in the operator/channel text means an agent did it. */
  assisted: string[];
  self: string[];
}

export interface SiteProfile {
  id: string;
  name: string;
  /** Chrome match patterns, e.g. `https://sea.example.com/*`. */
  matches: string[];
  features: Partial<Record<FeatureId, boolean>>;
  /** Extra labels per field kind, tried before the built-in lists. */
  labels: LabelOverrides;
  /** A CSS selector per field kind that finds its value elements directly. */
  selectors: Partial<Record<FieldKind, string>>;
  rules: {
    surrender?: SurrenderRules;
    /** Extra texts of "view more" controls. */
    viewMoreLabels?: string[];
    /** This site's snippet trigger, where it differs from the global one (// clashes with a URL box, say). */
    snippetTrigger?: string;
  };
}

export interface Settings {
  sites: SiteProfile[];
  agent: { id: string; name: string };
  /** What opens the snippet picker in a reply box. */
  snippetTrigger: string;
  allowPersonalSnippets: boolean;
  /** The built-in shelf of standard service phrases; policy can hide it where QA pushes its own. */
  starterSnippets: boolean;
  allowAgentPacks: boolean;
  packUrls: string[];
  trustedKeys: string[];
  packPollMinutes: number;
}

export const defaultSurrenderRules: SurrenderRules = {
  assisted: ['客服', '坐席', '人工', '工号', '后台', '代', '协助', 'admin', '/工号\\d+/'],
  self: ['本人', '用户', '客户', '自助', 'APP', 'App', '小程序', 'H5', '公众号', '官网', '线上'],
};

export const demoSite: SiteProfile = {
  id: 'demo',
  name: '演示 SEA（本机）',
  matches: ['*://127.0.0.1/*', '*://localhost/*'],
  features: {},
  labels: {},
  selectors: {},
  rules: {},
};

export const defaultSettings: Settings = {
  sites: [demoSite],
  agent: { id: '', name: '' },
  snippetTrigger: '//',
  allowPersonalSnippets: true,
  starterSnippets: true,
  allowAgentPacks: true,
  packUrls: [],
  trustedKeys: [],
  packPollMinutes: 30,
};

/** A feature is on unless the site switched it off. */
export function isFeatureOn(site: SiteProfile, id: FeatureId): boolean {
  return site.features[id] !== false;
}

/** Chrome match pattern test (scheme, host with `*.` wildcard, path glob); ports are ignored as Chrome does. */
export function matchesPattern(pattern: string, href: string): boolean {
  if (pattern === '<all_urls>') return /^(https?|file):/.test(href);
  const m = /^(\*|https?|file):\/\/([^/]*)(\/.*)$/.exec(pattern);
  if (!m) return false;
  let url: URL;
  try { url = new URL(href); } catch { return false; }
  const [, scheme, host, path] = m;
  const proto = url.protocol.slice(0, -1);
  if (scheme === '*' ? proto !== 'http' && proto !== 'https' : proto !== scheme) return false;
  const hostname = url.hostname;
  const patternHost = host.replace(/:\d+$/, '');
  if (patternHost !== '*') {
    if (patternHost.startsWith('*.')) {
      const base = patternHost.slice(2);
      if (hostname !== base && !hostname.endsWith('.' + base)) return false;
    } else if (hostname !== patternHost) return false;
  }
  const glob = new RegExp('^' + path.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
  return glob.test(url.pathname + url.search);
}

export function siteFor(settings: Settings, href: string): SiteProfile | undefined {
  return settings.sites.find((site) => site.matches.some((p) => matchesPattern(p, href)));
}
