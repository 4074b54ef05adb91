/**
 * The 站点与功能 section as rendered (Preact in happy-dom, fake browser storage): a site IT switched off
 * (matches: []) shows as off and locked, not as eight live switches; technical detail sits in a disclosure;
 * settings paint from the cached policy before storage.managed answers.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { SitesSection } from '~/components/options/SitesSection';
import { watchSettings, type EffectiveSettings } from '~/utils/settings-store';

afterEach(() => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

async function renderSites(): Promise<HTMLElement> {
  const root = document.createElement('div');
  document.body.append(root);
  await act(async () => render(<SitesSection />, root));
  await vi.waitFor(() => expect(root.querySelector('[data-site]')).not.toBeNull());
  return root;
}

describe('sites in the options page', () => {
  it('shows a site switched off by policy (matches: []) as off and locked, with no switches', async () => {
    await fakeBrowser.storage.managed.set({ sites: [{ id: 'demo', matches: [] }] });
    const root = await renderSites();
    await vi.waitFor(() => expect(root.querySelector('[data-site="demo"]')!.getAttribute('data-site-state')).toBe('off'));
    const card = root.querySelector('[data-site="demo"]')!;
    expect(card.textContent).toContain('已由管理员停用');
    expect(card.querySelectorAll('input[type="checkbox"]')).toHaveLength(0);
  });

  it('keeps a site\'s match pattern out of the agent\'s view, in the 高级 disclosure', async () => {
    const root = await renderSites();
    const card = root.querySelector('[data-site="demo"]')!;
    expect(card.querySelectorAll('input[data-feature]').length).toBeGreaterThan(0);
    expect(card.querySelector(':scope > p')?.textContent ?? '').not.toContain('*://');
    // Folded, the 高级 rules are not even created (the first render stays small); opening shows them.
    const advanced = card.querySelector('details')!;
    expect(advanced.querySelector('[data-field="matches"]')).toBeNull();
    await act(async () => advanced.querySelector('summary')!.click());
    const matches = advanced.querySelector('[data-field="matches"]')!;
    expect(matches.textContent).toContain('生效网址：*://127.0.0.1/*');
    expect(advanced.querySelectorAll('input[placeholder="额外标签，逗号分隔"]').length).toBeGreaterThan(3);
    expect(advanced.querySelector('textarea')).not.toBeNull();
  });
});

describe('watchSettings', () => {
  it('answers from the cached policy first, then from the live one', async () => {
    await fakeBrowser.storage.local.set({ policyCache: { snippetTrigger: ';;' } });
    let answer!: () => void;
    const slow = new Promise<Record<string, unknown>>((resolve) => (answer = () => resolve({ snippetTrigger: '##' })));
    vi.spyOn(fakeBrowser.storage.managed, 'get').mockReturnValue(slow as never);
    const seen: string[] = [];
    const stop = watchSettings((s: EffectiveSettings) => seen.push(s.settings.snippetTrigger));
    await vi.waitFor(() => expect(seen).toEqual([';;']));
    answer();
    await vi.waitFor(() => expect(seen).toEqual([';;', '##']));
    stop();
  });
});
