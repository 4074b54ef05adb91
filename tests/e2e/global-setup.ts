/**
 * Once per e2e run: build the extension (wxt build → .output/chrome-mv3) and the demo SEA, serve
 * the demo, and hand its URL to the tests (inject('demoUrl'), see harness.ts demoUrl()).
 * SEAKIT_E2E_SKIP_BUILD=1 reuses an existing .output/chrome-mv3 (for quick reruns).
 */
import type { TestProject } from 'vitest/node';
import { buildExtension } from '../fixtures/browser.mjs';
import { buildDemo, startDemoServer } from '../fixtures/serve.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the demo SEA, http://127.0.0.1:<port> */
    demoUrl: string;
  }
}

export default async function setup(project: TestProject) {
  if (!process.env.SEAKIT_E2E_SKIP_BUILD) buildExtension();
  await buildDemo();
  const server = await startDemoServer();
  project.provide('demoUrl', server.url);
  return () => server.close();
}
