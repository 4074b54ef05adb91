import { useEffect, useState } from 'preact/hooks';
import { defaultSettings, type Settings } from '~/utils/settings';
import { loadSettings, onSettingsChanged } from '~/utils/settings-store';

/** The effective settings (policy applied), following changes made elsewhere. */
export function useSettings(): Settings {
  const [settings, setSettings] = useState<Settings>(defaultSettings);
  useEffect(() => {
    const load = () => void loadSettings().then((s) => setSettings(s.settings));
    load();
    return onSettingsChanged(load);
  }, []);
  return settings;
}
