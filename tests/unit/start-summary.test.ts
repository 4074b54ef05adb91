// @vitest-environment node
/**
 * A headless `npm start` ends by saying where the screenshots are, the demo SEA's address, and how to open
 * it by hand with the extension (issue 12, point 6). The tour itself takes a minute and a browser: the
 * text is checked here, and that start.mjs prints it as its last line.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tourSummary } from '../../scripts/start-summary.mjs';
import { DEMO_PORT } from '../fixtures/serve.mjs';

const tour = {
  shotsDir: '/repo/screenshots',
  shots: ['/repo/screenshots/search.png', '/repo/screenshots/options.png'],
  tourUrl: 'http://127.0.0.1:41234/search',
  extensionDir: '/repo/.output/chrome-mv3',
  extensionId: 'genjdalobboceeiefecdlepffiflkgfh',
};

describe('what a headless npm start prints last', () => {
  const text = tourSummary(tour);
  const lines = text.split('\n');

  it('says where the screenshots are, each one and their folder', () => {
    for (const shot of tour.shots) expect(lines).toContain(shot);
    expect(text).toContain(`截图在 / screenshots in: ${tour.shotsDir}`);
  });

  it('gives the demo address npm run demo serves (not the tour\'s closed random port as the one to open)', () => {
    expect(text).toContain(`npm run demo  →  http://127.0.0.1:${DEMO_PORT}/search`);
    expect(text).toMatch(/本次导览用的是 http:\/\/127\.0\.0\.1:41234\/search，已关闭/);
  });

  it('says how to open it by hand with the extension: demo running, load the unpacked build, the pages to open', () => {
    const steps = lines.slice(lines.findIndex((l) => l.startsWith('带扩展手动打开')));
    expect(steps[1]).toContain('npm run demo');
    expect(steps[2]).toContain('chrome://extensions');
    expect(steps[2]).toContain('加载已解压的扩展程序');
    expect(steps[2]).toContain(tour.extensionDir);
    expect(steps[3]).toContain(`http://127.0.0.1:${DEMO_PORT}/search`);
    expect(steps[3]).toContain(`chrome-extension://${tour.extensionId}/options.html`);
    // The how-to is the end of the output: nothing after it to scroll past.
    expect(lines.at(-1)).toBe(steps[3]);
  });

  it('is what the headless tour of scripts/start.mjs prints as its last output', async () => {
    const start = await readFile(path.resolve('scripts/start.mjs'), 'utf8');
    const tourBody = start.slice(start.indexOf('async function runTour'));
    const printed = [...tourBody.matchAll(/console\.(log|warn)\(/g)];
    expect(tourBody.slice(printed.at(-1)!.index)).toMatch(/^console\.log\(`\\n\$\{tourSummary\(\{ shotsDir: SHOTS_DIR, shots,/);
  });
});
