import { render, type ComponentType } from 'preact';
import { useSignal } from '@preact/signals';
import { SnippetLibrary } from '~/components/snippets/Library';
import { Inspector } from '~/components/experience/Inspector';
import { ReportForm } from '~/components/experience/ReportForm';

const tabs: Array<{ id: string; title: string; Component: ComponentType }> = [
  { id: 'snippets', title: '话术', Component: () => <SnippetLibrary mode="panel" /> },
  { id: 'report', title: '体验反馈', Component: ReportForm },
  { id: 'inspect', title: '页面检查', Component: Inspector },
];

/** Beside SEA: the snippet library (a click inserts into the reply box), 体验反馈 and the page inspector. */
function SidePanel() {
  const current = useSignal(tabs.find((t) => `#${t.id}` === location.hash)?.id ?? 'snippets');
  const Tab = tabs.find((t) => t.id === current.value)!.Component;
  return (
    <main class="panel">
      <nav class="panel-tabs" role="tablist" aria-label="侧边栏">
        {tabs.map((t) => (
          <button key={t.id} role="tab" aria-selected={current.value === t.id} onClick={() => (current.value = t.id)}>
            {t.title}
          </button>
        ))}
      </nav>
      <Tab />
    </main>
  );
}

/** Replaces index.html's painted frame with the live panel. */
export function mountSidePanel(): void {
  const root = document.getElementById('app')!;
  root.textContent = '';
  render(<SidePanel />, root);
}
