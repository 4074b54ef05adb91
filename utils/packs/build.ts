/** Assembling a pack from a lead's inputs: shared by the 组长 section and the CLI (scripts/pack.mjs). */
import type { BusinessLine } from '../db';
import { PACK_FORMAT, type GlossaryTerm, type PackProduct, type PackSnippet, type Phrase, type UnsignedPack } from './format';
import { localDate } from '../dates';

export interface PackMeta {
  id: string;
  name: string;
  line: BusinessLine;
  version: number;
  author: string;
  /** YYYY-MM-DD; defaults to today (local time). */
  updated?: string;
  description?: string;
}

/** Product knowledge and glossary terms (the sheet's 产品 and 术语 sheets); none: the pack has no such field. */
export interface PackKnowledgeInput {
  products?: PackProduct[];
  glossary?: GlossaryTerm[];
}

/** The unsigned pack; not yet checked (validatePack reports what is wrong). */
export function assemblePack(meta: PackMeta, snippets: PackSnippet[], forbidden: Phrase[] = [], knowledge: PackKnowledgeInput = {}): UnsignedPack {
  const description = meta.description?.trim();
  return {
    format: PACK_FORMAT,
    id: meta.id.trim(),
    name: meta.name.trim(),
    line: meta.line,
    version: meta.version,
    author: meta.author.trim(),
    updated: meta.updated || localDate(),
    ...(description ? { description } : {}),
    snippets,
    ...(forbidden.length ? { phraseLists: [{ id: 'forbidden', name: '服务禁语', kind: 'forbidden' as const, phrases: forbidden }] } : {}),
    ...(knowledge.products?.length ? { products: knowledge.products } : {}),
    ...(knowledge.glossary?.length ? { glossary: knowledge.glossary } : {}),
  };
}

/** A lead's personal snippet as a pack snippet (its id is kept, so use counts follow it across versions). */
export function packSnippetFrom(s: { id: string; title: string; text: string; shortcut?: string; tags?: string[] }): PackSnippet {
  return { id: s.id, title: s.title, text: s.text, ...(s.shortcut ? { shortcut: s.shortcut } : {}), ...(s.tags?.length ? { tags: s.tags } : {}) };
}
