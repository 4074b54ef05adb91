import type { Feature } from '~/utils/page/feature';

/**
 * Every page feature, found by file: adding a feature means adding entrypoints/sea.content/features/<id>.ts
 * and nothing else. Order is the options page's order.
 */
// Definitions only: a late feature's code (its `late` export) stays out of the page script (Feature.late).
const modules = import.meta.glob<Feature>('./features/*.ts', { eager: true, import: 'default' });

export const features: Feature[] = Object.entries(modules)
  .map(([path, feature]) => {
    const fileId = /([^/]+)\.ts$/.exec(path)![1];
    if (feature.id !== fileId) throw new Error(`feature ${path} declares id ${feature.id}`);
    return feature;
  })
  .sort((a, b) => a.order - b.order);

export const featureIds: string[] = features.map((f) => f.id);
