import type { FieldKind, LabelOverrides } from './fields';

/** A page feature's id: its file name in entrypoints/sea.content/features/ (the registry lists them). */
export type FeatureId = string;

export interface SurrenderRules {
  /** Checked first: any of these in the operator/channel text means an agent did it. */
  assisted: string[];
  self: string[];
}

/** Refund-status words per kind (text or /regex/); none is checked first, then failed, pending, done. */
export interface RefundRules {
  none: string[];
  failed: string[];
  pending: string[];
  done: string[];
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
    refund?: RefundRules;
    /** Codes this site shows raw with their Chinese term, as "WX=微信" (glossary); they win over the built-in list. */
    glossary?: string[];
    /** Extra texts of "view more" controls. */
    viewMoreLabels?: string[];
    /** Words of a customer wishing to surrender, besides the handbook's (surrender-alert). */
    surrenderWishes?: string[];
    /** This site's snippet trigger, where it differs from the global one (// clashes with a URL box, say). */
    snippetTrigger?: string;
    /** Any other feature's own setting (its `settings` declaration, read as ctx.options). */
    [key: string]: unknown;
  };
}

export interface Settings {
  sites: SiteProfile[];
  agent: { id: string; name: string };
  /** What opens the snippet picker in a reply box. */
  snippetTrigger: string;
  /** Keys that open the snippet picker at the caret without typing the trigger (Alt+/); empty: none. */
  snippetShortcut: string;
  allowPersonalSnippets: boolean;
  /** The built-in shelf of standard service phrases; policy can hide it where QA pushes its own. */
  starterSnippets: boolean;
  allowAgentPacks: boolean;
  packUrls: string[];
  trustedKeys: string[];
  /**
   * Per pack id, the keys IT names as its owners (additive, docs/it-admin.md): only they, or the key that
   * first installed the pack, may install or replace it.
   */
  packSigners: Record<string, string[]>;
  packPollMinutes: number;
  /** Intranet address IT sets by policy: experience reports are POSTed there (queued and retried), else kept locally. */
  experienceEndpoint: string;
  /** Shows the 组长 section (build, sign, export packs); policy or the agent turns it on. */
  leadTools: boolean;
}

export const defaultSurrenderRules: SurrenderRules = {
  assisted: ['客服', '坐席', '人工', '工号', '后台', '代', '协助', 'admin', '/工号\\d+/'],
  self: ['本人', '用户', '客户', '自助', 'APP', 'App', '小程序', 'H5', '公众号', '官网', '线上'],
};

/** The date columns search-defaults orders results by when a site names none (表头文字, tried in turn). */
export const DATE_COLUMNS = ['投保时间', '投保日期', '申请时间', '申请日期', '创建时间', '创建日期', '提交时间'];

export const defaultRefundRules: RefundRules = {
  none: ['无退款', '无需退款', '不退款', '免退款', '/退[款费]\\s*[¥￥]?\\s*0+(\\.0+)?\\s*元/'],
  failed: ['失败', '驳回'],
  pending: ['未退款', '待退款', '退款中', '处理中', '审核中', '待审核', '申请中'],
  done: ['已退款', '退款成功', '已到账', '退款完成'],
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
  snippetShortcut: 'Alt+/',
  allowPersonalSnippets: true,
  starterSnippets: true,
  allowAgentPacks: true,
  packUrls: [],
  trustedKeys: [],
  packSigners: {},
  packPollMinutes: 30,
  experienceEndpoint: '',
  leadTools: false,
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
