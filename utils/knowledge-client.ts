/** The page script's copy of what installed packs know: asked once per page, shared by the features that use it. */
import { browser } from 'wxt/browser';
import { ask } from './messaging/protocol';
import { packKnowledgeMessage } from './knowledge-messages';
import type { PackKnowledge } from './products';

let knowledge: Promise<PackKnowledge> | null = null;

/**
 * One message per page, whatever the number of rows and features: the product chip and the glossary both
 * read this answer. Without an answer (the extension was updated under the page) there is simply nothing
 * to show; the page is not disturbed.
 */
export function pageKnowledge(): Promise<PackKnowledge> {
  knowledge ??= ask(packKnowledgeMessage, {}, (m) => browser.runtime.sendMessage(m)).catch(() => ({ products: [], glossary: [] }));
  return knowledge;
}
