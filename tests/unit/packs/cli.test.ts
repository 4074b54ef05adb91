// @vitest-environment node
/** The Node CLI (npm run pack) end to end: its packs install in the extension's code path. */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestPack } from '~/utils/packs/ingest';
import { freshDb } from './helpers';
import { readPackSnippets } from '~/utils/snippets/pack-rows';

const run = promisify(execFile);
let dir: string;

async function pack(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return packIn(process.cwd(), {}, ...args);
}

/** The CLI run from `cwd` (with extra environment, e.g. npm's INIT_CWD). */
async function packIn(cwd: string, env: Record<string, string>, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [path.resolve('scripts/pack.mjs'), ...args], { cwd, env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error: any) {
    return { code: error.code, stdout: error.stdout, stderr: error.stderr };
  }
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'seakit-cli-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('npm run pack', () => {
  it('keygen → template → build --key → verify, and the pack installs with that key trusted', async () => {
    const key = path.join(dir, 'lead.pem');
    const keygen = await pack('keygen', '--out', key);
    expect(keygen.code).toBe(0);
    const publicKey = keygen.stdout.trim().split('\n').pop()!;
    expect(publicKey).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect((await stat(key)).mode & 0o777).toBe(0o600);
    expect((await pack('pubkey', '--key', key)).stdout.trim()).toBe(publicKey);
    expect((await pack('keygen', '--out', key)).code).toBe(2); // never overwrites a key

    const sheet = path.join(dir, '模板.xlsx');
    expect((await pack('template', '--out', sheet)).code).toBe(0);
    const out = path.join(dir, 'tpl-v1.json');
    const built = await pack('build', '--sheet', sheet, '--id', 'tpl', '--name', '模板包', '--line', '互助', '--version', '1',
      '--author', '王组长', '--updated', '2026-11-20', '--key', key, '--out', out);
    expect(built.stderr).toBe('');
    expect(built.stdout).toContain('3 条话术，3 条禁语，2 个产品，2 条术语，已签名');

    expect((await pack('verify', out, '--trusted', publicKey)).stdout).toContain(`签名有效，公钥 ${publicKey}`);
    const db = await freshDb();
    const { pack: installed } = await ingestPack(await readFile(out), { source: 'file', trustedKeys: [publicKey], db });
    expect(installed).toMatchObject({ id: 'tpl', line: '互助', signer: publicKey, updated: '2026-11-20' });
    expect(await readPackSnippets(db, 'tpl').then((r) => r.length)).toBe(3);

    // A pack edited after signing fails verify (exit 1, Chinese reason); sign fixes it.
    const edited = JSON.parse(await readFile(out, 'utf8'));
    edited.snippets[0].text = '改过';
    await writeFile(out, JSON.stringify(edited));
    const refused = await pack('verify', out);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('签名不符');
    expect((await pack('sign', out, '--key', key)).code).toBe(0);
    expect((await pack('verify', out, '--trusted', publicKey)).code).toBe(0);
    // Nine CLI runs: a correctness check, with room for a loaded machine (how fast the CLI is, is not a test's question).
  }, 240_000);

  it('reports sheet and pack problems in Chinese with sheet rows, exit 1', async () => {
    const csv = path.join(dir, 'bad.csv');
    await writeFile(csv, '分类,标题,内容,快捷词\n开场,问候,您好,k\n开场,,没有标题,\n结束,再见,再见,k\n开场,问候,又一个问候,k k\n');
    const result = await pack('build', '--sheet', csv, '--id', 'x', '--name', 'x', '--line', '保', '--version', '2', '--author', 'a', '--out', path.join(dir, 'x.json'));
    expect(result.code).toBe(1);
    // Every problem in one run, in row order, by row and title: the bad shortcut does not hide the duplicates.
    const lines = result.stderr.split('\n').filter((l) => l.includes('表格第'));
    expect(lines.map((l) => /表格第 (\d+) 行/.exec(l)![1])).toEqual(['3', '4', '5', '5']);
    expect(result.stderr).toContain('表格第 3 行：“标题”为空');
    expect(result.stderr).toContain('表格第 4 行「再见」 › 快捷词：快捷词「k」与第 2 行「问候」重复');
    expect(result.stderr).toContain('表格第 5 行「问候」 › 编号：标题「问候」与第 2 行重复');
    expect(result.stderr).toContain('表格第 5 行「问候」 › 快捷词：不能为空或含空格');
    expect(result.stderr).not.toMatch(/s-[0-9a-f]{12}」/);
    const badVersion = await pack('build', '--sheet', csv, '--id', 'x', '--name', 'x', '--line', '保', '--version', 'v2', '--author', 'a', '--out', path.join(dir, 'x.json'));
    expect(badVersion.code).toBe(2);
    expect(badVersion.stderr).toContain('--version 应为正整数');
  }, 30_000);

  it('builds a pack with products and glossary from the 产品 and 术语 sheets; a bad --products file lists every row, exit 1', async () => {
    const { default: writeXlsxFile } = await import('write-excel-file/universal');
    const cells = (rows: Array<Array<string | null>>) => rows.map((r) => r.map((value) => ({ value })));
    const sheet = path.join(dir, '产品包.xlsx');
    await writeFile(sheet, new Uint8Array(await (await writeXlsxFile([
      { sheet: '话术', data: cells([['标题', '内容'], ['等待期说明', '等待期 30 天']]) },
      { sheet: '产品', data: cells([['产品名称', '别名', '产品代码', '保险公司', '产品页面', '常见问题', '回答'],
        ['安心百万医疗险（2025版）', '安心医疗', 'AX-2025', '安心财险', 'https://example.com/ax', '等待期多久？', '30 天'],
        [null, null, null, null, null, '门诊能报吗？', '住院前后可以']]) },
      { sheet: '术语', data: cells([['代码', '含义'], ['UNPAID', '待缴费']]) },
    ] as any).toBlob()).arrayBuffer()));
    const out = path.join(dir, 'products-v1.json');
    const built = await pack('build', '--sheet', sheet, '--id', 'products', '--name', '产品知识', '--line', '保', '--version', '1',
      '--author', '李组长', '--updated', '2026-11-26', '--out', out);
    expect(built.stderr).toBe('');
    expect(built.stdout).toContain('1 条话术，1 个产品，1 条术语，未签名');
    const written = JSON.parse(await readFile(out, 'utf8'));
    expect(written.products).toEqual([{ name: '安心百万医疗险（2025版）', aliases: ['安心医疗'], code: 'AX-2025', insurer: '安心财险',
      url: 'https://example.com/ax', faq: [{ q: '等待期多久？', a: '30 天' }, { q: '门诊能报吗？', a: '住院前后可以' }] }]);
    expect(written.glossary).toEqual([{ code: 'UNPAID', term: '待缴费' }]);
    expect((await pack('verify', out)).stdout).toContain('1 条话术，1 个产品；未签名');

    const bad = path.join(dir, '产品.csv');
    await writeFile(bad, '产品名称,别名,产品代码,保险公司,产品页面,常见问题,回答\n安心医疗,,AX 1,安心财险,ftp://x,,\n,,,,,问题,\n畅行,安心医疗,,示例,,,\n');
    const refused = await pack('build', '--sheet', sheet, '--products', bad, '--id', 'products', '--name', '产品知识', '--line', '保',
      '--version', '2', '--author', '李组长', '--out', path.join(dir, 'refused.json'));
    expect(refused.code).toBe(1);
    expect(refused.stderr.split('\n').filter((l) => l.includes('产品表')).map((l) => l.trim())).toEqual([
      '- 产品表第 2 行「安心医疗」 › 代码：不能为空或含空格，最多 40 个字符（/products/0/code：不能为空或含空格，最多 40 个字符）',
      '- 产品表第 2 行「安心医疗」 › 产品页面：应为 http:// 或 https:// 开头的网址，不含空格（/products/0/url：应为 http:// 或 https:// 开头的网址，不含空格）',
      '- 产品表第 3 行：有“常见问题”但“回答”为空',
      '- 产品表第 4 行：“产品代码”为空',
      '- 产品表第 4 行「畅行」 › 别名第 1 条：「安心医疗」与第 2 行「安心医疗」重复（名称和别名不能指向两个产品）（/products/1/aliases/0：「安心医疗」与第 1 条「安心医疗」重复（名称和别名不能指向两个产品））',
    ]);
    await expect(stat(path.join(dir, 'refused.json'))).rejects.toThrow();
  }, 60_000);

  it('a sheet without a 内容 column is one problem, named plainly', async () => {
    const csv = path.join(dir, 'no-text.csv');
    await writeFile(csv, '分类,标题,快捷词\n开场,问候,k\n');
    const result = await pack('build', '--sheet', csv, '--id', 'x', '--name', 'x', '--line', '保', '--version', '2', '--author', 'a', '--out', path.join(dir, 'y.json'));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('表格缺少“内容”列');
    expect(result.stderr.trim().split('\n')).toHaveLength(2);
  }, 30_000);

  it('says 未知命令 for an unknown command, and reads and writes files where it was run (INIT_CWD under npm)', async () => {
    const unknown = await pack('biuld');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('未知命令：biuld');
    // npm runs scripts from the repo root; INIT_CWD is where the lead typed the command.
    const viaNpm = await packIn(process.cwd(), { INIT_CWD: dir }, 'template', '--out', 'npm-模板.csv');
    expect(viaNpm.code).toBe(0);
    expect((await stat(path.join(dir, 'npm-模板.csv'))).isFile()).toBe(true);
    const direct = await packIn(dir, { INIT_CWD: '' }, 'verify', 'npm-模板.csv');
    expect(direct.stderr).not.toContain('读不到文件');
  }, 30_000);
});
