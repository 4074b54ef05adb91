/** One way in for every pack (file, URL, CLI test): parse, check, verify trust, install. */
import type { SeaKitDb } from '../db';
import { installPack, timedStep, type InstallResult, type OnImportStep } from './install';
import { readPackJson, validatePack } from './validate';
import { trustPolicyFrom, verifyPackTrust, type TrustPolicy } from './trust';

export interface IngestOptions {
  /** 'file' or the URL the pack was served from (after redirects). */
  source: string;
  /** Delivered by an IT policy subscription. */
  byPolicy?: boolean;
  /** The subscribed URL, when a subscription delivered it (it must still exist when the install commits). */
  subscription?: string;
  /** Keys IT pinned (Settings.trustedKeys): empty means unsigned packs from https: or a file are accepted. */
  trustedKeys?: unknown;
  /** Settings.packSigners: pack id → keys IT names for it. */
  packSigners?: unknown;
  /** The two above, already parsed. */
  trust?: TrustPolicy;
  db?: SeaKitDb;
  /** Bench: each step's time (parse, check, trust, hash, search fields, write). */
  onStep?: OnImportStep;
}

/** Throws PackError (Chinese, with paths) and leaves the database untouched when anything is wrong. */
export async function ingestPack(input: string | ArrayBuffer | Uint8Array, options: IngestOptions): Promise<InstallResult> {
  const policy = options.trust ?? trustPolicyFrom(options);
  const origin = { source: options.source, byPolicy: options.byPolicy ?? false };
  const { onStep } = options;
  const data = await timedStep(onStep, 'parse', () => readPackJson(input));
  const pack = await timedStep(onStep, 'check', () => validatePack(data));
  const signer = await timedStep(onStep, 'trust', () => verifyPackTrust(pack, policy, origin));
  return installPack(pack, { origin, signer, policy, subscription: options.subscription, db: options.db, onStep });
}
