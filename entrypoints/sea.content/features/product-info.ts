import { browser } from 'wxt/browser';
import { defineFeature, type Field, type FeatureContext } from '~/utils/page/feature';
import { CELL, fitInCell } from '~/utils/page/fit';
import { ensureOne, injectedIn } from '~/utils/page/inject';
import { textHolder } from '~/utils/page/text';
import { ask } from '~/utils/messaging/protocol';
import { pageKnowledge } from '~/utils/knowledge-client';
import { productFaqMessage } from '~/utils/knowledge-messages';
import { productIndex, productKey, safeProductUrl, sameNamed, type PackKnowledge, type ProductEntry } from '~/utils/products';

/**
 * Seed items 21, 22, 32: where SEA shows a product a pack knows (by name or alias), a chip beside the name
 * gives its code and insurer; a click opens its FAQ in the side panel, or else its product page.
 */
let known: { products: ProductEntry[]; index: Map<string, ProductEntry> } | null = null;

function chipText(product: ProductEntry): string {
  return `${product.code} · ${product.insurer}`;
}

function chipTitle(product: ProductEntry, others: ProductEntry[], action: string): string {
  const also = others.length ? `；另有${others.map((o) => `「${o.packName}」的 ${o.code}`).join('、')} 同名` : '';
  return `${product.name}（${product.packName}）${action}${also}`;
}

/** Clicks are the chip's own: the row under it must not open the policy as well. */
function onChipClick(chip: HTMLElement): void {
  chip.addEventListener('click', (event) => {
    event.stopPropagation();
    if (chip.tagName !== 'BUTTON') return;
    event.preventDefault();
    const { packId, name } = chip.dataset;
    if (packId && name) void ask(productFaqMessage, { packId, name }, (m) => browser.runtime.sendMessage(m)).catch(() => undefined);
  });
}

/**
 * Where the chip goes. Beside a detail view's name: after its text, fitted to what is left of its cell. In a list's
 * row: a small tag in the top padding of the name's cell, like same-id's, cut by the stylesheet alone (a block the
 * cell's width that adds nothing to the column's, page.css), since measuring the room after each pass cost a
 * 2,000-row list a second layout in every frame that added rows (docs/performance.md, 第六轮).
 */
function mark(field: Field, inRow: boolean): void {
  if (!known) return;
  const text = textHolder(field.valueEl);
  if (text.matches('input, textarea, select') || text.querySelector('input, textarea, select')) return;
  const holder = (inRow && text.closest(CELL)) || text;
  const product = known.index.get(productKey(field.value));
  const existing = injectedIn(holder, 'product-info');
  const url = product && safeProductUrl(product.url);
  // With a FAQ the side panel answers (and links the page); a link alone opens the page; else nothing to open.
  const tag = product && (product.faq.length || !url) ? 'button' : 'a';
  if (!product || (existing && existing.tagName.toLowerCase() !== tag)) existing?.remove();
  if (!product) return;
  const chip = ensureOne(holder, tag, 'product-info', (el) => {
    if (el instanceof HTMLButtonElement) el.type = 'button';
    if (inRow) el.setAttribute('data-in-row', '');
    onChipClick(el);
  }, inRow);
  const kind = product.faq.length ? 'faq' : url ? 'link' : 'info';
  const others = sameNamed(known.products, product);
  const title = chipTitle(product, others, kind === 'faq' ? '：点击在侧边栏查看常见问题' : kind === 'link' ? '：点击打开产品页面' : '');
  // Only what changed is written: a list re-rendered often must not restyle its chips.
  if (chip.textContent !== chipText(product)) {
    // Code and insurer each in a part of its own: a narrow cell hides the insurer before it cuts the code, and in a
    // row the parts are the tag (the chip itself is the cell's width there, and clicks only land on the parts).
    const part = (text: string) => Object.assign(document.createElement('span'), { textContent: text });
    chip.replaceChildren(part(product.code), part(` · ${product.insurer}`));
    // In a narrow column it would cover the next cell (the applicant's name): the insurer goes first (it is in
    // the title and the side panel), the code is cut last.
    if (!inRow) fitInCell(chip, { cut: true });
  }
  if (chip.title !== title) {
    chip.title = title;
    chip.setAttribute('aria-label', `产品 ${title}`);
  }
  if (chip.dataset.kind !== kind) chip.dataset.kind = kind;
  if (chip.dataset.packId !== product.packId) chip.dataset.packId = product.packId;
  if (chip.dataset.name !== product.name) chip.dataset.name = product.name;
  if (chip instanceof HTMLAnchorElement && url && chip.getAttribute('href') !== url) {
    chip.href = url;
    chip.target = '_blank';
    chip.rel = 'noopener noreferrer';
  }
  if (chip.hasAttribute('disabled') !== (kind === 'info')) chip.toggleAttribute('disabled', kind === 'info');
}

function learn(knowledge: PackKnowledge, { page, signal }: FeatureContext): void {
  if (signal.aborted || !knowledge.products.length) return;
  known = { products: knowledge.products, index: productIndex(knowledge.products) };
  // The rows drawn while the answer was on its way.
  for (const field of page.find('productName')) mark(field, page.scopeOf(field.valueEl)?.kind === 'row');
}

export default defineFeature({
  id: 'product-info',
  title: '产品信息',
  description: '产品名称旁标出话术包里的产品代码和保险公司，点击打开产品常见问题（侧边栏）或产品页面。',
  order: 48,
  fields: ['productName'],
  start(ctx) {
    ctx.signal.addEventListener('abort', () => {
      known = null;
    });
    void pageKnowledge().then((knowledge) => learn(knowledge, ctx)).catch(ctx.fail);
  },
  apply(scope) {
    for (const field of scope.fields) if (field.kind === 'productName') mark(field, scope.kind === 'row');
  },
});
