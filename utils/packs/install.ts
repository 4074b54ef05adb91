/**
 * Installs a checked pack into the snippet library: whole or not at all, in one Dexie transaction that
 * also holds the trust lineage (utils/packs/trust.ts) and the subscription that delivered the pack.
 * Search fields (pinyin, initials) are computed in one pass before the transaction (utils/snippets/search-fields.ts),
 * so the dictionary's work does not hold the database.
 */
import { db as defaultDb, withSearchFields, type InstalledPack, type SeaKitDb, type Snippet, type SnippetUse } from '../db';
import '../snippets/writes';
import { readPackSnippets, removePackSnippets, useOf, writePackSnippets } from '../snippets/pack-rows';
import { canonicalPackBytes } from './canonical';
import { PackError, type Pack } from './format';
import { writeTransaction } from '../storage-errors';
import { checkLineage, disabledReason, type PackLineage, type PackOrigin, type TrustPolicy } from './trust';

/**
 * Row id of a pack snippet: pack snippet ids are only unique inside their pack, and personal snippets
 * share the table, so the pack id is the namespace.
 */
export function packSnippetRowId(packId: string, snippetId: string): string {
  return `${packId}:${snippetId}`;
}

/** SHA-256 of the canonical bytes: tells an unchanged re-fetch (fine) from an edit without a version bump. */
export async function packContentHash(pack: Pack): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', canonicalPackBytes(pack)));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The steps of an import, timed for the bench (docs/performance.md): where the time of a big pack goes. */
export type ImportStep = 'parse' | 'check' | 'trust' | 'hash' | 'search' | 'write';
export type OnImportStep = (step: ImportStep, ms: number) => void;

/** Runs one step, telling `onStep` how long it took. */
export async function timedStep<T>(onStep: OnImportStep | undefined, step: ImportStep, run: () => T | Promise<T>): Promise<T> {
  if (!onStep) return run();
  const start = performance.now();
  try {
    return await run();
  } finally {
    onStep(step, performance.now() - start);
  }
}

/**
 * The pack as installed, kept to verify it again when trust changes: as JSON text, one string to store
 * (as an object, 5,000 snippets were 5,000 objects for IndexedDB to clone: a sixth of an import, bench).
 * Rows installed before hold the object.
 */
export function installedBody(pack: InstalledPack): Pack | undefined {
  return typeof pack.body === 'string' ? (JSON.parse(pack.body) as Pack) : (pack.body as Pack | undefined);
}

export interface InstallResult {
  /** false when the same version with the same content was already installed. */
  changed: boolean;
  pack: InstalledPack;
}

export interface InstallOptions {
  origin: PackOrigin;
  /** The verified signer (verifyPackTrust), if signed. */
  signer?: string;
  policy: TrustPolicy;
  /** The subscribed URL delivering it: must still be subscribed when the install commits. */
  subscription?: string;
  db?: SeaKitDb;
  /** Bench: each step's time. */
  onStep?: OnImportStep;
}

/** The lineage of a pack installed before lineage was kept: what the installed row says. */
async function lineageOf(database: SeaKitDb, id: string): Promise<PackLineage | undefined> {
  const row = await database.lineage.get(id);
  if (row) return row;
  const installed = await database.packs.get(id);
  if (!installed) return undefined;
  const byPolicy = installed.byPolicy ?? (await database.subscriptions.filter((s) => s.byPolicy && s.packId === id).count()) > 0;
  return { id, highestVersion: installed.version, highestHash: installed.contentHash ?? '', owner: installed.signer, byPolicy };
}

type Usage = NonNullable<InstalledPack['usage']>;

function snippetRows(pack: Pack, now: number): Snippet[] {
  return pack.snippets.map((s) => ({
    id: packSnippetRowId(pack.id, s.id),
    line: pack.line,
    owner: '公用',
    packId: pack.id,
    title: s.title,
    text: s.text,
    shortcut: s.shortcut,
    tags: s.tags ?? [],
    createdAt: now,
    updatedAt: now,
    useCount: 0,
  }));
}

/**
 * Writes a pack's rows into the library: the snippets in blocks, each one's use count, last use, pin and
 * first install kept by id across versions (use in snippetUse, first install in the row).
 */
async function storePackRows(database: SeaKitDb, packId: string, rows: Snippet[], usage: Usage): Promise<void> {
  const uses: SnippetUse[] = [];
  for (const row of rows) {
    const before = usage[row.id];
    if (!before) continue;
    row.createdAt = before.createdAt ?? row.createdAt;
    const use = useOf({ ...row, useCount: before.useCount ?? 0, lastUsedAt: before.lastUsedAt, pinnedAt: before.pinnedAt });
    if (use) uses.push(use);
  }
  await writePackSnippets(database, packId, rows);
  await database.snippetUse.where('packId').equals(packId).delete();
  await database.snippetUse.bulkAdd(uses);
}

async function currentUsage(database: SeaKitDb, packId: string, installed?: InstalledPack): Promise<Usage> {
  const usage: Usage = { ...installed?.usage };
  for (const s of await readPackSnippets(database, packId)) {
    usage[s.id] = { useCount: s.useCount, lastUsedAt: s.lastUsedAt, createdAt: s.createdAt, pinnedAt: s.pinnedAt };
  }
  return usage;
}

/**
 * Replaces the pack's snippets with the new version's, keeping each snippet's use count by id.
 * Refuses (PackError, nothing written) what the lineage forbids: another signer, an older version, the
 * same version with other content, an agent's pack over a policy pack, a subscription cancelled meanwhile.
 */
export async function installPack(pack: Pack, options: InstallOptions): Promise<InstallResult> {
  const database = options.db ?? defaultDb;
  const now = Date.now();
  const { origin, onStep } = options;
  const contentHash = await timedStep(onStep, 'hash', () => packContentHash(pack));
  // Outside the transaction (pinyin for 5,000 snippets would hold the database meanwhile), unless the same
  // pack is installed already (a subscription's re-fetch): then nothing is written.
  const unchanged = isInstalled(await database.packs.get(pack.id), pack, contentHash, origin.byPolicy);
  const searchable = unchanged ? undefined : await timedStep(onStep, 'search', () => withSearchFields(snippetRows(pack, now)));
  return timedStep(onStep, 'write', () => writeTransaction(database, [...database.snippetTables, database.packs, database.subscriptions, database.lineage], async () => {
    const subscription = options.subscription ? await database.subscriptions.get(options.subscription) : undefined;
    if (options.subscription && !subscription) {
      throw new PackError([{ path: '', message: '订阅已在获取期间取消，话术包未安装' }]);
    }
    const lineage = checkLineage(pack, options.signer, contentHash, origin, options.policy, await lineageOf(database, pack.id));
    const installed = await database.packs.get(pack.id);
    const byPolicy = origin.byPolicy;
    if (installed && isInstalled(installed, pack, contentHash, byPolicy)) {
      await linkSubscription(database, options.subscription, subscription?.packId, pack.id);
      return { changed: false, pack: installed };
    }
    const record: InstalledPack = {
      id: pack.id,
      name: pack.name,
      line: pack.line,
      version: pack.version,
      author: pack.author,
      updated: pack.updated,
      source: origin.source,
      signer: options.signer,
      phraseLists: pack.phraseLists ?? [],
      products: pack.products ?? [],
      glossary: pack.glossary ?? [],
      installedAt: now,
      firstInstalledAt: installed?.firstInstalledAt ?? installed?.installedAt ?? now,
      contentHash,
      byPolicy,
      body: JSON.stringify(pack),
      snippetCount: pack.snippets.length,
    };
    const usage = await currentUsage(database, pack.id, installed);
    await storePackRows(database, pack.id, searchable ?? withSearchFields(snippetRows(pack, now)), usage);
    await database.packs.put(record);
    await database.lineage.put(lineage);
    await linkSubscription(database, options.subscription, subscription?.packId, pack.id);
    return { changed: true, pack: record };
  }));
}

/** This version with this content is installed and switched on, delivered the same way: installing it changes nothing. */
function isInstalled(installed: InstalledPack | undefined, pack: Pack, contentHash: string, byPolicy: boolean): boolean {
  return !!installed && !installed.disabled && installed.version === pack.version && installed.contentHash === contentHash
    && (installed.byPolicy ?? false) === byPolicy;
}

/** The URL now serves this pack: the one it used to serve goes with it (its lineage stays). */
async function linkSubscription(database: SeaKitDb, url: string | undefined, previous: string | undefined, packId: string) {
  if (!url) return;
  if (previous && previous !== packId) await removePackRows(database, previous);
  if (previous !== packId) await database.subscriptions.update(url, { packId });
}

async function removePackRows(database: SeaKitDb, packId: string): Promise<void> {
  await removePackSnippets(database, packId);
  await database.packs.delete(packId);
}

/** Removes a pack and its snippets together; its lineage (owner, highest version) is kept. */
export async function removePack(packId: string, database: SeaKitDb = defaultDb): Promise<void> {
  await database.transaction('rw', [...database.snippetTables, database.packs], () => removePackRows(database, packId));
}

export interface TrustChange {
  id: string;
  name: string;
  /** The notice, when the pack was switched off; undefined when it was switched back on. */
  disabled?: string;
}

/**
 * After the trusted keys, packSigners or allowAgentPacks change: packs no longer allowed are switched
 * off (snippets out of the library, use counts kept, a notice on the pack), packs allowed again are
 * switched back on from the pack as installed. Personal snippets are not touched.
 */
export async function reverifyInstalledPacks(policy: TrustPolicy, allowAgentPacks: boolean, database: SeaKitDb = defaultDb): Promise<TrustChange[]> {
  return writeTransaction(database, [...database.snippetTables, database.packs], async () => {
    const changes: TrustChange[] = [];
    for (const pack of await database.packs.toArray()) {
      const reason = disabledReason(pack, !!pack.byPolicy, policy, allowAgentPacks);
      if (reason && pack.disabled !== reason) {
        const usage = pack.disabled ? pack.usage : await currentUsage(database, pack.id, pack);
        await removePackSnippets(database, pack.id);
        await database.packs.put({ ...pack, disabled: reason, usage });
        changes.push({ id: pack.id, name: pack.name, disabled: reason });
      } else if (!reason && pack.disabled && pack.body) {
        const body = installedBody(pack)!;
        await storePackRows(database, pack.id, withSearchFields(snippetRows(body, Date.now())), pack.usage ?? {});
        const { disabled: _d, usage: _u, ...enabled } = pack;
        await database.packs.put({ ...enabled, snippetCount: body.snippets.length });
        changes.push({ id: pack.id, name: pack.name });
      }
    }
    return changes;
  });
}
