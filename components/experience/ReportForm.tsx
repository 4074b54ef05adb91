import { useSignal } from '@preact/signals';
import { browser } from 'wxt/browser';
import { useLive } from '~/components/snippets/useLive';
import { useSettings } from '~/components/useSettings';
import { saveFile } from '~/utils/download';
import { loadSettings } from '~/utils/settings-store';
import { experienceDb } from '~/utils/experience/db';
import { exportAgentId, reportsCsv, reportsXlsx, timingsCsv } from '~/utils/experience/export';
import { pageContext } from '~/utils/experience/frames';
import { fileReport, ReportError } from '~/utils/experience/reports';
import { reportCategories, type ExperienceReport } from '~/utils/experience/report-types';
import { sendReportsMessage } from '~/utils/experience/service';
import { ask } from '~/utils/messaging/protocol';
import { DAYS_KEPT, keptTimings, localDay } from '~/utils/experience/timings';

const stateText = { local: '仅本机', queued: '待发送', sent: '已发送' } as const;

/** 体验反馈: the agent notes a pain point of SEA in seconds; the page's values never go into it. */
export function ReportForm() {
  const settings = useSettings();
  const category = useSignal('');
  const text = useSignal('');
  const withScreenshot = useSignal(true);
  const status = useSignal<{ ok: boolean; message: string } | null>(null);
  const busy = useSignal(false);
  const reports = useLive(() => experienceDb.reports.orderBy('createdAt').reverse().toArray(), []);
  const list: ExperienceReport[] = reports.value ?? [];
  const queued = list.filter((r) => r.state === 'queued');
  const kept = useLive(() => keptTimings(), []);
  const timings = kept.value ?? [];
  const today = localDay();
  const allDays = useSignal(false);
  const days = [...new Set(timings.map((t) => t.day))];
  const shownDays = allDays.value ? days : days.slice(0, 7);

  const send = async () => {
    let result;
    try {
      result = await ask(sendReportsMessage, {}, (message) => browser.runtime.sendMessage(message));
    } catch (error) {
      return `${(error as Error).message}；报告留在本机，稍后会自动重试`;
    }
    return result.error ? `发送失败：${result.error}；${result.left} 条留在本机，每分钟自动重试` : `已发送 ${result.sent} 条`;
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    busy.value = true;
    try {
      // Read now, not from the hook: the policy's endpoint may arrive after the panel opened. The background's copy
      // of the policy: storage.managed itself can take seconds, or not answer at all, on a fresh profile.
      const [context, { settings: current }] = await Promise.all([pageContext(withScreenshot.value), loadSettings({ cachedPolicy: true })]);
      const report = await fileReport({
        category: category.value,
        text: text.value,
        context,
        agentId: current.agent.id,
        version: browser.runtime.getManifest().version,
        endpoint: current.experienceEndpoint,
        // "系统慢" comes with numbers: today's waits on the view the report is about.
        timings: timings.filter((t) => t.day === today && t.view === context?.view).map(({ touchpoint, count, p50, p95 }) => ({ touchpoint, count, p50, p95 })),
      });
      text.value = '';
      const where = context ? `页面 ${report.view}` : '没有找到 SEA 页面，只记录了文字';
      const sending = report.state === 'queued' ? `；${await send()}` : '；已保存在本机，可导出';
      status.value = { ok: true, message: `已记录（${where}）${sending}` };
    } catch (error) {
      status.value = { ok: false, message: error instanceof ReportError ? error.message : `保存失败：${(error as Error).message}` };
    } finally {
      busy.value = false;
    }
  };

  const stamp = new Date().toISOString().slice(0, 10);
  return (
    <section class="experience" data-panel="report">
      <form class="card" onSubmit={submit} data-form="report">
        <h2>体验反馈</h2>
        <p class="desc">记下在 SEA 里遇到的卡顿、找不到、繁琐或报错。只记录页面结构和标签，不记录客户信息；长数字会自动隐去。</p>
        <div class="categories" role="radiogroup" aria-label="类别">
          {reportCategories.map((c) => (
            <label key={c} class={category.value === c ? 'chip chip--on' : 'chip'}>
              <input type="radio" name="category" value={c} checked={category.value === c} onChange={() => (category.value = c)} />
              {c}
            </label>
          ))}
        </div>
        <textarea
          aria-label="一句话说明"
          rows={3}
          placeholder="例如：保单查询点查询后要等很久才出结果"
          value={text.value}
          onInput={(e) => (text.value = (e.target as HTMLTextAreaElement).value)}
        />
        <label class="row">
          <input type="checkbox" checked={withScreenshot.value} onChange={(e) => (withScreenshot.value = (e.target as HTMLInputElement).checked)} />
          附上结构截图（只有版面、标题和标签，所有值都被遮盖）
        </label>
        <div class="row">
          <button class="primary" type="submit" disabled={busy.value}>提交</button>
          <span class="desc">快捷键 Alt+Shift+F 随时打开此处</span>
        </div>
        {status.value && (
          <p role="status" class={status.value.ok ? 'ok' : 'error'} data-status="report">{status.value.message}</p>
        )}
      </form>

      <div class="card" data-card="timings">
        <h2>等待时间（近 {DAYS_KEPT} 天）</h2>
        {timings.length === 0 ? (
          <p class="desc">还没有记录。在 SEA 里点查询、详情、日志后，会记下等了多久（只记时长和页面路径）。</p>
        ) : (
          <>
            <table class="preview" data-table="timings">
              <thead><tr><th>日期</th><th>环节</th><th>次数</th><th>中位 p50</th><th>慢的 p95</th></tr></thead>
              {/* One block per view: the panel is narrow, the route gets its own line. */}
              {[...new Set(timings.map((t) => t.view))].map((view) => (
                <tbody key={view}>
                  <tr class="timing-view"><th colSpan={5}>{view}</th></tr>
                  {timings.filter((t) => t.view === view && shownDays.includes(t.day)).map((t) => (
                    <tr key={t.day + t.touchpoint} data-day={t.day} data-view={t.view}>
                      <td>{t.day === today ? '今天' : t.day.slice(5)}</td><td>{t.touchpoint}</td><td>{t.count}</td><td>{t.p50} ms</td><td>{t.p95} ms</td>
                    </tr>
                  ))}
                </tbody>
              ))}
            </table>
            {days.length > shownDays.length && <button onClick={() => (allDays.value = true)}>显示全部 {days.length} 天</button>}
          </>
        )}
      </div>

      <div class="card" data-card="reports">
        <h2>我的反馈（{list.length}）</h2>
        <p class="desc">
          {settings.experienceEndpoint
            ? `发送到管理员设置的地址；${queued.length ? `${queued.length} 条待发送（网络恢复后自动重试）` : '都已发送'}`
            : '管理员没有设置接收地址：反馈保存在本机，请导出交给组长。'}
        </p>
        <div class="row">
          <button onClick={async () => saveFile(await reportsXlsx(list, timings, exportAgentId(settings.agent.id)), `体验反馈-${stamp}.xlsx`, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')} disabled={!list.length && !timings.length}>导出 Excel</button>
          <button onClick={() => saveFile(reportsCsv(list), `体验反馈-${stamp}.csv`, 'text/csv')} disabled={!list.length}>导出 CSV</button>
          <button onClick={() => saveFile(timingsCsv(timings, exportAgentId(settings.agent.id)), `体验反馈-时效-${stamp}.csv`, 'text/csv')} disabled={!timings.length}>导出时效 CSV</button>
          {queued.length > 0 && <button onClick={async () => (status.value = { ok: true, message: await send() })}>立即发送</button>}
        </div>
        <ul class="reports" data-list="reports">
          {list.slice(0, 30).map((r) => (
            <li key={r.id} data-state={r.state}>
              <strong>{r.category}</strong> {r.text.length > 80 ? `${r.text.slice(0, 80)}…` : r.text}
              <div class="desc">
                {new Date(r.createdAt).toLocaleString('zh-CN')} · {r.view || '无页面'} · {stateText[r.state]}
                {r.lastError ? `（${r.lastError}，已重试 ${r.attempts} 次）` : ''}
              </div>
              {r.screenshot && (
                <details>
                  <summary>结构截图</summary>
                  <img src={r.screenshot} alt="结构截图" style="max-width:100%;border:1px solid #e5e6eb" />
                </details>
              )}
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
