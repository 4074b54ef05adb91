import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import * as surrenderAlertModule from '~/entrypoints/sea.content/features/surrender-alert';
import * as phraseCheckModule from '~/entrypoints/sea.content/features/phrase-check';
import { conversationOf, isRemarkField, messagesOf } from '~/utils/page/conversation';
import { findSurrenderWish, handbookSurrenderWishes, surrenderWishIn } from '~/utils/surrender-wish';
import { LateFeatures } from '~/utils/page/late';
import { $, $$, settle, startOn, withLateCode } from './helpers/page';

const surrenderAlert = withLateCode(surrenderAlertModule);
const phraseCheck = withLateCode(phraseCheckModule);

afterEach(() => {
  document.body.innerHTML = '';
  fakeBrowser.reset();
});

/** A chat workbench: a session list with previews beside the open conversation and its reply box. */
const chat = (messages: string, preview = '我要退保') => `
  <div class="chat">
    <ul class="chat__list" aria-label="会话列表"><li class="chat__item"><div>王芳</div><div class="chat__preview">${preview}</div></li></ul>
    <section class="chat__main">
      <div class="chat__info"><span class="label">投保人：</span><span>李强</span></div>
      <div class="chat__messages" id="messages">${messages}</div>
      <div class="chat__reply">
        <div role="tablist"><button role="tab">文本回复</button><button role="tab">富文本回复</button></div>
        <div class="chat__editor"><textarea id="reply" aria-label="回复内容"></textarea><button>发送</button></div>
      </div>
    </section>
  </div>`;
const msg = (from: 'customer' | 'agent', text: string) => `<div class="msg msg--${from}"><div class="msg__meta">${from === 'agent' ? '客服' : '李强'} 10:00</div><div class="msg__bubble">${text}</div></div>`;

describe('surrender wishes', () => {
  it('finds the handbook’s wishes and not their negations or statuses', () => {
    for (const text of ['我要退保，怎么操作？', '这个保险一点都不好我要退掉', '完全和当时说的不一样我要退', '怎么我存钱的变成保险了', '这保险我不想要了，把钱退给我']) {
      expect(surrenderWishIn(text, handbookSurrenderWishes), text).toBeDefined();
    }
    for (const text of ['我不退保了，谢谢', '我不想退保，只是问问', '保单显示已退保是怎么回事', '我的保单什么时候生效？', '为什么扣了两次钱']) {
      expect(surrenderWishIn(text, handbookSurrenderWishes), text).toBeUndefined();
    }
  });
  it('counts the customer’s messages only, the latest first', () => {
    const wish = findSurrenderWish(
      [{ text: '我要退保', fromAgent: false }, { text: '请问您为什么要退保呢', fromAgent: true }],
      handbookSurrenderWishes,
    );
    expect(wish).toEqual({ phrase: '退保', message: '我要退保' });
    expect(findSurrenderWish([{ text: '退保需要提供身份证', fromAgent: true }], handbookSurrenderWishes)).toBeUndefined();
  });
});

describe('the open conversation', () => {
  it('is the block before the reply box: not the session list, the tabs or the info bar', () => {
    document.body.innerHTML = chat(msg('customer', '你好') + msg('agent', '您好'));
    expect(conversationOf($('#reply'))).toBe($('#messages'));
    expect(messagesOf($('#messages')).map((m) => m.fromAgent)).toEqual([false, true]);
  });
  it('reads sender labels when the markup has no sides (坐席：…)', () => {
    document.body.innerHTML = `<div><ul class="chat-messages"><li><b>客户：</b>我要退保</li><li><b>坐席：</b>好的</li></ul><div class="el-textarea"><textarea id="reply"></textarea></div></div>`;
    expect(messagesOf(conversationOf($('#reply'))!).map((m) => m.fromAgent)).toEqual([false, true]);
  });
  it('is nothing on a page whose reply box follows a table or a form', () => {
    document.body.innerHTML = `<table><tr><td>退保</td></tr></table><form><input><textarea id="reply"></textarea></form>`;
    expect(conversationOf($('#reply'))).toBeNull();
  });
  it('tells 备注 fields from reply boxes', () => {
    document.body.innerHTML = `<label>备注<textarea id="a"></textarea></label><div><span>回访备注：</span><div><textarea id="b"></textarea></div></div><textarea id="c" aria-label="回复内容"></textarea>`;
    expect([isRemarkField($('#a')), isRemarkField($('#b')), isRemarkField($('#c'))]).toEqual([true, true, false]);
  });
});

describe('surrender-alert on a chat page', () => {
  it('shows one note with 退保预警 when the customer wants to surrender, and leaves with the conversation', async () => {
    await startOn(chat(msg('customer', '这个保险一点都不好我要退掉') + msg('agent', '您好，请稍等')), [surrenderAlert]);
    const notes = $$('[data-seakit="surrender-alert"][role="alert"]');
    expect(notes).toHaveLength(1);
    expect(notes[0].textContent).toContain('退保预警');
    expect(notes[0].textContent).toContain('我要退掉');
    // Another conversation opens in the same place: the note goes.
    $('#messages').innerHTML = msg('customer', '我的保单什么时候生效？');
    await settle();
    expect($$('[data-seakit="surrender-alert"]')).toHaveLength(0);
  });

  it('ignores previews in the session list, the reply box and the agent’s own words', async () => {
    await startOn(chat(msg('customer', '电子保单在哪里看？') + msg('agent', '如需退保请提供身份证'), '我要退保'), [surrenderAlert]);
    ($('#reply') as HTMLTextAreaElement).value = '我要退保';
    $('#reply').dispatchEvent(new InputEvent('input', { bubbles: true }));
    await settle();
    expect($$('[data-seakit="surrender-alert"]')).toHaveLength(0);
  });

  it('shows HTML-looking message text as text, and copes with a long conversation re-rendering (100 KB: e2e)', async () => {
    const long = Array.from({ length: 300 }, (_, i) => msg('agent', `第${i}条回复，内容比较长，用来把会话撑到一百千字节左右。`)).join('');
    await startOn(chat(long + msg('customer', '&lt;img src=x onerror=alert(1)&gt;我要退保')), [surrenderAlert]);
    expect($('#messages').textContent!.length).toBeGreaterThan(10_000);
    const note = $('[data-seakit="surrender-alert"]');
    expect(note.textContent).toContain('<img src=x');
    expect(note.querySelector('img')).toBeNull();
    for (let i = 0; i < 3; i++) {
      $('#messages').innerHTML = $('#messages').innerHTML;
      await settle();
    }
    expect($$('[data-seakit="surrender-alert"][role="alert"]')).toHaveLength(1);
  }, 60_000);

  it('takes wishes from the site profile, and 知道了 hides the note for that message', async () => {
    await startOn(chat(msg('customer', '这单给我撤了')), [surrenderAlert], { rules: { surrenderWishes: ['给我撤了'] } });
    const note = $('[data-seakit="surrender-alert"]');
    expect(note).not.toBeNull();
    [...note.querySelectorAll('button')].find((b) => b.textContent === '知道了')!.click();
    await settle();
    $('#messages').append(document.createElement('span'));
    await settle();
    expect($$('[data-seakit="surrender-alert"]')).toHaveLength(0);
  });
});

describe('remarks guard (phrase-check in 备注 fields)', () => {
  const wait = () => new Promise((r) => setTimeout(r, 250));
  it('names colloquial reasons with the handbook’s wording, and leaves replies to the 服务禁语 list', async () => {
    await startOn(`<label>回访备注<textarea id="remark"></textarea></label><textarea id="reply" aria-label="回复内容"></textarea>`, [phraseCheck]);
    const remark = $('#remark') as HTMLTextAreaElement;
    remark.value = '客户睡觉了，不好意思';
    remark.dispatchEvent(new InputEvent('input', { bubbles: true }));
    await wait();
    expect($('[data-seakit="phrase-check"]').textContent).toBe('备注请用书面语：“客户睡觉了”→不方便接听（客户休息）');
    const reply = $('#reply') as HTMLTextAreaElement;
    reply.value = '客户睡觉了';
    reply.dispatchEvent(new InputEvent('input', { bubbles: true }));
    await wait();
    expect($$('[data-seakit="phrase-check"]')).toHaveLength(0);
  });
});

describe('the stand-in in the page script (the note’s code loads only when it has work)', () => {
  /** The page script with surrender-alert's definition alone, before the writing script. */
  async function standInOn(html: string) {
    document.body.innerHTML = html;
    const arrived = vi.fn();
    const late = new LateFeatures(arrived);
    window.seaKitLateCode = {};
    late.want([surrenderAlertModule.default]);
    late.check([document.documentElement]);
    await startOn(html, [surrenderAlertModule.default]);
    await settle();
    return arrived;
  }
  afterEach(() => {
    delete window.seaKitLateCode;
  });

  it('asks for the writing script when the open conversation holds a wish to surrender', async () => {
    expect(await standInOn(chat(msg('customer', '这个保险一点都不好我要退掉')))).toHaveBeenCalledTimes(1);
  });
  it('asks for nothing for another conversation, however the session list reads', async () => {
    expect(await standInOn(chat(msg('customer', '我的保单什么时候生效？'), '我要退保'))).not.toHaveBeenCalled();
  });
  it('counts the packs’ wish phrases in every later check, not only the first', async () => {
    fakeBrowser.runtime.onMessage.addListener((message: { type: string }, _sender, sendResponse) => {
      if (message.type !== 'seakit:phrases') return undefined;
      sendResponse({ ok: true, value: [{ text: '给我撤了', suggestion: '', kind: 'surrender' }] });
      return true;
    });
    const arrived = await standInOn(chat(msg('customer', '我的保单什么时候生效？')));
    expect(arrived).not.toHaveBeenCalled();
    // The customer then says it in the pack's words only.
    $('#messages').insertAdjacentHTML('beforeend', msg('customer', '算了，给我撤了吧'));
    await expect.poll(() => arrived.mock.calls.length, { timeout: 3000 }).toBe(1);
  });
  it('reads nothing on a page with nowhere to write', async () => {
    const html = `<div class="chat__messages">${msg('customer', '我要退保')}</div>`;
    expect(await standInOn(html)).not.toHaveBeenCalled();
  });
});
