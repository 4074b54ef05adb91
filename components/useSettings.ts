import { useEffect } from 'preact/hooks';
import { useSignal, type Signal } from '@preact/signals';
import { defaultSettings, type Settings } from '~/utils/settings';
import { primedSettings, watchSettings, type EffectiveSettings } from '~/utils/settings-store';

const sameSettings = (a: EffectiveSettings, b: EffectiveSettings) =>
  JSON.stringify(a.settings) === JSON.stringify(b.settings) && [...a.locked].join('\n') === [...b.locked].join('\n');

/**
 * The one way extension pages read settings: the effective settings (defaults < agent < policy) and what
 * policy locks, painted at once from the cached policy and kept current when either layer changes anywhere.
 * null until first read; the first render already has them when the page primed them (primeSettings).
 */
export function useEffectiveSettings(): Signal<EffectiveSettings | null> {
  const state = useSignal<EffectiveSettings | null>(primedSettings());
  useEffect(
    () =>
      watchSettings((s) => {
        // The same settings read again: no second render of the whole view.
        if (!state.peek() || !sameSettings(state.peek()!, s)) state.value = s;
      }),
    [],
  );
  return state;
}

/** Just the settings, the built-in defaults until they are read. */
export function useSettings(): Settings {
  return useEffectiveSettings().value?.settings ?? defaultSettings;
}
