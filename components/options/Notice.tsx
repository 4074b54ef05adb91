/**
 * A message shown right where the agent acted: what happened and what to do, in their words; the list
 * of problems when there are several; technical detail (JSON paths, fields) folded under 详情 for IT.
 */
export interface NoticeValue {
  ok: boolean;
  text: string;
  items?: string[];
  details?: string[];
}

export function Notice({ notice, field }: { notice: NoticeValue | null; field?: string }) {
  if (!notice) return null;
  const { ok, text, items = [], details = [] } = notice;
  return (
    <div class={`notice ${ok ? 'ok' : 'error'}`} role={ok ? 'status' : 'alert'} data-field={field}>
      {text}
      {items.length > 0 && <ul>{items.map((item, i) => <li key={i}>{item}</li>)}</ul>}
      {details.length > 0 && (
        <details class="notice__details">
          <summary>详情</summary>
          <ul>{details.map((d, i) => <li key={i}><code>{d}</code></li>)}</ul>
        </details>
      )}
    </div>
  );
}
