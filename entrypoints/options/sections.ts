import type { ComponentType } from 'preact';
import { readCachedPackList } from '~/utils/packs/list-cache';
import { readStoredSettings } from '~/utils/stored-settings';

/**
 * A section's component, and what its first render shows, read before it (live queries it starts);
 * `prepare` is handed the section's early read, when it has one and the page started it.
 */
interface SectionCode {
  Section: ComponentType;
  prepare?: (early?: Promise<any>) => Promise<unknown>;
}

/**
 * Each section is its own chunk: the page paints the one asked for without first loading the others'
 * code (the 组长 section's sheet reader and validator, the pack checks). No Preact here: main.ts starts
 * loading the section in the address while the page's own code is still on its way.
 */
export const sections: Array<{
  id: string;
  title: string;
  load: () => Promise<SectionCode>;
  /** The storage read its first render shows, small enough to start in the page's first script, before its code. */
  readEarly?: () => Promise<unknown>;
}> = [
  { id: 'sites', title: '站点与功能', load: () => import('~/components/options/SitesSection').then((m) => ({ Section: m.SitesSection })) },
  { id: 'snippets', title: '话术', load: () => import('~/components/options/SnippetsSection').then((m) => ({ Section: m.SnippetsSection, prepare: m.prepareSnippets })) },
  { id: 'packs', title: '话术包', readEarly: readCachedPackList, load: () => import('~/components/options/PacksSection').then((m) => ({ Section: m.PacksSection, prepare: m.preparePacks })) },
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

/** The section the page opens on: its code and first data, and the stored settings, all asked for at once. */
export interface FirstSection {
  /** The section's code and its own first data (pack list, snippets). */
  section: Promise<unknown>;
  /** The storage read the settings are built from (App merges it with the defaults and the policy). */
  stored: Promise<Record<string, unknown>>;
}

/**
 * Starts the first section's reads side by side with the page's own code, so that its first render is the real
 * content: one layout instead of a skeleton and then the content. The settings read and the section's early
 * read start here, in the page's first script, not once the code that uses them has arrived.
 */
export function loadFirstSection(id: string): FirstSection {
  const early = sections.find((s) => s.id === id)?.readEarly?.();
  const first = { section: loadCode(id).then((code) => code.prepare?.(early)), stored: readStoredSettings() };
  // App handles a failure once it has arrived; until then an early one must not be reported as unhandled.
  first.section.catch(() => undefined);
  first.stored.catch(() => undefined);
  return first;
}
