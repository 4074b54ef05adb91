import type { Feature } from '~/utils/page/feature';

/**
 * Every page feature, found by file: adding a feature means adding entrypoints/sea.content/features/<id>.ts
 * and nothing else. Order is the options page's order.
 */
const modules = import.meta.glob<{ default: Feature }>('./features/*.ts', { eager: true });

export const features: Feature[] = Object.entries(modules)
  .map(([path, module]) => {
    const feature = module.default;
    const fileId = /([^/]+)\.ts$/.exec(path)![1];
    if (feature.id !== fileId) throw new Error(`feature ${path} declares id ${feature.id}`);
    return feature;
  })
  .sort((a, b) => a.order - b.order);

export const featureIds: string[] = features.map((f) => f.id);
