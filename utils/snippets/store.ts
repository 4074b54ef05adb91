import { db as defaultDb, type BusinessLine, type SeaKitDb, type Snippet } from '../db';
import './writes';
import { changeUse, readSnippet } from './pack-rows';
import { draftError, LIMITS, type SnippetDraft } from './draft';

/**
 * Snippet reads and writes for extension pages and the background. Shared snippets (from packs,
 * and the starter shelf) are read-only here: only pack installation replaces them. Personal
 * snippets are changed only by the agent's own actions through these functions.
 */

export { draftError, LIMITS, parseTags, type SnippetDraft } from './draft';

function cleanDraft(d: SnippetDraft): SnippetDraft {
  const error = draftError(d);
  if (error) throw new Error(error);
  return { line: d.line, title: d.title.trim(), text: d.text, shortcut: d.shortcut?.trim() || undefined, tags: [...new Set(d.tags)] };
}

async function personal(database: SeaKitDb, id: string): Promise<Snippet> {
  const snippet = await database.snippets.get(id);
  if (!snippet) throw new Error('这条话术已不存在');
  if (snippet.owner !== '个人') throw new Error('公用话术只读，请先“复制到我的话术”再修改');
  return snippet;
}

export async function createPersonal(draft: SnippetDraft, database = defaultDb): Promise<Snippet> {
  const now = Date.now();
  const snippet: Snippet = { id: crypto.randomUUID(), owner: '个人', ...cleanDraft(draft), createdAt: now, updatedAt: now, useCount: 0 };
  await database.snippets.add(snippet);
  return (await database.snippets.get(snippet.id))!;
}

export async function updatePersonal(id: string, draft: SnippetDraft, database = defaultDb): Promise<void> {
  const changes = cleanDraft(draft);
  await database.transaction('rw', database.snippets, async () => {
    await personal(database, id);
    await database.snippets.update(id, { ...changes, shortcut: changes.shortcut ?? '', updatedAt: Date.now() });
  });
}

export async function deletePersonal(id: string, database = defaultDb): Promise<void> {
  await database.transaction('rw', database.snippets, async () => {
    await personal(database, id);
    await database.snippets.delete(id);
  });
}

/** A new personal snippet with the same content: 复制一份 for personal ones, 复制到我的话术 for shared ones. */
export async function copyToPersonal(id: string, database = defaultDb): Promise<Snippet> {
  const source = await readSnippet(database, id);
  if (!source) throw new Error('这条话术已不存在');
  const title = source.owner === '个人' ? [...`${source.title}（副本）`].slice(0, LIMITS.title).join('') : source.title;
  return createPersonal({ line: source.line, title, text: source.text, shortcut: source.shortcut, tags: source.tags }, database);
}

/** 置顶 / 取消置顶: any snippet, shared ones too (a pack update keeps it, see packs/install.ts). */
export async function setPinned(id: string, pinned: boolean, database = defaultDb, now = Date.now()): Promise<void> {
  if (!(await changeUse(database, id, () => ({ pinnedAt: pinned ? now : undefined })))) throw new Error('这条话术已不存在');
}

/** Counts an insertion for ranking (use count and last use). */
export async function recordUse(id: string, database = defaultDb, now = Date.now()): Promise<void> {
  await changeUse(database, id, (s) => ({ useCount: (s.useCount ?? 0) + 1, lastUsedAt: now }));
}
