import { defineConfig } from 'vitest/config';

/** E2E: real Chromium with the built extension against the demo SEA (see tests/e2e/harness.ts). */
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['tests/e2e/global-setup.ts'],
    // One browser at a time: 2 cores, and every file launches its own Chromium.
    fileParallelism: false,
    testTimeout: 60_000,
    // CI only: one more try for a test that timed out on a busy 2-core machine (editor keystroke timing, seen under
    // load). A broken feature fails both tries; a retried test is reported as such in the output.
    retry: process.env.CI ? 1 : 0,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    // The demo answers after ~120 ms and features run per frame: poll longer than the 1 s default.
    expect: { poll: { timeout: 5_000 } },
  },
});
