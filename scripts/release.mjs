#!/usr/bin/env node
// Self-hosted release for IT: npm run release -- --base-url https://packs.corp.example/seakit/ [--key 发布私钥.pem]
// Builds with the release key's public half as the manifest key (so the id Chrome derives from the CRX signature
// and from the manifest are the same), signs a CRX3 and writes the update manifest (docs/it-admin.md §1).
import { spawnSync } from 'node:child_process';
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import crx3 from 'crx3';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DEV_KEY = path.join(ROOT, '.output/release-dev-key.pem');

const HELP = `SEA Kit 自托管发布

  npm run release -- --base-url https://packs.corp.example/seakit/ [--key 发布私钥.pem] [--out 目录]

  --base-url  CRX 和 updates.xml 放在内网静态服务器上的目录网址（http 或 https）
  --key       组织的发布私钥（RSA，PEM）；也可用环境变量 SEAKIT_RELEASE_KEY 给出路径。
              不给时使用开发密钥（${path.relative(ROOT, DEV_KEY)}），只能用于测试，不可分发。
  --out       输出目录，默认 .output/release

产物：sea-kit-<版本>.crx、updates.xml；扩展 ID 由私钥决定，打印在最后。`;

class UsageError extends Error {}

/** Chrome's extension id: the first 128 bits of SHA-256 over the public key (SPKI DER), hex digits mapped 0-f → a-p. */
export function extensionIdOf(spkiDer) {
  return [...createHash('sha256').update(spkiDer).digest('hex').slice(0, 32)]
    .map((digit) => String.fromCharCode(97 + parseInt(digit, 16))).join('');
}

function xmlAttr(value) {
  return String(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** The update manifest Chrome polls (gupdate protocol 2.0). */
export function updateManifest({ appId, version, codebase, minChrome }) {
  const min = minChrome ? ` prodversionmin="${xmlAttr(minChrome)}"` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<gupdate xmlns="http://www.google.com/update2/response" protocol="2.0">
  <app appid="${xmlAttr(appId)}">
    <updatecheck codebase="${xmlAttr(codebase)}" version="${xmlAttr(version)}"${min} />
  </app>
</gupdate>
`;
}

function parseBaseUrl(raw) {
  if (!raw) throw new UsageError('缺少参数 --base-url（CRX 和 updates.xml 所在目录的网址，例如 https://packs.corp.example/seakit/）');
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`--base-url 不是网址：${raw}`);
  }
  if (!/^https?:$/.test(url.protocol)) throw new UsageError(`--base-url 应以 http:// 或 https:// 开头：${raw}`);
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

/** The organisation's RSA key, or the development key (made once, kept outside the release folder) with a warning. */
async function releaseKey(file) {
  if (!file) {
    if (!existsSync(DEV_KEY)) {
      await mkdir(path.dirname(DEV_KEY), { recursive: true });
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      await writeFile(DEV_KEY, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    }
    console.warn([
      '',
      '⚠ 警告：没有提供发布私钥（--key 或 SEAKIT_RELEASE_KEY），本次用开发密钥签名：',
      `  ${DEV_KEY}`,
      '  这样打出的 CRX 的扩展 ID 与正式版不同，只能用于测试，不要放到内网服务器上分发给坐席。',
      '  正式发布请用 IT 保管的私钥：npm run release -- --base-url <网址> --key 发布私钥.pem',
      '',
    ].join('\n'));
    return { file: DEV_KEY, dev: true, key: createPrivateKey(await readFile(DEV_KEY)) };
  }
  const pem = await readFile(file).catch(() => {
    throw new UsageError(`读不到发布私钥文件 ${file}`);
  });
  let key;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw new UsageError(`${file} 不是 PEM 格式的私钥`);
  }
  if (key.asymmetricKeyType !== 'rsa') throw new UsageError(`${file} 不是 RSA 私钥（CRX 只接受 RSA 签名，生成方法：openssl genrsa -out 发布私钥.pem 2048）`);
  return { file, dev: false, key };
}

async function main(argv) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { 'base-url': { type: 'string' }, key: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean' } },
    }));
  } catch (error) {
    throw new UsageError(`参数有误：${error.message}\n\n${HELP}`);
  }
  if (values.help) {
    console.log(HELP);
    return;
  }
  const baseUrl = parseBaseUrl(values['base-url']);
  const outDir = path.resolve(values.out ?? path.join(ROOT, '.output/release'));
  const { file: keyFile, dev, key } = await releaseKey(values.key ?? process.env.SEAKIT_RELEASE_KEY);
  const spki = createPublicKey(key).export({ type: 'spki', format: 'der' });
  const manifestKey = spki.toString('base64');
  const appId = extensionIdOf(spki);
  if (process.env.SEAKIT_MANIFEST_KEY && process.env.SEAKIT_MANIFEST_KEY !== manifestKey) {
    throw new UsageError(
      `SEAKIT_MANIFEST_KEY 与发布私钥不配对：按它构建的扩展 ID 是 ${extensionIdOf(Buffer.from(process.env.SEAKIT_MANIFEST_KEY, 'base64'))}，` +
      `而 CRX 的 ID 是 ${appId}。请去掉 SEAKIT_MANIFEST_KEY（发布时自动用私钥的公钥），或换成配对的私钥。`);
  }

  const updatesUrl = new URL('updates.xml', baseUrl).href;
  const buildRoot = path.join(ROOT, '.output/release-build');
  const build = spawnSync(path.join(ROOT, 'node_modules/.bin/wxt'), ['build'], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, SEAKIT_MANIFEST_KEY: manifestKey, SEAKIT_UPDATE_URL: updatesUrl, SEAKIT_OUT_DIR: buildRoot },
  });
  if (build.status !== 0) throw new Error(`构建失败（wxt build 退出码 ${build.status ?? build.signal}）`);
  const extensionDir = path.join(buildRoot, 'chrome-mv3');
  const manifest = JSON.parse(await readFile(path.join(extensionDir, 'manifest.json'), 'utf8'));

  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const crxName = `sea-kit-${manifest.version}.crx`;
  const crxPath = path.join(outDir, crxName);
  // crx3 zips the folder (files at the zip root, as Chrome wants) and signs it with the key file.
  const info = await crx3([extensionDir], { keyPath: keyFile, crxPath });
  if (info.appId && info.appId !== appId) throw new Error(`CRX 的扩展 ID（${info.appId}）与私钥算出的（${appId}）不一致`);
  await chmod(crxPath, 0o644);
  const codebase = new URL(crxName, baseUrl).href;
  await writeFile(path.join(outDir, 'updates.xml'),
    updateManifest({ appId, version: manifest.version, codebase, minChrome: manifest.minimum_chrome_version }));

  console.log([
    `已生成 ${path.relative(process.cwd(), outDir) || '.'}/：${crxName}、updates.xml（版本 ${manifest.version}${dev ? '，开发密钥' : ''}）`,
    `扩展 ID：${appId}`,
    `把两个文件放到 ${baseUrl.href}，策略里写：`,
    `  ExtensionInstallForcelist: "${appId};${updatesUrl}"`,
  ].join('\n'));
}

// Run as a script (not when a test imports extensionIdOf/updateManifest).
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    await main(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof UsageError ? error.message : `发布失败：${error.message}`);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  }
}
