/**
 * Snippets, phrase-check and surrender-alert in every reply editor SEA admins use, each a chat page
 * with the editor's real npm package (tests/fixtures/editors): //, Enter, click, Escape, undo and the
 * page's own 发送, which sends what the editor's model holds (window.editor.getText()), not the DOM.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { checkEachPage, launchBrowser, watchConsole, type ConsoleWatch, type LaunchedBrowser } from './harness';
import { EDITORS, startEditorServer } from '../fixtures/editors/serve.mjs';

const GREETING = '您好，欢迎咨询，很高兴为您服务，请问有什么可以帮您？';
const HOLD = '请您稍等，我这边马上为您查询，请不要离开。';

let browser: LaunchedBrowser;
let server: { url: string; close(): Promise<void> };
let page: Page;
let watch: ConsoleWatch;

beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), startEditorServer()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});
checkEachPage(() => ({ page, watch }));

const picker = () => page.locator('[data-seakit="snippet-picker"]');
const options = () => picker().locator('[role="option"]');
const optionTitles = () => options().locator('.title').allInnerTexts();
const alertNote = () => page.locator('[data-seakit="surrender-alert"][role="alert"]');
const sent = () => page.locator('.message--agent').last();
const editorText = () => page.evaluate(() => (window as unknown as { editor: { getText(): string } }).editor.getText().replace(/\n+$/, ''));

/** The element the agent types into, per editor. */
function editable(editor: string): Locator {
  switch (editor) {
    case 'textarea':
      return page.locator('.reply textarea');
    case 'contenteditable':
      return page.locator('.reply .editable');
    case 'quill':
      return page.locator('.ql-editor');
    case 'wangeditor':
      return page.locator('[data-slate-editor]');
    case 'ckeditor5':
      return page.locator('.ck-editor__editable');
    case 'tinymce':
      return page.frameLocator('.tox-edit-area iframe').locator('body');
    default:
      return page.frameLocator('.editor-frame').locator('body');
  }
}

async function open(editor: string, query = '') {
  page = await browser.newPage();
  watch = watchConsole(page);
  await page.goto(`${server.url}/${editor}.html${query}`);
  await editable(editor).waitFor();
  // The page script is running once the picker opens on //.
  await expect
    .poll(
      async () => {
        await clear(editor);
        await editable(editor).click();
        await page.keyboard.type('//');
        return picker().count();
      },
      { timeout: 15_000 },
    )
    .toBe(1);
  await page.keyboard.press('Escape');
  await clear(editor);
}

async function clear(editor: string) {
  await editable(editor).click();
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Delete');
  await expect.poll(editorText).toBe('');
}

describe.each(EDITORS)('%s', (editor) => {
  it('// then Enter inserts into the editor’s model; its undo takes it out; a click inserts too; 发送 sends it', async () => {
    await open(editor);
    await page.keyboard.type('//hy');
    await expect.poll(async () => (await optionTitles())[0]).toBe('欢迎语');
    // Editors merge edits made within a second into one undo step (Quill's history delay).
    await page.waitForTimeout(1100);
    await page.keyboard.press('Enter');
    await expect.poll(editorText).toBe(GREETING);
    expect(await picker().count()).toBe(0);
    // The editor's own undo takes the snippet out (CKEditor 5, wangEditor and TinyMCE fold the typed //hy into the same step).
    await page.keyboard.press('Control+z');
    await expect.poll(async () => '//hy'.startsWith(await editorText())).toBe(true);
    if (['textarea', 'contenteditable', 'quill', 'iframe'].includes(editor)) expect(await editorText()).toBe('//hy');
    await clear(editor);
    await page.keyboard.type('好的，//qsd');
    await options().filter({ hasText: '请稍等' }).click();
    await expect.poll(editorText).toBe(`好的，${HOLD}`);
    // The caret stayed in the editor.
    await page.keyboard.type('谢谢');
    await expect.poll(editorText).toBe(`好的，${HOLD}谢谢`);
    await page.locator('.send').click();
    await expect.poll(() => sent().innerText()).toBe(`好的，${HOLD}谢谢`);
  });

  it('Escape closes the picker and leaves the typed text', async () => {
    await open(editor);
    await page.keyboard.type('//js');
    await picker().waitFor();
    await page.keyboard.press('Escape');
    expect(await picker().count()).toBe(0);
    await expect.poll(editorText).toBe('//js');
  });

  it('keys the editor applies together (an IME committing //hy at once, or keys landing before the editor is read) open the picker', async () => {
    await open(editor);
    // One insertText: the editor applies //hy in one step, so no look ever sees the text end with //.
    await page.keyboard.insertText('//hy');
    await expect.poll(async () => (await optionTitles())[0]).toBe('欢迎语');
    await page.keyboard.press('Enter');
    await expect.poll(editorText).toBe(GREETING);
    // Old // text typed on after, not typed lately, stays quiet.
    await clear(editor);
    await page.keyboard.type('//js');
    await picker().waitFor();
    await page.keyboard.press('Escape');
    await page.keyboard.type('x');
    await page.waitForTimeout(300);
    expect(await picker().count()).toBe(0);
  });

  it('Alt+/ opens the picker at the caret without //: the keyword typed after it filters, a digit picks that entry', async () => {
    await open(editor);
    await page.keyboard.type('好的，');
    await page.keyboard.press('Alt+/');
    await picker().waitFor();
    // The first nine entries show the digit that picks them.
    expect(await options().first().locator('.num').innerText()).toBe('1');
    expect(await options().nth(1).locator('.num').innerText()).toBe('2');
    await page.keyboard.type('qsd');
    await expect.poll(async () => (await optionTitles())[0]).toBe('请稍等');
    await page.keyboard.press('1');
    await expect.poll(editorText).toBe(`好的，${HOLD}`);
    expect(await picker().count()).toBe(0);
    // Alt+/ again with the picker open closes it; the text stays.
    await page.keyboard.press('Alt+/');
    await picker().waitFor();
    await page.keyboard.press('Alt+/');
    await expect.poll(() => picker().count()).toBe(0);
    expect(await editorText()).toBe(`好的，${HOLD}`);
  });

  it('phrase-check names a 服务禁语 typed in the editor', async () => {
    await open(editor);
    await page.keyboard.type('不好意思，请稍等');
    await expect.poll(() => page.locator('[data-seakit="phrase-check"]').innerText()).toContain('“不好意思”→抱歉');
    await expect.poll(editorText).toBe('不好意思，请稍等');
  });

  it('surrender-alert: one note for the open conversation, gone after switching, typing and sending go on', async () => {
    await open(editor);
    expect(await alertNote().count()).toBe(0);
    await page.locator('.session').nth(1).click();
    await expect.poll(() => alertNote().count()).toBe(1);
    expect(await alertNote().innerText()).toContain('退保预警');
    await editable(editor).click();
    await page.keyboard.type('您好');
    await alertNote().getByRole('button', { name: /挽留话术/ }).first().click();
    await expect.poll(editorText).toMatch(/^您好.*您是对产品哪方面不满意/);
    await page.locator('.send').click();
    await expect.poll(() => sent().innerText()).toMatch(/不满意/);
    await page.locator('.session').nth(0).click();
    await expect.poll(() => alertNote().count()).toBe(0);
  });
});

describe('bad input', () => {
  it('a ~100 KB conversation re-rendering every second: the note stays one, the page stays quiet', async () => {
    await open('textarea', '?long=1&rerender=1&conv=1');
    expect((await page.locator('.messages').innerText()).length).toBeGreaterThan(30_000);
    await expect.poll(() => alertNote().count()).toBe(1);
    await page.waitForTimeout(2500);
    expect(await alertNote().count()).toBe(1);
    await page.locator('.reply textarea').click();
    await page.keyboard.type('您好，请稍等');
    expect(await page.locator('.reply textarea').inputValue()).toBe('您好，请稍等');
  });

  it('an editor that throws on input: the snippet still goes in, and only the editor’s own error is logged', async () => {
    await open('contenteditable', '?throw=1');
    await page.keyboard.type('//hy');
    await expect.poll(async () => (await optionTitles())[0]).toBe('欢迎语');
    await page.keyboard.press('Enter');
    await expect.poll(editorText).toBe(GREETING);
    expect(watch.messages.map((m) => m.text)).toEqual([expect.stringContaining('editor failure')]);
    watch.messages.length = 0;
  });

  it('HTML-looking message text stays text', async () => {
    await open('contenteditable', '?conv=2');
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(await page.locator('[data-seakit] img').count()).toBe(0);
  });
});

describe('surrender-alert in the demo SEA chat', () => {
  it('appears for the conversation whose customer says 我要退保 and leaves when another opens', async () => {
    const { demoUrl } = await import('./harness');
    page = await browser.newPage();
    watch = watchConsole(page);
    await page.goto(demoUrl('/chat'));
    await page.locator('[data-seakit="copy-fields"]').first().waitFor();
    expect(await alertNote().count()).toBe(0);
    await page.locator('.chat__item').nth(2).click();
    await expect.poll(() => alertNote().count()).toBe(1);
    expect(await alertNote().innerText()).toContain('退保预警');
    await page.locator('.chat__item').nth(0).click();
    await expect.poll(() => alertNote().count()).toBe(0);
  });

  it('the picker leads with 建议: the snippet answering the customer’s latest message', async () => {
    const { demoUrl } = await import('./harness');
    page = await browser.newPage();
    watch = watchConsole(page);
    await page.goto(demoUrl('/chat'));
    await page.locator('[data-seakit="copy-fields"]').first().waitFor();
    await page.locator('.chat__item').nth(2).click();
    await page.getByLabel('回复内容', { exact: true }).click();
    await page.keyboard.type('//');
    await expect.poll(async () => (await optionTitles())[0]).toBe('退保原因询问');
    expect(await options().first().locator('.hint').innerText()).toBe('建议');
    // Typing a keyword is a search: no suggestions then.
    await page.keyboard.type('hy');
    await expect.poll(async () => (await optionTitles())[0]).toBe('欢迎语');
    expect(await picker().locator('.hint').count()).toBe(0);
  });
});
