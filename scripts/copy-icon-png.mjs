/**
 * Prints the copy buttons' icon as the PNG data URL that assets/page.css uses: utils/clipboard.ts copyIcon's path
 * drawn by Chromium at 48×48 (the CSS shows it at 12 px: sharp up to 400 % zoom). A PNG, not the SVG itself: an SVG
 * background is a whole SVG document of its own that the page's first style pass builds (docs/performance.md,
 * issue 14 third round).   node scripts/copy-icon-png.mjs
 */
import { chromium } from 'playwright-core';
import { CHROMIUM_PATH } from '../tests/fixtures/browser.mjs';

const PATH = 'M5 1h8a2 2 0 0 1 2 2v8h-2V3H5V1zM1 5a2 2 0 0 1 2-2h7a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2H3a2 2 0 0 1-2-2V5zm2 0v9h7V5H3z';
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true });
try {
  const page = await browser.newPage();
  console.log(await page.evaluate(async (d) => {
    const img = new Image();
    img.src = `data:image/svg+xml,${encodeURIComponent(`<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16' width='48' height='48'><path fill='#1664ff' d='${d}'/></svg>`)}`;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 48;
    canvas.getContext('2d').drawImage(img, 0, 0, 48, 48);
    return canvas.toDataURL('image/png');
  }, PATH));
} finally {
  await browser.close();
}
