import { afterEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { loadSettings, mergeSettings, saveAgentSettings } from '~/utils/settings-store';
import { matchesPattern } from '~/utils/settings';

afterEach(() => fakeBrowser.reset());

describe('settings layers', () => {
  it('policy wins over the agent and is locked, per key and per site feature', () => {
    const { settings, locked } = mergeSettings(
      { snippetTrigger: ';;', packPollMinutes: 5 },
      { snippetTrigger: '//', sites: [{ id: 'demo', features: { 'copy-fields': false } }] },
    );
    expect(settings.snippetTrigger).toBe('//');
    expect(settings.packPollMinutes).toBe(5);
    expect(locked.has('snippetTrigger')).toBe(true);
    expect(locked.has('packPollMinutes')).toBe(false);
    expect(settings.sites.find((s) => s.id === 'demo')!.features['copy-fields']).toBe(false);
    expect(locked.has('sites.demo.features.copy-fields')).toBe(true);
    expect(locked.has('sites.demo.features.paste-trim')).toBe(false);
  });

  it("saving keeps policy values out of the agent layer, so lifting the policy gives the agent's own back", async () => {
    await fakeBrowser.storage.local.set({ settings: { snippetTrigger: ';;' } });
    const { settings, locked } = mergeSettings({ snippetTrigger: ';;' }, { snippetTrigger: '//', packPollMinutes: 60 });
    await saveAgentSettings({ ...settings, agent: { id: '10086', name: '王小明' } }, locked);
    const { settings: later } = await loadSettings({ cachedPolicy: true });
    expect(later.snippetTrigger).toBe(';;');
    expect(later.packPollMinutes).toBe(30);
    expect(later.agent).toEqual({ id: '10086', name: '王小明' });
  });

  it('matches sites the way Chrome match patterns do, ports ignored', () => {
    expect(matchesPattern('*://127.0.0.1/*', 'http://127.0.0.1:5180/search')).toBe(true);
    expect(matchesPattern('https://*.corp.example/*', 'https://sea.corp.example/policy/1')).toBe(true);
    expect(matchesPattern('https://*.corp.example/*', 'http://sea.corp.example/')).toBe(false);
    expect(matchesPattern('*://sea.example/admin/*', 'https://sea.example/other')).toBe(false);
  });
});
