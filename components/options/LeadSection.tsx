import { useEffect } from 'preact/hooks';
import { useComputed, useSignal } from '@preact/signals';
import { db, type BusinessLine, type Snippet } from '~/utils/db';
import { PackError, businessLines, explainRefusal, problemDetail, problemText, type PackProblem, type Phrase, type UnsignedPack } from '~/utils/packs/format';
import { assemblePack, packSnippetFrom, type PackMeta } from '~/utils/packs/build';
import { localDate } from '~/utils/dates';
import { validatePack } from '~/utils/packs/validate';
import { signPack } from '~/utils/packs/signing';
import { verifyPack } from '~/utils/packs/trust';
import { canExport, createLeadKey, exportLeadKey, leadDb, leadKeyFromFile, loadLeadKey, saveLeadKey, signerFor, type StoredLeadKey } from '~/utils/packs/lead-keys';
import { importPhrases, importSheet, sheetProblemList, templateCsv, templateXlsx, type RowProblem, type SheetImport, type SheetProblem } from '~/utils/packs/sheet';
import { readChosenFile, saveFile } from '~/utils/download';
import { useEffectiveSettings } from '~/components/useSettings';
import { FilePicker } from './FilePicker';
import { Notice, type NoticeValue } from './Notice';
import { LeadView } from '~/components/experience/LeadView';

type Meta = Required<PackMeta>;

/**
 * The key as a file: exported encrypted under a passphrase, imported on another PC (or from the CLI's
 * PEM), so the public key IT trusts stays the same.
 */
function KeyFile({ stored, onImported }: { stored: StoredLeadKey | undefined; onImported: (key: StoredLeadKey) => void }) {
  const passphrase = useSignal('');
  const again = useSignal('');
  const importPass = useSignal('');
  const status = useSignal<{ ok: boolean; text: string } | null>(null);
  const busy = useSignal(false);
  const run = async (task: () => Promise<string>) => {
    busy.value = true;
    status.value = null;
    try {
      status.value = { ok: true, text: await task() };
    } catch (error) {
      status.value = { ok: false, text: (error as Error).message };
    } finally {
      busy.value = false;
    }
  };
  const exportKey = () => run(async () => {
    if (passphrase.value !== again.value) throw new Error('两次输入的口令不一致');
    saveFile(await exportLeadKey(stored!, passphrase.value), '组长签名密钥.pem', 'application/x-pem-file');
    passphrase.value = again.value = '';
    return '已导出加密的密钥文件。请与口令分开保管；在新电脑上“导入密钥文件”即可继续用同一个公钥签名。';
  });
  const importKey = (input: HTMLInputElement) => run(async () => {
    const file = await readChosenFile(input);
    input.value = '';
    if (!file) return '';
    const key = await leadKeyFromFile(new TextDecoder().decode(file.bytes), importPass.value);
    if (stored && stored.publicKey !== key.publicKey && !confirm('导入后，本浏览器现有的签名密钥将被替换。确定？')) return '已取消导入。';
    await saveLeadKey(key);
    importPass.value = '';
    onImported(key);
    return `已导入密钥，公钥 ${key.publicKey}。`;
  });
  return (
    <details data-field="key-file">
      <summary>密钥文件（换电脑、与命令行工具互通）</summary>
      {stored && (canExport(stored) ? (
        <div class="row">
          <input type="password" placeholder="设置口令（至少 8 位）" aria-label="导出口令" value={passphrase.value}
            onInput={(e) => (passphrase.value = e.currentTarget.value)} />
          <input type="password" placeholder="再输入一次" aria-label="确认导出口令" value={again.value}
            onInput={(e) => (again.value = e.currentTarget.value)} />
          <button disabled={busy.value || !passphrase.value} onClick={() => void exportKey()}>导出密钥文件</button>
        </div>
      ) : (
        <p class="desc">这把密钥生成时设为不可导出。如需在其他电脑使用，请生成新密钥并导出（IT 需要改为信任新公钥）。</p>
      ))}
      <div class="row">
        <input type="password" placeholder="密钥文件的口令（没有则留空）" aria-label="导入口令" value={importPass.value}
          onInput={(e) => (importPass.value = e.currentTarget.value)} />
        <FilePicker label="导入密钥文件…" ariaLabel="选择密钥文件" accept=".pem,.key,text/plain" disabled={busy.value} onFile={importKey} />
      </div>
      <p class="desc">可导入本页导出的密钥文件，或命令行 <code>npm run pack -- keygen</code> 生成的 PEM 私钥；导出的文件可用于命令行（口令放在环境变量 SEAKIT_KEY_PASSPHRASE）。</p>
      {status.value?.text && <p class={status.value.ok ? 'ok' : 'error'} role="status" data-field="key-file-status">{status.value.text}</p>}
    </details>
  );
}

function KeyCard({ stored, onCreate, onImported }: { stored: StoredLeadKey | undefined | null; onCreate: () => void; onImported: (key: StoredLeadKey) => void }) {
  const copied = useSignal(false);
  if (stored === null) return null;
  const copy = async () => {
    await navigator.clipboard.writeText(stored!.publicKey);
    copied.value = true;
  };
  return (
    <div class="card" data-card="lead-key">
      <h2>签名密钥</h2>
      {!stored ? (
        <>
          <p class="desc">话术包用组长的密钥签名，坐席的扩展只安装 IT 信任的公钥签过的包。私钥保存在本浏览器中，只能以口令加密的文件导出。</p>
          <button class="primary" onClick={onCreate}>生成签名密钥</button>
          <KeyFile stored={undefined} onImported={onImported} />
        </>
      ) : (
        <>
          <p class="desc">把下面的公钥发给 IT，填入策略 trustedKeys（受信任的签名公钥）。</p>
          <div class="row">
            <code data-field="public-key" style="user-select:all">{stored.publicKey}</code>
            <button onClick={copy}>{copied.value ? '已复制' : '复制公钥'}</button>
          </div>
          {stored.kind === 'software' && (
            <p class="error">此浏览器不支持 WebCrypto Ed25519（需 Chrome 137 及以上），密钥以软件方式保存，安全性较低；建议升级浏览器后重新生成。</p>
          )}
          <details>
            <summary>更换密钥</summary>
            <p class="desc">换了密钥后，IT 需要信任新公钥，坐席才能安装用新密钥签名的话术包。</p>
            <button onClick={() => confirm('确定生成新的签名密钥？旧密钥将被删除。') && onCreate()}>生成新密钥</button>
          </details>
          <KeyFile stored={stored} onImported={onImported} />
        </>
      )}
    </div>
  );
}

function sheetProblemText(p: SheetProblem): string {
  return p.row ? `表格第 ${p.row} 行：${p.message}` : p.message;
}

/** 组长: build a pack from personal snippets or a sheet, preview, sign with this browser's key, export. */
export function LeadSection() {
  const settings = useEffectiveSettings();
  const stored = useSignal<StoredLeadKey | undefined | null>(null);
  const meta = useSignal<Meta>({ id: '', name: '', line: '保', version: 1, author: '', updated: localDate(), description: '' });
  const source = useSignal<'personal' | 'sheet'>('sheet');
  const personal = useSignal<Snippet[]>([]);
  const chosen = useSignal<Set<string>>(new Set());
  const sheet = useSignal<(SheetImport & { fileName: string }) | null>(null);
  const phrases = useSignal<Phrase[]>([]);
  const phraseFile = useSignal('');
  const status = useSignal<NoticeValue | null>(null);
  const phraseNotice = useSignal<NoticeValue | null>(null);

  useEffect(() => {
    void loadLeadKey().then((k) => (stored.value = k));
  }, []);
  useEffect(() => {
    if (settings.value && !meta.value.author) meta.value = { ...meta.value, author: settings.value.settings.agent.name };
  }, [settings.value]);
  useEffect(() => {
    void db.snippets.where('[line+owner]').equals([meta.value.line, '个人']).sortBy('title').then((rows) => (personal.value = rows));
  }, [meta.value.line]);

  const update = (change: Partial<Meta>) => (meta.value = { ...meta.value, ...change });
  // Suggests the next version: above what this lead exported and what is installed here.
  const suggestVersion = async (id: string) => {
    const [exported, installed, seen] = await Promise.all([leadDb.exports.get(id), db.packs.get(id), db.lineage.get(id)]);
    const next = Math.max(exported?.version ?? 0, installed?.version ?? 0, seen?.highestVersion ?? 0) + 1;
    const known = exported ?? installed;
    update({ version: next, ...(known ? { name: known.name, line: known.line } : {}) });
  };

  const snippets = useComputed(() => {
    if (source.value === 'sheet') return sheet.value?.snippets ?? [];
    return personal.value.filter((s) => chosen.value.has(s.id)).map(packSnippetFrom);
  });

  // Products and glossary terms come with a sheet (its 产品 and 术语 sheets), never with picked personal snippets.
  const candidate = useComputed<UnsignedPack>(() => assemblePack(meta.value, snippets.value, phrases.value,
    source.value === 'sheet' ? { products: sheet.value?.products?.products, glossary: sheet.value?.glossary?.glossary } : {}));

  /** Nothing to check before the lead has given snippets: a blank form shows no errors. */
  const started = useComputed(() => (source.value === 'sheet' ? !!sheet.value : chosen.value.size > 0));

  /**
   * What stops the export, in the lead's terms and all at once: sheet rows (with titles) where the snippets
   * came from a sheet, in row order; JSON paths only as 详情.
   */
  const problems = useComputed<RowProblem[]>(() => {
    if (!started.value) return [];
    let fromPack: PackProblem[] = [];
    try {
      validatePack(candidate.value);
    } catch (error) {
      if (!(error instanceof PackError)) throw error;
      fromPack = error.problems;
    }
    if (source.value === 'sheet' && sheet.value) return sheetProblemList(sheet.value, fromPack);
    return fromPack.map((p) => ({ row: 0, text: problemText(p), detail: problemDetail(p) }));
  });

  const createKey = async () => {
    stored.value = await createLeadKey();
  };

  const chooseSheet = async (input: HTMLInputElement) => {
    const file = await readChosenFile(input);
    input.value = '';
    if (!file) return;
    const result = await importSheet(file.bytes, file.name);
    sheet.value = { ...result, fileName: file.name };
    if (result.phrases.length) {
      phrases.value = result.phrases;
      phraseFile.value = `${file.name}（服务禁语表）`;
    }
  };

  const choosePhrases = async (input: HTMLInputElement) => {
    const file = await readChosenFile(input);
    input.value = '';
    if (!file) return;
    const result = await importPhrases(file.bytes, file.name);
    if (result.problems.length) {
      phraseNotice.value = { ok: false, text: '服务禁语表没有读入：', items: result.problems.map(sheetProblemText) };
      return;
    }
    phraseNotice.value = null;
    phrases.value = result.phrases;
    phraseFile.value = file.name;
  };

  const signAndExport = async () => {
    status.value = null;
    try {
      const key = stored.value;
      if (!key) throw new Error('请先生成签名密钥');
      const pack = await signPack(validatePack(candidate.value), await signerFor(key));
      await verifyPack(pack, [key.publicKey]);
      saveFile(JSON.stringify(pack, null, 2) + '\n', `${pack.id}-v${pack.version}.json`);
      await leadDb.exports.put({ id: pack.id, name: pack.name, line: pack.line, version: pack.version, author: pack.author, exportedAt: Date.now() });
      status.value = { ok: true, text: `已签名并导出 ${pack.id}-v${pack.version}.json（${pack.snippets.length} 条话术）。发布到话术包地址或发给坐席导入。` };
    } catch (error) {
      if (error instanceof PackError) {
        const { items, details } = explainRefusal(error);
        status.value = { ok: false, text: '没有导出：', items, details };
      } else {
        status.value = { ok: false, text: `导出失败：${(error as Error).message}` };
      }
    }
  };

  const m = meta.value;
  const toggle = (id: string) => {
    const next = new Set(chosen.value);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    chosen.value = next;
  };

  return (
    <section>
      <KeyCard stored={stored.value} onCreate={createKey} onImported={(key) => (stored.value = key)} />
      <div class="card" data-card="lead-build">
        <h2>生成话术包</h2>
        <div class="row">
          <label>编号 <input value={m.id} placeholder="如 bao-callback" aria-label="话术包编号"
            onInput={(e) => update({ id: e.currentTarget.value })} onChange={(e) => void suggestVersion(e.currentTarget.value.trim())} /></label>
          <label>名称 <input value={m.name} placeholder="如 保险回访话术" aria-label="话术包名称" onInput={(e) => update({ name: e.currentTarget.value })} /></label>
          <label>业务线 <select value={m.line} aria-label="业务线" onChange={(e) => update({ line: e.currentTarget.value as BusinessLine })}>
            {businessLines.map((l) => <option key={l} value={l}>{l}</option>)}
          </select></label>
        </div>
        <div class="row">
          <label>版本 <input type="number" min={1} style="width:80px" value={m.version} aria-label="版本"
            onInput={(e) => update({ version: Number(e.currentTarget.value) })} /></label>
          <label>作者 <input value={m.author} aria-label="作者" onInput={(e) => update({ author: e.currentTarget.value })} /></label>
          {/* Text, not type=date: that shows 11/26/2026 in an English browser. */}
          <label>更新日期 <input value={m.updated} size={10} placeholder="2026-11-26" aria-label="更新日期" onInput={(e) => update({ updated: e.currentTarget.value.trim() })} /></label>
        </div>
        <div class="row">
          <label style="flex:1">说明 <input style="width:80%" value={m.description} placeholder="可选" onInput={(e) => update({ description: e.currentTarget.value })} /></label>
        </div>
        <div class="row" role="radiogroup" aria-label="话术来源">
          <label><input type="radio" name="lead-source" checked={source.value === 'sheet'} onChange={() => (source.value = 'sheet')} /> 从表格导入</label>
          <label><input type="radio" name="lead-source" checked={source.value === 'personal'} onChange={() => (source.value = 'personal')} /> 从我的个人话术中选</label>
        </div>
        {source.value === 'sheet' ? (
          <div>
            <div class="row">
              <FilePicker label="选择表格…" ariaLabel="选择话术表格" accept=".csv,.xlsx,text/csv" onFile={chooseSheet} />
              <span class="desc">列：分类 / 标题 / 内容 / 快捷词 / 标签（可选“编号”列；Excel 可另加“服务禁语”“产品”“术语”表）</span>
            </div>
            <div class="row">
              <button onClick={() => void templateXlsx().then((blob) => saveFile(blob, '话术包模板.xlsx'))}>下载模板（Excel）</button>
              <button onClick={() => saveFile(templateCsv(), '话术包模板.csv', 'text/csv')}>下载模板（CSV）</button>
              {sheet.value && <span class="desc">已读取 {sheet.value.fileName}：{sheet.value.snippets.length} 条
                {sheet.value.products ? `，${sheet.value.products.products.length} 个产品` : ''}{sheet.value.glossary ? `，${sheet.value.glossary.glossary.length} 条术语` : ''}</span>}
            </div>
          </div>
        ) : (
          <div class="personal-pick">
            {personal.value.length === 0 && <p class="desc">“{m.line}”业务线还没有个人话术。</p>}
            {personal.value.length > 0 && (
              <p>
                <button onClick={() => (chosen.value = new Set(personal.value.map((s) => s.id)))}>全选</button>{' '}
                <button onClick={() => (chosen.value = new Set())}>全不选</button>
              </p>
            )}
            {personal.value.map((s) => (
              <label class="row" key={s.id}>
                <input type="checkbox" checked={chosen.value.has(s.id)} onChange={() => toggle(s.id)} />
                <strong>{s.title}</strong>
                {s.shortcut && <code>{s.shortcut}</code>}
                <span class="desc">{s.text.slice(0, 40)}</span>
              </label>
            ))}
          </div>
        )}
        <div class="row">
          <span>服务禁语（可选）</span>
          <FilePicker label="选择服务禁语表…" ariaLabel="选择服务禁语表" accept=".csv,.xlsx" onFile={choosePhrases} />
          <span class="desc">{phrases.value.length ? `${phraseFile.value}：${phrases.value.length} 条` : '列：禁语 / 建议说法 / 备注'}</span>
          {phrases.value.length > 0 && <button onClick={() => (phrases.value = [])}>清除</button>}
        </div>
        <Notice notice={phraseNotice.value} field="phrase-problems" />
      </div>

      <div class="card" data-card="lead-preview">
        <h2>预览（{snippets.value.length} 条话术{phrases.value.length ? `，${phrases.value.length} 条禁语` : ''}）</h2>
        {snippets.value.length > 0 && (
          <table class="preview">
            <thead><tr><th>标题</th><th>内容</th><th>快捷词</th><th>标签</th></tr></thead>
            <tbody>
              {snippets.value.slice(0, 200).map((s) => (
                <tr key={s.id}><td>{s.title}</td><td class="text">{s.text}</td><td>{s.shortcut ?? ''}</td><td>{(s.tags ?? []).join('、')}</td></tr>
              ))}
            </tbody>
          </table>
        )}
        {snippets.value.length > 200 && <p class="desc">仅显示前 200 条。</p>}
        {problems.value.length > 0 && (
          <div data-field="lead-problems">
            <Notice notice={{
              ok: false,
              text: `导出前需要修改 ${problems.value.length} 处${source.value === 'sheet' ? '（按表格行号）' : ''}：`,
              items: problems.value.slice(0, 50).map((p) => p.text).concat(problems.value.length > 50 ? [`另有 ${problems.value.length - 50} 处未列出`] : []),
              details: problems.value.flatMap((p) => (p.detail ? [p.detail] : [])),
            }} />
          </div>
        )}
        {!started.value && <p class="desc">{source.value === 'sheet' ? '选择表格后，这里列出全部话术和需要修改的地方。' : '勾选要放进话术包的个人话术。'}</p>}
        <p>
          <button class="primary" disabled={!started.value || problems.value.length > 0 || !stored.value} onClick={() => void signAndExport()}>签名并导出</button>
          {!stored.value && <span class="desc"> 需要先生成签名密钥</span>}
        </p>
        <Notice notice={status.value} field="lead-status" />
      </div>
      <LeadView />
    </section>
  );
}
