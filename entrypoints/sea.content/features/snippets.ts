import { browser, type Browser } from 'wxt/browser';
import { defineFeature, defineLateCode } from '~/utils/page/feature';
import { insideEditorFrame, onEditorFrames } from '~/utils/page/frames';
import { SnippetPicker } from '~/components/snippets/picker';
import { completeSnippet, type PlaceholderValues } from '~/utils/snippets/placeholders';
import { answerPageValues, answerWithoutReplyBox, noteReplyFocus, placeholderValues } from '~/utils/snippets/frame-values';
import { buildSearchIndex, countUse, searchSnippets, type SearchEntry, type SearchIndex } from '~/utils/snippets/search';
import { isKeyword, openingIn, triggerAt, triggerVariants } from '~/utils/snippets/trigger';
import { matchesShortcut, parseShortcut, type KeyCombo } from '~/utils/snippets/shortcut';
import { buildSuggestIndex, suggestSnippets, type SuggestIndex } from '~/utils/snippets/suggest';
import { conversationOf, messagesOf, replyBoxesIn } from '~/utils/page/conversation';
import { visibleSnippets } from '~/utils/snippets/shelves';
import {
  snippetIndexMessage, snippetOpenPickerMessage, snippetPageSuggestionsMessage, snippetUsedMessage,
  type IndexResponse, type InsertResponse, type SnippetMessage, type SuggestionsResponse, type TargetResponse,
} from '~/utils/snippets/messages';
import { answerMessages, ask, parseMessage } from '~/utils/messaging/protocol';
import {
  caretAtEnd, caretIn, insertReply, pickerAnchor, replyBoxAt, replyBoxOf, restoreCaret, textBefore,
  type Caret, type ReplyBox,
} from '~/utils/snippets/reply-box';

/**
 * Reply scripts in any SEA reply box: typing the trigger (// by default) opens the picker at the
 * caret; letters, pinyin or initials filter; Enter or a click puts the snippet in place of
 * `//keyword`, filled from the page. Also the side panel's hands in the page: it inserts into the
 * reply box that last had focus.
 *
 * The search entries come from the background (this script's IndexedDB would be SEA's, not the
 * extension's) and are searched here: no message per keystroke. The list an empty `//` shows first (a
 * few dozen entries) is asked for as soon as this code runs, so the first `//` shows it at once; the
 * whole library (20,000 snippets: ~4 MB, ~0.5 s to send and index) is asked for when the picker first
 * opens, and replaces it.
 */

const LIMIT = 30;
/** Suggestions rank every snippet's words; past this many the first open would take too long in the page. */
const MAX_SUGGEST_LIBRARY = 5000;
const send = (message: unknown) => browser.runtime.sendMessage(message);
const MAX_KEYWORD = 20;

interface Session {
  box: ReplyBox;
  /** Which trigger spelling opened it (// or its IME forms 、、 ／／); empty when the shortcut did. */
  trigger: string;
  keyword: string;
  /** Opened by the shortcut: the text before the caret then; the keyword is what is typed after it. */
  line?: string;
}

export default defineFeature({
  id: 'snippets',
  title: '话术快捷输入',
  description: '在回复框输入 // 弹出话术选择，回车插入。',
  order: 70,
  settings: {
    snippetTrigger: {
      title: '本站话术触发符',
      description: '本站回复框里打开话术选择的输入，与全局触发符不同时填写（如 // 与本站网址输入冲突）；不填则用全局触发符（默认 //）。',
      default: '',
      schema: { type: 'string' },
      example: ';;',
    },
  },
  late: true,
  // Until the writing script arrives: other frames' and the side panel's questions that need no reply box.
  start(ctx) {
    const unlisten = answerMessages((message, sender) =>
      sender.id === browser.runtime.id ? answerWithoutReplyBox(message as SnippetMessage, ctx) : undefined);
    ctx.signal.addEventListener('abort', unlisten);
  },
});

/** Loaded with the writing script (Feature.late): the picker and inserts, where the page has a reply box. */
export const late = defineLateCode({
  start(ctx) {
    const triggers = triggerVariants((ctx.options.snippetTrigger as string) || ctx.settings.snippetTrigger || '//');
    /** How far back from the caret a `//keyword` can start. */
    const reach = MAX_KEYWORD + Math.max(...triggers.map((t) => t.length)) + 1;
    const parsed = parseShortcut(ctx.settings.snippetShortcut ?? '');
    const shortcut: KeyCombo | null = parsed && !('error' in parsed) ? parsed : null;
    /** Between compositionstart and compositionend: keys belong to the IME (Enter commits, digits pick its candidates). */
    let composing = false;
    const picker = new SnippetPicker({ choose: (entry) => void choose(entry) });
    let session: Session | null = null;
    /** True while the placeholder form has focus: the reply box's blur is expected then. */
    let asking = false;
    const data: {
      rev?: string; index?: SearchIndex; error?: string; loading?: Promise<void>;
      /** The index holds only the first list (the whole library is on its way). */
      partial?: boolean;
      /** The first list, asked for when this code started. */
      head?: Promise<IndexResponse>;
      /** The suggestion ranking, built from `index` the first time the picker opens beside a conversation. */
      suggest?: { index: SearchIndex; ranking: SuggestIndex };
    } = {};
    /** The reply box the side panel inserts into, and its caret when focus left it. */
    let lastBox: ReplyBox | null = null;
    let lastCaret: Caret | null = null;
    /** What the agent typed at the caret lately (since it last moved, Esc or an insert), newest last. */
    let recent = '';
    const noteTyped = (data: string | null | undefined) => {
      recent = data ? (recent + data).slice(-reach) : '';
    };

    /** The first list alone, held until the whole library replaces it. */
    function takeHead(first: IndexResponse): void {
      if (!first.entries || data.index) return;
      data.index = buildSearchIndex(visibleSnippets(first.entries, ctx.settings));
      data.partial = true;
    }

    /** Asks for the first list now, before any `//`: a few dozen entries, so the first picker needs no round trip. */
    function prefetchHead(): void {
      data.head = ask(snippetIndexMessage, { top: LIMIT }, send);
      data.head.then(takeHead, () => undefined);
    }

    /** Gets the entries, or checks that the ones held are current; the open list updates when they arrive. */
    function refresh(): Promise<void> {
      data.loading ??= (async () => {
        try {
          if (!data.index) {
            // The first list first (asked for at start, unless that failed): the whole library follows.
            const head = await data.head?.catch(() => undefined);
            takeHead(head ?? (await ask(snippetIndexMessage, { top: LIMIT }, send)));
            render();
          }
          const answer = await ask(snippetIndexMessage, data.rev ? { rev: data.rev } : {}, send);
          if (answer.entries) {
            data.index = buildSearchIndex(visibleSnippets(answer.entries, ctx.settings));
            data.partial = false;
          }
          data.rev = answer.rev;
          data.error = undefined;
        } catch (error) {
          // The real cause: 数据库出错, 扩展已更新 (this page's script outlived it), 无权限.
          data.error = `话术加载失败：${(error as Error).message}`;
        } finally {
          data.loading = undefined;
          render();
        }
      })();
      return data.loading;
    }

    function render(): void {
      if (!session || asking) return;
      if (!data.index) return picker.show([], session.keyword, data.error ?? '正在加载话术…');
      const results = searchSnippets(data.index, session.keyword, LIMIT);
      // Only the first list is here: a keyword it does not match may match in the library on its way.
      if (!results.length && data.partial) return picker.show([], session.keyword, data.error ?? '正在加载话术…');
      // Nothing matches and the agent typed a space: this was not a snippet search.
      if (!results.length && /\s$/.test(session.keyword)) return close();
      picker.show(results, session.keyword, undefined, session.keyword ? [] : suggestionsFor(customerSaid(session.box)));
    }

    /** What the customer said in the conversation a reply box (or an iframe editor) answers; null when it answers none. */
    function customerSaid(box: Element): string[] | null {
      try {
        const frame = box.ownerDocument.defaultView?.frameElement;
        const area = conversationOf(frame && box.ownerDocument !== document ? frame : box);
        return area ? messagesOf(area).filter((m) => !m.fromAgent).map((m) => m.text) : null;
      } catch {
        return null; // a page we cannot read gets the plain list
      }
    }

    /** Up to three snippets answering the customer's latest messages in the conversation this box answers. */
    function suggestionsFor(said: string[] | null): SearchEntry[] {
      if (!said?.length || !data.index || data.index.entries.length > MAX_SUGGEST_LIBRARY) return [];
      if (data.suggest?.index !== data.index) data.suggest = { index: data.index, ranking: buildSuggestIndex(data.index.entries) };
      return suggestSnippets(data.suggest.ranking, said, 3);
    }

    /**
     * The side panel's 建议 (ids only), for the box last used, else the first one on screen. A frame without a
     * conversation (or an editor's own document) leaves the answer to the tab's other frames.
     */
    function pageSuggestions(): Promise<SuggestionsResponse> | undefined {
      const box = insideEditorFrame() ? undefined : lastBox?.isConnected ? lastBox : replyBoxesIn(document)[0];
      const said = box ? customerSaid(box) : null;
      if (!said) return undefined;
      return (data.index && !data.partial ? Promise.resolve() : refresh()).then(() => ({ ids: suggestionsFor(said).map((e) => e.id) }));
    }

    function close(): void {
      session = null;
      picker.close();
    }

    /** After each edit or caret move in a reply box: open, filter or close the picker. */
    function evaluate(box: ReplyBox, typed: boolean): void {
      if (asking) return;
      const caret = caretIn(box);
      const before = caret ? textBefore(caret, reach) : '';
      if (session && session.box !== box) close();
      if (!session) {
        // Opens only on a trigger typed just now, so Esc'd or old `//` text stays quiet.
        const opening = typed && caret ? openingIn(before, recent, triggers, MAX_KEYWORD) : undefined;
        if (!opening || !caret) return;
        return start({ box, ...opening }, caret);
      }
      if (session.line !== undefined) {
        // Opened by the shortcut: the keyword is what was typed after the caret was then.
        const line = caret ? textBefore(caret, Infinity) : '';
        const keyword = line.slice(session.line.length);
        if (!caret || !line.startsWith(session.line) || !isKeyword(keyword, MAX_KEYWORD)) return close();
        session.keyword = keyword;
        return render();
      }
      const at = before.lastIndexOf(session.trigger);
      const keyword = before.slice(at + session.trigger.length);
      if (!caret || at < 0 || !triggerAt(before, at) || !isKeyword(keyword, MAX_KEYWORD)) return close();
      session.keyword = keyword;
      render();
    }

    function start(opened: Session, caret: Caret): void {
      session = opened;
      const count = opened.trigger.length + opened.keyword.length;
      // Measured when the picker is placed, in the next frame: no layout in the keystroke.
      picker.open(() => pickerAnchor(caret, count));
      // Shows what it has at once; newer entries replace the list when they arrive. The revision
      // check goes after the keystroke: a message costs ~1.5 ms to send.
      render();
      setTimeout(() => void refresh());
    }

    /** The shortcut (Alt+/): the picker at the caret, with no trigger typed; pressed again, it closes. */
    function openByShortcut(box: ReplyBox): void {
      if (session) return close();
      const caret = caretIn(box);
      if (caret) start({ box, trigger: '', keyword: '', line: textBefore(caret, Infinity) }, caret);
    }

    async function choose(entry: SearchEntry): Promise<void> {
      if (!session) return;
      const { box, trigger, keyword } = session;
      let caret = caretIn(box);
      if (!caret) return close();
      const reply = await completeSnippet(entry.text, await placeholderValues(ctx), async (plan) => {
        asking = true;
        const answers = await picker.ask(entry.title, plan);
        asking = false;
        // Back to the reply box, unless the agent left the form by clicking elsewhere.
        if (answers || picker.contains(document.activeElement)) restoreCaret(caret!);
        caret = caretIn(box) ?? caret;
        return answers;
      });
      close();
      if (!reply) return;
      insertReply(caret, trigger.length + keyword.length, reply);
      noteTyped(null);
      // Counted here too, so the list ranks it at once and the index needs no re-send for it.
      countUse(data.index, entry);
      const heldRev = data.rev;
      void ask(snippetUsedMessage, { id: entry.id }, send)
        .then(({ rev }) => {
          if (rev && data.rev === heldRev && !data.loading) data.rev = rev;
        })
        .catch(() => undefined); // only the ranking misses this use
    }

    function onKeydown(e: KeyboardEvent): void {
      // IME: keys belong to the composition (Enter commits it, digits pick its words), never to the picker.
      if (asking || composing || e.isComposing || e.keyCode === 229) return;
      if (shortcut && !e.repeat && matchesShortcut(e, shortcut)) {
        const box = replyBoxOf(e);
        if (!box) return;
        openByShortcut(box);
        e.preventDefault();
        e.stopImmediatePropagation();
        return;
      }
      if (!session || replyBoxOf(e) !== session.box) return;
      const handled = (() => {
        // 1-9 pick the entry shown with that digit; past the list's end a digit is typed as usual.
        if (/^[1-9]$/.test(e.key) && !e.ctrlKey && !e.metaKey && !e.altKey) {
          const entry = picker.at(Number(e.key) - 1);
          if (entry) void choose(entry);
          return !!entry;
        }
        switch (e.key) {
          case 'ArrowDown':
            picker.move(1);
            return true;
          case 'ArrowUp':
            picker.move(-1);
            return true;
          case 'Enter':
          case 'Tab': {
            if (e.ctrlKey || e.metaKey || e.altKey || e.shiftKey) return close(), false;
            const entry = picker.current();
            if (entry) void choose(entry);
            return !!entry;
          }
          case 'Escape':
            close();
            noteTyped(null);
            return true;
          default:
            return false;
        }
      })();
      if (handled) {
        // Before the page's own handlers: Enter must not also send the message.
        e.preventDefault();
        e.stopImmediatePropagation();
      }
    }

    /** Every listener, so an iframe editor's window gets the same ones when the agent focuses into it. */
    const listeners: Array<[string, (e: Event) => void]> = [];
    const on = <K extends keyof WindowEventMap>(type: K, listener: (e: WindowEventMap[K]) => void) => {
      listeners.push([type, listener as (e: Event) => void]);
      window.addEventListener(type, (e) => insideEditorFrame() || listener(e), { capture: true, signal: ctx.signal });
    };

    /**
     * Editors with their own model (CKEditor 5, wangEditor) cancel beforeinput and fire no input
     * event: the keystroke is looked at once they have applied it, unless an input event came.
     */
    let lastTyped: { input: boolean } = { input: true };
    on('beforeinput', (e) => {
      if (e.isComposing) return;
      // Our own inserts (untrusted), pastes and new lines start over; Backspace takes back the last key.
      if (e.inputType === 'deleteContentBackward') recent = recent.slice(0, -1);
      else noteTyped(e.isTrusted && e.inputType === 'insertText' ? e.data : null);
      const typed = (lastTyped = { input: false });
      if (!e.inputType.startsWith('insert')) return;
      const box = replyBoxOf(e);
      if (!box) return;
      // Slate-based editors render the change in a later task: look again in the next frame.
      const look = () => !typed.input && evaluate(box, true);
      setTimeout(look);
      requestAnimationFrame(() => setTimeout(look));
    });
    on('input', (e) => {
      const input = e as InputEvent;
      // An input with no beforeinput before it (a page's own synthetic typing): its text was typed too.
      if (lastTyped.input && !input.isComposing) noteTyped(input.inputType === 'insertText' ? input.data : null);
      lastTyped.input = true;
      if (input.isComposing) return;
      const box = replyBoxOf(e);
      if (box) evaluate(box, input.inputType?.startsWith('insert') ?? false);
    });
    // A committed IME composition (欢迎, or 、、 typed in Chinese punctuation mode) is typed text too.
    on('compositionstart', () => {
      composing = true;
    });
    on('compositionend', (e) => {
      composing = false;
      noteTyped(e.data);
      const box = replyBoxOf(e);
      if (box) evaluate(box, true);
    });
    on('keydown', onKeydown);
    // The caret moved away from the `//keyword` (arrow keys, a click anywhere but the picker): done.
    on('keyup', (e) => {
      if (!/^(Arrow(Left|Right|Up|Down)|Home|End|PageUp|PageDown)$/.test(e.key)) return;
      if (!session) noteTyped(null);
      else if (!asking && !/^Arrow(Up|Down)$/.test(e.key)) close();
    });
    on('mouseup', (e) => {
      if (picker.contains(e.composedPath()[0])) return;
      noteTyped(null);
      if (session) close(); // also dismisses an open placeholder form
    });
    on('focusin', (e) => {
      const box = replyBoxOf(e);
      if (!box) return;
      // Of all the frames of an admin, the side panel inserts into the one where the agent typed last.
      noteReplyFocus();
      lastBox = box;
    });
    if (!insideEditorFrame()) prefetchHead();
    // This code loads on the agent's first focus into a text field (Feature.late): that box has focus already.
    const focused = replyBoxAt(document.activeElement);
    if (focused && !insideEditorFrame()) {
      noteReplyFocus();
      lastBox = focused;
      // Keys typed between that focus and this code's arrival (tens of ms; more on a busy PC) had no
      // listener: a trigger right before the caret was typed just now, so it opens the picker.
      queueMicrotask(() => {
        const caret = caretIn(focused);
        if (!caret || document.activeElement !== focused) return;
        recent = textBefore(caret, reach);
        evaluate(focused, true);
      });
    }
    on('focusout', (e) => {
      const box = replyBoxOf(e);
      if (box) {
        noteTyped(null);
        composing = false; // a composition ends with its box's focus
      }
      if (box && box === lastBox) lastCaret = caretIn(box);
      if (session && box === session.box && !asking && !picker.contains(e.relatedTarget)) close();
    });
    on('scroll', () => {
      const caret = session && caretIn(session.box);
      if (caret) picker.place(pickerAnchor(caret, session!.trigger.length + session!.keyword.length));
    });
    onEditorFrames(ctx.signal, (win) => {
      for (const [type, listener] of listeners) win.addEventListener(type, listener, { capture: true, signal: ctx.signal });
      // The agent is in the frame's body already: it is the box the side panel inserts into.
      const body = win.document.body;
      if (body) lastBox = body;
    });
    on('resize', () => close());

    // The side panel and the background (extension pages, nothing else): what would an insert hit, and insert.
    const onMessage = (message: unknown, sender: Browser.runtime.MessageSender): Promise<TargetResponse | InsertResponse | PlaceholderValues | SuggestionsResponse | true> | undefined => {
      // Only the extension itself reaches a page script by tabs.sendMessage; another extension never.
      if (sender.id !== browser.runtime.id) return undefined;
      const m = message as SnippetMessage;
      if (m?.type === 'seakit:snippets/page-values') return answerPageValues(m, ctx);
      if (parseMessage(snippetPageSuggestionsMessage, m)) return pageSuggestions();
      if (parseMessage(snippetOpenPickerMessage, m)) {
        // The agent's own key for the `open-snippets` command: the reply box that has focus here, if any.
        const box = lastBox?.isConnected && lastBox.ownerDocument.hasFocus() ? lastBox : null;
        if (!box || insideEditorFrame()) return undefined;
        openByShortcut(box);
        return Promise.resolve(true);
      }
      if (!lastBox?.isConnected) return answerWithoutReplyBox(m, ctx);
      if (m?.type === 'seakit:snippets/target') {
        const target = describe(lastBox);
        return placeholderValues(ctx).then((values) => ({ target, values }));
      }
      if (m?.type === 'seakit:snippets/insert') return Promise.resolve(insertFromPanel(lastBox, m.text, m.after ?? 0));
      return undefined;
    };
    function insertFromPanel(box: ReplyBox, text: string, after: number): InsertResponse {
      const caret = lastCaret?.box === box ? lastCaret : (caretIn(box) ?? caretAtEnd(box));
      restoreCaret(caret);
      insertReply(caretIn(box) ?? caret, 0, { text, after });
      lastCaret = caretIn(box);
      return { ok: true, target: describe(box) };
    }
    const unlisten = answerMessages(onMessage);
    ctx.signal.addEventListener('abort', () => {
      unlisten();
      close();
    });
  },
});

/** How the side panel names the box it inserted into: its label as the agent sees it. */
function describe(box: ReplyBox): string {
  const label = box.getAttribute('aria-label') || box.getAttribute('placeholder') || box.getAttribute('title');
  return label?.trim() ? `“${label.trim().slice(0, 20)}”` : '回复框';
}
