/**
 * A feature's async work (a promise, a timer) fails the same way a throw in apply() does: the core switches
 * that feature off on this page, lists the error for the inspector, and nothing reaches the page's console
 * as an error. The others go on.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import copyFields from '~/entrypoints/sea.content/features/copy-fields';
import { recentErrors } from '~/utils/page/core';
import { defineFeature } from '~/utils/page/feature';
import type { PackKnowledge } from '~/utils/products';
import { $$, startOn } from './helpers/page';

const faults = vi.hoisted(() => ({ choose: null as Error | null, knowledge: { products: [], glossary: [] } as PackKnowledge }));
vi.mock('~/utils/knowledge-client', () => ({ pageKnowledge: () => Promise.resolve(faults.knowledge) }));
vi.mock('~/utils/page/controls', async (importOriginal) => {
  const real = await importOriginal<typeof import('~/utils/page/controls')>();
  return { ...real, choose: (...args: Parameters<typeof real.choose>) => (faults.choose ? Promise.reject(faults.choose) : real.choose(...args)) };
});

const PAGE = `<dl><dt>保单号</dt><dd>P1</dd><dt>产品名称</dt><dd>安心医疗</dd><dt>电子保单已发送</dt><dd>true</dd></dl>`;
/** Until the core has dealt with the failure (the feature's own wait included). */
const until = (test: () => boolean) => vi.waitFor(() => expect(test()).toBe(true), { timeout: 5000, interval: 50 });

function watchConsole() {
  const info = vi.spyOn(console, 'info').mockImplementation(() => {});
  const error = vi.spyOn(console, 'error');
  const warn = vi.spyOn(console, 'warn');
  return { info, error, warn };
}

const errorsOf = (feature: string) => recentErrors.filter((e) => e.feature === feature);

afterEach(() => {
  document.body.innerHTML = '';
  recentErrors.splice(0);
  faults.choose = null;
  faults.knowledge = { products: [], glossary: [] };
  vi.restoreAllMocks();
});

describe('async feature failures', () => {
  it('ctx.fail: a rejected promise of start() switches that feature off and is listed; the others go on', async () => {
    const console = watchConsole();
    const late = defineFeature({
      id: 'same-id', title: '坏', description: '测试用', order: 0, fields: ['policyNo'],
      start: (ctx) => void Promise.reject(new Error('late boom')).catch(ctx.fail),
      apply: () => {},
    });
    const core = await startOn(PAGE, [late, copyFields]);
    await until(() => !core.isRunning('same-id'));
    expect(core.isRunning('copy-fields')).toBe(true);
    expect($$('[data-seakit="copy-fields"]').length).toBeGreaterThan(0);
    expect(errorsOf('same-id').map((e) => e.message)).toEqual(['late boom']);
    expect(console.error).not.toHaveBeenCalled();
    expect(console.warn).not.toHaveBeenCalled();
  });

  it('search-defaults: a fault while setting the defaults is not swallowed', async () => {
    const { default: searchDefaults } = await import('~/entrypoints/sea.content/features/search-defaults');
    const console = watchConsole();
    faults.choose = new Error('choose broke');
    const core = await startOn(
      `<label for="type">查询类型</label><select id="type"><option>保单号</option><option>投保账户手机号</option></select>${PAGE}`,
      [searchDefaults, copyFields], { rules: { searchType: '投保账户手机号' } },
    );
    await until(() => !core.isRunning('search-defaults'));
    expect(errorsOf('search-defaults').map((e) => e.message)).toEqual(['choose broke']);
    expect(core.isRunning('copy-fields')).toBe(true);
    expect(console.error).not.toHaveBeenCalled();
  });

  it('product-info: a fault while learning the packs’ products switches it off and is listed', async () => {
    const { default: productInfo } = await import('~/entrypoints/sea.content/features/product-info');
    const console = watchConsole();
    faults.knowledge = {
      products: [{ packId: 'p', packName: '包', name: '安心医疗', aliases: undefined as never, code: 'AX', insurer: '安心', faq: [] }],
      glossary: [],
    };
    const core = await startOn(PAGE, [productInfo, copyFields]);
    await until(() => !core.isRunning('product-info'));
    expect(errorsOf('product-info')).toHaveLength(1);
    expect(core.isRunning('copy-fields')).toBe(true);
    expect(console.error).not.toHaveBeenCalled();
  });

  it('glossary: a fault in its own timer switches it off and is listed', async () => {
    const { default: glossary } = await import('~/entrypoints/sea.content/features/glossary');
    const console = watchConsole();
    const core = await startOn(PAGE, [glossary, copyFields], { rules: { glossary: [7 as never] } });
    await until(() => !core.isRunning('glossary'));
    expect(errorsOf('glossary')).toHaveLength(1);
    expect(core.isRunning('copy-fields')).toBe(true);
    expect(console.error).not.toHaveBeenCalled();
  });
});
