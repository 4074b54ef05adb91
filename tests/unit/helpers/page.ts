import { PageCore } from '~/utils/page/core';
import type { Feature, LateCode } from '~/utils/page/feature';
import { defaultSettings, demoSite, type SiteProfile } from '~/utils/settings';

/** Lets the core's observer batch (one frame) run. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 60));

let current: PageCore | null = null;

/** Renders html as the page, starts the given features on it, and waits for the first pass. */
export async function startOn(html: string, features: Feature[], site: Partial<SiteProfile> = {}): Promise<PageCore> {
  current?.stop();
  document.body.innerHTML = html;
  current = new PageCore({ ...demoSite, ...site }, defaultSettings);
  await current.start(features);
  await settle();
  return current;
}

export const $$ = (selector: string) => [...document.querySelectorAll<HTMLElement>(selector)];
export const $ = (selector: string) => document.querySelector<HTMLElement>(selector)!;

/** A late feature as the page runs it once the writing script has arrived (Feature.late, utils/page/late.ts). */
export function withLateCode(module: { default: Feature; late?: LateCode }): Feature {
  return { ...module.default, ...module.late };
}
