import { useEffect } from 'preact/hooks';
import { useSignal, type Signal } from '@preact/signals';
import { defaultSettings, type Settings } from '~/utils/settings';
import { watchSettings, type EffectiveSettings } from '~/utils/settings-store';

/**
 * The one way extension pages read settings: the effective settings (defaults < agent < policy) and what
 * policy locks, painted at once from the cached policy and kept current when either layer changes anywhere.
 * null until first read.
 */
export function useEffectiveSettings(): Signal<EffectiveSettings | null> {
  const state = useSignal<EffectiveSettings | null>(null);
  useEffect(() => watchSettings((s) => (state.value = s)), []);
  return state;
}

/** Just the settings, the built-in defaults until they are read. */
export function useSettings(): Settings {
  return useEffectiveSettings().value?.settings ?? defaultSettings;
}
