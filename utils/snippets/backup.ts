import { db as defaultDb, type BusinessLine, type Snippet } from '../db';
import './writes';
import { draftError } from './store';
import { localDate } from '../dates';
import { packIdOfRow, readSnippet } from './pack-rows';

/**
 * Backup of the agent's personal snippets: export to a JSON file, import it back (on this or another
 * PC). Import merges by id, so importing twice adds nothing; a bad file changes nothing at all.
 */

export const BACKUP_FORMAT = 'seakit-personal-snippets';
export const BACKUP_VERSION = 1;
const MAX_BYTES = 10 * 1024 * 1024;

/** One snippet as stored in a backup: the agent's data, not what the database derives from it. */
export type BackupSnippet = Pick<
  Snippet,
  'id' | 'line' | 'title' | 'text' | 'shortcut' | 'tags' | 'createdAt' | 'updatedAt' | 'useCount' | 'lastUsedAt' | 'pinnedAt'
>;

export interface BackupFile {
  format: typeof BACKUP_FORMAT;
  version: number;
  exportedAt: string;
  snippets: BackupSnippet[];
}

export type ParseResult = { ok: true; snippets: BackupSnippet[] } | { ok: false; error: string };

export interface ImportSummary {
  added: number;
  updated: number;
  unchanged: number;
}

export function backupFileName(now = new Date()): string {
  return `SEA Kit 个人话术 ${localDate(now)}.json`;
}

export async function exportPersonal(database = defaultDb, now = new Date()): Promise<string> {
  const rows = await database.snippets
    .where('[line+owner]')
    .anyOf([['保', '个人'], ['互助', '个人']])
    .toArray();
  const file: BackupFile = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: now.toISOString(),
    snippets: rows.map((s) => ({
      id: s.id,
      line: s.line,
      title: s.title,
      text: s.text,
      ...(s.shortcut ? { shortcut: s.shortcut } : {}),
      tags: s.tags,
      createdAt: s.createdAt,
      updatedAt: s.updatedAt,
      useCount: s.useCount,
      ...(s.lastUsedAt ? { lastUsedAt: s.lastUsedAt } : {}),
      ...(s.pinnedAt ? { pinnedAt: s.pinnedAt } : {}),
    })),
  };
  return JSON.stringify(file, null, 2);
}

const isNumber = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/** Why item n of a backup cannot be imported, in Chinese, or null. */
function itemError(item: unknown): string | null {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return '不是一条话术';
  const s = item as Record<string, unknown>;
  if (typeof s.id !== 'string' || !s.id.trim()) return '缺少编号（id）';
  for (const key of ['title', 'text'] as const) if (typeof s[key] !== 'string') return key === 'title' ? '缺少标题' : '缺少话术内容';
  if (s.shortcut !== undefined && typeof s.shortcut !== 'string') return '快捷词格式不对';
  if (!Array.isArray(s.tags) || s.tags.some((t) => typeof t !== 'string')) return '标签格式不对';
  for (const key of ['createdAt', 'updatedAt', 'useCount'] as const) if (!isNumber(s[key])) return `${key} 不是有效的数字`;
  for (const key of ['lastUsedAt', 'pinnedAt'] as const) if (s[key] !== undefined && !isNumber(s[key])) return `${key} 不是有效的数字`;
  return draftError({ line: s.line as BusinessLine, title: s.title as string, text: s.text as string, shortcut: s.shortcut as string | undefined, tags: s.tags as string[] });
}

/** Reads a backup file's text; every problem is reported in Chinese, naming the item when it is one. */
export function parseBackup(text: string): ParseResult {
  if (!text.trim()) return { ok: false, error: '文件是空的，不是话术备份文件' };
  if (text.length > MAX_BYTES) return { ok: false, error: '文件太大（超过 10 MB），不是话术备份文件' };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, error: '文件不是有效的 JSON 格式，可能已损坏，或者不是话术备份文件' };
  }
  const file = data as Partial<BackupFile> | null;
  if (typeof file === 'object' && file !== null && (file.format as unknown) === 1 && Array.isArray(file.snippets)) {
    return { ok: false, error: '这是话术包文件，不是个人话术备份：请到“话术包”分区，用“从文件导入”安装它' };
  }
  if (typeof file !== 'object' || file === null || file.format !== BACKUP_FORMAT) {
    return { ok: false, error: '这不是 SEA Kit 个人话术备份文件（请选择“导出我的话术”得到的 .json 文件）' };
  }
  if (typeof file.version !== 'number' || file.version > BACKUP_VERSION) {
    return { ok: false, error: `备份文件来自更新版本的 SEA Kit（格式版本 ${String(file.version)}），请先升级扩展再导入` };
  }
  if (!Array.isArray(file.snippets)) return { ok: false, error: '备份文件缺少话术列表' };
  const seen = new Map<string, number>();
  for (const [i, item] of file.snippets.entries()) {
    const error = itemError(item);
    if (error) return { ok: false, error: `第 ${i + 1} 条话术：${error}` };
    const id = (item as BackupSnippet).id;
    if (seen.has(id)) return { ok: false, error: `第 ${i + 1} 条话术与第 ${seen.get(id)! + 1} 条编号重复` };
    seen.set(id, i);
  }
  return { ok: true, snippets: file.snippets };
}

/**
 * Merges a backup into the personal shelves in one transaction: new ids are added, an id already
 * here takes the backup's version only if that was edited later. An id that belongs to a shared
 * snippet aborts the whole import.
 */
export async function importBackup(text: string, database = defaultDb): Promise<ImportSummary> {
  const parsed = parseBackup(text);
  if (!parsed.ok) throw new Error(parsed.error);
  const summary: ImportSummary = { added: 0, updated: 0, unchanged: 0 };
  await database.transaction('rw', database.snippetTables, async () => {
    const existing = await database.snippets.bulkGet(parsed.snippets.map((s) => s.id));
    // An installed pack's snippet is not in the snippets table (pack-rows.ts): look where an id names a pack.
    for (const [i, item] of parsed.snippets.entries()) {
      if (!existing[i] && packIdOfRow(item.id)) existing[i] = await readSnippet(database, item.id);
    }
    const writes: Snippet[] = [];
    parsed.snippets.forEach((item, i) => {
      const here = existing[i];
      if (here && here.owner !== '个人') throw new Error(`第 ${i + 1} 条话术的编号与一条公用话术相同，无法导入`);
      const row: Snippet = {
        id: item.id,
        line: item.line,
        owner: '个人',
        title: item.title.trim(),
        text: item.text,
        shortcut: item.shortcut?.trim() || undefined,
        tags: [...new Set(item.tags)],
        createdAt: item.createdAt,
        updatedAt: item.updatedAt,
        useCount: Math.max(item.useCount, here?.useCount ?? 0),
        lastUsedAt: Math.max(item.lastUsedAt ?? 0, here?.lastUsedAt ?? 0) || undefined,
        // Backups before pins were kept (no pinnedAt) leave a pin made here as it is.
        pinnedAt: item.pinnedAt ?? here?.pinnedAt,
      };
      if (!here) summary.added++;
      else if (item.updatedAt > here.updatedAt) summary.updated++;
      else return void summary.unchanged++;
      writes.push(row);
    });
    await database.snippets.bulkPut(writes);
  });
  return summary;
}
