import type { Dexie, Table } from 'dexie';

/**
 * IndexedDB (Dexie) failures as the agent or IT reads them. Every writer of the snippet library runs
 * in one transaction, so whatever failed, the last good data is still there; the messages say so.
 */

/** The errors a Dexie failure carries, outermost first (Dexie wraps: AbortError → inner QuotaExceededError). */
function errorChain(error: unknown, depth = 0): Array<{ name?: string; message?: string }> {
  if (!error || typeof error !== 'object' || depth > 4) return [];
  const e = error as { name?: string; message?: string; inner?: unknown; failures?: unknown[]; cause?: unknown };
  return [
    e,
    ...errorChain(e.inner, depth + 1),
    ...errorChain(e.cause, depth + 1),
    ...(Array.isArray(e.failures) ? e.failures.slice(0, 3).flatMap((f) => errorChain(f, depth + 1)) : []),
  ];
}

/**
 * Chromium stores a big value (a block of a pack's snippets) as a file beside the database; when the disk is
 * full, writing it fails as "DataError: Failed to write blobs (IOError)" (measured, tests/e2e/storage-failures.e2e.ts).
 */
const BLOB_WRITE_FAILED = /Failed to write blobs/i;

export const BLOCKED_MESSAGE = '话术库正在升级，但被另一个打开的 SEA Kit 页面（设置页或侧边栏）占用：请关闭其他 SEA Kit 页面后重试';

export function storageErrorMessage(error: unknown): string {
  const chain = errorChain(error);
  const names = chain.flatMap((e) => (e.name ? [e.name] : []));
  const has = (...wanted: string[]) => names.some((n) => wanted.includes(n));
  const diskFull = chain.some((e) => e.name === 'DataError' && BLOB_WRITE_FAILED.test(e.message ?? ''));
  if (has('QuotaExceededError')) return '浏览器存储空间已满，没有写入任何内容，原有话术保持不变：请删除不用的话术包或清理浏览器数据后重试';
  if (has('ConstraintError')) return '话术编号冲突，没有写入任何内容，原有话术保持不变：请组长检查话术包中的编号';
  if (has('MissingAPIError')) return '浏览器不允许扩展使用本地数据库（无痕模式或浏览器策略限制），话术无法保存';
  if (has('VersionError', 'UpgradeError')) return '话术库的版本比当前扩展新（扩展被降级了？）：请更新 SEA Kit 后重试，原有数据未改动';
  // What Chromium reports when the disk itself is full (LevelDB cannot write), beside its quota error.
  if (diskFull || (has('UnknownError') && !has('DatabaseClosedError', 'OpenFailedError'))) {
    return '浏览器存储写入失败（常见原因：磁盘空间不足），没有写入任何内容，原有话术保持不变：请清理磁盘空间后重试';
  }
  if (has('DatabaseClosedError', 'OpenFailedError', 'InvalidStateError', 'UnknownError', 'TransactionInactiveError')) {
    return '话术库暂时打不开（可能正在升级，或被其他 SEA Kit 页面占用）：请关闭其他 SEA Kit 页面后重试，原有数据未改动';
  }
  if (has('AbortError', 'TimeoutError')) return '写入被浏览器中止，没有写入任何内容，原有话术保持不变：请重试';
  const message = (error as Error)?.message;
  return `话术库读写出错，原有数据未改动：${message || String(error)}`;
}

/**
 * Runs a Dexie read-write transaction; when IndexedDB aborts it (disk full), the requests only say
 * "aborted" (Dexie's BulkError of AbortErrors): the transaction's own error (QuotaExceededError) is
 * attached as the cause, so the message says what happened.
 */
export async function writeTransaction<T>(database: Dexie, tables: Table[], task: () => Promise<T>): Promise<T> {
  let idbtrans: IDBTransaction | undefined;
  try {
    return await database.transaction('rw', tables, (tx) => {
      idbtrans = tx.idbtrans;
      return task();
    });
  } catch (error) {
    const abortError = idbtrans?.error;
    if (abortError && error && typeof error === 'object' && !(error as { cause?: unknown }).cause) {
      try {
        Object.defineProperty(error, 'cause', { value: abortError, configurable: true });
      } catch {
        // A frozen error keeps its own message.
      }
    }
    throw error;
  }
}
