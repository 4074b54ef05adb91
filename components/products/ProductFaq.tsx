import { useEffect, useMemo, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { db } from '~/utils/db';
import { packKnowledge } from '~/utils/knowledge-service';
import { FAQ_REQUEST_KEY } from '~/utils/knowledge-messages';
import { productKey, safeProductUrl, type FaqRequest, type ProductEntry } from '~/utils/products';
import { useLive } from '~/components/snippets/useLive';

/** The FAQ a product chip asked for (storage.session), followed while the panel is open. */
export function useFaqRequest(): FaqRequest | undefined {
  const [request, setRequest] = useState<FaqRequest>();
  useEffect(() => {
    const session = browser.storage?.session;
    if (!session) return undefined;
    void session.get(FAQ_REQUEST_KEY).then((got) => setRequest(got[FAQ_REQUEST_KEY] as FaqRequest | undefined)).catch(() => undefined);
    const changed = (changes: Record<string, { newValue?: unknown }>) => {
      if (FAQ_REQUEST_KEY in changes) setRequest(changes[FAQ_REQUEST_KEY].newValue as FaqRequest | undefined);
    };
    session.onChanged.addListener(changed);
    return () => session.onChanged.removeListener(changed);
  }, []);
  return request;
}

const keyOf = (p: ProductEntry) => `${p.packId}\u0000${p.name}`;

function matches(product: ProductEntry, query: string): boolean {
  const q = productKey(query);
  return [product.name, ...product.aliases, product.code, product.insurer].some((text) => productKey(text).includes(q));
}

function ProductCard({ product }: { product: ProductEntry }) {
  const url = safeProductUrl(product.url);
  return (
    <article class="card product" data-product={product.name} aria-label={`${product.name} 常见问题`}>
      <h2>{product.name}</h2>
      <p class="desc">
        <span data-field="code">产品代码 {product.code}</span> · <span data-field="insurer">{product.insurer}</span> · 来自话术包「{product.packName}」
      </p>
      {product.aliases.length > 0 && <p class="desc" data-field="aliases">别名：{product.aliases.join('、')}</p>}
      {url && <p><a href={url} target="_blank" rel="noopener noreferrer">打开产品页面 ↗</a></p>}
      {product.faq.length ? (
        <dl class="faq">
          {product.faq.map((entry, i) => (
            <div key={i}>
              <dt>问：{entry.q}</dt>
              <dd>答：{entry.a}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p class="desc">这个产品没有常见问题。</p>
      )}
    </article>
  );
}

/**
 * 产品 in the side panel: the products installed packs know, searchable, and the one a chip in SEA was
 * clicked on, with its FAQ. All of it is pack text, shown as text.
 */
export function ProductFaq() {
  const { value, error } = useLive(() => packKnowledge(db));
  const request = useFaqRequest();
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<string | null>(null);
  const products = value?.products ?? [];

  // A new click in SEA wins over what was picked here.
  useEffect(() => {
    if (request) {
      setChosen(`${request.packId}\u0000${request.name}`);
      setQuery('');
    }
  }, [request?.at]);

  const shown = useMemo(() => products.find((p) => keyOf(p) === chosen), [products, chosen]);
  const listed = useMemo(() => (query.trim() ? products.filter((p) => matches(p, query)) : products), [products, query]);

  if (error) return <p class="error" role="alert">{error}</p>;
  if (!value) return <p class="desc">读取中…</p>;
  if (!products.length) {
    return <p class="desc" data-field="no-products">已安装的话术包里没有产品资料。组长可在话术包表格里加一个“产品”表（产品名称、别名、产品代码、保险公司、产品页面、常见问题、回答）。</p>;
  }
  return (
    <section class="products" aria-label="产品">
      {shown ? <ProductCard product={shown} /> : request && <p class="desc" role="status">话术包里已没有「{request.name}」。</p>}
      <input type="search" value={query} placeholder="搜索产品：名称、别名、代码或保险公司" aria-label="搜索产品"
        onInput={(e) => setQuery(e.currentTarget.value)} />
      <ul class="product-list">
        {listed.map((p) => (
          <li key={keyOf(p)}>
            <button type="button" aria-pressed={keyOf(p) === chosen} onClick={() => setChosen(keyOf(p))}>
              <strong>{p.name}</strong> <span class="desc">{p.code} · {p.insurer}{p.faq.length ? ` · ${p.faq.length} 个问题` : ''}</span>
            </button>
          </li>
        ))}
        {!listed.length && <li class="desc">没有找到「{query}」。</li>}
      </ul>
    </section>
  );
}
