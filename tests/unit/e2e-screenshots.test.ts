// @vitest-environment node
/** A plain `npm test` leaves a fresh checkout clean: e2e pictures go to git-ignored screenshots/ unless asked for. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { docsScreenshot } from '../e2e/screenshots';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const E2E = path.join(ROOT, 'tests/e2e');

describe('e2e screenshots', () => {
  it('go to screenshots/ (git-ignored) by default, to docs/images/ only with SEAKIT_SCREENSHOTS=1', () => {
    expect(docsScreenshot('inspector.png', {})).toBe(path.join(ROOT, 'screenshots/inspector.png'));
    expect(docsScreenshot('inspector.png', { SEAKIT_SCREENSHOTS: '0' })).toBe(path.join(ROOT, 'screenshots/inspector.png'));
    expect(docsScreenshot('inspector.png', { SEAKIT_SCREENSHOTS: '1' })).toBe(path.join(ROOT, 'docs/images/inspector.png'));
    expect(readFileSync(path.join(ROOT, '.gitignore'), 'utf8').split('\n')).toContain('screenshots/');
  });

  it('no e2e file writes into the tracked docs/images/ by a path of its own', () => {
    const writers = readdirSync(E2E)
      .filter((name) => name.endsWith('.ts') && name !== 'screenshots.ts')
      .filter((name) => /['"`]docs\/images\//.test(readFileSync(path.join(E2E, name), 'utf8')));
    expect(writers).toEqual([]);
  });
});
