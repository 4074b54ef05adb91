import { useEffect, useState } from 'preact/hooks';
import { defaultSettings, type Settings } from '~/utils/settings';
import { watchSettings } from '~/utils/settings-store';

/** The effective settings (policy applied), following changes made elsewhere. */
export function useSettings(): Settings {
  const [settings, setSettings] = useState<Settings>(defaultSettings);
  useEffect(() => watchSettings((s) => setSettings(s.settings)), []);
  return settings;
}
