import { useSignal } from '@preact/signals';
import type { ComponentType } from 'preact';
import { SitesSection } from '~/components/options/SitesSection';
import { SnippetsSection } from '~/components/options/SnippetsSection';
import { PacksSection } from '~/components/options/PacksSection';
import { LeadSection } from '~/components/options/LeadSection';
import { useEffectiveSettings } from '~/components/useSettings';

const sections: Array<{ id: string; title: string; Component: ComponentType }> = [
  { id: 'sites', title: '站点与功能', Component: SitesSection },
  { id: 'snippets', title: '话术', Component: SnippetsSection },
  { id: 'packs', title: '话术包', Component: PacksSection },
  { id: 'lead', title: '组长', Component: LeadSection },
];

export function App() {
  const initial = sections.find((s) => `#${s.id}` === location.hash)?.id ?? 'sites';
  const current = useSignal(initial);
  const state = useEffectiveSettings();
  // 组长 only where policy or the agent turned it on (话术包设置 › 组长工具).
  const shown = sections.filter((s) => s.id !== 'lead' || state.value?.settings.leadTools);
  const Section = shown.find((s) => s.id === current.value)?.Component ?? (state.value ? SitesSection : null);
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
      <main class="content">
        {Section ? <Section /> : <p>正在读取设置…</p>}
      </main>
    </div>
  );
}
