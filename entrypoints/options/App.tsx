import { useSignal } from '@preact/signals';
import { useEffect, useState } from 'preact/hooks';
import type { ComponentType } from 'preact';
import { useEffectiveSettings } from '~/components/useSettings';

/**
 * Each section is its own chunk: the page paints the one asked for without first loading the others'
 * code (the 组长 section's sheet reader and validator, the library's pinyin dictionary). The rest load
 * while the agent reads, so switching is instant.
 */
const sections: Array<{ id: string; title: string; load: () => Promise<ComponentType> }> = [
  { id: 'sites', title: '站点与功能', load: () => import('~/components/options/SitesSection').then((m) => m.SitesSection) },
  { id: 'snippets', title: '话术', load: () => import('~/components/options/SnippetsSection').then((m) => m.SnippetsSection) },
  { id: 'packs', title: '话术包', load: () => import('~/components/options/PacksSection').then((m) => m.PacksSection) },
  { id: 'lead', title: '组长', load: () => import('~/components/options/LeadSection').then((m) => m.LeadSection) },
];

const loaded = new Map<string, ComponentType>();

function useSection(id: string): ComponentType | undefined {
  const [, rerender] = useState(0);
  useEffect(() => {
    let live = true;
    const section = sections.find((s) => s.id === id)!;
    if (!loaded.has(id)) {
      void section.load().then((component) => {
        loaded.set(id, component);
        if (live) rerender((n) => n + 1);
        // Then the others, when the browser is idle.
        for (const other of sections) if (!loaded.has(other.id)) requestIdleCallback(() => void other.load().then((c) => loaded.set(other.id, c)));
      });
    }
    return () => {
      live = false;
    };
  }, [id]);
  return loaded.get(id);
}

function SectionSkeleton({ title }: { title: string }) {
  return (
    <section aria-busy="true">
      <div class="card">
        <h2>{title}</h2>
        <span class="skeleton" style="width:60%" />
        <span class="skeleton" style="width:80%" />
        <span class="skeleton" style="width:45%" />
      </div>
    </section>
  );
}

export function App() {
  const initial = sections.find((s) => `#${s.id}` === location.hash)?.id ?? 'sites';
  const current = useSignal(initial);
  const state = useEffectiveSettings();
  // 组长 only where policy or the agent turned it on (话术包设置 › 组长工具).
  const shown = sections.filter((s) => s.id !== 'lead' || state.value?.settings.leadTools);
  const id = shown.some((s) => s.id === current.value) || !state.value ? current.value : 'sites';
  const Section = useSection(id);
  const title = sections.find((s) => s.id === id)!.title;
  return (
    <div class="layout">
      <nav class="sidebar" aria-label="设置分区">
        <h1>SEA Kit</h1>
        {shown.map((s) => (
          <a
            key={s.id}
            href={`#${s.id}`}
            aria-current={current.value === s.id ? 'page' : undefined}
            onClick={() => (current.value = s.id)}
          >
            {s.title}
          </a>
        ))}
      </nav>
      {/* 组长 waits for the settings that say whether it is on. */}
      <main class="content">{Section && (id !== 'lead' || state.value) ? <Section /> : <SectionSkeleton title={title} />}</main>
    </div>
  );
}
