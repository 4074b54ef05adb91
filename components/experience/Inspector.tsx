import { useEffect } from 'preact/hooks';
import { useSignal } from '@preact/signals';
import { inspect, listFrames, type PageFrame } from '~/utils/experience/frames';
import type { Decider, InspectReport } from '~/utils/experience/inspect-types';

const deciderText: Record<Decider, string> = { default: '默认', agent: '坐席设置', policy: '管理员策略' };

/** 页面检查: what SEA Kit sees in one frame of the SEA tab, for IT tuning labels and selectors and for agents. */
export function Inspector() {
  const frames = useSignal<PageFrame[] | null>(null);
  const tabId = useSignal<number | null>(null);
  const frameId = useSignal(0);
  const report = useSignal<InspectReport | null | undefined>(undefined);

  const refresh = async (outline?: boolean) => {
    const found = await listFrames();
    tabId.value = found?.tabId ?? null;
    frames.value = found?.frames ?? [];
    if (!found) return void (report.value = null);
    if (!found.frames.some((f) => f.frameId === frameId.value)) frameId.value = found.frames[0]?.frameId ?? 0;
    report.value = (await inspect(found.tabId, frameId.value, outline)) ?? null;
  };
  useEffect(() => void refresh(), []);

  const r = report.value;
  return (
    <section class="inspector" data-panel="inspector">
      <div class="row">
        <label>
          框架：
          <select
            data-field="frame"
            value={String(frameId.value)}
            onChange={(e) => {
              frameId.value = Number((e.target as HTMLSelectElement).value);
              void refresh();
            }}
          >
            {(frames.value ?? []).map((f) => (
              <option key={f.frameId} value={String(f.frameId)}>
                {f.frameId === 0 ? '主页面' : `框架 ${f.frameId}`}：{new URL(f.href).pathname}
                {f.running ? '' : '（未运行）'}
              </option>
            ))}
          </select>
        </label>
        <button onClick={() => void refresh()}>刷新</button>
      </div>
      {r === undefined ? null : r === null ? (
        <p class="error" data-status="inspect">
          {tabId.value === null ? '没有打开的网页。' : '此框架没有运行 SEA Kit：它的网址不在“站点与功能”的任何站点里，或页面在安装扩展之前就已打开（请刷新页面）。'}
        </p>
      ) : (
        <>
          <div class="card">
            <h2>站点</h2>
            {r.site ? (
              <p data-status="site">
                匹配站点 <strong>{r.site.name}</strong>（{r.site.id}）：网址符合规则 <code>{r.site.pattern}</code>
                {r.site.lockedByPolicy ? '，由管理员策略设置' : ''}
              </p>
            ) : (
              <div class="error" data-status="site">
                没有站点匹配此网址，功能都不运行。已检查：
                <ul>{r.sitesTried.map((s) => <li key={s.id}>{s.name}：{s.matches.join('，') || '（无网址规则）'}</li>)}</ul>
              </div>
            )}
            <p class="desc">页面：<code>{r.view}</code></p>
          </div>
          <div class="card">
            <h2>找到的字段</h2>
            {r.fields.length === 0 ? (
              <p class="error" data-status="fields">
                本页没有找到任何已知标签的字段：依赖字段的功能（复制、同证件提示等）在这里不会出现。
                如果页面上有这些信息，请在“站点与功能”里为站点添加标签文字或选择器。
              </p>
            ) : (
              <table class="preview" data-table="fields">
                <thead><tr><th>字段</th><th>页面上的标签</th><th>位置</th><th>个数</th></tr></thead>
                <tbody>
                  {r.fields.map((f) => (
                    <tr key={`${f.kind}|${f.label}|${f.where}`}>
                      <td>{f.kindName}</td><td>{f.label}</td><td>{f.where === 'row' ? '列表列' : '标签/值'}</td><td>{f.count}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <label class="row">
              <input
                type="checkbox"
                data-field="outline"
                checked={r.outlined}
                disabled={r.fields.length === 0}
                onChange={(e) => {
                  const on = (e.target as HTMLInputElement).checked;
                  report.value = { ...r, outlined: on };
                  void refresh(on);
                }}
              />
              在页面上标出找到的字段（虚线框和字段名）
            </label>
          </div>
          {r.site && (
            <div class="card">
              <h2>功能</h2>
              <table class="preview" data-table="features">
                <thead><tr><th>功能</th><th>状态</th><th>决定者</th></tr></thead>
                <tbody>
                  {r.features.map((f) => (
                    <tr key={f.id} data-feature={f.id}>
                      <td>{f.title}</td>
                      <td>{f.failed ? '出错，已在本页停用' : f.on ? '开' : '关'}</td>
                      <td>{deciderText[f.decidedBy]}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <div class="card">
            <h2>最近的功能错误</h2>
            {r.errors.length === 0 ? (
              <p class="desc" data-status="errors">没有错误。</p>
            ) : (
              <ul data-list="errors">
                {r.errors.map((e) => (
                  <li key={e.at + e.feature}>{new Date(e.at).toLocaleTimeString('zh-CN')} {e.feature}：{e.message}</li>
                ))}
              </ul>
            )}
          </div>
        </>
      )}
    </section>
  );
}
