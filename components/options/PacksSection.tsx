import { useEffect, useState } from 'preact/hooks';
import { useSignal, type Signal } from '@preact/signals';
import { browser } from 'wxt/browser';
import { saveAgentSettings, type EffectiveSettings } from '~/utils/settings-store';
import type { PhraseList } from '~/utils/packs/format';
import { formatDateTime } from '~/utils/dates';
import { readChosenFile } from '~/utils/download';
import { useEffectiveSettings } from '~/components/useSettings';
import { useReadyMark } from '~/components/useReadyMark';
import { cachePackList, readCachedPackList, type PackListRow } from '~/utils/packs/list-cache';
import type { CheckOutcome } from '~/utils/packs/subscriptions';
import { trustPolicyFrom } from '~/utils/packs/trust-policy';
import { BLOCKED_MESSAGE, storageErrorMessage } from '~/utils/storage-errors';
import { LockedMark } from './LockedMark';
import { FilePicker } from './FilePicker';
import { Notice, type NoticeValue } from './Notice';
import { Disclosure } from './Disclosure';

/**
 * What changes packs (parse, validate, verify, install, subscribe) is a chunk of its own, with the schema
 * validator and the JSON locator: the list paints without it, and it loads while the agent reads.
 */
const packActions = () => import('./pack-actions');

type PackRow = PackListRow;

/** The database side (Dexie, the live list): not needed to paint the list from its cached copy. */
const database = () => import('~/utils/db');
const packList = () => import('~/utils/packs/list');

interface ListAnswer {
  rows?: PackRow[];
  error?: unknown;
  /** From the database (not the cached copy). */
  live: boolean;
}

/**
 * The list, started before the section's first render (options main.ts, `preparePacks`): the cached copy
 * from storage.local paints; the live list from the database replaces it as its answers come. The database
 * (Dexie and the shared code, 140 kB) is opened once the copy is painted (the view's effect), or at once
 * when there is no copy: it is then the list.
 */
let started: { answer: ListAnswer | undefined; listener?: (answer: ListAnswer) => void; stop: () => void; openDatabase: () => void } | undefined;

function startPackList(cached: Promise<PackListRow[] | undefined> = readCachedPackList()): Promise<void> {
  let answered!: () => void;
  const first = new Promise<void>((resolve) => (answered = resolve));
  const entry: NonNullable<typeof started> = { answer: undefined, stop: () => undefined, openDatabase: () => undefined };
  const deliver = (answer: ListAnswer) => {
    entry.answer = answer;
    entry.listener?.(answer);
    answered();
  };
  let live = false;
  let stopped = false;
  let opened = false;
  entry.stop = () => (stopped = true);
  entry.openDatabase = () => {
    if (opened || stopped) return;
    opened = true;
    void Promise.all([database(), packList(), import('dexie')]).then(([{ db }, { readPackList }, { liveQuery }]) => {
      if (stopped) return;
      const subscription = liveQuery(() => readPackList(db)).subscribe({
        next: (rows) => {
          live = true;
          deliver({ rows, live: true });
          void cachePackList(rows);
        },
        error: (error: unknown) => deliver({ rows: entry.answer?.rows, error, live: true }),
      });
      entry.stop = () => subscription.unsubscribe();
    }, (error: unknown) => deliver({ rows: entry.answer?.rows, error, live: true }));
  };
  void cached.then((rows) => {
    if (rows && !live) deliver({ rows, live: false });
    else entry.openDatabase();
  }, () => entry.openDatabase());
  started = entry;
  return first;
}

/** The pack list, read before the section's first render (options main.ts), from the cached copy the page's first script asked for. */
export const preparePacks = (cached?: Promise<PackListRow[] | undefined>) => startPackList(cached);

/**
 * Installed packs and subscriptions, live: the background's checks show up without a reload. A read
 * that fails leaves the rows as they were and says why (never "no packs").
 */
function usePackRows(): { rows: PackRow[] | null; error: string; live: boolean } {
  const blocked = useSignal(false);
  // The list main.ts started, adopted once (a later mount, after switching sections, starts its own).
  const [entry] = useState(() => {
    if (!started) void startPackList();
    const adopted = started!;
    started = undefined;
    return adopted;
  });
  const [answer, setAnswer] = useState<ListAnswer>(entry.answer ?? { live: false });
  useEffect(() => {
    entry.listener = setAnswer;
    if (entry.answer) setAnswer(entry.answer);
    let mounted = true;
    let off: (() => void) | undefined;
    // The copy is on screen (or the copy is late): now the live list, in a task of its own, so that loading the
    // database code (Dexie and the shared chunk, 15-30 ms) does not hold up the page right after its first paint.
    const later = setTimeout(() => {
      entry.openDatabase();
      void database().then(({ db }) => {
        if (!mounted) return;
        const onBlocked = () => (blocked.value = true);
        db.on('blocked', onBlocked);
        off = () => db.on('blocked').unsubscribe(onBlocked);
      });
    });
    return () => {
      clearTimeout(later);
      mounted = false;
      off?.();
      entry.listener = undefined;
      entry.stop();
    };
  }, []);
  if (answer.error !== undefined) return { rows: answer.rows ?? null, error: `读取话术包失败：${storageErrorMessage(answer.error)}`, live: true };
  if (answer.rows) return { rows: answer.rows, error: '', live: answer.live };
  return { rows: null, error: blocked.value ? BLOCKED_MESSAGE : '', live: false };
}

function outcomeText(outcomes: CheckOutcome[]): string {
  if (!outcomes.length) return '没有订阅的话术包地址。';
  const count = (status: CheckOutcome['status']) => outcomes.filter((o) => o.status === status).length;
  return `检查完成：更新 ${count('updated')} 个，无变化 ${count('unchanged')} 个，出错 ${count('error')} 个。`;
}

function PhraseLists({ lists }: { lists: PhraseList[] }) {
  if (!lists.length) return null;
  return (
    <details>
      <summary>{lists.map((l) => `${l.name} ${l.phrases.length} 条`).join('，')}</summary>
      {lists.map((list) => (
        <ul key={list.id} class="phrases">
          {list.phrases.map((p, i) => (
            <li key={i}>
              <strong>{p.text}</strong>
              {p.suggestion && <span> → {p.suggestion}</span>}
              {p.note && <span class="desc">（{p.note}）</span>}
            </li>
          ))}
        </ul>
      ))}
    </details>
  );
}

/**
 * A pack server outside the extension's host permissions must send CORS headers; when it does not,
 * the agent can grant access here (the browser only asks from a click).
 */
function GrantAccess({ url }: { url: string }) {
  const granted = useSignal<boolean | null>(null);
  useEffect(() => {
    void packActions()
      .then(({ originPattern }) => browser.permissions.contains({ origins: [originPattern(url)] }))
      .then((v) => (granted.value = v), () => (granted.value = true));
  }, [url]);
  if (granted.value !== false) return null;
  const grant = async () => {
    const { originPattern, requestCheck } = await packActions();
    if (await browser.permissions.request({ origins: [originPattern(url)] }).catch(() => false)) {
      granted.value = true;
      await requestCheck(url);
    }
  };
  return <button onClick={grant}>授权访问 {new URL(url).origin}</button>;
}

function PackCard({ row, onRemove }: { row: PackRow; onRemove?: () => void }) {
  const { pack, subscription: sub } = row;
  const byPolicy = !!sub?.byPolicy;
  return (
    <div class="card pack" data-pack={pack?.id ?? ''} data-url={sub?.url ?? ''}>
      <h2>
        {pack ? `${pack.name}` : '（尚未获取到话术包）'} <LockedMark show={byPolicy} />
      </h2>
      {pack && (
        <p class="desc">
          <span data-field="version">版本 {pack.version}</span> · 业务线 {pack.line} · <span data-field="author">作者 {pack.author}</span>
          {' '}· 更新于 {pack.updated} · {row.snippetCount} 条话术
          {pack.productCount > 0 && <span data-field="products"> · {pack.productCount} 个产品</span>}
          {pack.glossaryCount > 0 && <span data-field="glossary"> · {pack.glossaryCount} 条术语</span>}
          {' '}· 编号 {pack.id}
        </p>
      )}
      <p class="desc">
        来源：{sub ? sub.url : '文件导入'}
        {pack && <> · 签名：{pack.signer
          ? <code title={pack.signer}>{pack.signer.slice(0, 12)}…</code>
          : <strong class="error" data-field="unsigned" title="没有组长签名：无法确认内容来自组长，使用前请核对">未签名</strong>}</>}
      </p>
      {pack?.disabled && <p class="error" role="alert" data-field="disabled">已停用：{pack.disabled}</p>}
      {sub && (
        <p class="desc">
          <span data-field="last-check">最后检查：{formatDateTime(sub.lastCheck)}</span> · 最后成功：{formatDateTime(sub.lastOk)}
        </p>
      )}
      {sub?.error ? (
        <p class="error" role="alert" data-field="error">{sub.error}</p>
      ) : sub && !sub.lastCheck ? (
        <p class="desc">等待检查…</p>
      ) : (
        <p class="ok">正常</p>
      )}
      {pack && <PhraseLists lists={(pack.phraseLists as PhraseList[] | undefined) ?? []} />}
      <p>
        {sub?.error && <GrantAccess url={sub.url} />}{' '}
        {onRemove && <button onClick={onRemove}>{sub ? '取消订阅' : '删除此话术包'}</button>}
      </p>
    </div>
  );
}

const policyKeys = ['packUrls', 'trustedKeys', 'allowAgentPacks', 'allowPersonalSnippets', 'snippetTrigger', 'packPollMinutes', 'leadTools'];

function PolicyCard({ state }: { state: Signal<EffectiveSettings | null> }) {
  const { locked } = state.value!;
  return (
    // Folded for agents; open when policy set something here, so the agent sees why a control is locked.
    <Disclosure class="card it-details" data-card="pack-policy" open={policyKeys.some((k) => locked.has(k))}
      summary="管理员设置与组长工具（话术包地址、签名公钥、坐席权限、开启“组长”分区）">
      <PolicyRows state={state} />
    </Disclosure>
  );
}

/** The policy card's rows: created when the card opens. */
function PolicyRows({ state }: { state: Signal<EffectiveSettings | null> }) {
  const { settings, locked } = state.value!;
  const trust = trustPolicyFrom(settings);
  const yesNo = (v: boolean) => (v ? '允许' : '不允许');
  const setMinutes = (value: string) => {
    const minutes = Math.round(Number(value));
    if (minutes >= 1) void saveAgentSettings({ ...settings, packPollMinutes: minutes }, locked);
  };
  return (
    <>
      <div class="row" data-setting="packUrls">
        <span style="width:140px">话术包地址</span>
        <span>{settings.packUrls.length ? settings.packUrls.join('，') : '未设置'}</span>
        <LockedMark show={locked.has('packUrls')} />
      </div>
      <div class="row" data-setting="trustedKeys">
        <span style="width:140px">受信任的签名公钥</span>
        <span>
          {trust.keys.length
            ? trust.keys.map((k) => <code key={k} style="display:block">{k}</code>)
            : trust.pinned
              ? '没有一个有效的公钥：为安全起见不安装任何话术包'
              : '未设置：https 地址或文件中的未签名话术包也可安装（标“未签名”；带签名的仍会校验）'}
        </span>
        <LockedMark show={locked.has('trustedKeys')} />
      </div>
      {trust.invalid.length > 0 && (
        <div class="error" role="alert" data-field="invalid-keys">
          以下公钥设置无效，已忽略（不会放宽校验），请 IT 检查策略 trustedKeys / packSigners：
          <ul>{trust.invalid.map((k, i) => <li key={i}><code>{k}</code></li>)}</ul>
        </div>
      )}
      {Object.keys(trust.packSigners).length > 0 && (
        <div class="row" data-setting="packSigners">
          <span style="width:140px">指定签名人的话术包</span>
          <span>{Object.entries(trust.packSigners).map(([id, keys]) => (
            <span key={id} style="display:block">{id}：{keys.map((k) => `${k.slice(0, 12)}…`).join('，') || '（无有效公钥）'}</span>
          ))}</span>
          <LockedMark show={locked.has('packSigners')} />
        </div>
      )}
      <div class="row" data-setting="allowAgentPacks">
        <span style="width:140px">坐席自行添加话术包</span>
        <span>{yesNo(settings.allowAgentPacks)}</span>
        <LockedMark show={locked.has('allowAgentPacks')} />
      </div>
      <div class="row" data-setting="allowPersonalSnippets">
        <span style="width:140px">个人话术</span>
        <span>{yesNo(settings.allowPersonalSnippets)}</span>
        <LockedMark show={locked.has('allowPersonalSnippets')} />
      </div>
      <div class="row" data-setting="snippetTrigger">
        <span style="width:140px">话术触发符</span>
        <code>{settings.snippetTrigger}</code>
        <LockedMark show={locked.has('snippetTrigger')} />
      </div>
      <label class="row" data-setting="leadTools">
        <span style="width:140px">组长工具</span>
        <input type="checkbox" checked={settings.leadTools} disabled={locked.has('leadTools')}
          onChange={(e) => void saveAgentSettings({ ...settings, leadTools: e.currentTarget.checked }, locked)} />
        在设置页显示“组长”分区（生成、签名、导出话术包）
        <LockedMark show={locked.has('leadTools')} />
      </label>
      <label class="row" data-setting="packPollMinutes">
        <span style="width:140px">检查更新间隔</span>
        <input type="number" min={1} style="width:80px" value={settings.packPollMinutes} disabled={locked.has('packPollMinutes')}
          onChange={(e) => setMinutes(e.currentTarget.value)} /> 分钟
        <LockedMark show={locked.has('packPollMinutes')} />
      </label>
    </>
  );
}

/** While the installed packs are read: the page has its shape at once. */
function PackSkeleton() {
  return (
    <div class="card" data-card="packs-loading" aria-busy="true">
      <h2>已安装的话术包</h2>
      <span class="skeleton" style="width:40%" />
      <span class="skeleton" style="width:70%" />
      <span class="skeleton" style="width:55%" />
    </div>
  );
}

/** Shared script packs: what is installed, where it came from, when it was last checked, and adding one. */
export function PacksSection() {
  const state = useEffectiveSettings();
  const { rows, error: readError, live } = usePackRows();
  /** Each message sits beside the control that caused it: checking (top), adding (bottom). */
  const checkNotice = useSignal<NoticeValue | null>(null);
  const addNotice = useSignal<NoticeValue | null>(null);
  const newUrl = useSignal('');
  const busy = useSignal(false);
  const listed = rows !== null || !!readError;
  // Ready: the list is on screen (from the cached copy or the database); live: the database's own answer is.
  useReadyMark('packs', listed);
  useReadyMark('packs:live', live || !!readError);
  // Once the list is there, the code that changes packs loads in the background.
  useEffect(() => {
    if (listed) requestIdleCallback(() => void packActions());
  }, [listed]);

  const settings = state.value?.settings;

  const run = async (notice: Signal<NoticeValue | null>, task: () => Promise<NoticeValue | void>) => {
    busy.value = true;
    notice.value = null;
    try {
      const result = await task();
      if (result) notice.value = result;
    } catch (error) {
      const { PackError, explainRefusal } = await packActions();
      if (error instanceof PackError) {
        const { summary, items, details } = explainRefusal(error);
        notice.value = { ok: false, text: summary, items, details };
      } else {
        console.warn('SEA Kit 话术包操作失败', error);
        notice.value = { ok: false, text: `操作失败：${storageErrorMessage(error)}` };
      }
    } finally {
      busy.value = false;
    }
  };

  const importFile = (input: HTMLInputElement) => run(addNotice, async () => {
    const file = await readChosenFile(input);
    input.value = '';
    if (!file) return;
    const { pack, changed } = await (await packActions()).ingestPack(file.bytes, { source: 'file', trustedKeys: settings?.trustedKeys ?? [], packSigners: settings?.packSigners });
    const unsigned = pack.signer ? '' : '（未签名：无法确认来自组长，请核对内容）';
    return { ok: true, text: changed ? `已安装「${pack.name}」版本 ${pack.version}${unsigned}，公用话术已更新。` : `「${pack.name}」版本 ${pack.version} 已是最新，无需更新。` };
  });

  const subscribe = () => run(addNotice, async () => {
    const { isPackUrl, requestCheck } = await packActions();
    const url = newUrl.value.trim();
    if (!isPackUrl(url)) return { ok: false, text: '地址格式不对，请填写 https://… 开头的完整地址。' };
    const { db } = await database();
    if (await db.subscriptions.get(url)) return { ok: false, text: '已经订阅了这个地址。' };
    // Asked from this click: without the host permission the server would have to allow cross-origin requests.
    const granted = await browser.permissions.request({ origins: [(await packActions()).originPattern(url)] }).catch(() => false);
    if (!granted) return { ok: false, text: `没有获得访问 ${new URL(url).origin} 的权限，订阅未添加。` };
    await db.subscriptions.add({ url, byPolicy: false });
    newUrl.value = '';
    const [outcome] = await requestCheck(url);
    return outcome?.status === 'error' ? { ok: false, text: `已订阅，但获取失败：${outcome.error}` } : { ok: true, text: '已订阅并安装。' };
  });

  const checkNow = () => run(checkNotice, async () => ({ ok: true, text: outcomeText(await (await packActions()).requestCheck()) }));

  const remove = (row: PackRow) => () => run(checkNotice, async () => {
    if (!confirm(`确定${row.subscription ? '取消订阅' : '删除'}「${row.pack?.name ?? row.subscription?.url}」？其中的公用话术会一并移除。`)) return;
    const { removePack, removeSubscription } = await packActions();
    if (row.subscription) await removeSubscription(row.subscription.url);
    else if (row.pack) await removePack(row.pack.id);
    return { ok: true, text: '已移除。' };
  });

  const allowAdding = settings?.allowAgentPacks ?? true;

  return (
    <section>
      <div class="card">
        <h2>已安装的话术包</h2>
        <p class="desc">话术包由组长发布，公用话术只读；新版本会整体替换旧版本，使用次数保留。</p>
        <p>
          <button onClick={checkNow} disabled={busy.value}>立即检查更新</button>
        </p>
        <Notice notice={checkNotice.value} field="pack-check-message" />
      </div>
      {readError && <p class="error" role="alert" data-field="pack-read-error">{readError}</p>}
      {!rows ? !readError && <PackSkeleton /> : rows.length === 0 && !readError && <p class="desc">还没有话术包。</p>}
      {rows?.map((row) => (
        <PackCard key={row.key} row={row} onRemove={row.subscription?.byPolicy ? undefined : remove(row)} />
      ))}
      <div class="card" data-card="add-pack">
        <h2>添加话术包</h2>
        {allowAdding ? (
          <>
            <div class="row">
              <span style="width:140px">从文件导入</span>
              <FilePicker label="选择话术包文件…" ariaLabel="选择话术包文件" accept=".json,application/json" disabled={busy.value} onFile={importFile} />
            </div>
            <div class="row">
              <span style="width:140px">订阅地址</span>
              <input placeholder="https://packs.example.com/bao.json" size={40} value={newUrl.value}
                onInput={(e) => (newUrl.value = e.currentTarget.value)} aria-label="话术包地址" />
              <button class="primary" onClick={subscribe} disabled={busy.value}>订阅</button>
            </div>
            <Notice notice={addNotice.value} field="pack-message" />
          </>
        ) : (
          <p class="desc">
            管理员不允许坐席自行添加话术包。 <LockedMark show={!!state.value?.locked.has('allowAgentPacks')} />
          </p>
        )}
      </div>
      {state.value && <PolicyCard state={state} />}
    </section>
  );
}
