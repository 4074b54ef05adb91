import { useSignal } from '@preact/signals';
import { browser } from 'wxt/browser';
import { DATE_COLUMNS, defaultRefundRules, isFeatureOn, type RefundRules, type Settings, type SiteProfile, type SurrenderRules } from '~/utils/settings';
import { isFeatureLocked, saveAgentSettings } from '~/utils/settings-store';
import { useEffectiveSettings } from '~/components/useSettings';
import { useReadyMark } from '~/components/useReadyMark';
import { LockedMark } from './LockedMark';
import { Disclosure } from './Disclosure';
import { fieldKindNames, fieldKinds, type FieldKind } from '~/utils/fields';
import featureList from './feature-list.json';


/**
 * The page features' switches, in the registry's order: generated from entrypoints/sea.content/registry.ts
 * (`npm run gen:policy`, checked by tests/unit/registry.test.ts), so the page does not load the features'
 * own code (80 kB) to show their names.
 */
const features: Array<{ id: string; title: string; description: string }> = featureList;

const REFUND_KINDS: Array<[keyof RefundRules, string]> = [['none', '无需退款'], ['failed', '退款失败'], ['pending', '待退款'], ['done', '已退款']];
const splitList = (text: string) => text.split(/[,，\n]/).map((s) => s.trim()).filter(Boolean);

/** The 退保来源 word rows: kind, name, the defaults' start. 自助 words need the site's own rules, which 协助 words start. */
const SURRENDER_KINDS: Array<[keyof SurrenderRules, string, string]> = [
  ['assisted', '协助退保', '客服，坐席，人工，工号…'],
  ['self', '自助退保', '本人，用户，APP，小程序…'],
];
/** A site's surrender rules with one kind's words replaced; no 协助 words means no rules of its own (the defaults). */
function withSurrenderWords(rules: SurrenderRules | undefined, kind: keyof SurrenderRules, words: string[]): SurrenderRules | undefined {
  if (kind === 'assisted' && !words.length) return undefined;
  return { assisted: rules?.assisted ?? [], self: rules?.self ?? [], [kind]: words };
}

/** A site's 高级 rules (addresses, field labels, selectors, surrender, refund and glossary words): IT's, folded. */
function SiteRules({ site, trigger, locked, updateSite }: {
  site: SiteProfile;
  trigger: string;
  locked: ReadonlySet<string>;
  updateSite: (id: string, change: (site: SiteProfile) => SiteProfile) => Promise<void>;
}) {
  return (
    <>
      <p class="desc" data-field="matches">生效网址：{site.matches.join('，')}</p>
      {fieldKinds.map((kind: FieldKind) => (
        <div class="row" key={kind}>
          <span style="width:120px">{fieldKindNames[kind]}</span>
          <input
            placeholder="额外标签，逗号分隔"
            value={(site.labels[kind] ?? []).join('，')}
            disabled={locked.has(`sites.${site.id}.labels`)}
            onChange={(e) => updateSite(site.id, (s) => ({ ...s, labels: { ...s.labels, [kind]: splitList(e.currentTarget.value) } }))}
          />
          <input
            placeholder="CSS 选择器（可选）"
            value={site.selectors[kind] ?? ''}
            disabled={locked.has(`sites.${site.id}.selectors`)}
            onChange={(e) => updateSite(site.id, (s) => ({ ...s, selectors: { ...s.selectors, [kind]: e.currentTarget.value.trim() || undefined } }))}
          />
        </div>
      ))}
      {SURRENDER_KINDS.map(([kind, name, defaults]) => (
        <div class="row" key={kind}>
          <span style="width:120px">{name}关键词</span>
          <input
            size={50}
            placeholder={`留空用默认：${defaults}`}
            value={(site.rules.surrender?.[kind] ?? []).join('，')}
            disabled={locked.has(`sites.${site.id}.rules`) || (kind === 'self' && !site.rules.surrender)}
            onChange={(e) => {
              const words = splitList(e.currentTarget.value);
              void updateSite(site.id, (s) => ({ ...s, rules: { ...s.rules, surrender: withSurrenderWords(s.rules.surrender, kind, words) } }));
            }}
          />
        </div>
      ))}
      {REFUND_KINDS.map(([kind, name]) => (
        <div class="row" key={kind}>
          <span style="width:120px">{name}关键词</span>
          <input
            size={50}
            placeholder={`留空用默认：${defaultRefundRules[kind].join('，')}`}
            value={(site.rules.refund?.[kind] ?? []).join('，')}
            disabled={locked.has(`sites.${site.id}.rules`)}
            onChange={(e) => {
              const words = splitList(e.currentTarget.value);
              void updateSite(site.id, (s) => {
                const refund = { ...defaultRefundRules, ...s.rules.refund, [kind]: words.length ? words : defaultRefundRules[kind] };
                return { ...s, rules: { ...s.rules, refund } };
              });
            }}
          />
        </div>
      ))}
      <div class="row">
        <span style="width:120px">术语对照</span>
        <textarea
          rows={3}
          cols={50}
          placeholder="每行一项：代码=含义，例如 WX=微信（内置术语表已含常见状态、渠道、缴费代码）"
          value={(site.rules.glossary ?? []).join('\n')}
          disabled={locked.has(`sites.${site.id}.rules`)}
          onChange={(e) => {
            const lines = e.currentTarget.value.split('\n').map((l) => l.trim()).filter(Boolean);
            void updateSite(site.id, (s) => ({ ...s, rules: { ...s.rules, glossary: lines.length ? lines : undefined } }));
          }}
        />
      </div>
      <div class="row">
        <span style="width:120px">本站话术触发符</span>
        <input
          size={6}
          placeholder={trigger}
          value={site.rules.snippetTrigger ?? ''}
          disabled={locked.has(`sites.${site.id}.rules`)}
          onChange={(e) => updateSite(site.id, (s) => ({ ...s, rules: { ...s.rules, snippetTrigger: e.currentTarget.value.trim() || undefined } }))}
        />
        <span class="desc">不填则用上面的全局触发符。</span>
      </div>
    </>
  );
}

/** Sites SEA Kit runs on, and per site which features are on. */
export function SitesSection() {
  const state = useEffectiveSettings();
  const error = useSignal('');
  const newPattern = useSignal('');
  const newName = useSignal('');
  useReadyMark('sites', !!state.value);

  if (!state.value) {
    // Cached settings answer in a few ms; until then the page already has its shape.
    return (
      <section aria-busy="true" data-section-loading="sites">
        {['坐席信息', 'SEA 站点'].map((title) => (
          <div class="card" key={title}>
            <h2>{title}</h2>
            <span class="skeleton" style="width:60%" />
            <span class="skeleton" style="width:80%" />
          </div>
        ))}
      </section>
    );
  }
  const { settings, locked } = state.value;

  const save = async (next: Settings) => {
    error.value = '';
    try {
      await saveAgentSettings(next, locked);
      state.value = { settings: next, locked };
    } catch (e) {
      error.value = `保存失败（${(e as Error).message}），设置未改变。`;
    }
  };
  const updateSite = (id: string, change: (site: SiteProfile) => SiteProfile) =>
    save({ ...settings, sites: settings.sites.map((s) => (s.id === id ? change(s) : s)) });

  const addSite = async () => {
    const pattern = newPattern.value.trim();
    if (!/^(\*|https?):\/\/[^/]+\/.*$/.test(pattern)) {
      error.value = '网址格式不对，请写成 https://sea.example.com/* 这样的匹配规则。';
      return;
    }
    // Must be asked from this click: the browser shows its permission prompt.
    const granted = await browser.permissions.request({ origins: [pattern] }).catch(() => false);
    if (!granted) {
      error.value = `没有获得访问 ${pattern} 的权限，站点未添加。`;
      return;
    }
    const site: SiteProfile = {
      id: crypto.randomUUID(), name: newName.value.trim() || pattern, matches: [pattern],
      features: {}, labels: {}, selectors: {}, rules: {},
    };
    newPattern.value = '';
    newName.value = '';
    await save({ ...settings, sites: [...settings.sites, site] });
  };

  return (
    <section>
      <div class="card">
        <h2>坐席信息</h2>
        <div class="row">
          <label>
            工号 <input value={settings.agent.id} disabled={locked.has('agent')}
              onChange={(e) => save({ ...settings, agent: { ...settings.agent, id: e.currentTarget.value.trim() } })} />
          </label>
          <label>
            姓名 <input value={settings.agent.name} disabled={locked.has('agent')}
              onChange={(e) => save({ ...settings, agent: { ...settings.agent, name: e.currentTarget.value.trim() } })} />
          </label>
          <label>
            话术触发符 <input value={settings.snippetTrigger} size={4} disabled={locked.has('snippetTrigger')}
              onChange={(e) => e.currentTarget.value.trim() && save({ ...settings, snippetTrigger: e.currentTarget.value.trim() })} />
          </label>
          <LockedMark show={locked.has('snippetTrigger') || locked.has('agent')} />
        </div>
        <p class="desc">话术中的 {'{坐席工号}'}、{'{坐席姓名}'} 用这里的值。</p>
      </div>
      {error.value && <p class="error" role="alert">{error.value}</p>}
      {settings.sites.map((site) => {
        const siteLocked = locked.has(`sites.${site.id}`);
        // A site with no addresses runs nowhere (IT switches a site off with matches: []): no live switches for it.
        if (!site.matches.length) {
          return (
            <div class="card site-off" key={site.id} data-site={site.id} data-site-state="off">
              <h2>
                {site.name} <span class="locked">{locked.has(`sites.${site.id}.matches`) ? '已由管理员停用' : '已停用'}</span>
              </h2>
              <p class="desc">SEA Kit 在这个站点不工作：{locked.has(`sites.${site.id}.matches`) ? '管理员停用了它，如需使用请联系 IT。' : '它没有网址。'}</p>
            </div>
          );
        }
        return (
          <div class="card" key={site.id} data-site={site.id}>
            <h2>
              {site.name} <LockedMark show={siteLocked} />
            </h2>
            {features.map(({ id, title, description }) => {
              const featureLocked = isFeatureLocked(locked, site.id, id);
              return (
                <label class="row" key={id}>
                  <input
                    type="checkbox"
                    data-feature={id}
                    checked={isFeatureOn(site, id)}
                    disabled={featureLocked}
                    onChange={(e) => {
                      const on = e.currentTarget.checked;
                      void updateSite(site.id, (s) => ({ ...s, features: { ...s.features, [id]: on } }));
                    }}
                  />
                  <strong>{title}</strong>
                  <span class="desc">{description}</span>
                  <LockedMark show={featureLocked} />
                </label>
              );
            })}
            <div class="row" data-setting="search-defaults">
              <span style="width:120px">查询默认项</span>
              <label>
                查询类型先选{' '}
                <input
                  data-field="searchType"
                  size={14}
                  placeholder="如 投保账户手机号"
                  value={typeof site.rules.searchType === 'string' ? site.rules.searchType : ''}
                  disabled={locked.has(`sites.${site.id}.rules`)}
                  onChange={(e) => updateSite(site.id, (s) => ({ ...s, rules: { ...s.rules, searchType: e.currentTarget.value.trim() || undefined } }))}
                />
              </label>
              <label>
                结果顺序{' '}
                <select
                  data-field="resultOrder"
                  value={typeof site.rules.resultOrder === 'string' ? site.rules.resultOrder : ''}
                  disabled={locked.has(`sites.${site.id}.rules`)}
                  onChange={(e) => updateSite(site.id, (s) => ({ ...s, rules: { ...s.rules, resultOrder: e.currentTarget.value || undefined } }))}
                >
                  <option value="">不改</option>
                  <option value="newest">最新在上</option>
                  <option value="oldest">最早在上</option>
                </select>
              </label>
              <label>
                按哪列{' '}
                <input
                  data-field="orderColumns"
                  size={20}
                  placeholder={DATE_COLUMNS.slice(0, 3).join('，') + '…'}
                  value={Array.isArray(site.rules.orderColumns) ? site.rules.orderColumns.join('，') : ''}
                  disabled={locked.has(`sites.${site.id}.rules`)}
                  onChange={(e) => {
                    const columns = splitList(e.currentTarget.value);
                    void updateSite(site.id, (s) => ({ ...s, rules: { ...s.rules, orderColumns: columns.length ? columns : undefined } }));
                  }}
                />
              </label>
            </div>
            <Disclosure class="it-details" summary="高级：网址、字段标签、选择器与退保、退款、术语规则（SEA 改版时由 IT 或组长调整）">
              <SiteRules site={site} trigger={settings.snippetTrigger} locked={locked} updateSite={updateSite} />
            </Disclosure>
            {!siteLocked && (
              <p>
                <button onClick={() => save({ ...settings, sites: settings.sites.filter((s) => s.id !== site.id) })}>删除此站点</button>
              </p>
            )}
          </div>
        );
      })}
      <div class="card">
        <h2>添加 SEA 站点</h2>
        <div class="row">
          <input placeholder="名称，如 SEA 生产" value={newName.value} onInput={(e) => (newName.value = e.currentTarget.value)} />
          <input placeholder="https://sea.example.com/*" size={36} value={newPattern.value} onInput={(e) => (newPattern.value = e.currentTarget.value)} />
          <button class="primary" onClick={addSite}>添加</button>
        </div>
      </div>
    </section>
  );
}
