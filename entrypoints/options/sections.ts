import type { ComponentType } from 'preact';
import { firstData } from '~/utils/first-data';

/** A section's component, and what its first render shows, read before it (live queries it starts). */
interface SectionCode {
  Section: ComponentType;
  prepare?: () => Promise<unknown>;
}

/**
 * Each section is its own chunk: the page paints the one asked for without first loading the others'
 * code (the 组长 section's sheet reader and validator, the pack checks). No Preact here: main.ts starts
 * loading the section in the address while the page's own code is still on its way.
 */
export const sections: Array<{ id: string; title: string; load: () => Promise<SectionCode> }> = [
  { id: 'sites', title: '站点与功能', load: () => import('~/components/options/SitesSection').then((m) => ({ Section: m.SitesSection })) },
  { id: 'snippets', title: '话术', load: () => import('~/components/options/SnippetsSection').then((m) => ({ Section: m.SnippetsSection, prepare: m.prepareSnippets })) },
  { id: 'packs', title: '话术包', load: () => import('~/components/options/PacksSection').then((m) => ({ Section: m.PacksSection, prepare: m.preparePacks })) },
  { id: 'lead', title: '组长', load: () => import('~/components/options/LeadSection').then((m) => ({ Section: m.LeadSection })) },
];

export const sectionInAddress = (): string => sections.find((s) => `#${s.id}` === location.hash)?.id ?? 'sites';

const loading = new Map<string, Promise<SectionCode>>();
export const loaded = new Map<string, ComponentType>();

function loadCode(id: string): Promise<SectionCode> {
  let promise = loading.get(id);
  if (!promise) {
    promise = sections.find((s) => s.id === id)!.load();
    promise.then((code) => loaded.set(id, code.Section), () => loading.delete(id));
    loading.set(id, promise);
  }
  return promise;
}

/** The section's component, loaded once however often it is asked for. */
export function loadSection(id: string): Promise<ComponentType> {
  return loadCode(id).then((code) => code.Section);
}

/**
 * The section the page opens on: its code, the settings and its own first data (pack list, snippets), read
 * side by side, so that its first render is the real content: one layout instead of a skeleton and then
 * the content.
 */
export function loadFirstSection(id: string): Promise<void> {
  const settings = import('~/utils/settings-store').then((m) => m.primeSettings());
  const own = loadCode(id).then((code) => code.prepare?.());
  return firstData(Promise.all([settings, own]));
}
