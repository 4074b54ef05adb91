// @vitest-environment node
/**
 * public/managed_schema.json describes exactly the policy the code reads (ManagedPolicy), and the three
 * complete examples in docs/it-admin.md (Linux file, Windows .reg, Admin console) are valid and identical.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { defaultSettings, demoSite, siteFor } from '~/utils/settings';
import { featureIds } from '~/entrypoints/sea.content/registry';
import { fieldKinds } from '~/utils/page/labels';
import { mergeSettings } from '~/utils/settings-store';
import { validatePack } from '~/utils/packs/validate';
import { EXTENSION_ID, ROOT, docBlock, linuxExample, readDoc } from './docs';
import { verifyPack } from '~/utils/packs/trust';

const schema = JSON.parse(readFileSync(path.join(ROOT, 'public/managed_schema.json'), 'utf8'));
const itAdmin = readDoc('it-admin.md');

/** A .reg file's values per key path, typed by the managed schema (DWORD → boolean/integer, JSON strings → lists/objects). */
function parseReg(text: string): Record<string, Record<string, unknown>> {
  const keys: Record<string, Record<string, unknown>> = {};
  let current: Record<string, unknown> | undefined;
  for (const line of text.split('\n')) {
    const key = /^\[(.+)\]$/.exec(line);
    if (key) keys[key[1]!] = current = {};
    const value = /^"([^"]+)"=(?:dword:([0-9a-f]{8})|"((?:[^"\\]|\\.)*)")$/.exec(line);
    if (!value) continue;
    const [, name, dword, string] = value;
    current![name!] = dword !== undefined ? parseInt(dword, 16) : string!.replace(/\\(.)/g, '$1');
  }
  return keys;
}

function typedBySchema(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => {
    const type = schema.properties[k]?.type;
    if (type === 'boolean') return [k, v === 1];
    if (type === 'array' || type === 'object') return [k, JSON.parse(v as string)];
    return [k, v];
  }));
}

/** Chrome drops unknown keys silently; for the docs we want typos to fail, so every object is closed. */
function closed(node: any): any {
  if (Array.isArray(node)) return node.map(closed);
  if (node && typeof node === 'object') {
    const out = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, closed(v)]));
    if (out.type === 'object' && out.properties) out.additionalProperties = false;
    return out;
  }
  return node;
}
const validatePolicy = new Ajv({ allErrors: true }).compile(closed(schema));

describe('managed_schema.json', () => {
  it('uses only what Chrome\'s managed schema understands', () => {
    const allowed = new Set(['type', 'properties', 'items', 'title', 'description', 'additionalProperties']);
    const walk = (node: any, path: string) => {
      for (const key of Object.keys(node)) expect(allowed.has(key), `${path}.${key}`).toBe(true);
      expect(['object', 'array', 'string', 'boolean', 'integer']).toContain(node.type);
      for (const [name, child] of Object.entries(node.properties ?? {})) walk(child, `${path}.${name}`);
      if (node.items) walk(node.items, `${path}[]`);
      if (node.additionalProperties) walk(node.additionalProperties, `${path}.*`);
    };
    walk(schema, '$');
  });

  it('has every Settings key with the right type, and the full site shape', () => {
    const jsonType = (v: unknown) => (Array.isArray(v) ? 'array' : typeof v === 'number' ? 'integer' : typeof v);
    expect(schema.properties.packSigners.additionalProperties).toEqual({ type: 'array', items: { type: 'string' } });
    expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(defaultSettings).sort());
    for (const [key, value] of Object.entries(defaultSettings)) expect(schema.properties[key].type, key).toBe(jsonType(value));
    const site = schema.properties.sites.items.properties;
    expect(Object.keys(site).sort()).toEqual(Object.keys(demoSite).sort());
    expect(Object.keys(site.features.properties)).toEqual([...featureIds]);
    expect(Object.keys(site.labels.properties)).toEqual(fieldKinds);
    expect(Object.keys(site.selectors.properties)).toEqual(fieldKinds);
    expect(Object.keys(site.rules.properties.surrender.properties)).toEqual(['assisted', 'self']);
  });
});

describe('docs/it-admin.md examples', () => {
  const { file, policy } = linuxExample();

  it('pins the id that wxt.config.ts\'s manifest key produces', () => {
    const key = /PINNED_KEY = [^']*'([^']+)'/.exec(readFileSync(path.join(ROOT, 'wxt.config.ts'), 'utf8'))![1]!;
    const hex = createHash('sha256').update(Buffer.from(key, 'base64')).digest('hex').slice(0, 32);
    expect([...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('')).toBe(EXTENSION_ID);
    expect(file.ExtensionInstallForcelist).toEqual([`${EXTENSION_ID};https://packs.corp.example/seakit/updates.xml`]);
  });

  it('the Linux policy is valid against the managed schema', () => {
    expect(validatePolicy(policy), JSON.stringify(validatePolicy.errors)).toBe(true);
  });

  it('the Windows .reg and the Admin console JSON say exactly the same', () => {
    const reg = parseReg(docBlock(itAdmin, 'windows-policy'));
    expect(reg['HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome\\ExtensionInstallForcelist']).toEqual({ 1: file.ExtensionInstallForcelist[0] });
    const regPolicy = typedBySchema(reg[`HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome\\3rdparty\\extensions\\${EXTENSION_ID}\\policy`]!);
    expect(regPolicy).toEqual(policy);
    const admin = JSON.parse(docBlock(itAdmin, 'admin-console-policy'));
    expect(Object.fromEntries(Object.entries(admin).map(([k, v]) => [k, (v as { Value: unknown }).Value]))).toEqual(policy);
  });

  it('does what the docs say when merged: locks, feature off on one site only, demo site off', () => {
    const { settings, locked } = mergeSettings({}, policy);
    for (const key of ['packUrls', 'trustedKeys', 'allowAgentPacks', 'allowPersonalSnippets', 'snippetTrigger', 'packPollMinutes']) {
      expect(locked.has(key), key).toBe(true);
    }
    expect(siteFor(settings, 'https://sea-test.corp.example/policy/1')!.features['copy-fields']).toBe(false);
    expect(siteFor(settings, 'https://sea.corp.example/policy/1')!.features['copy-fields']).toBe(true);
    expect(siteFor(settings, 'http://127.0.0.1:8080/')).toBeUndefined();
    expect(locked.has('sites.sea-test.features.copy-fields')).toBe(true);
  });
});

describe('docs/packs.md example', () => {
  it('is a valid pack whose signature verifies with the documented key', async () => {
    const packs = readDoc('packs.md');
    const pack = validatePack(JSON.parse(docBlock(packs, 'pack-example')));
    const key = /签名公钥：`([^`]+)`/.exec(packs)![1]!;
    await expect(verifyPack(pack, [key])).resolves.toBe(key);
  });
});
