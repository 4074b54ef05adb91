import type { BusinessLine } from '../records';
import packSchema from '../packs/pack.schema.json';
import { templateProblems } from './template-problems';

/** A personal snippet as the agent edits it, and its checks: no database and no dictionary here (the editor loads fast). */

/** What the agent edits. */
export interface SnippetDraft {
  line: BusinessLine;
  title: string;
  text: string;
  shortcut?: string;
  tags: string[];
}

const packSnippet = packSchema.properties.snippets.items.properties;

/**
 * A personal snippet may be as long as a pack's (pack.schema.json): copying any valid pack snippet to
 * the personal shelf must work. Lengths count characters (code points), as the schema does.
 */
export const LIMITS = {
  title: packSnippet.title.maxLength,
  text: packSnippet.text.maxLength,
  shortcut: Number(/\{1,(\d+)\}/.exec(packSnippet.shortcut.pattern)![1]),
  tag: packSnippet.tags.items.maxLength,
  tags: packSnippet.tags.maxItems,
};

const length = (text: string) => [...text].length;

/** A Chinese message for the first thing wrong with a draft, or null. */
export function draftError(d: SnippetDraft): string | null {
  if (d.line !== '保' && d.line !== '互助') return '请选择业务线：保 或 互助';
  if (!d.title.trim()) return '请填写标题';
  if (length(d.title.trim()) > LIMITS.title) return `标题最多 ${LIMITS.title} 个字`;
  if (!d.text.trim()) return '请填写话术内容';
  if (length(d.text) > LIMITS.text) return `话术内容最多 ${LIMITS.text} 个字`;
  const problems = templateProblems(d.text);
  if (problems.length) return `话术内容的占位符写法有误：${problems.join('；')}`;
  const shortcut = d.shortcut?.trim() ?? '';
  if (/\s/.test(shortcut)) return '快捷词不能包含空格';
  if (length(shortcut) > LIMITS.shortcut) return `快捷词最多 ${LIMITS.shortcut} 个字符`;
  if (d.tags.length > LIMITS.tags) return `标签最多 ${LIMITS.tags} 个`;
  if (d.tags.some((t) => length(t) > LIMITS.tag)) return `每个标签最多 ${LIMITS.tag} 个字`;
  return null;
}

/** Tags as typed in one box: separated by spaces or either kind of comma. */
export function parseTags(text: string): string[] {
  return [...new Set(text.split(/[\s,，、]+/).filter(Boolean))];
}
