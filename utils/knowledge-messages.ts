/** Messages about pack knowledge (products, glossary terms): declared once, answered by utils/knowledge-service.ts. */
import { declareMessage } from './messaging/protocol';
import type { PackKnowledge } from './products';

/** Once per page: every installed pack's products and glossary terms (never one message per row). */
export const packKnowledgeMessage = declareMessage<PackKnowledge>()('seakit:knowledge', ['page', 'extension'], {});

/** A chip's click: open the side panel on this product's FAQ. */
export const productFaqMessage = declareMessage<true>()('seakit:knowledge/faq', ['page'], { packId: 'string', name: 'string' });

/** storage.session key of the FAQ the side panel should show (utils/products.ts FaqRequest). */
export const FAQ_REQUEST_KEY = 'productFaq';
