// @vitest-environment node
/**
 * The import graph keeps its direction: content script → page core → (nothing of the features);
 * features → the page API, never the core's internals; settings → no page code; no cycles anywhere.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { featureIds } from '~/entrypoints/sea.content/registry';
import { ROOT } from './packs/docs';

const SOURCE_DIRS = ['utils', 'components', 'entrypoints'];

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir)).flatMap((name) => {
    const rel = `${dir}/${name}`;
    if (statSync(path.join(ROOT, rel)).isDirectory()) return sourceFiles(rel);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts') ? [rel] : [];
  });
}

/** Resolves an import specifier to a repository file (or null for packages and assets). */
function resolve(from: string, spec: string, files: Set<string>): string | null {
  let base: string;
  if (spec.startsWith('~/')) base = spec.slice(2);
  else if (spec.startsWith('.')) base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  else return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`]) if (files.has(candidate)) return candidate;
  return null;
}

/** file → files it imports (type-only imports included: they are cycles for a reader too). */
export function importGraph(): Map<string, string[]> {
  const files = SOURCE_DIRS.flatMap(sourceFiles);
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = readFileSync(path.join(ROOT, file), 'utf8');
    const specs = [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]/gm), ...text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]);
    graph.set(file, [...new Set(specs.map((s) => resolve(file, s, known)).filter((f): f is string => !!f))]);
  }
  // import.meta.glob: the registry imports every feature file.
  graph.set('entrypoints/sea.content/registry.ts', [...graph.get('entrypoints/sea.content/registry.ts')!, ...files.filter((f) => f.startsWith('entrypoints/sea.content/features/'))]);
  return graph;
}

function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return found;
}

/** Everything a file reaches through its imports. */
function reach(graph: Map<string, string[]>, from: string): Set<string> {
  const seen = new Set<string>();
  const walk = (file: string) => {
    for (const next of graph.get(file) ?? []) if (!seen.has(next)) (seen.add(next), walk(next));
  };
  walk(from);
  return seen;
}

describe('import graph', () => {
  const graph = importGraph();

  it('has no cycles', () => {
    expect(cycles(graph).map((c) => c.join(' → '))).toEqual([]);
  });

  it('the page core reaches no feature, no entrypoint and no feature id', () => {
    for (const file of [...graph.keys()].filter((f) => f.startsWith('utils/page/'))) {
      for (const reached of reach(graph, file)) expect(reached, `${file} → ${reached}`).not.toMatch(/^(entrypoints|components)\//);
      const text = readFileSync(path.join(ROOT, file), 'utf8');
      for (const id of featureIds) expect(text.includes(`'${id}'`), `${file} names ${id}`).toBe(false);
    }
  });

  it('settings reach no page code', () => {
    for (const file of ['utils/settings.ts', 'utils/settings-store.ts']) {
      for (const reached of reach(graph, file)) expect(reached, `${file} → ${reached}`).not.toMatch(/^utils\/page\//);
    }
  });

  it('features use the page API, not the core\'s internals', () => {
    const internals = ['core', 'scan', 'pairs', 'tables', 'forms', 'memory', 'in-view'].map((n) => `utils/page/${n}.ts`);
    for (const file of [...graph.keys()].filter((f) => f.startsWith('entrypoints/sea.content/features/'))) {
      for (const imported of graph.get(file)!) expect(internals, `${file} imports ${imported}`).not.toContain(imported);
    }
  });
});
