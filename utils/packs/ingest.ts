/** One way in for every pack (file, URL, CLI test): parse, check, verify trust, install. */
import type { SeaKitDb } from '../db';
import { installPack, type InstallResult } from './install';
import { parsePack } from './validate';
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
}

/** Throws PackError (Chinese, with paths) and leaves the database untouched when anything is wrong. */
export async function ingestPack(input: string | ArrayBuffer | Uint8Array, options: IngestOptions): Promise<InstallResult> {
  const policy = options.trust ?? trustPolicyFrom(options);
  const origin = { source: options.source, byPolicy: options.byPolicy ?? false };
  const pack = parsePack(input);
  const signer = await verifyPackTrust(pack, policy, origin);
  return installPack(pack, { origin, signer, policy, subscription: options.subscription, db: options.db });
}
