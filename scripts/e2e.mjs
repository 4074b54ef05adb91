/**
 * npm run test:e2e: checks that Chromium is there (a clear message instead of a launch stack trace),
 * then runs the e2e suite with vitest.e2e.config.ts; extra arguments go to vitest.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { CHROMIUM_MISSING, ROOT, chromiumExists } from '../tests/fixtures/browser.mjs';

if (!chromiumExists()) {
  console.error(CHROMIUM_MISSING);
  process.exit(1);
}

const vitest = path.join(ROOT, 'node_modules/vitest/vitest.mjs');
const result = spawnSync(process.execPath, [vitest, 'run', '--config', 'vitest.e2e.config.ts', ...process.argv.slice(2)], {
  cwd: ROOT,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
