/**
 * The background's one message router: declared shapes, checked senders, refusals with a code, and the
 * real cause in Chinese where the agent reads it (the picker). Before it, three listeners answered anyone
 * with anything, and every failure read "SEA Kit 已更新".
 */
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import * as snippetsModule from '~/entrypoints/sea.content/features/snippets';
import { MessageRouter } from '~/utils/messaging/router';
import { declareMessage, failureText } from '~/utils/messaging/protocol';
import { saveAgentSettings } from '~/utils/settings-store';
import { defaultSettings, demoSite } from '~/utils/settings';
import { snippetIndexMessage } from '~/utils/snippets/messages';
import { startOn, withLateCode } from './helpers/page';

const snippets = withLateCode(snippetsModule);

afterEach(() => {
  fakeBrowser.reset();
  document.body.innerHTML = '';
});

const echo = declareMessage<string>()('seakit:test/echo', ['page'], { text: 'string', times: 'number?' });
const optionsOnly = declareMessage<string>()('seakit:test/options', ['extension'], {});

const id = () => fakeBrowser.runtime.id;
const seaTab = { id: 1, url: 'https://sea.corp.example/list' } as never;
const fromSea = (url = 'https://sea.corp.example/list') => ({ id: id(), tab: seaTab, url });
const fromOptions = () => ({ id: id(), url: fakeBrowser.runtime.getURL('/options.html') });

/** Chrome's own runtime.onMessage listener: it answers through sendResponse and returns true to keep the channel open. */
type Listener = (message: unknown, sender: unknown, sendResponse: (reply?: unknown) => void) => unknown;
/** The reply a listener sends for a message (it must claim it with true). */
function replyOf(listener: Listener, message: unknown, sender: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    if (listener(message, sender, resolve) !== true) reject(new Error('the listener did not claim the message'));
  });
}

async function router() {
  await saveAgentSettings({ ...defaultSettings, sites: [{ ...demoSite, id: 'sea', matches: ['https://sea.corp.example/*'] }] });
  return new MessageRouter()
    .on(echo, ({ text, times }) => text.repeat(times ?? 1))
    .on(optionsOnly, () => 'ok');
}

describe('message router', () => {
  it('answers a declared message of the right shape from a SEA page', async () => {
    const r = await router();
    expect(await r.dispatch({ type: echo.type, text: '好', times: 2 }, fromSea())).toEqual({ ok: true, value: '好好' });
    expect(await r.dispatch({ type: optionsOnly.type }, fromOptions())).toEqual({ ok: true, value: 'ok' });
  });

  it('checks the frame, not the tab: SEA in an iframe of another page is allowed, another frame in a SEA tab is not', async () => {
    const r = await router();
    const otherTab = { id: 2, url: 'https://portal.corp.example/' } as never;
    expect(await r.dispatch({ type: echo.type, text: 'a' }, { id: id(), tab: otherTab, url: 'https://sea.corp.example/frame' })).toMatchObject({ ok: true });
    expect(await r.dispatch({ type: echo.type, text: 'a' }, fromSea('https://ads.example.net/x'))).toMatchObject({ ok: false, code: 'forbidden' });
    // A rich-text editor's about:blank frame inside SEA speaks for SEA's origin.
    expect(await r.dispatch({ type: echo.type, text: 'a' }, { ...fromSea('about:blank'), origin: 'https://sea.corp.example' })).toMatchObject({ ok: true });
    expect(await r.dispatch({ type: echo.type, text: 'a' }, { ...fromSea('about:blank'), origin: 'https://ads.example.net' })).toMatchObject({ ok: false });
  });

  it('leaves a message without a route to other listeners: its listener returns undefined, not true', async () => {
    const r = await router();
    let listener: Listener | undefined;
    const addListener = fakeBrowser.runtime.onMessage.addListener;
    fakeBrowser.runtime.onMessage.addListener = ((l: typeof listener) => (listener = l)) as never;
    try {
      r.listen();
    } finally {
      fakeBrowser.runtime.onMessage.addListener = addListener;
    }
    // true would claim the answer in Chrome: the other listener's reply would be lost.
    expect(listener!({ type: 'seakit:not-routed' }, fromSea(), () => undefined)).toBeUndefined();
    expect(listener!({ type: 'other-extension-message' }, fromSea(), () => undefined)).toBeUndefined();
    expect(await replyOf(listener!, { type: echo.type, text: 'a' }, fromSea())).toEqual({ ok: true, value: 'a' });
  });

  it('refuses senders the message does not allow, with a code', async () => {
    const r = await router();
    expect(await r.dispatch({ type: optionsOnly.type }, fromSea())).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await r.dispatch({ type: echo.type, text: 'a' }, fromOptions())).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await r.dispatch({ type: echo.type, text: 'a' }, { ...fromSea(), id: 'another-extension' })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await r.dispatch({ type: echo.type, text: 'a' }, { id: id(), url: 'https://sea.corp.example/' })).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('refuses bad shapes, and leaves messages it does not route alone', async () => {
    const r = await router();
    for (const bad of [{ type: echo.type }, { type: echo.type, text: 1 }, { type: echo.type, text: 'a', extra: true }, { type: echo.type, text: 'a', times: '2' }]) {
      expect(await r.dispatch(bad, fromSea()), JSON.stringify(bad)).toMatchObject({ ok: false, code: 'bad-message' });
    }
    expect(await r.dispatch({ type: 'seakit:not-routed' }, fromSea())).toBeUndefined(); // a listener of its own may answer
    expect(await r.dispatch({ type: 'other-extension-thing' }, fromSea())).toBeUndefined();
    expect(await r.dispatch(null, fromSea())).toBeUndefined();
  });

  it('says a database failure is one', async () => {
    const r = await router();
    const broken = declareMessage<never>()('seakit:test/db', ['page'], {});
    r.on(broken, () => Promise.reject(new Dexie.DatabaseClosedError('closed')));
    expect(await r.dispatch({ type: broken.type }, fromSea())).toMatchObject({ ok: false, code: 'database' });
    const failing = declareMessage<never>()('seakit:test/fail', ['page'], {});
    r.on(failing, () => { throw new Error('boom'); });
    expect(await r.dispatch({ type: failing.type }, fromSea())).toMatchObject({ ok: false, code: 'failed' });
  });

  it('will not take a second handler for one message', async () => {
    expect(() => new MessageRouter().on(echo, () => '').on(echo, () => '')).toThrow(echo.type);
  });
});

describe('the picker shows the real cause', () => {
  async function pickerStatus(answer: (message: { type: string }) => unknown): Promise<string> {
    // The fake browser delivers replies by sendResponse only.
    fakeBrowser.runtime.onMessage.addListener((message: { type: string }, _sender, sendResponse) => {
      if (message.type !== snippetIndexMessage.type) return undefined;
      sendResponse(answer(message));
      return true;
    });
    await startOn('<textarea aria-label="回复"></textarea>', [snippets]);
    const box = document.querySelector('textarea')!;
    box.focus();
    box.value = '//';
    box.setSelectionRange(2, 2);
    box.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: '/' }));
    const status = () => document.querySelector('[data-seakit="snippet-picker"]')?.shadowRoot?.querySelector('.status')?.textContent ?? '';
    await expect.poll(status, { timeout: 3000 }).toMatch(/失败/);
    return status();
  }

  it.each([
    ['database', '数据库出错'],
    ['forbidden', '无权限'],
  ] as const)('%s → %s', async (code, text) => {
    expect(await pickerStatus(() => ({ ok: false, code, error: '' }))).toContain(text);
    expect(failureText[code]).toContain(text);
  });

  it('an answer from an older background (no reply envelope) → 扩展已更新，请刷新页面', async () => {
    expect(await pickerStatus(() => undefined)).toContain('扩展已更新，请刷新页面');
  });
});

describe('gesture part of a message (the product chip opening the side panel)', () => {
  it('runs in the listener’s own turn, before any await, only for a well-formed message from this extension’s page script in a tab', async () => {
    const r = await router();
    const acted: unknown[] = [];
    r.onGesture(echo, (sender) => acted.push(sender.tab?.id));
    let listener: Listener | undefined;
    const addListener = fakeBrowser.runtime.onMessage.addListener;
    fakeBrowser.runtime.onMessage.addListener = ((l: typeof listener) => (listener = l)) as never;
    try {
      r.listen();
    } finally {
      fakeBrowser.runtime.onMessage.addListener = addListener;
    }
    const reply = replyOf(listener!, { type: echo.type, text: 'a' }, fromSea());
    // Synchronously, before the reply (which awaits the sender check) is settled.
    expect(acted).toEqual([1]);
    await expect(reply).resolves.toEqual({ ok: true, value: 'a' });
    void replyOf(listener!, { type: echo.type, text: 1 }, fromSea());
    void replyOf(listener!, { type: echo.type, text: 'a' }, { id: 'another-extension', tab: seaTab, url: 'https://sea.corp.example/list' });
    void replyOf(listener!, { type: echo.type, text: 'a' }, fromOptions());
    expect(acted).toEqual([1]);
  });
});
