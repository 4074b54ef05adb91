import { useEffect, useRef } from 'preact/hooks';
import type { FillPlan } from '~/utils/snippets/placeholders';
import { buildFillForm, FILL_FORM_CSS } from './fill-form';

/**
 * The side panel's form for a snippet's fields: the picker's own form (fill-form.ts), so both ask the same
 * questions the same way. Nothing is inserted with a blank.
 */
export function FillForm({ title, plan, onDone, onCancel }: {
  title: string;
  plan: FillPlan;
  onDone(values: Record<string, string>): void;
  onCancel(): void;
}) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = host.current!;
    const root = el.shadowRoot ?? el.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = FILL_FORM_CSS;
    const { form, focus } = buildFillForm(document, { title, plan, onDone, onCancel });
    root.replaceChildren(style, form);
    focus();
  }, [plan]);
  return <div class="card fill" ref={host} />;
}
