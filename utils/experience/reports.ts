import { experienceDb, type ExperienceDb } from './db';
import type { PageContext } from './inspect-types';
import { reportCategories, scrubText, type ExperienceReport, type ReportCategory } from './report-types';

/** Longer than any sentence an agent writes; a pasted log beyond it is refused with the text kept in the box. */
export const MAX_REPORT_CHARS = 20_000;

export class ReportError extends Error {}

export interface ReportInput {
  category: string;
  text: string;
  context: PageContext | undefined;
  agentId: string;
  version: string;
  /** The policy's experienceEndpoint: set, the report is queued for sending. */
  endpoint: string;
  timings?: ExperienceReport['timings'];
}

/** Checks and stores a report; throws ReportError with what to fix (the form keeps what was typed). */
export async function fileReport(input: ReportInput, db: ExperienceDb = experienceDb): Promise<ExperienceReport> {
  if (!reportCategories.includes(input.category as ReportCategory)) throw new ReportError('请选择反馈类别');
  const text = input.text.trim();
  if (!text) throw new ReportError('请用一句话写下遇到的情况');
  if (text.length > MAX_REPORT_CHARS) {
    throw new ReportError(`内容有 ${text.length} 字，超过 ${MAX_REPORT_CHARS} 字上限，请精简后再提交（输入框里的内容没有丢）`);
  }
  const context = input.context;
  const report: ExperienceReport = {
    id: crypto.randomUUID(),
    createdAt: Date.now(),
    category: input.category as ReportCategory,
    text: scrubText(text),
    view: context?.view ?? '',
    siteId: context?.siteId ?? '',
    siteName: context?.siteName ?? '',
    version: input.version,
    labels: context?.labels ?? [],
    ...(context?.screenshot ? { screenshot: context.screenshot, screenshotTexts: context.screenshotTexts } : {}),
    ...(input.timings?.length ? { timings: input.timings } : {}),
    agentId: input.agentId,
    state: input.endpoint ? 'queued' : 'local',
    attempts: 0,
  };
  await db.reports.add(report);
  return report;
}

/** What the endpoint receives: the report without the local delivery bookkeeping. */
export function wireReport({ state: _state, attempts: _attempts, lastError: _lastError, sentAt: _sentAt, ...report }: ExperienceReport) {
  return report;
}

/**
 * Sends the queued reports, oldest first, one POST each (JSON). A failure stops the round and keeps the
 * report queued with its reason; the next round (alarm, new report, or 立即发送) tries again. Nothing is dropped.
 */
export async function sendQueued(
  endpoint: string,
  db: ExperienceDb = experienceDb,
  fetchImpl: typeof fetch = fetch,
): Promise<{ sent: number; left: number; error?: string }> {
  const queued = await db.reports.where('state').equals('queued').sortBy('createdAt');
  let sent = 0;
  for (const report of queued) {
    let error: string | undefined;
    try {
      const response = await fetchImpl(endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(wireReport(report)),
      });
      if (!response.ok) error = `接收地址返回 ${response.status}`;
    } catch {
      error = '无法连接接收地址（网络不通或地址有误）';
    }
    if (error) {
      await db.reports.update(report.id, { attempts: report.attempts + 1, lastError: error });
      return { sent, left: queued.length - sent, error };
    }
    await db.reports.update(report.id, { state: 'sent', sentAt: Date.now(), lastError: undefined, attempts: report.attempts + 1 });
    sent++;
  }
  return { sent, left: 0 };
}
