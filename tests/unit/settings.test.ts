import { afterEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { loadSettings, mergeSettings, saveAgentSettings } from '~/utils/settings-store';
import { defaultSettings, matchesPattern, siteFor, type SiteProfile } from '~/utils/settings';

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

/** One test per way an agent's site can meet IT's (issue 11: policy always wins). */
describe('policy sites take precedence over agent sites', () => {
  const agentSite = (over: Partial<SiteProfile>): SiteProfile =>
    ({ id: 'mine', name: '我的 SEA', matches: ['https://sea.corp/*'], features: { 'copy-fields': true }, labels: {}, selectors: {}, rules: {}, ...over });
  const policySite = { id: 'sea-prod', name: '生产 SEA', matches: ['https://sea.corp/*'], features: { 'copy-fields': false } };

  it('same pattern, added by the agent before the policy arrived: the page gets the policy site and its locked switch', () => {
    const { settings } = mergeSettings({ sites: [agentSite({})] }, { sites: [policySite] });
    const site = siteFor(settings, 'https://sea.corp/policy/1')!;
    expect(site.id).toBe('sea-prod');
    expect(site.features['copy-fields']).toBe(false);
  });

  it("overlapping pattern (the agent's is broader): the policy site wins where both match, the agent's still covers the rest", () => {
    const { settings } = mergeSettings({ sites: [agentSite({ matches: ['https://*.corp/*'] })] }, { sites: [policySite] });
    expect(siteFor(settings, 'https://sea.corp/x')!.id).toBe('sea-prod');
    expect(siteFor(settings, 'https://crm.corp/x')!.id).toBe('mine');
  });

  it("overlapping pattern (the agent's is narrower): the policy site still wins", () => {
    const { settings } = mergeSettings({ sites: [agentSite({ matches: ['https://sea.corp/admin/*'] })] },
      { sites: [{ ...policySite, matches: ['https://*.corp/*'] }] });
    expect(siteFor(settings, 'https://sea.corp/admin/1')!.id).toBe('sea-prod');
  });

  it("same id: IT's keys and switches override the agent's, the agent's other switches stay", () => {
    const { settings, locked } = mergeSettings({ sites: [agentSite({ id: 'sea-prod', features: { 'copy-fields': true, 'paste-trim': false } })] },
      { sites: [{ id: 'sea-prod', matches: ['https://sea.corp/*'], features: { 'copy-fields': false } }] });
    const site = settings.sites[0]!;
    expect(site.features).toEqual({ 'copy-fields': false, 'paste-trim': false });
    expect(locked.has('sites.sea-prod.matches')).toBe(true);
    expect(locked.has('sites.sea-prod.features.paste-trim')).toBe(false);
  });

  it('saving writes only the agent\'s own changes inside a policy site (not just top-level keys)', async () => {
    const stored = { sites: [...defaultSettings.sites] };
    await fakeBrowser.storage.local.set({ settings: stored });
    const policy = { sites: [policySite] };
    const { settings, locked } = mergeSettings(stored, policy);
    const prod = settings.sites.find((s) => s.id === 'sea-prod')!;
    prod.features = { ...prod.features, 'paste-trim': false };
    await saveAgentSettings(settings, locked);
    const { settings: saved } = (await fakeBrowser.storage.local.get('settings')) as { settings: any };
    const own = saved.sites.find((s: SiteProfile) => s.id === 'sea-prod');
    expect(own).toEqual({ id: 'sea-prod', features: { 'paste-trim': false } });
    expect(saved.sites.find((s: SiteProfile) => s.id === 'demo')).toEqual(defaultSettings.sites[0]);
  });

  it('saving with nothing changed in a policy site writes nothing of it; the agent layer stays byte-identical', async () => {
    const stored = { snippetTrigger: ';;', sites: [agentSite({})] };
    await fakeBrowser.storage.local.set({ settings: stored });
    const { settings, locked } = mergeSettings(stored, { sites: [policySite], snippetTrigger: '//' });
    await saveAgentSettings(settings, locked);
    const { settings: saved } = await fakeBrowser.storage.local.get('settings');
    expect(JSON.stringify(saved)).toBe(JSON.stringify(stored));
  });

  it("a policy site the agent also had keeps the agent's own values under it, so lifting the policy gives them back", async () => {
    const mine = agentSite({ id: 'sea-prod', matches: ['https://old.sea.corp/*'] });
    await fakeBrowser.storage.local.set({ settings: { sites: [mine] } });
    const { settings, locked } = mergeSettings({ sites: [mine] }, { sites: [policySite] });
    await saveAgentSettings(settings, locked);
    const { settings: lifted } = await loadSettings({ cachedPolicy: true });
    expect(lifted.sites).toEqual([mine]);
  });
});

