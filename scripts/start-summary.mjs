/**
 * What a headless `npm start` prints last (scripts/start.mjs): where the screenshots are, the demo SEA's
 * address, and how to open it by hand with the extension (the tour's own server and browser are gone by
 * then). A function of its own so a unit test checks the text without running the tour.
 */
import { DEMO_PORT } from '../tests/fixtures/serve.mjs';

/**
 * @param {{ shotsDir: string, shots: string[], tourUrl: string, extensionDir: string, extensionId: string }} tour
 * @returns {string}
 */
export function tourSummary({ shotsDir, shots, tourUrl, extensionDir, extensionId }) {
  const demo = `http://127.0.0.1:${DEMO_PORT}/search`;
  return [
    '截图 / screenshots:',
    ...shots,
    '',
    `截图在 / screenshots in: ${shotsDir}`,
    `演示 SEA / demo SEA: npm run demo  →  ${demo} （本次导览用的是 ${tourUrl}，已关闭）`,
    '带扩展手动打开 / open it with the extension by hand:',
    '  1. npm run demo （保持运行 / keep it running）',
    `  2. Chrome 打开 chrome://extensions，打开“开发者模式”，点“加载已解压的扩展程序”，选 ${extensionDir}`,
    `  3. 打开 ${demo} ；设置页：chrome-extension://${extensionId}/options.html`,
  ].join('\n');
}
