import { browser } from 'wxt/browser';
import { defineFeature, defineLateCode } from '~/utils/page/feature';
import { createInjected } from '~/utils/page/inject';
import { insideEditorFrame } from '~/utils/page/frames';
import { conversationOf, messagesOf, replyBoxInUse } from '~/utils/page/conversation';
import { packPhrasesMessage } from '~/utils/phrases';
import { ask } from '~/utils/messaging/protocol';
import { findSurrenderWish, handbookSurrenderWishes, type SurrenderWish } from '~/utils/surrender-wish';
import { needWritingCode, writingPlaceSeen } from '~/utils/page/late';
import type { FeatureContext } from '~/utils/page/feature';
import { visibleSnippets } from '~/utils/snippets/shelves';
import { snippetRetentionMessage } from '~/utils/snippets/messages';
import type { SearchEntry } from '~/utils/snippets/search';
import { insertSnippet } from '~/utils/snippets/insert';
import { caretAtEnd, caretIn, type Caret } from '~/utils/snippets/reply-box';

/**
 * Handbook 退保预警: when the customer in the open conversation says they want to surrender (我要退保,
 * 这个保险一点都不好我要退掉…), a note above the reply box reminds the agent to register the 退保预警 and
 * offers the packs' retention scripts (tagged 挽留/退保), one click inserts. Only the conversation the
 * reply box answers is read, never session lists, the reply box or SEA Kit's own UI; the note sits
 * beside the box, never over it.
 */

/** At most this many retention scripts as buttons: the note stays one or two lines. */
const MAX_SCRIPTS = 3;

function frameBody(box: HTMLElement): HTMLElement {
  return box instanceof HTMLIFrameElement ? (box.contentDocument?.body ?? box) : box;
}

export default defineFeature({
  id: 'surrender-alert',
  title: '退保预警提醒',
  description: '客户在当前会话里表示要退保时，在回复框上方提醒登记退保预警，并可一键插入挽留话术。',
  order: 85,
  settings: {
    surrenderWishes: {
      title: '退保意愿词',
      description: '客户消息里出现这些词时提示登记退保预警（在回访手册内置词之外追加）。',
      default: [] as string[],
      schema: { type: 'array', items: { type: 'string' } },
      example: ['给我撤了', '不想要了'],
    },
  },
  late: true,
  // Stand-in (page script): the note's code loads only once the open conversation holds a wish.
  onPage(ctx) {
    if (!writingPlaceSeen() || insideEditorFrame() || standInQueued) return;
    standInQueued = true;
    // After the frame that shows this pass's work (the copy buttons): reading which reply box is shown
    // then costs no style pass of its own, and does not hold those up.
    requestAnimationFrame(() => setTimeout(() => {
      standInQueued = false;
      if (ctx.signal.aborted) return;
      const check = () => {
        if (!ctx.signal.aborted && openWish(wishesFor(ctx)).wish) needWritingCode();
      };
      // The packs' phrases count too, for this check and every later one: asked once per start of the feature.
      if (packWishesFor !== ctx.signal) {
        packWishesFor = ctx.signal;
        void askPackWishes().then((changed) => changed && check());
      }
      check();
    }));
  },
});

/** A stand-in check is waiting for the next frame: page passes meanwhile need no other. */
let standInQueued = false;
const send = (message: unknown) => browser.runtime.sendMessage(message);

/** The packs' own wish phrases, once they answered: asked when the stand-in or the note's code starts. */
let packWishes: string[] = [];
/** The stand-in's run (its signal) that asked for them. */
let packWishesFor: AbortSignal | undefined;

/** True when the packs' phrases differ from those already in use (usually there are none): only then read the conversation again. */
function askPackWishes(): Promise<boolean> {
  return ask(packPhrasesMessage, {}, send).then(
    (extra) => {
      const next = extra.filter((p) => p.kind === 'surrender').map((p) => p.text);
      if (next.join('\n') === packWishes.join('\n')) return false;
      packWishes = next;
      return true;
    },
    () => false,
  );
}

/** Handbook, site and pack phrases: the same array until one of them changes (then the conversation is read again). */
let wishList: { site: string[]; pack: string[]; all: string[] } | undefined;

function wishesFor(ctx: Pick<FeatureContext, 'options'>): string[] {
  const site = ctx.options.surrenderWishes as string[];
  if (wishList?.site !== site || wishList.pack !== packWishes) {
    wishList = { site, pack: packWishes, all: [...handbookSurrenderWishes, ...site, ...packWishes] };
  }
  return wishList.all;
}

/** The last conversation read: a re-render with the same text (every second, on some SEAs) is not read again. */
let read: { area: Element; text: string; wishes: string[]; wish: SurrenderWish | undefined } | undefined;

/** The reply box in use and the wish in the conversation it answers (the stand-in's test and the note's). */
function openWish(wishes: string[]): { box: HTMLElement | null; wish?: SurrenderWish } {
  const box = replyBoxInUse(document);
  const area = box && conversationOf(box);
  if (!area) return { box };
  const text = area.textContent ?? '';
  if (read?.area !== area || read.text !== text || read.wishes !== wishes) {
    read = { area, text, wishes, wish: findSurrenderWish(messagesOf(area), wishes) };
  }
  return { box, wish: read.wish };
}

/** Loaded with the writing script (Feature.late): the note sits above a reply box, so only a frame with one needs it. */
export const late = defineLateCode({
  start(ctx) {
    const { signal } = ctx;
    let scripts: SearchEntry[] = [];
    let note: HTMLElement | null = null;
    let box: HTMLElement | null = null;
    /** The message the note is about, and the one the agent dismissed with 知道了. */
    let shown = '';
    let dismissed = '';
    /** The reply box's caret when the agent clicked into the note: the insert goes there. */
    let lastCaret: Caret | null = null;

    // Packs add wish phrases and retention scripts; the handbook's apply until (and unless) they answer.
    void askPackWishes().then((changed) => changed && check());
    void ask(snippetRetentionMessage, { personal: ctx.settings.allowPersonalSnippets, starter: ctx.settings.starterSnippets }, send).then(
      (answer) => {
        scripts = visibleSnippets(answer.entries, ctx.settings).slice(0, MAX_SCRIPTS);
        if (note) render(note, currentWish!);
      },
      () => {},
    );

    let currentWish: SurrenderWish | undefined;

    const hide = () => {
      note?.remove();
      note = null;
      shown = '';
    };
    signal.addEventListener('abort', hide);

    function check(): void {
      // The editor's own document: the frame around it shows the note.
      if (insideEditorFrame()) return;
      const { box: next, wish } = openWish(wishesFor(ctx));
      if (!wish || !next || wish.message === dismissed) return hide();
      box = next;
      currentWish = wish;
      if (!note) {
        note = createInjected('div', 'surrender-alert');
        note.setAttribute('role', 'alert');
        // Clicking in the note must not take the caret out of the reply box.
        note.addEventListener('mousedown', (e) => {
          const target = box && frameBody(box);
          if (target) lastCaret = caretIn(target);
          e.preventDefault();
        });
        document.body.append(note);
      }
      if (shown !== wish.message) render(note, wish);
      place();
    }

    function render(el: HTMLElement, wish: SurrenderWish): void {
      shown = wish.message;
      const quote = wish.message.length > 30 ? `${wish.message.slice(0, 30)}…` : wish.message;
      const head = createInjected('div', 'surrender-alert', `退保预警：客户表示“${quote}”，请先在系统中登记退保预警（预警子类选“退保”）。`);
      head.className = 'seakit-alert-text';
      const actions = createInjected('div', 'surrender-alert');
      actions.className = 'seakit-alert-actions';
      for (const script of scripts) {
        const button = createInjected('button', 'surrender-alert', `插入挽留话术：${script.title}`);
        button.type = 'button';
        button.title = script.text;
        button.addEventListener('click', () => void insert(script));
        actions.append(button);
      }
      const ok = createInjected('button', 'surrender-alert', '知道了');
      ok.type = 'button';
      ok.addEventListener('click', () => {
        dismissed = wish.message;
        hide();
      });
      actions.append(ok);
      el.replaceChildren(head, actions);
    }

    async function insert(script: SearchEntry): Promise<void> {
      if (!box?.isConnected) return;
      const target = frameBody(box);
      const caret = lastCaret?.box === target ? lastCaret : (caretIn(target) ?? caretAtEnd(target));
      await insertSnippet(script, caret, 0, ctx, note!.getBoundingClientRect());
    }

    /** Above the reply box, right-aligned; above the phrase-check note when that one is showing. */
    function place(): void {
      if (!note || !box?.isConnected) return;
      const rect = box.getBoundingClientRect();
      const width = Math.min(460, Math.max(260, rect.width * 0.6));
      note.style.width = `${width}px`;
      note.style.left = `${Math.max(4, rect.right - width)}px`;
      const phraseNote = document.querySelector<HTMLElement>('[data-seakit="phrase-check"]');
      const top = phraseNote?.isConnected ? Math.min(rect.top, phraseNote.getBoundingClientRect().top) : rect.top;
      note.style.top = `${Math.max(4, top - note.offsetHeight - 4)}px`;
    }

    let placing = 0;
    const placeSoon = () => {
      if (!note || placing) return;
      placing = requestAnimationFrame(() => {
        placing = 0;
        place();
      });
    };
    window.addEventListener('scroll', placeSoon, { capture: true, passive: true, signal });
    window.addEventListener('resize', placeSoon, { signal });
    // The phrase-check note comes and goes as the agent types: keep clear of it.
    document.addEventListener('input', () => setTimeout(placeSoon, 200), { capture: true, signal });
    // Another reply box (another conversation's, or the rich-text tab) took focus.
    document.addEventListener('focusin', () => check(), { capture: true, signal });
    checks.set(signal, check);
    check();
  },
  // The conversation re-rendered, another one opened, a message arrived.
  onPage({ signal }) {
    checks.get(signal)?.();
  },
});

/** Each running instance's check, for the page core's passes. */
const checks = new WeakMap<AbortSignal, () => void>();
