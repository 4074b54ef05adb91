/**
 * Product knowledge from packs (seed items 21, 22, 32): which product a displayed name means. Plain data and
 * functions: the background builds the index, the page script and the side panel read it, the pack check uses
 * the same key for duplicates. No browser APIs (the Node CLI loads it through validate.ts).
 */
import type { GlossaryTerm, PackProduct, ProductFaq } from './packs/format';

/** A product as the page script and the side panel get it: the pack's entry plus where it came from. */
export interface ProductEntry {
  packId: string;
  packName: string;
  name: string;
  aliases: string[];
  code: string;
  insurer: string;
  url?: string;
  faq: ProductFaq[];
}

/** What installed packs know, fetched once per page (utils/packs/knowledge.ts answers it). */
export interface PackKnowledge {
  /** In pack precedence order: the pack installed first comes first. */
  products: ProductEntry[];
  glossary: GlossaryTerm[];
}

/**
 * A name as compared: full-width letters, digits and brackets as half-width (NFKC), no spaces at all, case
 * ignored. SEA writes 安心百万医疗险（2025版）, a lead types 安心百万医疗险 (2025版): the same product.
 */
export function productKey(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

/** Every name a product answers to: its name first, then its aliases. */
export function namesOf(product: Pick<PackProduct, 'name' | 'aliases'>): string[] {
  return [product.name, ...(product.aliases ?? [])];
}

/**
 * The lookup from displayed name to product. The same name or alias in two packs is no error (two leads
 * cannot coordinate): a product's own name beats another's alias, and otherwise the pack installed first
 * wins, so the answer never depends on the order of a database read.
 */
export function productIndex(products: ProductEntry[]): Map<string, ProductEntry> {
  const index = new Map<string, ProductEntry>();
  for (const p of products) {
    const key = productKey(p.name);
    if (key && !index.has(key)) index.set(key, p);
  }
  for (const p of products) {
    for (const alias of p.aliases) {
      const key = productKey(alias);
      if (key && !index.has(key)) index.set(key, p);
    }
  }
  return index;
}

/** The other packs' products answering to the same displayed name (shown as 另有…). */
export function sameNamed(products: ProductEntry[], shown: ProductEntry): ProductEntry[] {
  const keys = new Set(namesOf(shown).map(productKey));
  return products.filter((p) => p !== shown && namesOf(p).some((n) => keys.has(productKey(n))));
}

/** A product page the agent may open: http or https only (never javascript:, data: or a relative path). */
export function safeProductUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** The side panel's address for one product's FAQ (the background keeps the request, the panel reads it). */
export interface FaqRequest {
  packId: string;
  name: string;
  /** When it was asked: the panel follows the newest. */
  at: number;
}
