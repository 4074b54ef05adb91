/** Reads the complete examples out of docs/*.md, for the unit tests and the policy e2e test. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ManagedPolicy } from '~/utils/settings-store';

export const EXTENSION_ID = 'genjdalobboceeiefecdlepffiflkgfh';
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export function readDoc(name: string): string {
  return readFileSync(path.join(ROOT, 'docs', name), 'utf8');
}

/** The fenced block whose info string ends with `tag` (```json linux-policy). */
export function docBlock(markdown: string, tag: string): string {
  const match = new RegExp('```\\w+ ' + tag + '\\n([\\s\\S]*?)\\n```').exec(markdown);
  if (!match) throw new Error(`docs: no ${tag} block`);
  return match[1]!;
}

/** The Linux policy file of docs/it-admin.md and the SEA Kit part of it. */
export function linuxExample(): { file: any; policy: ManagedPolicy } {
  const file = JSON.parse(docBlock(readDoc('it-admin.md'), 'linux-policy'));
  return { file, policy: file['3rdparty'].extensions[EXTENSION_ID] };
}
