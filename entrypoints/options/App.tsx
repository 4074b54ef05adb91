import { useSignal } from '@preact/signals';
import { useEffect, useState } from 'preact/hooks';
import { render, type ComponentType } from 'preact';
import { useEffectiveSettings } from '~/components/useSettings';
import { firstData } from '~/utils/first-data';
import { primeSettings } from '~/utils/settings-store';
import { loaded, loadSection, sectionInAddress, sections, type FirstSection } from './sections';

function useSection(id: string): ComponentType | undefined {
  const [, rerender] = useState(0);
  useEffect(() => {
    let live = true;
    if (!loaded.has(id)) {
      void loadSection(id).then(() => {
        if (live) rerender((n) => n + 1);
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
  const current = useSignal(sectionInAddress());
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

/**
 * Replaces index.html's painted frame with the page, once the first section and the settings are there (no
 * skeleton flash in between), or after firstData's limit (the section shows its own loading state).
 */
export function mountOptions(first: FirstSection): void {
  const root = document.getElementById('app')!;
  const mount = () => {
    root.textContent = '';
    render(<App />, root);
    // Then the other sections, when the browser is idle: switching is instant.
    for (const other of sections) requestIdleCallback(() => void loadSection(other.id).catch(() => undefined));
  };
  void firstData(Promise.all([first.section, primeSettings(first.stored)])).then(mount, mount);
}
