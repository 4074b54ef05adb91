import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { db, type BusinessLine, type Snippet } from '~/utils/db';
import { agentValues, completeSnippet, type FillPlan } from '~/utils/snippets/placeholders';
import type { Rendered } from '~/utils/snippets/template';
import { readAllSnippets } from '~/utils/snippets/pack-rows';
import { buildSearchIndex, libraryOrder, searchSnippets, toSearchEntry } from '~/utils/snippets/search';
import { shelfKey, shelfName, shelves, visibleSnippets } from '~/utils/snippets/shelves';
import { insertIntoPage, pageSuggestions, pageTarget } from '~/utils/snippets/panel';
import type { TargetResponse } from '~/utils/snippets/messages';
import { FillForm } from './FillForm';
import { SnippetEditor } from './SnippetEditor';
import { SnippetText } from './SnippetText';
import { useLive } from './useLive';
import { useSettings } from '~/components/useSettings';
import { useReadyMark } from '~/components/useReadyMark';
import './library.css';

/** Writes load the pinyin dictionary (search fields): not on the first paint, on the first change. */
const store = () => import('~/utils/snippets/store');

/** Every snippet, as the library lists them; the page starts it before its first render (startLive). */
export const readLibrary = () => readAllSnippets(db);
export const LIBRARY = 'library';

/** How many results are drawn; the search box narrows the rest. */
const SHOWN = 100;

/**
 * A message about the last action; `gone` is the id it says was deleted, cleared once that is back
 * (`absent`: the list has shown it gone, so "back" is not the moment before the deletion lands).
 */
type Status = { ok: boolean; text: string; gone?: string; absent?: boolean } | null;

/**
 * The snippet library: the four shelves, the same search as the in-page picker, and editing of the
 * personal shelves. In the side panel a click inserts into SEA's reply box; in the options page it
 * is the place to curate.
 */
export function SnippetLibrary({ mode }: { mode: 'panel' | 'options' }) {
  const { value: read, error: readError } = useLive(readLibrary, [], LIBRARY);
  const all = read ?? [];
  useReadyMark(mode === 'panel' ? 'sidepanel' : 'snippets', read !== undefined || !!readError);
  const settings = useSettings();
  const [shelf, setShelf] = useState('all');
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState<{ snippet?: Snippet; line: BusinessLine } | null>(null);
  const [filling, setFilling] = useState<{ snippet: Snippet; plan: FillPlan; answer(values: Record<string, string> | null): void } | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<string | null>(null);
  const [status, setStatus] = useState<Status>(null);
  /** The card whose actions show (clicked, hovered or focused): one set of buttons, not one per card. */
  const [selected, setSelected] = useState<string | null>(null);
  /** A snippet just created or copied: shown first, where the agent is looking, until the next search. */
  const [fresh, setFresh] = useState<string | null>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const suggested = useSuggestions(mode === 'panel');

  const personalAllowed = settings.allowPersonalSnippets;
  const visible = useMemo(() => visibleSnippets(all, settings), [all, personalAllowed, settings.starterSnippets]);
  const byId = useMemo(() => new Map(visible.map((s) => [s.id, s])), [visible]);
  const inShelf = useMemo(() => (shelf === 'all' ? visible : visible.filter((s) => shelfKey(s) === shelf)), [visible, shelf]);
  const index = useMemo(() => buildSearchIndex(libraryOrder(inShelf).map(toSearchEntry)), [inShelf]);
  /** With no keyword, the page's 建议 lead (the picker's order), then the new one, then the list. */
  const lead = useMemo(
    () => (query ? [] : suggested.map((id) => byId.get(id)).filter((s): s is Snippet => !!s && (shelf === 'all' || shelfKey(s) === shelf))),
    [suggested, byId, query, shelf],
  );
  const results = useMemo(() => {
    const found = searchSnippets(index, query, SHOWN).map((e) => byId.get(e.id)!);
    const made = fresh && !query ? byId.get(fresh) : undefined;
    const first = [...lead, ...(made && (shelf === 'all' || shelfKey(made) === shelf) && !lead.includes(made) ? [made] : [])];
    return [...first, ...found.filter((s) => !first.includes(s))];
  }, [index, query, byId, fresh, shelf, lead]);

  // Once the list is there, the write code loads in the background: the first edit or copy is instant.
  const listed = read !== undefined;
  useEffect(() => {
    if (listed) requestIdleCallback(() => void store());
  }, [listed]);

  // A notice that something was deleted is stale once it is back (a backup re-imported it).
  useEffect(() => {
    if (!status?.gone) return;
    if (!byId.has(status.gone)) {
      if (!status.absent) setStatus({ ...status, absent: true });
    } else if (status.absent) {
      setStatus(null);
    }
  }, [byId, status]);
  useEffect(() => {
    if (fresh) listRef.current?.querySelector(`[data-id="${CSS.escape(fresh)}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [fresh, results]);
  const mine = agentValues(settings.agent);

  /** Runs a change and says how it went; a failure changes nothing and says why. */
  const act = async (work: () => Promise<unknown>, done: string, gone?: string) => {
    try {
      const made = await work();
      if (made && typeof made === 'object' && 'id' in made) showFresh(made as Snippet);
      setStatus({ ok: true, text: done, gone });
    } catch (e) {
      setStatus({ ok: false, text: (e as Error).message });
    }
  };

  const finishInsert = async (snippet: Snippet, reply: Rendered, target?: TargetResponse) => {
    const { text } = reply;
    const inserted = target?.target ? await insertIntoPage(snippet.id, reply) : undefined;
    if (inserted?.ok) {
      setStatus({ ok: true, text: `已插入到 SEA 页面的${inserted.target}：${snippet.title}` });
    } else {
      try {
        await navigator.clipboard.writeText(text);
        const why = inserted ? inserted.error : 'SEA 页面上还没有回复框获得过焦点';
        setStatus({ ok: true, text: `${why}，已复制到剪贴板：${snippet.title}` });
      } catch {
        setStatus({ ok: false, text: '无法插入也无法复制，请点一下 SEA 的回复框后再试' });
        return;
      }
    }
    await store().then((m) => m.recordUse(snippet.id)).catch(() => undefined);
  };

  const use = async (snippet: Snippet) => {
    const target = await pageTarget();
    // The picker's plan and form: page values first, the rest asked here.
    const reply = await completeSnippet(snippet.text, { ...mine, ...target?.values },
      (plan) => new Promise((answer) => setFilling({ snippet, plan, answer })));
    setFilling(null);
    if (reply) await finishInsert(snippet, reply, target);
  };

  const showFresh = (made: Snippet) => {
    setFresh(made.id);
    setSelected(made.id);
    setQuery('');
    if (shelf !== 'all' && shelf !== shelfKey(made)) setShelf(shelfKey(made));
  };

  const newLine: BusinessLine = shelves.find((s) => s.key === shelf)?.line ?? '保';

  if (editing) {
    return (
      <SnippetEditor
        snippet={editing.snippet}
        line={editing.line}
        all={all}
        values={mine}
        onCancel={() => setEditing(null)}
        onSave={async (draft) => {
          const { createPersonal, updatePersonal } = await store();
          if (editing.snippet) await updatePersonal(editing.snippet.id, draft);
          else showFresh(await createPersonal(draft));
          setEditing(null);
          setStatus({ ok: true, text: `已保存：${draft.title.trim()}` });
        }}
      />
    );
  }

  if (filling) {
    return (
      <FillForm
        title={filling.snippet.title}
        plan={filling.plan}
        onCancel={() => filling.answer(null)}
        onDone={(answers) => filling.answer(answers)}
      />
    );
  }

  const count = (key: string) => visible.filter((s) => shelfKey(s) === key).length;

  return (
    <div class={`library library--${mode}`}>
      <div class="library__tools">
        <input
          type="search"
          class="library__search"
          aria-label="搜索话术"
          placeholder="搜索话术，如 hy"
          title="按标题、内容、快捷词、拼音或拼音首字母搜索"
          value={query}
          onInput={(e) => {
            setQuery(e.currentTarget.value);
            setFresh(null);
          }}
        />
        {personalAllowed && (
          <button type="button" class="primary" onClick={() => setEditing({ line: newLine })}>新建话术</button>
        )}
      </div>
      <div class="library__shelves" role="tablist" aria-label="话术栏">
        <button type="button" role="tab" aria-selected={shelf === 'all'} onClick={() => setShelf('all')}>全部 {visible.length}</button>
        {shelves
          .filter((s) => personalAllowed || s.owner === '公用')
          .map((s) => (
            <button type="button" role="tab" key={s.key} aria-selected={shelf === s.key} onClick={() => setShelf(s.key)}>
              {s.name} {count(s.key)}
            </button>
          ))}
      </div>
      {!personalAllowed && <p class="hint">管理员已关闭个人话术，只显示公用话术。</p>}
      {readError && <p class="error" role="alert">{readError}</p>}
      {status && <p class={status.ok ? 'ok' : 'error'} role={status.ok ? 'status' : 'alert'}>{status.text}</p>}
      {mode === 'panel' && <p class="hint">点击话术插入到 SEA 回复框（光标处）；没有回复框时复制到剪贴板。</p>}
      <ul class="library__list" aria-label="话术列表" ref={listRef} onMouseLeave={() => setSelected(null)}>
        {results.map((s) => (
          <li key={s.id} class={`item${s.id === fresh ? ' item--fresh' : ''}`} data-id={s.id} aria-current={s.id === selected ? 'true' : undefined}
            onMouseEnter={() => setSelected(s.id)} onFocusCapture={() => setSelected(s.id)}>
            <button type="button" class="item__main" onClick={mode === 'panel' ? () => void use(s) : () => setSelected(s.id)} title={mode === 'panel' ? '插入到回复框' : undefined}>
              <span class="item__head">
                <strong class="item__title">{s.title}</strong>
                <span class="badge" data-owner={s.owner}>{shelfName(s)}</span>
                {lead.includes(s) && <span class="badge badge--suggested" title="与客户最近的消息最相关">建议</span>}
                {s.id === fresh && <span class="badge badge--fresh">新</span>}
                {s.pinnedAt && <span class="badge badge--pinned">置顶</span>}
                {s.tags.length > 0 && <span class="item__tags">{s.tags.map((t) => `#${t}`).join(' ')}</span>}
                {s.shortcut && <code class="item__key">{s.shortcut}</code>}
              </span>
              <span class="item__text"><SnippetText text={s.text} values={mine} /></span>
            </button>
            {s.id === selected && (
              <div class="item__actions">
                <button type="button" aria-pressed={!!s.pinnedAt} title="置顶的话术排在话术选择和列表的最前面"
                  onClick={() => void act(async () => (await store()).setPinned(s.id, !s.pinnedAt), s.pinnedAt ? `已取消置顶：${s.title}` : `已置顶：${s.title}`)}>
                  {s.pinnedAt ? '取消置顶' : '置顶'}
                </button>
                {s.owner === '个人' ? (
                  <>
                    <button type="button" onClick={() => setEditing({ snippet: s, line: s.line })}>编辑</button>
                    <button type="button" onClick={() => void act(async () => (await store()).copyToPersonal(s.id), `已复制一份：${s.title}（副本）`)}>复制一份</button>
                    {confirmDelete === s.id ? (
                      <button type="button" class="danger" onClick={() => void act(async () => (await store()).deletePersonal(s.id), `已删除：${s.title}`, s.id).then(() => setConfirmDelete(null))}>确认删除</button>
                    ) : (
                      <button type="button" onClick={() => setConfirmDelete(s.id)}>删除</button>
                    )}
                  </>
                ) : (
                  personalAllowed && (
                    <button type="button" onClick={() => void act(async () => (await store()).copyToPersonal(s.id), `已复制到${shelfName({ line: s.line, owner: '个人' })}：${s.title}，可以编辑了`)}>复制到我的话术</button>
                  )
                )}
              </div>
            )}
          </li>
        ))}
      </ul>
      {read === undefined && !readError && (
        <div aria-busy="true" data-field="library-loading">
          <span class="skeleton" style="height:40px" />
          <span class="skeleton" style="height:40px" />
          <span class="skeleton" style="height:40px" />
        </div>
      )}
      {read !== undefined && results.length === 0 && <p class="hint">{query ? `没有与“${query}”匹配的话术` : '这一栏还没有话术'}</p>}
      {inShelf.length > SHOWN && results.length === SHOWN && (
        <p class="hint">共 {inShelf.length} 条，显示{query ? '最匹配' : '最常用'}的 {SHOWN} 条；输入更多关键字可找到其余的。</p>
      )}
    </div>
  );
}

/** How often the side panel asks the SEA page again, while the panel is shown: the agent switches conversations. */
const SUGGEST_EVERY_MS = 3000;

/** The 建议 ids for the SEA tab's open conversation, kept current in the side panel (nothing is stored). */
function useSuggestions(on: boolean): string[] {
  const [ids, setIds] = useState<string[]>([]);
  useEffect(() => {
    if (!on) return;
    let alive = true;
    const update = () => {
      if (document.visibilityState !== 'visible') return;
      void pageSuggestions().then((next) => alive && setIds((now) => (now.join() === next.join() ? now : next)));
    };
    update();
    const timer = setInterval(update, SUGGEST_EVERY_MS);
    browser.tabs.onActivated.addListener(update);
    return () => {
      alive = false;
      clearInterval(timer);
      browser.tabs.onActivated.removeListener(update);
    };
  }, [on]);
  return ids;
}
