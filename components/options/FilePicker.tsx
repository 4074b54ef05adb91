import { useRef, useState } from 'preact/hooks';

/**
 * A file chooser in Chinese whatever the browser's language: a button of ours over a hidden native input
 * (which would say "Choose File / No file chosen" in an English Chrome). The input keeps the aria-label.
 */
export function FilePicker({ label, ariaLabel, accept, disabled, onFile }: {
  label: string;
  ariaLabel: string;
  accept: string;
  disabled?: boolean;
  onFile: (input: HTMLInputElement) => void | Promise<void>;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [chosen, setChosen] = useState('');
  return (
    <span class="file-picker">
      <button type="button" disabled={disabled} onClick={() => input.current!.click()}>{label}</button>
      <span class="desc" data-field="chosen-file">{chosen || '未选择文件'}</span>
      <input ref={input} type="file" hidden accept={accept} aria-label={ariaLabel} disabled={disabled}
        onChange={(e) => {
          setChosen(e.currentTarget.files?.[0]?.name ?? '');
          void onFile(e.currentTarget);
        }} />
    </span>
  );
}
