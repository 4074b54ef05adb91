import type { ComponentType } from 'preact';

/**
 * Each section is its own chunk: the page paints the one asked for without first loading the others'
 * code (the 组长 section's sheet reader and validator, the pack checks). No Preact here: main.ts starts
 * loading the section in the address while the page's own code is still on its way.
 */
export const sections: Array<{ id: string; title: string; load: () => Promise<ComponentType> }> = [
  { id: 'sites', title: '站点与功能', load: () => import('~/components/options/SitesSection').then((m) => m.SitesSection) },
  { id: 'snippets', title: '话术', load: () => import('~/components/options/SnippetsSection').then((m) => m.SnippetsSection) },
  { id: 'packs', title: '话术包', load: () => import('~/components/options/PacksSection').then((m) => m.PacksSection) },
  { id: 'lead', title: '组长', load: () => import('~/components/options/LeadSection').then((m) => m.LeadSection) },
];

export const sectionInAddress = (): string => sections.find((s) => `#${s.id}` === location.hash)?.id ?? 'sites';

const loading = new Map<string, Promise<ComponentType>>();
export const loaded = new Map<string, ComponentType>();

/** The section's component, loaded once however often it is asked for. */
export function loadSection(id: string): Promise<ComponentType> {
  let promise = loading.get(id);
  if (!promise) {
    promise = sections.find((s) => s.id === id)!.load();
    promise.then((component) => loaded.set(id, component), () => loading.delete(id));
    loading.set(id, promise);
  }
  return promise;
}
