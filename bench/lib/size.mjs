/**
 * What every SEA page loads: the manifest's content scripts, raw and gzip (level 9). The budget is checked by
 * the bench table and by tests/e2e/size.e2e.ts on each build. The writing script (entrypoints/sea-writing.ts)
 * is apart: only frames with somewhere to write load it (utils/page/late.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export const CONTENT_SCRIPT_BUDGET_GZIP = 40 * 1024;
export const WRITING_SCRIPT = 'sea-writing.js';

function sizeOf(files) {
  const bytes = Buffer.concat(files.map((f) => readFileSync(f)));
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

/** The content scripts of a built extension directory (…/chrome-mv3). */
export function contentScriptSize(extensionDir) {
  const manifest = JSON.parse(readFileSync(path.join(extensionDir, 'manifest.json'), 'utf8'));
  return sizeOf(manifest.content_scripts.flatMap((cs) => cs.js ?? []).map((f) => path.join(extensionDir, f)));
}

/** The writing script of a built extension directory. */
export function writingScriptSize(extensionDir) {
  return sizeOf([path.join(extensionDir, WRITING_SCRIPT)]);
}
