import { useState } from 'preact/hooks';
import type { MissingPlaceholder } from '~/utils/snippets/placeholders';

/** Asks for the placeholders the page could not fill; nothing is inserted with a blank. */
export function FillForm({ title, missing, onDone, onCancel }: {
  title: string;
  missing: MissingPlaceholder[];
  onDone(values: Record<string, string>): void;
  onCancel(): void;
}) {
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(missing.map((m) => [m.name, m.candidates[0] ?? ''])));
  const [error, setError] = useState('');
  const submit = (e: Event) => {
    e.preventDefault();
    const empty = missing.find((m) => !values[m.name]?.trim());
    if (empty) return setError(`请填写“${empty.name}”`);
    onDone(Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.trim()])));
  };
  return (
    <form class="card fill" onSubmit={submit} aria-label={`填写“${title}”的内容`}>
      <h2>“{title}”需要填写</h2>
      {missing.map((m, i) => (
        <label key={m.name}>
          {m.name}
          <input
            autoFocus={i === 0}
            list={m.candidates.length > 1 ? `fill-${m.name}` : undefined}
            value={values[m.name]}
            onInput={(e) => setValues({ ...values, [m.name]: e.currentTarget.value })}
          />
          {m.candidates.length > 1 && (
            <datalist id={`fill-${m.name}`}>{m.candidates.map((c) => <option key={c} value={c} />)}</datalist>
          )}
        </label>
      ))}
      {error && <p class="error" role="alert">{error}</p>}
      <div class="editor__actions">
        <button type="button" onClick={onCancel}>取消</button>
        <button type="submit" class="primary">插入</button>
      </div>
    </form>
  );
}
