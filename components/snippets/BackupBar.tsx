import { useRef, useState } from 'preact/hooks';
import { saveFile } from '~/utils/download';

/** The backup code writes snippets (it loads the pinyin dictionary): loaded on the first click. */
const backup = () => import('~/utils/snippets/backup');

/** Export the personal shelves to a file and import such a file back (merged by id). */
export function BackupBar() {
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  const doExport = async () => {
    const { backupFileName, exportPersonal } = await backup();
    const json = await exportPersonal();
    const count = (JSON.parse(json) as { snippets: unknown[] }).snippets.length;
    saveFile(json, backupFileName());
    setMessage({ ok: true, text: `已导出 ${count} 条个人话术。` });
  };

  const doImport = async (file: File | undefined) => {
    if (!file) return;
    try {
      const { added, updated, unchanged } = await (await backup()).importBackup(await file.text());
      setMessage({ ok: true, text: `导入完成：新增 ${added} 条，更新 ${updated} 条，${unchanged} 条已是最新。` });
    } catch (e) {
      setMessage({ ok: false, text: `导入失败，话术库未做任何改动。原因：${(e as Error).message}` });
    } finally {
      fileRef.current!.value = '';
    }
  };

  return (
    <div class="card backup">
      <div class="backup__actions">
        <strong>备份个人话术</strong>
        <button type="button" onClick={doExport}>导出我的话术</button>
        <label class="button">
          导入备份文件…
          <input ref={fileRef} type="file" accept=".json,application/json" aria-label="导入备份文件" onChange={(e) => doImport(e.currentTarget.files?.[0])} hidden />
        </label>
        <span class="hint">公用话术来自话术包，无需备份；导入按编号合并，重复导入不会重复。</span>
      </div>
      {message && <p class={message.ok ? 'ok' : 'error'} role={message.ok ? 'status' : 'alert'}>{message.text}</p>}
    </div>
  );
}
