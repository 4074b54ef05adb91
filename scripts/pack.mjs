#!/usr/bin/env node
// 话术包命令行工具（组长/自动化用），与设置页“组长”分区同一套代码：utils/packs/*.ts（经 Vite 加载）。
// Usage: npm run pack -- <command> [options]; `npm run pack -- help` prints the commands (docs/packs.md).
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { generateKeyPairSync, createPrivateKey, createPublicKey } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createServer } from 'vite';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Where the lead ran the command: npm runs scripts from the repo root and keeps the caller's folder in INIT_CWD. */
const CWD = process.env.INIT_CWD || process.cwd();
/** A file named on the command line, relative to where the command was run. */
const here = (file) => path.resolve(CWD, file);

const HELP = `SEA Kit 话术包工具

  npm run pack -- keygen --out 组长私钥.pem
      生成 Ed25519 签名密钥（PKCS#8 PEM，仅本人可读），并打印公钥（交给 IT 填入 trustedKeys）。
  npm run pack -- pubkey --key 组长私钥.pem
      打印私钥对应的公钥。
  npm run pack -- build --sheet 话术.xlsx --id bao-callback --name 保险回访话术 --line 保 --version 3 \\
      --author 王组长 [--updated 2026-11-20] [--description 说明] [--phrases 服务禁语.csv] [--products 产品.csv]
      [--key 组长私钥.pem] --out 包.json
      从表格（CSV 或 XLSX，列：分类/标题/内容/快捷词/标签）生成话术包；给了 --key 就同时签名。
      XLSX 里名为“产品”的表（产品名称/别名/产品代码/保险公司/产品页面/常见问题/回答）和“术语”表（代码/含义）一并读入；
      --products 另给一个产品表（CSV，或 XLSX 的“产品”表）。
  npm run pack -- sign 包.json --key 组长私钥.pem [--out 已签名.json]
      给已有的话术包签名（不改内容；原签名被替换）。
      私钥可以是设置页“组长”分区导出的加密密钥文件：口令放在环境变量 SEAKIT_KEY_PASSPHRASE 中。
  npm run pack -- verify 包.json [--trusted 公钥 ...]
      检查格式与签名；给了 --trusted 时只认这些公钥。
  npm run pack -- template --out 话术包模板.xlsx   （或 .csv）
      写出表格模板。

出错时以中文列出每个问题及其位置，退出码 1；用法错误退出码 2。`;

class UsageError extends Error {}

/** Loads the shared TypeScript modules through Vite (the same code the extension runs). */
async function loadModules() {
  const server = await createServer({
    root: ROOT, configFile: false, logLevel: 'silent', appType: 'custom',
    server: { middlewareMode: true, hmr: false, watch: null }, optimizeDeps: { noDiscovery: true, include: [] },
  });
  // One after another: concurrent loads can instantiate a shared module twice (two PackError classes).
  const modules = {};
  for (const name of ['format', 'validate', 'signing', 'trust', 'sheet', 'build']) {
    modules[name] = await server.ssrLoadModule(path.join(ROOT, `utils/packs/${name}.ts`));
  }
  return { ...modules, close: () => server.close() };
}

/** The CLI's key: a PKCS#8 PEM file; WebCrypto signs with it (non-extractable once imported). */
async function signerFromPem(m, file) {
  const pem = await readFile(here(file), 'utf8').catch(() => {
    throw new UsageError(`读不到私钥文件 ${file}`);
  });
  let keyObject;
  try {
    // A key exported from the options page is encrypted: its passphrase comes from the environment.
    keyObject = createPrivateKey({ key: pem, passphrase: process.env.SEAKIT_KEY_PASSPHRASE });
  } catch {
    throw new UsageError(pem.includes('ENCRYPTED PRIVATE KEY')
      ? `${file} 有口令保护：请设置环境变量 SEAKIT_KEY_PASSPHRASE 为导出时的口令（或口令不对）`
      : `${file} 不是 PEM 格式的私钥`);
  }
  if (keyObject.asymmetricKeyType !== 'ed25519') throw new UsageError(`${file} 不是 Ed25519 私钥`);
  const der = keyObject.export({ format: 'der', type: 'pkcs8' });
  const rawPublic = createPublicKey(keyObject).export({ format: 'der', type: 'spki' }).subarray(-32);
  const privateKey = await crypto.subtle.importKey('pkcs8', der, { name: 'Ed25519' }, false, ['sign']);
  const publicKey = await crypto.subtle.importKey('raw', rawPublic, { name: 'Ed25519' }, true, ['verify']);
  return m.signing.signerFromCryptoKeys({ privateKey, publicKey });
}

async function readPackFile(m, file) {
  const bytes = await readFile(here(file)).catch(() => {
    throw new UsageError(`读不到文件 ${file}`);
  });
  return m.validate.parsePack(new Uint8Array(bytes));
}

async function writeJson(file, value) {
  await writeFile(here(file), JSON.stringify(value, null, 2) + '\n');
}

function need(values, ...names) {
  for (const name of names) if (!values[name]) throw new UsageError(`缺少参数 --${name}`);
}

const commands = {
  async keygen(m, { values }) {
    need(values, 'out');
    const { privateKey } = generateKeyPairSync('ed25519');
    await writeFile(here(values.out), privateKey.export({ format: 'pem', type: 'pkcs8' }), { flag: 'wx' }).catch((e) => {
      throw new UsageError(e.code === 'EEXIST' ? `${values.out} 已存在，不覆盖` : `无法写入 ${values.out}：${e.message}`);
    });
    await chmod(here(values.out), 0o600);
    const signer = await signerFromPem(m, values.out);
    console.log(`私钥已写入 ${values.out}（请妥善保管，不要提交到代码库）\n公钥（交给 IT 填入 trustedKeys）：\n${signer.publicKey}`);
  },

  async pubkey(m, { values }) {
    need(values, 'key');
    console.log((await signerFromPem(m, values.key)).publicKey);
  },

  async build(m, { values }) {
    need(values, 'sheet', 'id', 'name', 'line', 'version', 'author', 'out');
    const bytes = await readFile(here(values.sheet)).catch(() => {
      throw new UsageError(`读不到表格 ${values.sheet}`);
    });
    const sheet = await m.sheet.importSheet(new Uint8Array(bytes), values.sheet);
    let phrases = sheet.phrases;
    const phraseProblems = [];
    if (values.phrases) {
      const file = await readFile(here(values.phrases)).catch(() => {
        throw new UsageError(`读不到服务禁语表 ${values.phrases}`);
      });
      const result = await m.sheet.importPhrases(new Uint8Array(file), values.phrases);
      phrases = result.phrases;
      phraseProblems.push(...result.problems.map((p) => `服务禁语表：${p.message}`));
    }
    let products = sheet.products;
    if (values.products) {
      const file = await readFile(here(values.products)).catch(() => {
        throw new UsageError(`读不到产品表 ${values.products}`);
      });
      products = await m.sheet.importProducts(new Uint8Array(file), values.products);
    }
    if (!/^\d+$/.test(values.version)) throw new UsageError('--version 应为正整数，且每次发布都要比上一版大');
    const version = Number(values.version);
    const unsigned = m.build.assemblePack(
      { id: values.id, name: values.name, line: values.line, version, author: values.author, updated: values.updated, description: values.description },
      sheet.snippets, phrases, { products: products?.products, glossary: sheet.glossary?.glossary });
    let packProblems = [];
    try {
      m.validate.validatePack(unsigned);
    } catch (error) {
      if (!(error instanceof m.format.PackError)) throw error;
      packProblems = error.problems;
    }
    // Every problem at once, in row order, named by row and title (the same list as the 组长 section).
    const problems = [
      ...m.sheet.sheetProblemList({ ...sheet, products }, packProblems).map((p) => (p.row && !p.sheet ? `表格${p.text}` : p.text) + (p.detail ? `（${p.detail}）` : '')),
      ...phraseProblems,
    ];
    if (problems.length) throw new m.format.PackError(problems.map((message) => ({ path: '', message })));
    const pack = values.key ? await m.signing.signPack(unsigned, await signerFromPem(m, values.key)) : unsigned;
    await writeJson(values.out, pack);
    const extra = [phrases.length && `${phrases.length} 条禁语`, pack.products?.length && `${pack.products.length} 个产品`,
      pack.glossary?.length && `${pack.glossary.length} 条术语`].filter(Boolean).map((t) => `，${t}`).join('');
    console.log(`已生成 ${values.out}：${pack.name} 版本 ${pack.version}，${pack.snippets.length} 条话术${extra}，${pack.signature ? '已签名' : '未签名'}`);
  },

  async sign(m, { values, positionals }) {
    const file = positionals[0];
    if (!file) throw new UsageError('请给出要签名的话术包文件');
    need(values, 'key');
    const pack = await m.signing.signPack(await readPackFile(m, file), await signerFromPem(m, values.key));
    await writeJson(values.out ?? file, pack);
    console.log(`已签名 ${values.out ?? file}（公钥 ${pack.signature.key}）`);
  },

  async verify(m, { values, positionals }) {
    const file = positionals[0];
    if (!file) throw new UsageError('请给出要检查的话术包文件');
    const pack = await readPackFile(m, file);
    const signer = await m.trust.verifyPack(pack, values.trusted ?? []);
    console.log(`格式正确：${pack.name}（${pack.id}）版本 ${pack.version}，${pack.snippets.length} 条话术${pack.products?.length ? `，${pack.products.length} 个产品` : ''}；${signer ? `签名有效，公钥 ${signer}` : '未签名'}`);
  },

  async template(m, { values }) {
    need(values, 'out');
    const content = m.sheet.isXlsx(values.out)
      ? new Uint8Array(await (await m.sheet.templateXlsx()).arrayBuffer())
      : m.sheet.templateCsv();
    await writeFile(here(values.out), content);
    console.log(`模板已写入 ${values.out}`);
  },
};

async function main(argv) {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help') {
    console.log(HELP);
    return 0;
  }
  if (!commands[command]) {
    console.error(`未知命令：${command}（可用命令：${Object.keys(commands).join('、')}）\n\n${HELP}`);
    return 2;
  }
  let args;
  try {
    args = parseArgs({
      args: rest, allowPositionals: true,
      options: {
        out: { type: 'string' }, key: { type: 'string' }, sheet: { type: 'string' }, phrases: { type: 'string' }, products: { type: 'string' },
        id: { type: 'string' }, name: { type: 'string' }, line: { type: 'string' }, version: { type: 'string' },
        author: { type: 'string' }, updated: { type: 'string' }, description: { type: 'string' },
        trusted: { type: 'string', multiple: true },
      },
    });
  } catch (error) {
    console.error(`参数有误：${error.message}\n\n${HELP}`);
    return 2;
  }
  const m = await loadModules();
  try {
    await commands[command](m, args);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(error.message);
      return 2;
    }
    if (error instanceof m.format.PackError) {
      console.error(`话术包有问题：\n${error.problems.map((p) => `  - ${m.format.formatProblem(p)}`).join('\n')}`);
      return 1;
    }
    throw error;
  } finally {
    await m.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
