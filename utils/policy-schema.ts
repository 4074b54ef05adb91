/**
 * The IT policy, described once: public/managed_schema.json (what Chrome accepts) and the policy tables of
 * docs/it-admin.md are both generated from this and the feature registry (tests/unit/registry.test.ts
 * fails when either file drifts; `npm run gen:policy` rewrites them). Not part of the extension's code.
 */
import type { Feature, PolicySchema } from './page/feature';
import { builtInLabels, fieldKindNames, fieldKinds } from './fields';
import { defaultSettings, demoSite, type Settings, type SiteProfile } from './settings';

/** A policy key as the schema and the IT guide show it. */
interface PolicyKey extends PolicySchema {
  /** What the IT guide says beyond the schema's description (the table's 作用 column). */
  doc?: string;
  /** A value for the IT guide. */
  example: unknown;
  /** Default for the IT guide, when it is not the built-in default of the key. */
  defaultText?: string;
}

const strings: PolicySchema = { type: 'array', items: { type: 'string' } };

const siteKeys: Record<keyof SiteProfile, PolicyKey> = {
  id: {
    type: 'string', title: '站点编号', description: '固定编号，例如 "sea-prod"（内置本机演示站点为 "demo"）。',
    doc: '必填。与坐席已有站点相同时覆盖该站点中策略给出的部分并锁定；生产环境可用 `{"id":"demo","matches":[]}` 停用内置演示站点。',
    example: 'sea-prod',
  },
  name: { type: 'string', title: '站点名称', doc: '设置页里显示的名字。', example: 'SEA 生产' },
  matches: {
    ...strings, title: '网址匹配规则', description: 'Chrome 网址匹配规则，例如 https://sea.corp.example/*',
    doc: '页面脚本在这些网址上运行（含其中的 iframe）。', example: ['https://sea.corp.example/*'],
  },
  features: {
    type: 'object', title: '功能开关', description: 'true 开启，false 关闭；未列出的功能由坐席自己决定。',
    doc: '键是下面“功能编号”表里的编号。', example: { 'copy-fields': true, 'paste-trim': false },
  },
  labels: {
    type: 'object', title: '字段标签', description: '每种字段额外识别的标签文字，优先于内置标签。',
    doc: '键是下面“字段编号”表里的编号。', example: { policyNo: ['保单号码(新)'] },
  },
  selectors: {
    type: 'object', title: '字段选择器', description: '每种字段的 CSS 选择器，直接找到字段值所在元素。',
    doc: '标签找不到时的后备；选择器写错只会让这一项不生效。', example: { phone: 'td.mobile' },
  },
  rules: { type: 'object', title: '规则', doc: '各功能自己的设置，见下面带 `rules.` 的行。', example: { viewMoreLabels: ['详情'] } },
};

const topKeys: Record<keyof Settings, PolicyKey> = {
  sites: {
    type: 'array', title: 'SEA 站点',
    doc: '每个站点的各项见下面带 `sites[].` 的行。', defaultText: '内置演示站点 `demo`',
    example: [{ id: 'sea-prod', matches: ['https://sea.corp.example/*'] }],
  },
  packUrls: {
    ...strings, title: '话术包地址',
    description: '扩展从这些地址获取话术包，例如 https://packs.corp.example/bao.json。http 地址只在设置了 trustedKeys 且话术包由其签名时才会安装。',
    doc: '扩展定期获取（见 [packs.md](packs.md) 第 5 节）。从列表里删掉的地址，其话术包会从坐席端移除。',
    example: ['https://packs.corp.example/seakit/bao-callback.json'],
  },
  trustedKeys: {
    ...strings, title: '受信任的签名公钥',
    description: 'Ed25519 公钥（base64，44 个字符，组长页面可复制）。设置后只安装由其中之一签名的话术包（地址和文件都一样）；写错的公钥会在设置页标出，不会放宽校验：列表中只要有内容，未签名或其他公钥签名的包一律不装。',
    doc: '组长在设置页“组长”分区复制，或 `npm run pack -- pubkey`。',
    example: ['E9ddaRvIJg5cgqlLCRif5nff5rX5vwnobr/86pNs4hA='],
  },
  allowPersonalSnippets: { type: 'boolean', title: '允许个人话术', doc: '关闭后坐席不能新建、复制个人话术，已有的个人话术也不再显示。', example: false },
  starterSnippets: {
    type: 'boolean', title: '显示内置标准服务用语',
    description: '关闭后坐席的话术选择中不出现扩展自带的标准服务用语（由质检下发自己的话术包时使用）。',
    doc: '页面里的话术选择、侧边栏和设置页的话术库都不再显示内置的标准服务用语。', example: false,
  },
  allowAgentPacks: {
    type: 'boolean', title: '允许坐席自行添加话术包', description: '坐席可以自己导入话术包文件、订阅话术包地址。', example: false,
    doc: '设为 `false` 后，坐席**已经**自行添加的话术包也一并停用（显示原因），策略下发的包不受影响。',
  },
  snippetTrigger: {
    type: 'string', title: '话术触发符', description: '在回复框中打开话术选择的输入，默认 //',
    doc: '各站点可用 `sites[].rules.snippetTrigger` 另设。', example: ';;',
  },
  snippetShortcut: {
    type: 'string', title: '打开话术的快捷键',
    description: '在回复框中不输入触发符、直接在光标处打开话术选择的组合键，默认 Alt+/；须含 Ctrl、Alt 或 Meta；留空则不使用快捷键。',
    doc: '写法如 `Alt+/`、`Ctrl+Shift+K`。Ctrl+C、Ctrl+V 等编辑常用键不能用。', example: 'Ctrl+Shift+K',
  },
  packPollMinutes: { type: 'integer', title: '话术包检查间隔（分钟）', description: '默认 30，最少 1。', example: 60 },
  packSigners: {
    type: 'object', title: '话术包指定签名人',
    description: '按话术包编号指定可以发布它的组长公钥，例如 {"bao-callback": ["E9dd…="]}。列出的编号只接受这些公钥签名的版本（换组长时在这里写上新公钥）；未列出的编号由第一次安装它的公钥独占。',
    additionalProperties: strings,
    example: { 'bao-callback': ['E9ddaRvIJg5cgqlLCRif5nff5rX5vwnobr/86pNs4hA='] },
  },
  leadTools: {
    type: 'boolean', title: '显示“组长”分区',
    description: '开启后设置页显示组长工具（生成、签名、导出话术包，导入导出签名密钥）。不设置时由坐席自己在设置页打开。',
    example: true,
  },
  experienceEndpoint: {
    type: 'string', title: '体验反馈接收地址',
    description: '内网地址（http/https）。设置后坐席提交的体验反馈以 JSON POST 到这里，失败时留在本机队列里重试；不设置时只保存在本机，由坐席导出。',
    doc: '每条反馈以 JSON `POST` 到这里（字段见下文“体验反馈”）；返回非 2xx 或连不上时留在本机队列，每分钟重试，不会丢失。地址的主机需在 `SEAKIT_PACK_HOSTS` 里，或返回 `Access-Control-Allow-Origin: *`。',
    example: 'https://feedback.corp.example/seakit',
  },
  agent: {
    type: 'object', title: '坐席',
    properties: { id: { type: 'string', title: '工号' }, name: { type: 'string', title: '姓名' } },
    doc: '按用户下发时可用；话术里的 `{坐席工号}`、`{坐席姓名}` 用它。', defaultText: '无', example: { id: '10086', name: '张三' },
  },
};

const schemaOf = ({ doc, example, defaultText, ...schema }: PolicyKey): PolicySchema => schema;

/** A feature setting as policy sets it: sites[].rules.<key>. */
function ruleKeys(features: Feature[]): Record<string, PolicyKey & { feature: Feature }> {
  const keys: Record<string, PolicyKey & { feature: Feature }> = {};
  for (const feature of features) {
    for (const [key, setting] of Object.entries(feature.settings ?? {})) {
      if (keys[key]) throw new Error(`功能 ${feature.id} 的设置 ${key} 与 ${keys[key].feature.id} 重名`);
      keys[key] = { ...setting.schema, title: setting.title, description: setting.description, example: setting.example, feature };
    }
  }
  return keys;
}

/** public/managed_schema.json. */
export function managedSchema(features: Feature[]): PolicySchema {
  const site = Object.fromEntries(Object.entries(siteKeys).map(([k, v]) => [k, schemaOf(v)])) as Record<string, PolicySchema>;
  site.features.properties = Object.fromEntries(
    features.map((f) => [f.id, { type: 'boolean', title: f.title, description: f.description }]),
  );
  site.labels.properties = Object.fromEntries(fieldKinds.map((k) => [k, strings]));
  site.selectors.properties = Object.fromEntries(fieldKinds.map((k) => [k, { type: 'string' }]));
  site.rules.properties = Object.fromEntries(
    Object.entries(ruleKeys(features)).map(([k, { feature, ...v }]) => [k, schemaOf(v)]),
  );
  const top = Object.fromEntries(Object.entries(topKeys).map(([k, v]) => [k, schemaOf(v)])) as Record<string, PolicySchema>;
  top.sites.items = {
    type: 'object', title: '站点',
    description: '一个 SEA 站点。编号与内置站点或坐席自建站点相同时，覆盖这里给出的项并锁定。', properties: site,
  };
  return { type: 'object', properties: top };
}

function typeText(node: PolicySchema): string {
  if (node.type === 'array') return node.items?.type === 'string' ? '文字列表' : '列表';
  return { object: '对象', string: '文字', boolean: '布尔', integer: '整数' }[node.type];
}

const code = (value: unknown) => '`' + JSON.stringify(value) + '`';
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function defaultText(value: unknown): string {
  if (value === undefined || value === '' || (Array.isArray(value) && !value.length)) return '无';
  if (typeof value === 'object' && !Array.isArray(value) && !Object.keys(value as object).length) return '无';
  return code(value);
}

function row(key: string, node: PolicyKey, fallback: unknown): string {
  const what = [node.title, node.description, node.doc].filter(Boolean).join('。').replace(/。。/g, '。');
  return `| \`${key}\` | ${typeText(node)} | ${node.defaultText ?? defaultText(fallback)} | ${cell(what)} | ${code(node.example)} |`;
}

/** The generated part of docs/it-admin.md section 2: every policy key, the feature ids and the field ids. */
export function policyTables(features: Feature[]): string {
  const head = '| 策略项 | 类型 | 默认 | 作用 | 示例 |\n|---|---|---|---|---|';
  const rules = ruleKeys(features);
  const lines = [
    head,
    ...Object.entries(topKeys).map(([k, v]) => row(k, v, defaultSettings[k as keyof Settings])),
    ...Object.entries(siteKeys).map(([k, v]) => row(`sites[].${k}`, v, k === 'id' ? undefined : demoSite[k as keyof SiteProfile])),
    ...Object.entries(rules).map(([k, v]) =>
      row(`sites[].rules.${k}`, { ...v, doc: `功能 \`${v.feature.id}\`（${v.feature.title}）的设置。` }, v.feature.settings![k].default),
    ),
    '',
    '功能编号（`sites[].features` 的键；不写则开启）：',
    '',
    '| 功能编号 | 名称 | 坐席看到的 |\n|---|---|---|',
    ...features.map((f) => `| \`${f.id}\` | ${f.title} | ${cell(f.description)} |`),
    '',
    '字段编号（`sites[].labels`、`sites[].selectors` 的键）：',
    '',
    '| 字段编号 | 名称 | 内置标签 |\n|---|---|---|',
    ...fieldKinds.map((k) => `| \`${k}\` | ${fieldKindNames[k]} | ${builtInLabels[k].join('、')} |`),
  ];
  return lines.join('\n');
}

export const GENERATED_START = '<!-- 以下由 utils/policy-schema.ts 生成（npm run gen:policy），请勿手改 -->';
export const GENERATED_END = '<!-- 生成内容结束 -->';

/** The IT guide with its generated part replaced by what the registry says now. */
export function withPolicyTables(markdown: string, features: Feature[]): string {
  const start = markdown.indexOf(GENERATED_START);
  const end = markdown.indexOf(GENERATED_END);
  if (start < 0 || end < start) throw new Error('docs/it-admin.md: generated markers missing');
  return markdown.slice(0, start + GENERATED_START.length) + '\n\n' + policyTables(features) + '\n\n' + markdown.slice(end);
}
