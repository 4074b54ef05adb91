/** 体验反馈: what an agent reports about SEA, and what a report may carry (never customer data). */

export const reportCategories = ['系统慢', '找不到信息', '操作繁琐', '报错', '建议', '其他'] as const;
export type ReportCategory = (typeof reportCategories)[number];

/** Where a report is: only here, waiting for the endpoint, or delivered. */
export type ReportState = 'local' | 'queued' | 'sent';

export interface ExperienceReport {
  id: string;
  createdAt: number;
  category: ReportCategory;
  /** The agent's sentence, with long digit runs and ID numbers hidden (scrubText). */
  text: string;
  /** Route with numbers masked (maskedView). */
  view: string;
  siteId: string;
  siteName: string;
  version: string;
  /** Labels SEA Kit found on the page ("保单号 (列表列) ×10"), no values. */
  labels: string[];
  /** The structure screenshot (PNG data URL): layout, headings and labels only. */
  screenshot?: string;
  /** The texts the screenshot shows (headings and labels), for search and for checking what it carries. */
  screenshotTexts?: string[];
  /** The view's touchpoint timings when the report was filed (p50/p95 ms of today). */
  timings?: Array<{ touchpoint: string; count: number; p50: number; p95: number }>;
  agentId: string;
  state: ReportState;
  attempts: number;
  lastError?: string;
  sentAt?: number;
}

export const HIDDEN = '[已隐去]';

/**
 * The agent's own words may still hold a policy number, an ID or a phone number pasted from the page:
 * any run of 5 or more digits (with an optional letter prefix or X suffix) is hidden before it is stored.
 */
export function scrubText(text: string): string {
  return text.replace(/[A-Za-z]{0,3}\d[\d\s-]{3,}\d[Xx]?/g, (run) => (run.replace(/\D/g, '').length >= 5 ? HIDDEN : run));
}
