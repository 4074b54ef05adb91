import { render, type ComponentType } from 'preact';
import { useEffect } from 'preact/hooks';
import { useSignal } from '@preact/signals';
import { ProductFaq, useFaqRequest } from '~/components/products/ProductFaq';
import { SnippetLibrary } from '~/components/snippets/Library';
import { Inspector } from '~/components/experience/Inspector';
import { ReportForm } from '~/components/experience/ReportForm';

const tabs: Array<{ id: string; title: string; Component: ComponentType }> = [
  { id: 'snippets', title: '话术', Component: () => <SnippetLibrary mode="panel" /> },
  { id: 'products', title: '产品', Component: ProductFaq },
  { id: 'report', title: '体验反馈', Component: ReportForm },
  { id: 'inspect', title: '页面检查', Component: Inspector },
];

/** A chip clicked this recently opened the panel: it opens on that product. */
const FRESH_REQUEST_MS = 10_000;

/** Beside SEA: the snippet library (a click inserts into the reply box), products, 体验反馈 and the page inspector. */
function SidePanel() {
  const current = useSignal(tabs.find((t) => `#${t.id}` === location.hash)?.id ?? 'snippets');
  const faq = useFaqRequest();
  // A product chip clicked in SEA: show its FAQ, whichever tab was open.
  useEffect(() => {
    if (faq && Date.now() - faq.at < FRESH_REQUEST_MS) current.value = 'products';
  }, [faq?.at]);
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
