/**
 * The `snippets` row of dom-contract.md in real Chromium with the built extension: the // picker in
 * the demo SEA chat (a Preact-controlled textarea and a contenteditable editor) and in the Vue 3 +
 * Element Plus and React + antd chats, placeholders, Escape, IME composition, and the side panel.
 * "The framework sees it" is checked by the page's own 发送, which sends its model, not the DOM.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserForTests, checkEachPage, demoUrl, watchConsole, type ConsoleWatch } from './harness';
import { conversations } from '../fixtures/demo/data';
import { startFrameworkServer } from '../fixtures/frameworks/serve.mjs';

const GREETING = '您好，欢迎咨询，很高兴为您服务，请问有什么可以帮您？';
const HZ_GREETING = '您好，欢迎咨询互助服务，很高兴为您服务，请问有什么可以帮您？';
const HOLD = '请您稍等，我这边马上为您查询，请不要离开。';

let page: Page;
let watch: ConsoleWatch;

const browser = browserForTests();
checkEachPage(() => ({ page, watch }));

const picker = () => page.locator('[data-seakit="snippet-picker"]');
const options = () => picker().locator('[role="option"]');
const optionTitles = () => options().locator('.title').allInnerTexts();
const textarea = () => page.getByLabel('回复内容', { exact: true });
const lastAgentBubble = () => page.locator('.msg--agent .msg__bubble').last();

/** The demo chat, once the page script runs (its copy buttons show up beside 保单号). */
async function openChat() {
  page = await browser.newPage();
  watch = watchConsole(page);
  await page.goto(demoUrl('/chat'));
  await page.locator('[data-seakit="copy-fields"]').first().waitFor();
}

describe('snippet picker in the demo SEA chat', () => {
  it('opens on //, filters by initials, inserts with Enter, and the page sends the text', async () => {
    await openChat();
    await textarea().click();
    await page.keyboard.type('//');
    await picker().waitFor();
    expect(await picker().getAttribute('data-seakit')).toBe('snippet-picker');
    await expect.poll(() => options().count()).toBeGreaterThan(5);
    // The reply box sits low on the page: the picker opens above the caret, wholly on screen.
    const box = (await picker().locator('.box').boundingBox())!;
    const caretTop = (await textarea().boundingBox())!.y;
    expect(box.y + box.height).toBeLessThanOrEqual(caretTop + 30);
    expect(box.y).toBeGreaterThanOrEqual(0);
    await page.keyboard.type('hy');
    await expect.poll(async () => (await optionTitles())[0]).toBe('欢迎语');
    expect(await options().first().getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Enter');
    expect(await textarea().inputValue()).toBe(GREETING);
    expect(await picker().count()).toBe(0);
    // The page's own send (Ctrl+Enter) sends its Preact state: it saw the insertion.
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => lastAgentBubble().innerText()).toBe(GREETING);
    expect(await textarea().inputValue()).toBe('');
  });

  it('replaces only //keyword at the caret, filters by full pinyin and by Chinese, and undo brings the keyword back', async () => {
    await openChat();
    await textarea().click();
    await page.keyboard.type('好的，');
    await page.keyboard.type('//qingshao');
    await expect.poll(async () => (await optionTitles())[0]).toBe('请稍等');
    await page.keyboard.press('Enter');
    expect(await textarea().inputValue()).toBe(`好的，${HOLD}`);
    await page.keyboard.press('Control+z');
    expect(await textarea().inputValue()).toBe('好的，//qingshao');
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Delete');
    await page.keyboard.type('//结束');
    await expect.poll(async () => (await optionTitles())[0]).toBe('结束语');
  });

  it('moves the highlight with ↓ and inserts the highlighted one; a click inserts the clicked one', async () => {
    await openChat();
    await textarea().click();
    await page.keyboard.type('//hy');
    await expect.poll(() => optionTitles()).toEqual(expect.arrayContaining(['欢迎语', '互助欢迎语']));
    const titles = await optionTitles();
    await page.keyboard.press('ArrowDown');
    expect(await options().nth(1).getAttribute('aria-selected')).toBe('true');
    expect(titles[1]).toBe('互助欢迎语');
    await page.keyboard.press('Enter');
    expect(await textarea().inputValue()).toBe(HZ_GREETING);

    await page.keyboard.press('Control+a');
    await page.keyboard.press('Delete');
    await page.keyboard.type('//qsd');
    await options().filter({ hasText: '请稍等' }).click();
    expect(await textarea().inputValue()).toBe(HOLD);
    expect(await picker().count()).toBe(0);
    // The caret stayed in the reply box: typing goes on after the insertion.
    await page.keyboard.type('谢谢');
    expect(await textarea().inputValue()).toBe(`${HOLD}谢谢`);
  });

  it('Escape closes the picker and leaves the typed text; it stays closed while typing on', async () => {
    await openChat();
    await textarea().click();
    await page.keyboard.type('//hy');
    await picker().waitFor();
    await page.keyboard.press('Escape');
    expect(await picker().count()).toBe(0);
    expect(await textarea().inputValue()).toBe('//hy');
    await page.keyboard.type('x');
    await page.waitForTimeout(100);
    expect(await picker().count()).toBe(0);
    expect(await textarea().inputValue()).toBe('//hyx');
  });

  it('closes when the caret leaves the keyword (arrow key, a click elsewhere), leaving the text', async () => {
    await openChat();
    await textarea().click();
    await page.keyboard.type('//hy');
    await picker().waitFor();
    await page.keyboard.press('ArrowLeft');
    expect(await picker().count()).toBe(0);
    await page.keyboard.press('End');
    await page.keyboard.type(' //js');
    await picker().waitFor();
    await page.getByRole('heading', { name: '在线客服工作台' }).click();
    expect(await picker().count()).toBe(0);
    expect(await textarea().inputValue()).toBe('//hy //js');
  });

  it('does not open inside a URL, and Enter with no picker is the page\'s', async () => {
    await openChat();
    await textarea().click();
    await page.keyboard.type('https://example.com');
    await page.waitForTimeout(100);
    expect(await picker().count()).toBe(0);
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => lastAgentBubble().innerText()).toBe('https://example.com');
  });

  it('fills placeholders from the page and asks for the ones it cannot find', async () => {
    await openChat();
    const active = conversations[0];
    await textarea().click();
    await page.keyboard.type('//hdbd');
    await expect.poll(async () => (await optionTitles())[0]).toBe('核对保单信息');
    await page.keyboard.press('Enter');
    // 投保人 and 保单号 are on the page; 被保人 and 产品名称 are not: a small form asks for them.
    const form = picker().locator('form');
    await form.waitFor();
    expect(await form.locator('label').allInnerTexts()).toEqual(['被保人', '产品名称']);
    await page.keyboard.press('Enter');
    await expect.poll(() => form.locator('[role="alert"]').innerText()).toBe('请填写“被保人”、“产品名称”，填好后回车插入');
    expect(await textarea().inputValue()).toBe('//hdbd');
    await form.locator('input[name="被保人"]').fill('李四');
    await form.locator('input[name="产品名称"]').fill('安心医疗险');
    await page.keyboard.press('Enter');
    expect(await textarea().inputValue()).toBe(
      `请您核对保单信息：投保人${active.customer}，被保人李四，保单号${active.policyNo}，产品名称安心医疗险，请问信息是否正确？`,
    );
    expect(await picker().count()).toBe(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('回复内容');
  });

  it('Escape in the placeholder form inserts nothing', async () => {
    await openChat();
    await textarea().click();
    await page.keyboard.type('//hdbd');
    await expect.poll(async () => (await optionTitles())[0]).toBe('核对保单信息');
    await page.keyboard.press('Enter');
    await picker().locator('form').waitFor();
    await page.keyboard.press('Escape');
    expect(await picker().count()).toBe(0);
    expect(await textarea().inputValue()).toBe('//hdbd');
  });

  it('works the same in the contenteditable editor, and the page sends the text', async () => {
    await openChat();
    await page.getByRole('tab', { name: '富文本回复' }).click();
    const rich = page.getByRole('textbox', { name: '富文本回复内容' });
    await rich.click();
    await page.keyboard.type('张先生，');
    await page.keyboard.type('//hy');
    await expect.poll(async () => (await optionTitles())[0]).toBe('欢迎语');
    await page.keyboard.press('Enter');
    expect(await rich.innerText()).toBe(`张先生，${GREETING}`);
    expect(await picker().count()).toBe(0);
    await page.keyboard.press('Control+z');
    expect(await rich.innerText()).toBe('张先生，//hy');
    await page.keyboard.press('Control+Shift+z');
    expect(await rich.innerText()).toBe(`张先生，${GREETING}`);
    await page.locator('.chat__editor:not([hidden])').getByRole('button', { name: '发送' }).click();
    await expect.poll(() => lastAgentBubble().innerText()).toBe(`张先生，${GREETING}`);
  });

  it('never acts during IME composition: composing // opens nothing, Enter is the IME\'s, the committed text filters', async () => {
    await openChat();
    await textarea().click();
    const cdp = await page.context().newCDPSession(page);
    // A composition whose text is // (what the IME shows before committing): no picker.
    await cdp.send('Input.imeSetComposition', { text: '//', selectionStart: 2, selectionEnd: 2 });
    await page.waitForTimeout(100);
    expect(await picker().count()).toBe(0);
    await cdp.send('Input.insertText', { text: '好的' });
    expect(await textarea().inputValue()).toBe('好的');
    expect(await picker().count()).toBe(0);

    // Picker open; then the agent composes pinyin: the list keeps still, and Enter during the
    // composition is left to the IME (not taken, not default-prevented).
    await page.keyboard.type('//');
    await picker().waitFor();
    const before = await optionTitles();
    await cdp.send('Input.imeSetComposition', { text: 'huanying', selectionStart: 8, selectionEnd: 8 });
    await page.waitForTimeout(50);
    expect(await optionTitles()).toEqual(before);
    const enterTaken = await textarea().evaluate((el) => {
      const e = new KeyboardEvent('keydown', { key: 'Enter', keyCode: 229, isComposing: true, bubbles: true, cancelable: true });
      el.dispatchEvent(e);
      return e.defaultPrevented;
    });
    expect(enterTaken).toBe(false);
    expect(await textarea().inputValue()).toBe('好的//huanying');
    // The IME commits 欢迎: now it is a keyword, and the picker filters by it.
    await cdp.send('Input.insertText', { text: '欢迎' });
    await expect.poll(async () => (await optionTitles())[0]).toBe('欢迎语');
    await page.keyboard.press('Enter');
    expect(await textarea().inputValue()).toBe(`好的${GREETING}`);
    await cdp.detach();
  });

  it('opens on 、、 too (// typed with the IME in Chinese punctuation mode)', async () => {
    await openChat();
    await textarea().click();
    await page.keyboard.insertText('、、');
    await picker().waitFor();
    await page.keyboard.type('qsd');
    await expect.poll(async () => (await optionTitles())[0]).toBe('请稍等');
    await page.keyboard.press('Enter');
    expect(await textarea().inputValue()).toBe(HOLD);
  });
});

describe('side panel', () => {
  it('inserts at the caret of the reply box that last had focus, and says where', async () => {
    await openChat();
    await textarea().click();
    await page.keyboard.type('您好，');
    const panel = await browser.newPage();
    await panel.goto(browser.extensionUrl('sidepanel.html'));
    await panel.getByRole('searchbox', { name: '搜索话术' }).fill('qsd');
    await panel.locator('.item__main', { hasText: '请稍等' }).first().click();
    await expect.poll(() => panel.getByRole('status').innerText()).toContain('已插入到 SEA 页面的“回复内容”');
    expect(await textarea().inputValue()).toBe(`您好，${HOLD}`);
    await panel.close();
    await page.bringToFront();
    await textarea().focus();
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => lastAgentBubble().innerText()).toBe(`您好，${HOLD}`);
  });
});

describe('side panel 建议', () => {
  it('leads with the snippets answering the open conversation’s customer, follows a switch, and keeps nothing about the customer', async () => {
    await openChat();
    await page.locator('.chat__item').nth(2).click(); // 我要退保，怎么操作？
    await textarea().click();
    const panel = await browser.newPage();
    await panel.goto(browser.extensionUrl('sidepanel.html'));
    const first = panel.locator('.item').first();
    await expect.poll(() => first.locator('.item__title').innerText(), { timeout: 15_000 }).toBe('退保原因询问');
    expect(await first.locator('.badge--suggested').innerText()).toBe('建议');
    // A keyword is a search: no 建议 then.
    await panel.getByRole('searchbox', { name: '搜索话术' }).fill('hy');
    await expect.poll(() => panel.locator('.badge--suggested').count()).toBe(0);
    await panel.getByRole('searchbox', { name: '搜索话术' }).fill('');
    // A click inserts it as any other.
    await first.locator('.item__main').click();
    await expect.poll(() => panel.getByRole('status').innerText()).toContain('已插入到 SEA 页面的“回复内容”：退保原因询问');
    expect(await textarea().inputValue()).toBe('请问您是对产品哪方面不满意呢？我可以先为您详细介绍一下保障内容。');
    // Another conversation (保单什么时候生效): the panel follows, and shows what the picker there leads with.
    await page.bringToFront();
    await page.locator('.chat__item').nth(0).click();
    await panel.bringToFront();
    const suggestedTitles = () => panel.locator('.item').filter({ has: panel.locator('.badge--suggested') }).locator('.item__title').allInnerTexts();
    await expect.poll(async () => (await suggestedTitles())[0], { timeout: 15_000 }).not.toBe('退保原因询问');
    const inPanel = await suggestedTitles();
    await page.bringToFront();
    await textarea().fill('');
    await textarea().click();
    await page.keyboard.type('//');
    await expect.poll(() => options().filter({ has: page.locator('.hint') }).locator('.title').allInnerTexts()).toEqual(inPanel);
    await page.keyboard.press('Escape');
    // Nothing the customer wrote is kept by the extension.
    const kept = await browser.serviceWorker!.evaluate(async () =>
      JSON.stringify([await chrome.storage.local.get(null), await chrome.storage.session.get(null)]),
    );
    expect(kept).not.toContain('理赔需要准备');
    expect(kept).not.toContain('我要退保');
    await panel.close();
  });
});

describe('Vue 3 + Element Plus and React + antd chats', () => {
  let server: { url: string; close(): Promise<void> | void };
  beforeAll(async () => {
    server = await startFrameworkServer();
  }, 120_000);
  afterAll(async () => {
    await server?.close();
  });

  for (const app of ['vue', 'react'] as const) {
    it(`${app}: the framework's model gets the snippet (its 发送 sends it)`, async () => {
      page = await browser.newPage();
      watch = watchConsole(page);
      await page.goto(`${server.url}/${app}/chat`);
      const reply = page.getByPlaceholder('请输入回复内容');
      await reply.waitFor();
      // The page script is running once the picker opens; give it a moment after load.
      await expect
        .poll(async () => {
          await reply.fill('');
          await reply.click();
          await page.keyboard.type('//');
          return picker().count();
        })
        .toBe(1);
      await page.keyboard.type('hy');
      await expect.poll(async () => (await optionTitles())[0]).toBe('欢迎语');
      await page.keyboard.press('Enter');
      expect(await reply.inputValue()).toBe(GREETING);
      await page.getByRole('button', { name: /^发\s?送$/ }).click();
      await expect.poll(() => page.locator('.chat-message .chat-text').last().innerText()).toBe(GREETING);
    });

    it(`${app}: surrender-alert for the open conversation only; its retention script goes into the model; gone after switching`, async () => {
      page = await browser.newPage();
      watch = watchConsole(page);
      await page.goto(`${server.url}/${app}/chat`);
      const reply = page.getByPlaceholder('请输入回复内容');
      const note = page.locator('[data-seakit="surrender-alert"][role="alert"]');
      await reply.waitFor();
      // 李强's wish shows in the session list's preview, but the open conversation is 王芳's.
      await expect.poll(() => page.locator('.chat-session').nth(1).innerText()).toContain('我要退掉');
      await page.waitForTimeout(500);
      expect(await note.count()).toBe(0);
      await page.locator('.chat-session').nth(1).click();
      await expect.poll(() => note.count(), { timeout: 10_000 }).toBe(1);
      expect(await note.innerText()).toContain('退保预警');
      expect(await note.innerText()).toContain('我要退掉');
      await reply.click();
      await page.keyboard.type('您好');
      await note.getByRole('button', { name: /挽留话术/ }).first().click();
      await expect.poll(() => reply.inputValue()).toMatch(/^您好.*您是对产品哪方面不满意/);
      await page.getByRole('button', { name: /^发\s?送$/ }).click();
      await expect.poll(() => page.locator('.chat-message .chat-text').last().innerText()).toMatch(/^您好.*不满意/);
      // The note never covers the reply box.
      const [noteBox, replyBox] = [(await note.boundingBox())!, (await reply.boundingBox())!];
      expect(noteBox.y + noteBox.height <= replyBox.y || noteBox.y >= replyBox.y + replyBox.height).toBe(true);
      await page.locator('.chat-session').nth(2).click();
      await expect.poll(() => note.count()).toBe(0);
    });
  }
});

describe('library pages', () => {
  it('a snippet created in the options page is in the picker of an open SEA page, with a live preview while editing', async () => {
    await openChat();
    await textarea().click();
    await page.keyboard.type('//');
    await picker().waitFor();
    await page.keyboard.press('Escape');

    const optionsPage = await browser.newPage();
    await optionsPage.goto(browser.extensionUrl('options.html#snippets'));
    await optionsPage.getByRole('button', { name: '新建话术' }).click();
    await optionsPage.getByLabel('标题').fill('退款到账说明');
    await optionsPage.getByLabel('快捷词（可选）').fill('tkdz');
    await optionsPage.getByLabel('话术内容').fill('您好，退款已于{日期}原路退回，请注意查收。');
    const preview = optionsPage.getByTestId('snippet-preview');
    await expect.poll(() => preview.innerText()).toMatch(/^您好，退款已于\d{4}年\d{1,2}月\d{1,2}日原路退回，请注意查收。$/);
    await optionsPage.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => optionsPage.getByRole('status').innerText()).toContain('已保存：退款到账说明');
    await optionsPage.close();

    await page.bringToFront();
    await textarea().fill('');
    await textarea().click();
    await page.keyboard.type('//tkdz');
    await expect.poll(async () => (await optionTitles())[0]).toBe('退款到账说明');
    await page.keyboard.press('Enter');
    expect(await textarea().inputValue()).toMatch(/^您好，退款已于\d{4}年\d{1,2}月\d{1,2}日原路退回，请注意查收。$/);
  });

  it('side panel: with no reply box focused it copies, and says so', async () => {
    page = await browser.newPage();
    watch = watchConsole(page);
    await page.goto(demoUrl('/search'));
    await page.locator('h2').first().waitFor();
    const panel = await browser.newPage();
    await panel.goto(browser.extensionUrl('sidepanel.html'));
    await panel.locator('.item__main', { hasText: '欢迎语' }).first().click();
    await expect.poll(() => panel.getByRole('status').innerText()).toContain('已复制到剪贴板');
    expect(await panel.evaluate(() => navigator.clipboard.readText())).toBe(GREETING);
    await panel.close();
  });

  it('side panel: a page with no reply box loads the snippet code when the agent goes into a text field, and inserts there', async () => {
    // The search page has no textarea or editor: the writing script (utils/page/late.ts) comes with the focus.
    page = await browser.newPage();
    watch = watchConsole(page);
    await page.goto(demoUrl('/search'));
    await page.locator('h2').first().waitFor();
    const field = page.getByLabel('投保人姓名', { exact: true });
    await field.click();
    const panel = await browser.newPage();
    await panel.goto(browser.extensionUrl('sidepanel.html'));
    await panel.locator('.item__main', { hasText: '欢迎语' }).first().click();
    await expect.poll(() => panel.getByRole('status').innerText()).toContain('已插入');
    expect(await field.inputValue()).toBe(GREETING);
    await panel.close();
  });

  it('a // typed before the snippet code arrived (it comes with the first focus) still opens the picker', async () => {
    page = await browser.newPage();
    watch = watchConsole(page);
    await page.goto(demoUrl('/search'));
    await page.locator('h2').first().waitFor();
    // Focus and the two keys in one go, before the writing script can arrive: no listener saw them.
    await page.getByLabel('投保人姓名', { exact: true }).evaluate((el: HTMLInputElement) => {
      el.focus();
      el.value = '//';
      el.setSelectionRange(2, 2);
    });
    await picker().waitFor();
    await expect.poll(() => options().count()).toBeGreaterThan(5);
    await page.keyboard.type('hy');
    await expect.poll(() => optionTitles()).toContain('欢迎语');
  });

  it('side panel: asks in the panel for placeholders the page lacks, then inserts with the page\'s values', async () => {
    await openChat();
    await textarea().click();
    const panel = await browser.newPage();
    await panel.goto(browser.extensionUrl('sidepanel.html'));
    await panel.getByRole('searchbox', { name: '搜索话术' }).fill('核对保单');
    await panel.locator('.item__main', { hasText: '核对保单信息' }).first().click();
    const form = panel.getByRole('form', { name: '填写“核对保单信息”的内容' });
    await form.waitFor();
    await form.getByLabel('被保人').fill('李四');
    await form.getByLabel('产品名称').fill('安心医疗险');
    await form.getByRole('button', { name: '插入' }).click();
    await expect.poll(() => panel.getByRole('status').innerText()).toContain('已插入');
    const active = conversations[0];
    expect(await textarea().inputValue()).toBe(
      `请您核对保单信息：投保人${active.customer}，被保人李四，保单号${active.policyNo}，产品名称安心医疗险，请问信息是否正确？`,
    );
    await panel.close();
  });

  it('switched off for the site, // opens nothing', async () => {
    const { setFeature } = await import('./helpers');
    await setFeature(browser, 'snippets', false);
    try {
      await openChat();
      await textarea().click();
      await page.keyboard.type('//hy');
      await page.waitForTimeout(200);
      expect(await picker().count()).toBe(0);
      expect(await textarea().inputValue()).toBe('//hy');
    } finally {
      await setFeature(browser, 'snippets', true);
    }
  });
});

describe('backup in the options page', () => {
  it('exports personal snippets to a file; a bad file is refused in Chinese; the exported file imports back', async () => {
    page = await browser.newPage();
    watch = watchConsole(page);
    await page.goto(browser.extensionUrl('options.html#snippets'));
    await page.getByRole('button', { name: '新建话术' }).click();
    await page.getByLabel('标题').fill('备份测试');
    await page.getByLabel('话术内容').fill('这是一条要备份的话术。');
    await page.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => page.getByRole('status').innerText()).toContain('已保存');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出我的话术' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^SEA Kit 个人话术 \d{4}-\d{2}-\d{2}\.json$/);
    const exported = JSON.parse(await readDownload(download)) as { snippets: Array<{ title: string }> };
    expect(exported.snippets.map((s) => s.title)).toContain('备份测试');

    const count = () => page.locator('.item').count();
    const before = await count();
    const input = page.getByLabel('导入备份文件');
    await input.setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"seakit-personal-snippets","version":1,"snippets":[{"id":"x"}]}') });
    const backup = page.locator('.backup');
    await expect.poll(() => backup.getByRole('alert').innerText()).toContain('导入失败，话术库未做任何改动。原因：第 1 条话术：缺少标题');
    expect(await count()).toBe(before);
    await input.setInputFiles({ name: 'good.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(exported)) });
    await expect.poll(() => backup.getByRole('status').innerText()).toContain('导入完成：新增 0 条');
    expect(await count()).toBe(before);
  });
});

async function readDownload(download: import('playwright-core').Download): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The extension's own API, inside its service worker (evaluate() runs there, not in Node). */
declare const chrome: {
  storage: {
    local: { get(key: string | null): Promise<Record<string, any>>; set(v: object): Promise<void>; remove(key: string): Promise<void> };
    session: { get(key: string | null): Promise<Record<string, any>> };
  };
};

describe('snippet settings', () => {
  const setLocalSettings = (patch: Record<string, unknown>) =>
    browser.serviceWorker!.evaluate(async (p) => {
      const { settings } = await chrome.storage.local.get('settings');
      await chrome.storage.local.set({ settings: { ...(settings ?? {}), ...p } });
    }, patch);

  it('uses the site\'s own trigger, and hides the starter shelf when told to', async () => {
    await openChat();
    const demo = { id: 'demo', name: '演示', matches: ['*://127.0.0.1/*', '*://localhost/*'], features: {}, labels: {}, selectors: {}, rules: { snippetTrigger: ';;' } };
    await setLocalSettings({ sites: [demo] });
    try {
      await textarea().click();
      await page.keyboard.type('//hy ');
      await page.waitForTimeout(300);
      expect(await picker().count()).toBe(0);
      await page.keyboard.type(';;hy');
      await expect.poll(async () => (await optionTitles())[0]).toBe('欢迎语');
      await page.keyboard.press('Escape');

      await setLocalSettings({ starterSnippets: false });
      await page.keyboard.type(' ;;hy');
      await picker().waitFor();
      await page.waitForTimeout(300);
      expect(await optionTitles()).not.toContain('欢迎语');
      await page.keyboard.press('Escape');
    } finally {
      await browser.serviceWorker!.evaluate(() => chrome.storage.local.remove('settings'));
    }
  });
});

describe('keyboard: pinned and last used first, the shortcut set in the options page, IME', () => {
  /** The entries after the 建议 ones (the demo's open conversation has customer messages). */
  const listed = async () => {
    const items = await options().all();
    const out: Array<{ title: string; pinned: boolean }> = [];
    for (const item of items) {
      if (await item.locator('.hint').count()) continue;
      out.push({ title: await item.locator('.title').innerText(), pinned: (await item.locator('.pin').count()) > 0 });
    }
    return out;
  };

  it('a snippet pinned in the options library, then the last used, lead the picker opened with no keyword', async () => {
    await openChat();
    // Used just now: 请稍等.
    await textarea().click();
    await page.keyboard.type('//qsd');
    await expect.poll(async () => (await optionTitles())[0]).toBe('请稍等');
    await page.keyboard.press('Enter');
    await textarea().fill('');

    const optionsPage = await browser.newPage();
    await optionsPage.goto(browser.extensionUrl('options.html#snippets'));
    await optionsPage.getByRole('searchbox', { name: '搜索话术' }).fill('互助结束语');
    await optionsPage.locator('.item__main', { hasText: '互助结束语' }).click();
    await optionsPage.getByRole('button', { name: '置顶', exact: true }).click();
    await expect.poll(() => optionsPage.getByRole('status').innerText()).toContain('已置顶：互助结束语');
    await optionsPage.getByRole('searchbox', { name: '搜索话术' }).fill('');
    // The library leads with it too, marked 置顶.
    await expect.poll(() => optionsPage.locator('.item__title').first().innerText()).toBe('互助结束语');
    expect(await optionsPage.locator('.item').first().locator('.badge--pinned').innerText()).toBe('置顶');

    await page.bringToFront();
    await textarea().click();
    await page.keyboard.type('//');
    await expect.poll(async () => (await listed()).slice(0, 2)).toEqual([
      { title: '互助结束语', pinned: true },
      { title: '请稍等', pinned: false },
    ]);
    // Its digit picks it: the digit shown beside it.
    const pinnedItem = options().filter({ hasText: '互助结束语' });
    const digit = await pinnedItem.locator('.num').innerText();
    await page.keyboard.press(digit);
    await expect.poll(() => textarea().inputValue()).toBe('感谢您对互助计划的支持，请问还有其他可以帮您的吗？祝您生活愉快，再见！');

    // Unpinned, it leaves the top.
    await optionsPage.bringToFront();
    await optionsPage.locator('.item__main', { hasText: '互助结束语' }).click();
    await optionsPage.getByRole('button', { name: '取消置顶' }).click();
    await expect.poll(() => optionsPage.getByRole('status').innerText()).toContain('已取消置顶：互助结束语');
    await optionsPage.close();
    await page.bringToFront();
    await textarea().fill('');
    await textarea().click();
    await page.keyboard.type('//');
    await expect.poll(async () => (await listed()).some((e) => e.pinned)).toBe(false);
    await page.keyboard.press('Escape');
  });

  it('the shortcut recorded in the options page opens the picker; Alt+/ then does not; a bare key is refused in Chinese', async () => {
    const optionsPage = await browser.newPage();
    await optionsPage.goto(browser.extensionUrl('options.html#snippets'));
    const setting = optionsPage.locator('[data-setting="snippetShortcut"]');
    const input = setting.getByRole('textbox');
    await expect.poll(() => input.inputValue()).toBe('Alt+/');
    await input.click();
    await optionsPage.keyboard.press('k');
    await expect.poll(() => setting.getByRole('alert').innerText()).toContain('快捷键需要包含 Ctrl、Alt 或 Meta');
    expect(await input.inputValue()).toBe('Alt+/');
    await optionsPage.keyboard.press('Control+Shift+K');
    await expect.poll(() => input.inputValue()).toBe('Ctrl+Shift+K');
    try {
      await openChat();
      await textarea().click();
      await page.keyboard.type('您好');
      await page.keyboard.press('Alt+/');
      await page.waitForTimeout(300);
      expect(await picker().count()).toBe(0);
      await page.keyboard.press('Control+Shift+K');
      await picker().waitFor();
      await page.keyboard.type('hy');
      await expect.poll(async () => (await optionTitles())[0]).toBe('欢迎语');
      await page.keyboard.press('Enter');
      expect(await textarea().inputValue()).toBe(`您好${GREETING}`);
    } finally {
      await optionsPage.bringToFront();
      await setting.getByRole('button', { name: '恢复 Alt+/' }).click();
      await expect.poll(() => input.inputValue()).toBe('Alt+/');
      await optionsPage.close();
    }
  });

  it('the open-snippets command (a key the agent assigns in chrome://extensions/shortcuts) opens the picker at the caret', async () => {
    await openChat();
    await textarea().click();
    await page.keyboard.type('好的，');
    const manifest = await browser.serviceWorker!.evaluate(() => (globalThis as any).chrome.runtime.getManifest());
    expect(manifest.commands['open-snippets'].description).toContain('打开话术选择');
    // What the background does on the command: the message to the tab's reply frame.
    const url = page.url();
    await browser.serviceWorker!.evaluate(async (href) => {
      const c = (globalThis as any).chrome;
      const [tab] = await c.tabs.query({ url: href });
      await c.tabs.sendMessage(tab.id, { type: 'seakit:snippets/open-picker' });
    }, url);
    await picker().waitFor();
    await page.keyboard.type('qsd');
    await expect.poll(async () => (await optionTitles())[0]).toBe('请稍等');
    await page.keyboard.press('Enter');
    expect(await textarea().inputValue()).toBe(`好的，${HOLD}`);
  });

  it('IME: the shortcut and the digits do nothing during a composition (isComposing, keyCode 229)', async () => {
    await openChat();
    await textarea().click();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Input.imeSetComposition', { text: 'hy', selectionStart: 2, selectionEnd: 2 });
    // Alt+/ pressed while the IME composes: no picker, and the key is left to the IME.
    await page.keyboard.press('Alt+/');
    await page.waitForTimeout(200);
    expect(await picker().count()).toBe(0);
    await cdp.send('Input.insertText', { text: '好的' });
    expect(await textarea().inputValue()).toBe('好的');
    await page.keyboard.press('Alt+/');
    await picker().waitFor();
    const before = await optionTitles();
    // A digit choosing an IME candidate (keyCode 229, isComposing) is not the picker's.
    const taken = await textarea().evaluate((el) => {
      const shortcut = new KeyboardEvent('keydown', { key: '/', code: 'Slash', altKey: true, keyCode: 229, isComposing: true, bubbles: true, cancelable: true });
      const digit = new KeyboardEvent('keydown', { key: '1', code: 'Digit1', keyCode: 229, isComposing: true, bubbles: true, cancelable: true });
      el.dispatchEvent(shortcut);
      el.dispatchEvent(digit);
      return shortcut.defaultPrevented || digit.defaultPrevented;
    });
    expect(taken).toBe(false);
    expect(await picker().count()).toBe(1);
    expect(await optionTitles()).toEqual(before);
    expect(await textarea().inputValue()).toBe('好的');
    // Composing between compositionstart and compositionend: a digit key picks nothing.
    await cdp.send('Input.imeSetComposition', { text: 'yi', selectionStart: 2, selectionEnd: 2 });
    await page.keyboard.press('2');
    await page.waitForTimeout(200);
    expect(await textarea().inputValue()).not.toContain('请您');
    expect(await textarea().inputValue()).not.toContain('您好，欢迎');
    await cdp.send('Input.insertText', { text: '' });
    await cdp.detach();
  });
});
