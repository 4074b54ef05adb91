import { useRef, useState } from 'preact/hooks';
import type { BusinessLine, Snippet } from '~/utils/db';
import { knownPlaceholders, type PlaceholderValues } from '~/utils/snippets/placeholders';
import { templateProblems } from '~/utils/snippets/template-problems';
import { draftError, LIMITS, parseTags, type SnippetDraft } from '~/utils/snippets/draft';
import { shelfName } from '~/utils/snippets/shelves';
import { SnippetText } from './SnippetText';

interface Props {
  /** The snippet being edited, or the line for a new one. */
  snippet?: Snippet;
  line: BusinessLine;
  /** Every snippet, to warn about a shortcut another one already uses. */
  all: Snippet[];
  /** The agent's own values (工号, 姓名, 日期) for the preview. */
  values: PlaceholderValues;
  onSave(draft: SnippetDraft): Promise<void>;
  onCancel(): void;
}

/** Offered beside the page's and agent's names: the form and date placeholders, one example each. */
const FORM_PLACEHOLDERS = ['{日期}', '{日期+1}', '{时间}', '{选项:上午|下午}', '{填写:称呼=先生}', '{cursor}'];

/** Create or edit a personal snippet, with a live preview of what a reply would look like. */
export function SnippetEditor({ snippet, line: initialLine, all, values, onSave, onCancel }: Props) {
  const [line, setLine] = useState<BusinessLine>(snippet?.line ?? initialLine);
  const [title, setTitle] = useState(snippet?.title ?? '');
  const [shortcut, setShortcut] = useState(snippet?.shortcut ?? '');
  const [tags, setTags] = useState(snippet?.tags.join(' ') ?? '');
  const [text, setText] = useState(snippet?.text ?? '');
  const [tried, setTried] = useState(false);
  const [saveError, setSaveError] = useState('');
  const textRef = useRef<HTMLTextAreaElement>(null);

  const draft: SnippetDraft = { line, title, text, shortcut, tags: parseTags(tags) };
  const error = draftError(draft);
  const clash = shortcut.trim() && all.find((s) => s.id !== snippet?.id && s.shortcut === shortcut.trim());

  const problems = templateProblems(text);

  /** Puts a placeholder at the caret of the text box, as if typed. */
  const addPlaceholder = (placeholder: string) => {
    const box = textRef.current!;
    box.focus();
    box.setRangeText(placeholder, box.selectionStart, box.selectionEnd, 'end');
    setText(box.value);
  };

  const save = async (e: Event) => {
    e.preventDefault();
    setTried(true);
    if (error) return;
    try {
      await onSave(draft);
    } catch (err) {
      setSaveError(`保存失败：${(err as Error).message}`);
    }
  };

  return (
    <form class="editor card" onSubmit={save} aria-label={snippet ? '编辑话术' : '新建话术'}>
      <h2>{snippet ? '编辑话术' : '新建话术'}</h2>
      <div class="editor__grid">
        <label>
          话术栏
          <select value={line} onChange={(e) => setLine(e.currentTarget.value as BusinessLine)}>
            <option value="保">{shelfName({ line: '保', owner: '个人' })}</option>
            <option value="互助">{shelfName({ line: '互助', owner: '个人' })}</option>
          </select>
        </label>
        <label>
          标题
          <input value={title} maxLength={LIMITS.title} onInput={(e) => setTitle(e.currentTarget.value)} placeholder="如：退保到账时间" />
        </label>
        <label>
          快捷词（可选）
          <input value={shortcut} maxLength={LIMITS.shortcut} onInput={(e) => setShortcut(e.currentTarget.value)} placeholder="如：tbdz，输入 //tbdz 最先出现" />
        </label>
        <label>
          标签（可选，空格分隔）
          <input value={tags} onInput={(e) => setTags(e.currentTarget.value)} placeholder="如：退保 到账" />
        </label>
      </div>
      <label class="editor__text">
        话术内容
        <textarea ref={textRef} rows={5} value={text} maxLength={LIMITS.text} onInput={(e) => setText(e.currentTarget.value)} />
      </label>
      <div class="editor__chips" role="group" aria-label="插入占位符">
        <span>插入占位符：</span>
        {[...knownPlaceholders.map((name) => `{${name}}`), ...FORM_PLACEHOLDERS].map((placeholder) => (
          <button type="button" key={placeholder} onClick={() => addPlaceholder(placeholder)}>{placeholder}</button>
        ))}
        <span class="hint">
          也可自己写，如 {'{退款金额}'}，插入时会请您填写；{'{日期+3}'} 三天后、{'{日期:MM月DD日}'} 指定格式、
          {'{选项:A|B}'} 让您选、{'{填写:称呼=先生}'} 带默认值、{'{cursor}'} 插入后光标停在这里；花括号本身写成 {'{{ 和 }}'}
        </span>
      </div>
      {problems.length > 0 && (
        <ul class="error" role="alert" aria-label="占位符写法有误">
          {problems.map((p) => <li key={p}>{p}</li>)}
        </ul>
      )}
      <div class="preview" aria-label="预览">
        <div class="preview__label">预览</div>
        <div class="preview__text" data-testid="snippet-preview">{text ? <SnippetText text={text} values={values} /> : <span class="hint">（内容为空）</span>}</div>
      </div>
      {clash && <p class="warn">快捷词“{shortcut.trim()}”已被“{clash.title}”使用，两条都会出现，本条不一定排在最前。</p>}
      {tried && error && <p class="error" role="alert">{error}</p>}
      {saveError && <p class="error" role="alert">{saveError}</p>}
      <div class="editor__actions">
        <button type="button" onClick={onCancel}>取消</button>
        <button type="submit" class="primary">保存</button>
      </div>
    </form>
  );
}
