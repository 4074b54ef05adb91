import { useState } from 'preact/hooks';
import { LIBRARY, readLibrary, SnippetLibrary } from '~/components/snippets/Library';
import { startLive } from '~/components/snippets/useLive';
import { BackupBar } from '~/components/snippets/BackupBar';
import { LockedMark } from '~/components/options/LockedMark';
import { useEffectiveSettings } from '~/components/useSettings';
import { defaultSettings } from '~/utils/settings';
import { saveAgentSettings, type EffectiveSettings } from '~/utils/settings-store';
import { comboOf, formatShortcut, parseShortcut } from '~/utils/snippets/shortcut';

/** The library's rows, read before the section's first render (options main.ts). */
export const prepareSnippets = () => startLive(LIBRARY, readLibrary);

/** 话术: browse the four shelves, edit the personal ones, back them up. */
export function SnippetsSection() {
  const state = useEffectiveSettings();
  const { allowPersonalSnippets, snippetTrigger, snippetShortcut } = state.value?.settings ?? defaultSettings;
  return (
    <>
      {allowPersonalSnippets && <BackupBar />}
      <div class="card">
        <h2>话术库</h2>
        <p class="hint">
          在 SEA 回复框输入 {snippetTrigger || '//'} 加关键字（标题、内容、快捷词、拼音或首字母）即可插入话术
          {snippetShortcut && <>，或按 <kbd>{snippetShortcut}</kbd> 在光标处直接打开</>}；数字键 1-9 选第几条。置顶的和最近用过的话术排在最前。
          公用话术由组长通过话术包下发，只读；个人话术可自由编辑。
        </p>
        {state.value && <ShortcutSetting state={state.value} />}
        <SnippetLibrary mode="options" />
      </div>
    </>
  );
}

/** The picker's shortcut: pressed into the box to record it, or none; policy may lock it. */
function ShortcutSetting({ state }: { state: EffectiveSettings }) {
  const [error, setError] = useState('');
  const { settings, locked } = state;
  const isLocked = locked.has('snippetShortcut');
  const save = (text: string) => {
    const parsed = parseShortcut(text);
    if (parsed && 'error' in parsed) return setError(parsed.error);
    setError('');
    void saveAgentSettings({ ...settings, snippetShortcut: parsed ? formatShortcut(parsed) : '' }, locked).catch((e: Error) => setError(e.message));
  };
  return (
    <div class="row" data-setting="snippetShortcut">
      <label>
        打开话术的快捷键{' '}
        <input
          readOnly
          size={14}
          value={settings.snippetShortcut || '未使用'}
          disabled={isLocked}
          title="点这里后按下新的组合键"
          aria-describedby="shortcut-hint"
          onKeyDown={(e) => {
            if (e.key === 'Tab') return;
            e.preventDefault();
            if (e.key === 'Escape') return e.currentTarget.blur();
            const combo = comboOf(e);
            if (combo) save(formatShortcut(combo));
          }}
        />
      </label>{' '}
      {!isLocked && settings.snippetShortcut !== defaultSettings.snippetShortcut && (
        <button type="button" onClick={() => save(defaultSettings.snippetShortcut)}>恢复 {defaultSettings.snippetShortcut}</button>
      )}{' '}
      {!isLocked && settings.snippetShortcut && <button type="button" onClick={() => save('')}>不使用</button>}
      <LockedMark show={isLocked} />
      <span id="shortcut-hint" class="hint">点输入框后按下组合键（须含 Ctrl、Alt 或 Meta）</span>
      {error && <p class="error" role="alert">{error}</p>}
    </div>
  );
}
