import { browser } from 'wxt/browser';
import { defineFeature, defineLateCode } from '~/utils/page/feature';
import { createInjected } from '~/utils/page/inject';
import { insideEditorFrame, onEditorFrames, rectInPage } from '~/utils/page/frames';
import { findPhrases, handbookPhrases, handbookRemarkPhrases, packPhrasesMessage, type PhraseRule } from '~/utils/phrases';
import { isRemarkField } from '~/utils/page/conversation';
import { ask } from '~/utils/messaging/protocol';

/**
 * Seed item 03 and the handbook's 服务禁语: while an agent writes a reply, a quiet note above the box
 * names any forbidden phrase and what to say instead. In a 备注 field the handbook's other rule holds
 * (不成功原因 in 书面语, never “客户睡觉了”): a second list names colloquial reasons and their written
 * form. It never changes or blocks what they write.
 */
const CHECK_DELAY_MS = 150;

/** By tag, not instanceof: an iframe editor's elements belong to another window. */
function isReplyBox(el: EventTarget | null): el is HTMLTextAreaElement | HTMLElement {
  const node = el as HTMLElement | null;
  return node?.nodeType === 1 && (node.tagName === 'TEXTAREA' || node.isContentEditable || node.ownerDocument.designMode === 'on');
}

function replyText(box: HTMLTextAreaElement | HTMLElement): string {
  return box.tagName === 'TEXTAREA' ? (box as HTMLTextAreaElement).value : box.innerText;
}

/** 服务禁语：“不好意思”→抱歉；“大概”→请用确定的说法 */
function summary(hits: PhraseRule[]): string {
  const kinds = { forbidden: '服务禁语', caution: '慎用语', remark: '备注请用书面语', surrender: '' } as const;
  return (Object.keys(kinds) as Array<keyof typeof kinds>)
    .map((kind) => hits.filter((h) => h.kind === kind))
    .filter((group) => group.length)
    .map((group) => `${kinds[group[0].kind]}：${group.map((h) => `“${h.text}”${h.suggestion ? `→${h.suggestion}` : ''}`).join('；')}`)
    .join('　');
}

export default defineFeature({
  id: 'phrase-check',
  title: '服务禁语提醒',
  description: '回复里出现“不清楚”“大概”“不好意思”等服务禁语时，在回复框上方提示建议说法。',
  order: 80,
  late: true,
});

/** Loaded with the writing script (Feature.late): only a frame with somewhere to write needs it. */
export const late = defineLateCode({
  start({ signal }) {
    let rules = handbookPhrases;
    let remarkRules = handbookRemarkPhrases;
    let loaded = false;
    let note: HTMLElement | null = null;
    let timer = 0;

    const hide = () => {
      note?.remove();
      note = null;
    };
    signal.addEventListener('abort', hide);

    const check = (box: HTMLTextAreaElement | HTMLElement) => {
      const hits = findPhrases(replyText(box), isRemarkField(box) ? remarkRules : rules);
      if (!hits.length) return hide();
      note ??= createInjected('div', 'phrase-check');
      note.setAttribute('role', 'status');
      note.textContent = summary(hits);
      const rect = rectInPage(box);
      note.style.left = `${Math.max(4, rect.left)}px`;
      note.style.maxWidth = `${Math.max(240, rect.width)}px`;
      if (!note.isConnected) document.body.append(note);
      // Just above the box, however many lines the note takes.
      note.style.top = `${Math.max(4, rect.top - note.offsetHeight - 4)}px`;
    };

    const onInput = (event: Event) => {
      const target = (event.composedPath()[0] ?? event.target) as Node | null;
      const found = target?.nodeType === 3 ? target.parentElement : target;
      if (!isReplyBox(found) || (event as InputEvent).isComposing) return;
      // The editor's root, so the whole reply is read.
      let box: HTMLTextAreaElement | HTMLElement = found;
      while (box.parentElement?.isContentEditable) box = box.parentElement;
      if (box.ownerDocument.designMode === 'on') box = box.ownerDocument.body;
      if (!loaded) {
        loaded = true;
        // A lead's pack may add its own list; the handbook's applies until (and unless) it answers.
        void ask(packPhrasesMessage, {}, (m) => browser.runtime.sendMessage(m)).then(
          (extra) => {
            const of = (...kinds: string[]) => extra.filter((p) => kinds.includes(p.kind));
            rules = [...handbookPhrases, ...of('forbidden', 'caution')];
            remarkRules = [...handbookRemarkPhrases, ...of('remark')];
          },
          () => {}, // the handbook's list still applies: nothing to tell the agent
        );
      }
      clearTimeout(timer);
      timer = window.setTimeout(() => check(box), CHECK_DELAY_MS);
    };
    const listen = (target: Document, own: boolean) => {
      const handle = (listener: (event: Event) => void) => (event: Event) => (own && insideEditorFrame()) || listener(event);
      // beforeinput too: editors with their own model (CKEditor 5, wangEditor) cancel it and fire no input.
      for (const type of ['input', 'beforeinput', 'compositionend']) target.addEventListener(type, handle(onInput), { capture: true, signal });
      // Sent or left: the note goes with the focus.
      target.addEventListener('focusout', handle((event) => isReplyBox(event.target) && setTimeout(hide, 200)), { capture: true, signal });
    };
    listen(document, true);
    onEditorFrames(signal, (win) => listen(win.document, false));
  },
});
