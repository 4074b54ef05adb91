// @vitest-environment node
/**
 * The feature registry is the one list of page features: the policy schema, the IT guide's tables and the
 * options page's list of switches are generated from it, and these tests fail when a committed copy drifts.
 * After adding a feature (or a feature setting), `npm run gen:policy` rewrites the three files.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { featureIds, features } from '~/entrypoints/sea.content/registry';
import { managedSchema, withPolicyTables } from '~/utils/policy-schema';
import { ROOT, readDoc } from './packs/docs';

const schemaFile = path.join(ROOT, 'public/managed_schema.json');

describe('feature registry', () => {
  it('every feature says who it is: id = file name (checked on load), Chinese title and description, unique order', () => {
    expect(featureIds.length).toBeGreaterThan(0);
    for (const f of features) {
      expect(f.title, f.id).toMatch(/[\u4e00-\u9fff]/);
      expect(f.description, f.id).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(new Set(features.map((f) => f.order)).size).toBe(features.length);
  });

  it('feature settings have a default of the declared type and an example', () => {
    for (const f of features) {
      for (const [key, setting] of Object.entries(f.settings ?? {})) {
        const type = Array.isArray(setting.default) ? 'array' : typeof setting.default;
        expect(setting.schema.type, `${f.id}.${key}`).toBe(type === 'number' ? 'integer' : type);
        expect(setting.example, `${f.id}.${key}`).toBeDefined();
      }
    }
  });
});

describe('generated from the registry', () => {
  it('public/managed_schema.json', async () => {
    await expect(JSON.stringify(managedSchema(features), null, 2) + '\n').toMatchFileSnapshot(schemaFile);
  });

  it('components/options/feature-list.json (the switches the options page shows, without the features\' code)', async () => {
    const list = features.map(({ id, title, description }) => ({ id, title, description }));
    await expect(JSON.stringify(list, null, 2) + '\n').toMatchFileSnapshot(path.join(ROOT, 'components/options/feature-list.json'));
  });

  it('docs/it-admin.md policy, feature and field tables', async () => {
    await expect(withPolicyTables(readDoc('it-admin.md'), features)).toMatchFileSnapshot(path.join(ROOT, 'docs/it-admin.md'));
  });

  it('the IT guide explains every key of the schema, with an example', () => {
    const doc = readDoc('it-admin.md');
    const schema = JSON.parse(readFileSync(schemaFile, 'utf8'));
    const site = schema.properties.sites.items.properties;
    const keys = [
      ...Object.keys(schema.properties),
      ...Object.keys(site).map((k) => `sites[].${k}`),
      ...Object.keys(site.rules.properties).map((k) => `sites[].rules.${k}`),
    ];
    for (const key of keys) {
      const row = doc.split('\n').find((line) => line.startsWith(`| \`${key}\` |`));
      expect(row, key).toBeDefined();
      expect(row!.split(' | ').at(-1), key).toMatch(/^`.+`/); // the example column
    }
    for (const id of featureIds) expect(doc, id).toContain(`| \`${id}\` |`);
  });
});
