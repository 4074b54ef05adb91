/** The kinds of field SEA Kit understands, and the labels agents see for them (dom-contract.md). */
export const builtInLabels = {
  policyNo: ['保单号', '保单编号', '保单号码'],
  orderNo: ['订单号', '订单编号'],
  applicant: ['投保人', '投保人姓名'],
  insured: ['被保人', '被保险人', '被保人姓名', '被保险人姓名'],
  applicantId: ['投保人证件号', '投保人身份证号', '投保人证件号码'],
  insuredId: ['被保人证件号', '被保险人证件号', '被保人身份证号', '被保险人身份证号', '被保人证件号码'],
  phone: ['手机号', '投保人手机号', '投保账户手机号', '联系电话'],
  relationship: ['与投保人关系', '被保人与投保人关系', '关系'],
  surrenderSource: ['操作人', '退保操作人', '操作渠道', '退保渠道', '来源', '退保方式'],
  productName: ['产品名称', '产品', '险种', '险种名称', '保险名称'],
  policyStatus: ['状态', '保单状态'],
  appliedTime: ['投保时间', '投保日期'],
  effectiveTime: ['生效时间', '生效日期', '起保时间'],
  expiryTime: ['到期时间', '到期日期', '终止时间', '满期日期'],
  refundAmount: ['退款金额', '退费金额'],
  refundStatus: ['退款状态', '退费状态'],
} as const;

export type FieldKind = keyof typeof builtInLabels;
export const fieldKinds = Object.keys(builtInLabels) as FieldKind[];

/** Chinese names of the field kinds, for the options page. */
export const fieldKindNames: Record<FieldKind, string> = {
  policyNo: '保单号', orderNo: '订单号', applicant: '投保人', insured: '被保人',
  applicantId: '投保人证件号', insuredId: '被保人证件号', phone: '手机号',
  relationship: '与投保人关系', surrenderSource: '退保操作人/渠道', productName: '产品名称',
  policyStatus: '保单状态', appliedTime: '投保时间', effectiveTime: '生效时间', expiryTime: '到期时间',
  refundAmount: '退款金额', refundStatus: '退款状态',
};

const SPACES = /[\s\u3000\u00a0\u200b-\u200d\u2060\ufeff]+/g;

/** A label as compared: no white space anywhere (查 询 → 查询), no trailing ':' or '：'. */
export function normalizeLabel(text: string): string {
  return text.replace(SPACES, '').replace(/[:：]+$/, '');
}

export type LabelOverrides = Partial<Record<FieldKind, string[]>>;

/** normalized label → kind; site overrides come first so they win over built-in lists. */
export function buildLabelIndex(overrides: LabelOverrides = {}): Map<string, FieldKind> {
  const index = new Map<string, FieldKind>();
  for (const kind of fieldKinds) {
    for (const label of overrides[kind] ?? []) {
      const key = normalizeLabel(label);
      if (key && !index.has(key)) index.set(key, kind);
    }
  }
  for (const kind of fieldKinds) {
    for (const label of builtInLabels[kind]) if (!index.has(label)) index.set(label, kind);
  }
  return index;
}
