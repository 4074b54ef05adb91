import { render, type ComponentType } from 'preact';
import { useEffect } from 'preact/hooks';
import { useSignal } from '@preact/signals';
import { ProductFaq, useFaqRequest } from '~/components/products/ProductFaq';
import { LIBRARY, readLibrary, SnippetLibrary } from '~/components/snippets/Library';
import { startLive } from '~/components/snippets/useLive';
import { primeSettings } from '~/utils/settings-store';
import { firstData } from '~/utils/first-data';
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

/**
 * Replaces index.html's painted frame with the live panel, once the settings and the library's rows are
 * read: the first render is the real list (one layout, not a skeleton and then the list).
 */
export function mountSidePanel(): void {
  void firstData(Promise.all([primeSettings(), startLive(LIBRARY, readLibrary)])).then(() => {
    const root = document.getElementById('app')!;
    root.textContent = '';
    render(<SidePanel />, root);
  });
}
