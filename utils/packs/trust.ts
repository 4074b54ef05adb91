/**
 * Pack trust, decided here and nowhere else, failing closed (docs/packs.md "信任规则"):
 * - keys: a trustedKeys entry that does not parse is reported and never widens trust; any entry at all
 *   (even a broken one) means IT pinned keys, so nothing unsigned or signed by another key installs;
 * - channel: over http: only a pack signed by a pinned key; unsigned only from https: or a file;
 * - lineage (per pack id, remembered after removal): the key of the first signed install owns the id,
 *   only it or a key IT names in packSigners may replace it; versions never go back; a pack delivered by
 *   policy can never be shadowed by what the agent adds, and replaces whatever the agent had under its id.
 */
import type { PackLineageRow } from '../db';
import { PackError, type Pack } from './format';
import { canonicalPackBytes } from './canonical';
import { verifyEd25519 } from './signing';
import { trustPolicyFrom, type TrustPolicy } from './trust-policy';

// Which keys IT trusts is parsed in a module of its own: the 话术包 view reads it at its first render, without the signature code.
export { trustPolicyFrom, type TrustPolicy };

/** Where a pack comes from; policy sources outrank the agent's. */
export interface PackOrigin {
  /** 'file' or the URL it was finally served from (after redirects). */
  source: string;
  byPolicy: boolean;
}

/** What is remembered per pack id, also after the pack is removed (the db's lineage table). */
export type PackLineage = PackLineageRow;

/** A problem for the agent or IT, in Chinese. */
function refuse(path: string, message: string): never {
  throw new PackError([{ path, message }]);
}

function isHttp(source: string): boolean {
  return /^http:/i.test(source);
}

/**
 * The signature and channel check: returns the verified signer (undefined for an unsigned pack that may
 * install) or throws PackError.
 */
export async function verifyPackTrust(pack: Pack, policy: TrustPolicy, origin: PackOrigin): Promise<string | undefined> {
  const sig = pack.signature;
  if (sig && !(await verifyEd25519(sig.key, sig.value, canonicalPackBytes(pack)))) {
    refuse('/signature/value', '签名不符：文件在签名后被改动过，或签名不是用该公钥生成的');
  }
  if (policy.pinned) {
    if (!policy.keys.length) {
      refuse('/signature', '管理员设置的受信任公钥全部无效（见“话术包设置”），为安全起见不安装任何话术包');
    }
    if (!sig) refuse('/signature', '缺少签名：管理员要求话术包必须由受信任的公钥签名');
    if (!policy.keys.includes(sig.key)) refuse('/signature/key', `签名公钥 ${sig.key} 不在管理员信任的公钥列表中，拒绝安装`);
  } else if (isHttp(origin.source)) {
    refuse('', 'http 地址没有加密，只有管理员设置了受信任公钥并且话术包由其签名时才能安装；请改用 https 地址或从文件导入');
  }
  return sig?.key;
}

/**
 * The lineage check, run inside the install transaction: who owns the pack id, shadowing, rollback.
 * Returns the lineage to store when the install goes ahead.
 */
export function checkLineage(
  pack: Pack,
  signer: string | undefined,
  contentHash: string,
  origin: PackOrigin,
  policy: TrustPolicy,
  lineage: PackLineage | undefined,
): PackLineage {
  const named = policy.packSigners[pack.id];
  if (named && !(signer && named.includes(signer))) {
    refuse('/signature/key', named.length
      ? `管理员规定话术包 ${pack.id} 只能由指定的组长公钥签名，这个文件${signer ? `的签名公钥 ${signer} 不在其中` : '没有签名'}`
      : `管理员为话术包 ${pack.id} 指定的签名公钥无效，为安全起见不安装`);
  }
  // A policy pack takes over an id the agent used; what the agent adds never replaces a policy pack.
  const takeover = origin.byPolicy && lineage && !lineage.byPolicy;
  if (lineage && !origin.byPolicy && lineage.byPolicy) {
    refuse('/id', `编号 ${pack.id} 属于管理员下发的话术包，不能用自行导入或订阅的话术包替换`);
  }
  const previous = takeover ? undefined : lineage;
  if (previous?.owner && signer !== previous.owner && !(signer && named?.includes(signer))) {
    refuse('/signature/key', signer
      ? `话术包 ${pack.id} 由另一位组长（公钥 ${previous.owner.slice(0, 12)}…）签名发布，只有该公钥或管理员为它指定的公钥才能更新它`
      : `话术包 ${pack.id} 原本有签名，不能用未签名的版本替换`);
  }
  if (previous) {
    if (pack.version < previous.highestVersion) {
      refuse('/version', `版本 ${pack.version} 比曾经安装过的版本 ${previous.highestVersion} 旧，拒绝回退`);
    }
    if (pack.version === previous.highestVersion && contentHash !== previous.highestHash) {
      refuse('/version', `版本 ${pack.version} 已安装过但内容不同：组长修改后需要提高版本号`);
    }
  }
  return {
    id: pack.id,
    highestVersion: pack.version,
    highestHash: contentHash,
    owner: signer ?? previous?.owner,
    byPolicy: origin.byPolicy || !!lineage?.byPolicy,
  };
}

/**
 * Whether an installed pack may stay enabled under the current policy; returns the notice when not.
 * Used when the trusted keys or allowAgentPacks change (personal snippets are never touched).
 */
export function disabledReason(
  pack: { id: string; signer?: string; source: string },
  byPolicy: boolean,
  policy: TrustPolicy,
  allowAgentPacks: boolean,
): string | undefined {
  if (!byPolicy && !allowAgentPacks) return '管理员已不允许坐席自行添加话术包，此话术包已停用';
  if (policy.pinned) {
    if (!pack.signer) return '管理员现在要求签名，此话术包未签名，已停用';
    if (!policy.keys.includes(pack.signer)) return '签名此话术包的公钥已不在管理员信任的列表中，已停用';
  } else if (isHttp(pack.source)) {
    return 'http 地址的话术包需要管理员信任的公钥签名，已停用';
  }
  const named = policy.packSigners[pack.id];
  if (named && !(pack.signer && named.includes(pack.signer))) return `管理员为话术包 ${pack.id} 指定了其他签名公钥，已停用`;
  return undefined;
}

/**
 * Checks a pack's signature against the keys IT trusts (the CLI's `verify`, the lead's own check): the
 * rules above for a pack from a file. Returns the signer's public key, if signed.
 */
export async function verifyPack(pack: Pack, trustedKeys: string[]): Promise<string | undefined> {
  return verifyPackTrust(pack, trustPolicyFrom({ trustedKeys }), { source: 'file', byPolicy: false });
}
