/**
 * The page script every SEA page loads stays within its budget (docs/performance.md): measured on the build
 * the e2e run made, as the bench measures it. The reply-box code is in the writing script, which the manifest
 * does not load: the background injects it where there is somewhere to write (utils/page/late.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { EXTENSION_DIR } from '../fixtures/browser.mjs';
import { CONTENT_SCRIPT_BUDGET_GZIP, WRITING_SCRIPT, contentScriptSize, writingScriptSize } from '../../bench/lib/size.mjs';

describe('content script size', () => {
  test(`the content script is at most ${CONTENT_SCRIPT_BUDGET_GZIP / 1024} KB gzip`, () => {
    const size = contentScriptSize(EXTENSION_DIR);
    expect(size.gzip, `content script ${size.raw} B raw, ${size.gzip} B gzip`).toBeLessThanOrEqual(CONTENT_SCRIPT_BUDGET_GZIP);
  });

  test('the reply-box code is in the writing script, which the manifest does not load', () => {
    const manifest = JSON.parse(readFileSync(path.join(EXTENSION_DIR, 'manifest.json'), 'utf8'));
    const loaded = manifest.content_scripts.flatMap((cs: { js?: string[] }) => cs.js ?? []);
    expect(loaded).not.toContain(WRITING_SCRIPT);
    expect(writingScriptSize(EXTENSION_DIR).raw).toBeGreaterThan(0);
    // The picker's, the 服务禁语 note's and the 退保预警 note's own texts: in the writing script only.
    const page = loaded.map((f: string) => readFileSync(path.join(EXTENSION_DIR, f), 'utf8')).join('\n');
    const writing = readFileSync(path.join(EXTENSION_DIR, WRITING_SCRIPT), 'utf8');
    for (const text of ['正在加载话术…', '备注请用书面语', '插入挽留话术：']) {
      expect(writing, text).toContain(text);
      expect(page, text).not.toContain(text);
    }
  });
});
