/**
 * A big snippet library (issue 9 point 3) in real Chromium: 20,000 snippets in four packs imported through the
 * options page, then the // picker in the demo chat opens, finds a snippet deep in the library by its shortcut,
 * and inserts that snippet's text as text. How fast is the bench's business (npm run bench), not this file's.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserForTests, checkEachPage, demoUrl, watchConsole, type ConsoleWatch } from './harness';

const PACKS = 4;
const PER_PACK = 5000;

/** n in letters (0 → a … 9 → j): typed into the picker, a digit would pick the entry shown with it. */
const letters = (n: number) => String(n).replace(/\d/g, (d) => String.fromCharCode(97 + Number(d)));

/** Snippet n: a unique title and shortcut, a text with markup that must arrive as characters. */
const snippet = (n: number) => ({
  id: `s${n}`,
  title: `批量话术${n}`,
  text: `第 ${n} 条：您好，<b>请稍等</b> & 谢谢`,
  ...(n % 4 === 0 ? { shortcut: `q${letters(n)}` } : {}),
});

function packText(index: number): string {
  return JSON.stringify({
    format: 1,
    id: `scale-${index}`,
    name: `大话术库 ${index}`,
    line: '保',
    version: 1,
    author: '测试',
    updated: '2026-11-26',
    snippets: Array.from({ length: PER_PACK }, (_, k) => snippet(index * PER_PACK + k)),
  });
}

let page: Page;
let watch: ConsoleWatch;
const browser = browserForTests();
checkEachPage(() => ({ page, watch }));

describe('the picker with 20,000 snippets', () => {
  it('imports four packs of 5,000, opens on //, finds the last pack’s snippet by shortcut and inserts its text as text', async () => {
    page = await browser.newPage();
    watch = watchConsole(page);
    await page.goto(browser.extensionUrl('options.html#packs'));
    const input = page.locator('input[type="file"][accept*=".json"]');
    for (let i = 0; i < PACKS; i++) {
      await page.waitForFunction(() => !document.querySelector<HTMLInputElement>('input[type="file"]')?.disabled);
      await input.setInputFiles({ name: `scale-${i}.json`, mimeType: 'application/json', buffer: Buffer.from(packText(i)) });
      await page.locator('[role="status"]', { hasText: `已安装「大话术库 ${i}」` }).waitFor({ timeout: 120_000 });
    }
    await page.close();

    page = await browser.newPage();
    watch = watchConsole(page);
    await page.goto(demoUrl('/chat'));
    await page.locator('[data-seakit="copy-fields"]').first().waitFor();
    const box = page.getByLabel('回复内容', { exact: true });
    await box.click();
    await page.keyboard.type('//');
    const picker = page.locator('[data-seakit="snippet-picker"]');
    await expect.poll(() => picker.locator('[role="option"]').count(), { timeout: 30_000 }).toBeGreaterThan(0);

    const deep = snippet(PACKS * PER_PACK - 4);
    await page.keyboard.type(deep.shortcut!);
    await expect.poll(() => picker.locator('[role="option"] .title').first().textContent(), { timeout: 30_000 }).toBe(deep.title);
    await page.keyboard.press('Enter');
    expect(await box.inputValue()).toBe(deep.text);
    expect(await picker.count()).toBe(0);
    // The markup stayed characters: nothing was parsed into the page.
    expect(await page.locator('.chat__editor b').count()).toBe(0);
  }, 300_000); // four imports of 5,000 on a busy 2-core machine
});
