/** One way in for every pack (file, URL, CLI test): parse, check, verify against trusted keys, install. */
import type { SeaKitDb } from '../db';
import { installPack, type InstallResult } from './install';
import { parsePack } from './validate';
import { verifyPack } from './signing';

export interface IngestOptions {
  /** 'file' or the subscribed URL. */
  source: string;
  /** Keys IT pinned (Settings.trustedKeys); empty means unsigned packs are accepted. */
  trustedKeys: string[];
  db?: SeaKitDb;
}

/** Throws PackError (Chinese, with paths) and leaves the database untouched when anything is wrong. */
export async function ingestPack(input: string | ArrayBuffer | Uint8Array, options: IngestOptions): Promise<InstallResult> {
  const pack = parsePack(input);
  const signer = await verifyPack(pack, options.trustedKeys);
  return installPack(pack, { source: options.source, signer, db: options.db });
}
