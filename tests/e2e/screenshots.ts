/**
 * Where e2e tests write the pictures the docs show. docs/images/ is tracked by git, so a plain `npm test` writes
 * them to screenshots/ (git-ignored) and leaves a fresh checkout clean; SEAKIT_SCREENSHOTS=1 refreshes docs/images/.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Absolute path for a docs picture (e.g. 'inspector.png'); creates its folder. */
export function docsScreenshot(name: string, env: Record<string, string | undefined> = process.env): string {
  const dir = path.join(ROOT, env.SEAKIT_SCREENSHOTS === '1' ? 'docs/images' : 'screenshots');
  mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}
