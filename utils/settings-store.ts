import { browser } from 'wxt/browser';
import { defaultSettings, type FeatureId, type Settings, type SiteProfile } from './settings';
import { POLICY_CACHE_KEY as POLICY_CACHE, readStoredSettings, SETTINGS_KEY as LOCAL_KEY } from './stored-settings';

/** What IT may set by policy (storage.managed); same shape as Settings, every key optional. */
export type ManagedPolicy = Partial<Omit<Settings, 'sites'>> & { sites?: Array<Partial<SiteProfile> & { id: string }> };

export interface EffectiveSettings {
  settings: Settings;
  /** Paths set by policy: 'snippetTrigger', 'sites.<id>', 'sites.<id>.features.<feature>', … */
  locked: Set<string>;
}

/** built-in defaults < the agent's own settings < IT policy; what policy sets is locked. */
export function mergeSettings(agent: Partial<Settings>, policy: ManagedPolicy): EffectiveSettings {
  const locked = new Set<string>();
  const settings: Settings = structuredClone({ ...defaultSettings, ...agent });
  settings.sites = (settings.sites ?? []).map(normalizeSite);
  for (const key of Object.keys(policy) as Array<keyof ManagedPolicy>) {
    if (key === 'sites' || policy[key] === undefined) continue;
    (settings as any)[key] = structuredClone(policy[key]);
    locked.add(key);
  }
  for (const policySite of policy.sites ?? []) {
    const index = settings.sites.findIndex((s) => s.id === policySite.id);
    const base = index >= 0 ? settings.sites[index] : normalizeSite({ id: policySite.id });
    const site: SiteProfile = normalizeSite({
      ...base,
      ...policySite,
      features: { ...base.features, ...policySite.features },
      rules: { ...base.rules, ...policySite.rules },
    });
    locked.add(`sites.${site.id}`);
    for (const f of Object.keys(policySite.features ?? {})) locked.add(`sites.${site.id}.features.${f}`);
    for (const k of ['name', 'matches', 'labels', 'selectors', 'rules'] as const) {
      if (policySite[k] !== undefined) locked.add(`sites.${site.id}.${k}`);
    }
    if (index >= 0) settings.sites[index] = site;
    else settings.sites.push(site);
  }
  // Policy sites come first: a page matched by an agent's site with the same or an overlapping pattern
  // gets IT's site, with IT's locked switches applied, not just shown.
  const policyIds = (policy.sites ?? []).map((s) => s.id);
  const rank = (site: SiteProfile) => {
    const i = policyIds.indexOf(site.id);
    return i < 0 ? policyIds.length : i;
  };
  settings.sites = settings.sites.map((site, i) => ({ site, i })).sort((x, y) => rank(x.site) - rank(y.site) || x.i - y.i).map((x) => x.site);
  return { settings, locked };
}

function normalizeSite(site: Partial<SiteProfile>): SiteProfile {
  return {
    id: site.id ?? crypto.randomUUID(),
    name: site.name ?? site.id ?? '',
    matches: site.matches ?? [],
    features: site.features ?? {},
    labels: site.labels ?? {},
    selectors: site.selectors ?? {},
    rules: site.rules ?? {},
  };
}

export function isFeatureLocked(locked: Set<string>, siteId: string, feature: FeatureId): boolean {
  return locked.has(`sites.${siteId}.features.${feature}`);
}

async function readManaged(): Promise<ManagedPolicy> {
  try {
    return ((await browser.storage.managed.get()) ?? {}) as ManagedPolicy;
  } catch {
    // No policy (or the browser has no managed storage): nothing is locked.
    return {};
  }
}

/**
 * The page script reads the policy as the background last cached it: storage.managed can take seconds to
 * answer on a fresh profile, and SEA pages must not wait for it. Extension pages read it live.
 */
export async function loadSettings({ cachedPolicy = false, stored = readStoredSettings() } = {}): Promise<EffectiveSettings> {
  const [local, livePolicy] = await Promise.all([
    stored,
    cachedPolicy ? undefined : readManaged(),
  ]);
  const policy = livePolicy ?? (local[POLICY_CACHE] as ManagedPolicy | undefined) ?? {};
  return mergeSettings((local[LOCAL_KEY] ?? {}) as Partial<Settings>, policy);
}

/** What the page read before its first render (primeSettings), then kept current by watchSettings. */
let primed: EffectiveSettings | null = null;

/**
 * Extension pages: reads the settings (cached policy) while the page's code loads, so its first render
 * shows them instead of a loading state (useEffectiveSettings starts from them). `stored`: the storage
 * read the page already started (readStoredSettings) before this code arrived.
 */
export async function primeSettings(stored = readStoredSettings()): Promise<void> {
  const settings = await loadSettings({ cachedPolicy: true, stored });
  primed ??= settings;
}

/** The settings primeSettings read, as watchSettings last delivered them; null when the page did not prime. */
export function primedSettings(): EffectiveSettings | null {
  return primed;
}

/**
 * Extension pages: the settings at once from the cached policy (storage.managed can take ~3 s to answer on a
 * fresh profile: an options page waiting for it shows nothing), then again from the live policy, and after
 * every change. Returns the unsubscribe function.
 */
export function watchSettings(callback: (settings: EffectiveSettings) => void): () => void {
  let live = false;
  let stopped = false;
  const deliver = (s: EffectiveSettings) => {
    if (primed) primed = s;
    if (!stopped) callback(s);
  };
  void loadSettings({ cachedPolicy: true }).then((s) => {
    // The live answer may have come first: never replace it with the older cached one.
    if (!live) deliver(s);
  });
  const loadLive = () => loadSettings().then((s) => {
    live = true;
    deliver(s);
  });
  void loadLive();
  const unsubscribe = onSettingsChanged(() => void loadLive());
  return () => {
    stopped = true;
    unsubscribe();
  };
}

/** Background: keeps the copy of the policy that page scripts read. */
export async function refreshPolicyCache(): Promise<void> {
  await browser.storage.local.set({ [POLICY_CACHE]: await readManaged() });
}

const SITE_KEYS = ['name', 'matches', 'labels', 'selectors', 'rules'] as const;

/**
 * The agent's own version of a site policy also sets: what the agent changed in it, nothing IT set.
 * Undefined when the agent has nothing of their own there.
 */
function ownSite(next: SiteProfile, stored: SiteProfile | undefined, locked: Set<string>): SiteProfile | undefined {
  const base = normalizeSite(stored ?? { id: next.id });
  const own = structuredClone(stored ?? { id: next.id }) as SiteProfile;
  let changed = !!stored;
  for (const key of SITE_KEYS) {
    if (locked.has(`sites.${next.id}.${key}`)) continue;
    if (JSON.stringify(next[key]) !== JSON.stringify(base[key])) {
      (own as any)[key] = structuredClone(next[key]);
      changed = true;
    }
  }
  for (const [feature, on] of Object.entries(next.features)) {
    if (locked.has(`sites.${next.id}.features.${feature}`) || base.features[feature] === on) continue;
    own.features = { ...own.features, [feature]: on };
    changed = true;
  }
  return changed ? own : undefined;
}

/**
 * Saves the agent's own layer: only what the agent changed. Values set by policy (top-level keys, and
 * inside sites every key and switch IT set) are not copied into it: they keep whatever the agent had, so
 * lifting the policy later gives the agent's own choice back.
 */
export async function saveAgentSettings(next: Settings, locked: Set<string> = new Set()): Promise<void> {
  const { [LOCAL_KEY]: stored } = await browser.storage.local.get(LOCAL_KEY);
  const previous = (stored ?? {}) as Partial<Settings>;
  const storedSites = previous.sites ?? defaultSettings.sites;
  const values = {
    ...next,
    sites: next.sites.flatMap((site) => {
      if (!locked.has(`sites.${site.id}`)) return [site];
      const mine = ownSite(site, storedSites.find((s) => s.id === site.id), locked);
      return mine ? [mine] : [];
    }),
  };
  const own: Record<string, unknown> = {};
  // Keys in the order stored, so an unchanged layer is written back byte for byte.
  for (const key of new Set([...Object.keys(previous), ...Object.keys(values)]) as Set<keyof Settings>) {
    if (key !== 'sites' && locked.has(key)) {
      if (previous[key] !== undefined) own[key] = previous[key];
    } else if (key in previous || JSON.stringify(values[key]) !== JSON.stringify(defaultSettings[key])) {
      own[key] = values[key];
    }
  }
  await browser.storage.local.set({ [LOCAL_KEY]: own });
}

/**
 * Calls back when the effective settings may have changed. Page scripts read the cached policy
 * (`cachedPolicy`): a policy change reaches them once, when the background has cached it, not a
 * second time from storage.managed.
 */
export function onSettingsChanged(callback: () => void, { cachedPolicy = false } = {}): () => void {
  const listener = (changes: Record<string, unknown>, area: string) => {
    if ((area === 'managed' && !cachedPolicy) || (area === 'local' && (LOCAL_KEY in changes || POLICY_CACHE in changes))) callback();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
