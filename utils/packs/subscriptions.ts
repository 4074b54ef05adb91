/**
 * Packs subscribed by URL, checked from the background at start-up and on an alarm. A failed check
 * (404/500/timeout/bad or older pack) keeps the last good version and records the error for the options page.
 */
import { browser } from 'wxt/browser';
import { db as defaultDb, type SeaKitDb, type Subscription } from '../db';
import { loadSettings, onSettingsChanged } from '../settings-store';
import { ask, declareMessage } from '../messaging/protocol';
import type { MessageRouter } from '../messaging/router';
import { MAX_PACK_BYTES, PackError, problemText } from './format';
import { ingestPack } from './ingest';
import { removePack, reverifyInstalledPacks } from './install';
import { trustPolicyFrom } from './trust';
import { storageErrorMessage } from '../storage-errors';

export const PACK_ALARM = 'seakit-packs';
export const CHECK_MESSAGE = 'seakit:packs:check';
const FETCH_TIMEOUT_MS = 15_000;

export type CheckStatus = 'updated' | 'unchanged' | 'error' | 'skipped';
export interface CheckOutcome {
  url: string;
  status: CheckStatus;
  error?: string;
}

/** The options page's "check now" (one URL or all), answered by the background. */
export const checkNowMessage = declareMessage<CheckOutcome[]>()(CHECK_MESSAGE, ['extension'], { url: 'string?' });

export interface CheckOptions {
  /** Settings.trustedKeys / packSigners (utils/packs/trust.ts decides). */
  trustedKeys: unknown;
  packSigners?: unknown;
  db?: SeaKitDb;
  /** The whole check, body included, is bounded by this. */
  timeoutMs?: number;
  /**
   * Whether the extension holds a host permission for the URL. With it, the request may carry
   * If-None-Match (no CORS preflight applies); without, the browser's own cache revalidates by ETag.
   */
  hostPermitted?: (url: string) => Promise<boolean>;
}

export function isPackUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

export function originPattern(url: string): string {
  return `${new URL(url).origin}/*`;
}

async function hasHostPermission(url: string): Promise<boolean> {
  return browser.permissions.contains({ origins: [originPattern(url)] }).catch(() => false);
}

function fetchErrorMessage(error: unknown, timeoutMs: number): string {
  if ((error as Error)?.name === 'AbortError' || (error as Error)?.name === 'TimeoutError') {
    return `连接超时（${Math.round(timeoutMs / 1000)} 秒内没有收完）`;
  }
  return '无法连接服务器（网络不通、地址错误，或服务器拒绝跨域访问）';
}

function httpErrorMessage(status: number): string {
  if (status === 404) return '服务器上找不到这个文件（404）';
  if (status === 401 || status === 403) return `服务器拒绝访问（${status}）`;
  if (status >= 500) return `服务器出错（${status}）`;
  return `服务器返回异常状态（${status}）`;
}

const TOO_LARGE = `文件太大，话术包最大 ${MAX_PACK_BYTES / 1024 / 1024} MB`;

class TooLarge extends Error {}

/**
 * The body, read as it streams and cut off past the pack limit whatever Content-Length said (chunked
 * bodies have none; a gzip body is counted after decompression, so a small bomb stops at the limit).
 */
export async function readCapped(response: Response, limit = MAX_PACK_BYTES): Promise<Uint8Array> {
  if (Number(response.headers.get('content-length')) > limit) {
    await response.body?.cancel().catch(() => undefined);
    throw new TooLarge();
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw new TooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** A redirect may stay on the subscribed host (any path, https kept); anywhere else is refused. */
function redirectProblem(subscribed: string, served: string): string | undefined {
  if (!served || served === subscribed) return undefined;
  const from = new URL(subscribed);
  const to = new URL(served);
  if (to.hostname !== from.hostname) return `服务器把请求转到了其他主机 ${to.host}，为安全起见不接受`;
  if (from.protocol === 'https:' && to.protocol !== 'https:') return '服务器把 https 请求转到了不加密的 http 地址，为安全起见不接受';
  return undefined;
}

/** Fetches one subscribed URL and installs what it serves when it is a good, newer, trusted pack. */
export async function checkSubscription(url: string, options: CheckOptions): Promise<CheckOutcome> {
  const database = options.db ?? defaultDb;
  const timeoutMs = options.timeoutMs ?? FETCH_TIMEOUT_MS;
  const row = await database.subscriptions.get(url);
  if (!row) return { url, status: 'error', error: '没有这个订阅' };
  const installed = row.packId ? await database.packs.get(row.packId) : undefined;
  const etag = installed && !installed.disabled ? row.etag : undefined;
  const explicit = etag !== undefined && (await (options.hostPermitted ?? hasHostPermission)(url));

  // The subscription may be gone by now (unsubscribed meanwhile): update() then writes nothing.
  const record = async (change: Partial<Subscription>, outcome: CheckOutcome) => {
    await database.subscriptions.update(url, { lastCheck: Date.now(), ...change });
    return outcome;
  };
  const fail = (error: string) => record({ error }, { url, status: 'error', error });

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    let response: Response;
    let bytes: Uint8Array;
    try {
      response = await fetch(url, {
        signal: controller.signal,
        credentials: 'omit',
        redirect: 'follow',
        ...(explicit ? { cache: 'no-store', headers: { 'If-None-Match': etag! } } : { cache: 'no-cache' }),
      });
      const redirected = redirectProblem(url, response.url);
      if (redirected) {
        await response.body?.cancel().catch(() => undefined);
        return await fail(redirected);
      }
      if (response.status === 304) return await record({ lastOk: Date.now(), error: undefined }, { url, status: 'unchanged' });
      if (!response.ok) {
        await response.body?.cancel().catch(() => undefined);
        return await fail(httpErrorMessage(response.status));
      }
      bytes = await readCapped(response);
    } catch (error) {
      if (error instanceof TooLarge) return await fail(TOO_LARGE);
      return await fail(fetchErrorMessage(error, timeoutMs));
    }
    let result;
    try {
      result = await ingestPack(bytes, {
        source: response.url || url,
        byPolicy: row.byPolicy,
        subscription: url,
        trustedKeys: options.trustedKeys,
        packSigners: options.packSigners,
        db: database,
      });
    } catch (error) {
      if (error instanceof PackError) return await fail(`话术包有问题，保留原版本：${error.problems.slice(0, 5).map(problemText).join('；')}`);
      return await fail(`保存失败，保留原版本：${storageErrorMessage(error)}`);
    }
    return await record(
      { lastOk: Date.now(), error: undefined, etag: response.headers.get('etag') ?? undefined },
      { url, status: result.changed ? 'updated' : 'unchanged' },
    );
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Makes the subscription table match the settings: IT's URLs (locked) are added and, when IT drops
 * one, removed with its pack; URLs the agent added stay.
 */
export async function reconcileSubscriptions(packUrls: string[], byPolicy: boolean, database: SeaKitDb = defaultDb): Promise<void> {
  const wanted = [...new Set(packUrls.map((u) => u.trim()).filter(isPackUrl))];
  const rows = await database.subscriptions.toArray();
  for (const url of wanted) {
    const row = rows.find((r) => r.url === url);
    if (!row) await database.subscriptions.add({ url, byPolicy });
    else if (row.byPolicy !== byPolicy) await database.subscriptions.update(url, { byPolicy });
  }
  for (const row of rows) {
    if (row.byPolicy && !wanted.includes(row.url)) await removeSubscription(row.url, database);
  }
}

/**
 * Drops a subscription and the pack it installed, in one transaction: a fetch still in flight then
 * finds the subscription gone when it tries to install (installPack checks in its own transaction).
 */
export async function removeSubscription(url: string, database: SeaKitDb = defaultDb): Promise<void> {
  await database.transaction('rw', [database.subscriptions, database.packs, ...database.snippetTables], async () => {
    const row = await database.subscriptions.get(url);
    if (row?.packId) await removePack(row.packId, database);
    await database.subscriptions.delete(url);
  });
}

let queue: Promise<unknown> = Promise.resolve();

/** One check at a time: start-up, the alarm and a policy change may all ask at once. */
function serialized<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task);
  queue = run.catch(() => undefined);
  return run;
}

/** Checks every subscription (or those `which` picks) with the current settings. */
export function checkAllSubscriptions(which: (row: Subscription) => boolean = () => true): Promise<CheckOutcome[]> {
  return serialized(async () => {
    const { settings, locked } = await loadSettings();
    await reconcileSubscriptions(settings.packUrls, locked.has('packUrls'));
    await reverifyInstalledPacks(trustPolicyFrom(settings), settings.allowAgentPacks);
    const outcomes: CheckOutcome[] = [];
    for (const row of await defaultDb.subscriptions.toArray()) {
      if (!which(row)) continue;
      if (!row.byPolicy && !settings.allowAgentPacks) {
        outcomes.push({ url: row.url, status: 'skipped', error: '管理员不允许坐席自行订阅，已停止检查' });
        continue;
      }
      // A failure of one (storage full, database closed) is recorded and the others still get checked.
      outcomes.push(await checkSubscription(row.url, { trustedKeys: settings.trustedKeys, packSigners: settings.packSigners })
        .catch(async (error) => {
          const message = `检查失败：${storageErrorMessage(error)}`;
          await defaultDb.subscriptions.update(row.url, { lastCheck: Date.now(), error: message }).catch(() => undefined);
          return { url: row.url, status: 'error' as const, error: message };
        }));
    }
    return outcomes;
  });
}

async function scheduleAlarm(): Promise<void> {
  const { settings } = await loadSettings();
  // Chrome before 120 refuses periods under a minute; a value that is not a number means the default.
  const minutes = Number.isFinite(settings.packPollMinutes) ? Math.max(1, Math.round(settings.packPollMinutes)) : 30;
  const alarm = await browser.alarms.get(PACK_ALARM);
  if (alarm?.periodInMinutes !== minutes) {
    await browser.alarms.create(PACK_ALARM, { delayInMinutes: minutes, periodInMinutes: minutes });
  }
}

/**
 * For the background's main(): registers the alarm, start-up, install and settings listeners (all
 * synchronously, as MV3 requires) and answers the options page's "check now".
 */
export function startPackSubscriptions(router: MessageRouter): void {
  const logFailure = (error: unknown) => console.warn('SEA Kit 话术包检查失败', error);
  const checkAll = () => void checkAllSubscriptions().catch(logFailure);
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === PACK_ALARM) checkAll();
  });
  browser.runtime.onStartup.addListener(checkAll);
  browser.runtime.onInstalled.addListener(checkAll);
  // Policy arrives or changes (also late after start-up): trust is re-verified, URLs never checked are
  // fetched now, the interval follows.
  onSettingsChanged(() => {
    void checkAllSubscriptions((row) => row.lastCheck === undefined).catch(logFailure);
    void scheduleAlarm();
  });
  router.on(checkNowMessage, ({ url }) => checkAllSubscriptions(url ? (row) => row.url === url : undefined));
  void scheduleAlarm();
}

/** From an extension page: asks the background to check now (one URL or all) and waits for the outcome. */
export function requestCheck(url?: string): Promise<CheckOutcome[]> {
  return ask(checkNowMessage, url ? { url } : {}, (message) => browser.runtime.sendMessage(message));
}
