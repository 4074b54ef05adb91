/**
 * Every way a pack can be wrong: each gives its Chinese error with the path, and the database
 * (an installed v3 pack with used snippets, plus a personal snippet) is left exactly as it was.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { SeaKitDb } from '~/utils/db';
import { MAX_PACK_BYTES, PackError, type UnsignedPack } from '~/utils/packs/format';
import { ingestPack } from '~/utils/packs/ingest';
import type { PackSigner } from '~/utils/packs/signing';
import { basePack, freshDb, newSigner, signed, snapshot } from './helpers';
import { changeUse, readSnippet } from '~/utils/snippets/pack-rows';

let db: SeaKitDb;
let lead: PackSigner;
let stranger: PackSigner;

beforeEach(async () => {
  db = await freshDb();
  lead ??= await newSigner();
  stranger ??= await newSigner();
  await ingestPack(JSON.stringify(await signed(basePack(), lead)), { source: 'file', trustedKeys: [lead.publicKey], db });
  await changeUse(db, 'bao-callback:greet', () => ({ useCount: 7 }));
  await db.snippets.add({ id: 'mine', line: '保', owner: '个人', title: '我的话术', text: '个人内容', tags: [],
    createdAt: 1, updatedAt: 1, useCount: 2 });
});

const json = (value: unknown) => JSON.stringify(value);
const edit = (change: (p: any) => void): string => {
  const pack = structuredClone(basePack()) as any;
  change(pack);
  return json(pack);
};

interface Case {
  name: string;
  input: () => Promise<string | Uint8Array> | string | Uint8Array;
  path: string;
  message: RegExp;
  /** Keys IT trusts for this case; default none (signature optional). */
  trusted?: 'lead';
}

const cases: Case[] = [
  { name: 'truncated JSON', input: () => '{"format":1,"id":"bao-callback",', path: '', message: /无法读取：.*(文件末尾|第 1 行)/ },
  { name: 'trailing comma', input: () => '{\n  "format": 1,\n}', path: '', message: /无法读取：第 3 行第 1 列附近：缺少字段名，或多了一个逗号/ },
  { name: 'an array, not an object', input: () => '[]', path: '', message: /这不是 SEA Kit 话术包文件/ },
  { name: 'null', input: () => 'null', path: '', message: /这不是 SEA Kit 话术包文件/ },
  { name: 'a token V8 gives no position for', input: () => '{\n  "format": 1,\n  "id": abc\n}', path: '', message: /第 3 行第 9 列附近/ },
  { name: 'another program\'s JSON', input: () => json({ 'editor.fontSize': 14, 'editor.tabSize': 2, 'files.autoSave': 'on' }), path: '',
    message: /^这不是 SEA Kit 话术包文件（请选择组长发布的话术包 .json 文件）$/ },
  { name: 'a personal backup', input: () => json({ format: 'seakit-personal-snippets', version: 1, exportedAt: '2026-11-26T00:00:00Z', snippets: [] }),
    path: '', message: /这是个人话术备份文件，不是话术包：请到“话术”分区，用“导入备份文件”导入它/ },
  { name: 'not UTF-8', input: () => new Uint8Array([0x7b, 0xb1, 0xa3, 0x7d]), path: '', message: /不是 UTF-8 编码/ },
  { name: 'wrong format version', input: () => edit((p) => (p.format = 2)), path: '/format', message: /新版格式（格式版本 2）.*请联系 IT 升级扩展/ },
  { name: 'format missing', input: () => edit((p) => delete p.format), path: '/format', message: /缺少必填字段/ },
  { name: 'id missing', input: () => edit((p) => delete p.id), path: '/id', message: /缺少必填字段/ },
  { name: 'snippets missing', input: () => edit((p) => delete p.snippets), path: '/snippets', message: /缺少必填字段/ },
  { name: 'version is a string', input: () => edit((p) => (p.version = '4')), path: '/version', message: /应为整数，实际是文字/ },
  { name: 'version is a fraction', input: () => edit((p) => (p.version = 4.5)), path: '/version', message: /应为整数，实际是小数/ },
  { name: 'version zero', input: () => edit((p) => (p.version = 0)), path: '/version', message: /不能小于 1/ },
  { name: 'unknown business line', input: () => edit((p) => (p.line = '车险')), path: '/line', message: /只能是以下之一：保、互助/ },
  { name: 'no snippets', input: () => edit((p) => (p.snippets = [])), path: '/snippets', message: /不能为空/ },
  { name: 'snippet without text', input: () => edit((p) => delete p.snippets[1].text), path: '/snippets/1/text', message: /缺少必填字段/ },
  { name: 'title is a number', input: () => edit((p) => (p.snippets[0].title = 42)), path: '/snippets/0/title', message: /应为文字，实际是整数/ },
  { name: 'tags is a string', input: () => edit((p) => (p.snippets[0].tags = '开场')), path: '/snippets/0/tags', message: /应为列表，实际是文字/ },
  { name: 'duplicate snippet ids', input: () => edit((p) => (p.snippets[1].id = 'greet')), path: '/snippets/1/id', message: /编号「greet」与第 1 条「.+」重复/ },
  { name: 'duplicate shortcuts', input: () => edit((p) => (p.snippets[1].shortcut = 'kcb')), path: '/snippets/1/shortcut', message: /快捷词「kcb」与第 1 条「.+」重复/ },
  { name: 'misspelt field', input: () => edit((p) => { p.snipets = p.snippets; }), path: '/snipets', message: /不认识的字段/ },
  { name: 'id with spaces and slash', input: () => edit((p) => (p.id = 'bao callback/1')), path: '/id', message: /只能用英文字母、数字/ },
  { name: 'impossible date', input: () => edit((p) => (p.updated = '2026-02-30')), path: '/updated', message: /不是真实存在的日期/ },
  { name: 'date with slashes', input: () => edit((p) => (p.updated = '2026/11/20')), path: '/updated', message: /YYYY-MM-DD/ },
  { name: 'shortcut with a space', input: () => edit((p) => (p.snippets[0].shortcut = 'k c')), path: '/snippets/0/shortcut', message: /不能为空或含空格/ },
  { name: 'file over 2 MB', input: () => edit((p) => (p.description = 'x'.repeat(MAX_PACK_BYTES))), path: '', message: /文件太大（2,0\d\d KB），超过了话术包的上限 2 MB（2,048 KB）/ },
  { name: 'too many snippets', input: () => edit((p) => (p.snippets = Array.from({ length: 5001 }, (_, i) => ({ id: `s${i}`, title: `标题${i}`, text: '内容' })))),
    path: '/snippets', message: /最多 5000 项，现有 5001 项/ },
  { name: 'text too long', input: () => edit((p) => (p.snippets[0].text = '长'.repeat(10_001))), path: '/snippets/0/text', message: /最多 10000 个字，现有 10001 个/ },
  { name: 'empty choice placeholder', input: () => edit((p) => (p.snippets[1].text = '请问{选项:}方便吗')), path: '/snippets/1/text', message: /占位符写法有误：「\{选项:\}」没有写选项/ },
  { name: 'unclosed placeholder brace', input: () => edit((p) => (p.snippets[0].text = '您好{投保人，请问')), path: '/snippets/0/text', message: /「\{投保人，请问」的花括号没有闭合.*\{\{ 或 \}\}/ },
  { name: 'phrase without text', input: () => edit((p) => (p.phraseLists[0].phrases = [{ suggestion: '换个说法' }])),
    path: '/phraseLists/0/phrases/0/text', message: /缺少必填字段/ },
  { name: 'unknown phrase list kind', input: () => edit((p) => (p.phraseLists[0].kind = 'bad')), path: '/phraseLists/0/kind', message: /forbidden、caution/ },
  { name: 'tampered after signing', trusted: 'lead', path: '/signature/value', message: /签名不符/,
    input: async () => { const p = await signed(basePack({ version: 4 }), lead); p.snippets[0].text = '改过的内容'; return json(p); } },
  { name: 'signature from another key presented as the lead\'s', trusted: 'lead', path: '/signature/value', message: /签名不符/,
    input: async () => { const p = await signed(basePack({ version: 4 }), stranger); p.signature!.key = lead.publicKey; return json(p); } },
  { name: 'bad signature even when no key is pinned', path: '/signature/value', message: /签名不符/,
    input: async () => { const p = await signed(basePack({ version: 4 }), lead); p.version = 5; return json(p); } },
  { name: 'unsigned while IT pins keys', trusted: 'lead', input: () => json(basePack({ version: 4 })), path: '/signature', message: /缺少签名/ },
  { name: 'signed by a key IT does not trust', trusted: 'lead', path: '/signature/key', message: /不在管理员信任的公钥列表中/,
    input: async () => json(await signed(basePack({ version: 4 }), stranger)) },
  { name: 'malformed signature value', trusted: 'lead', path: '/signature/value', message: /应为 Ed25519 签名/,
    input: async () => { const p = await signed(basePack({ version: 4 }), lead); p.signature!.value = 'abc'; return json(p); } },
  { name: 'unknown signature algorithm', path: '/signature/alg', message: /只能是 "Ed25519"/,
    input: async () => { const p: any = await signed(basePack({ version: 4 }), lead); p.signature.alg = 'RS256'; return json(p); } },
  { name: 'older version', trusted: 'lead', path: '/version', message: /版本 2 比曾经安装过的版本 3 旧/,
    input: async () => json(await signed(basePack({ version: 2 }), lead)) },
  { name: 'same version, changed content', trusted: 'lead', path: '/version', message: /已安装过但内容不同/,
    input: async () => { const p = basePack(); p.snippets[0].text += '（改）'; return json(await signed(p, lead)); } },
];

describe('malformed packs are refused whole, with a Chinese error and its path', () => {
  it('has at least 20 cases', () => expect(cases.length).toBeGreaterThanOrEqual(20));

  for (const c of cases) {
    it(c.name, async () => {
      const before = await snapshot(db);
      const input = await c.input();
      const error = await ingestPack(input, { source: 'file', trustedKeys: c.trusted ? [lead.publicKey] : [], db })
        .then(() => undefined, (e) => e);
      expect(error).toBeInstanceOf(PackError);
      const problems = (error as PackError).problems;
      const hit = problems.find((p) => p.path === c.path);
      expect(hit, `problems: ${JSON.stringify(problems)}`).toBeDefined();
      expect(hit!.message).toMatch(c.message);
      // The user-facing message names the place in Chinese too.
      expect((error as PackError).message).toMatch(/[\u4e00-\u9fa5]/);
      expect(await snapshot(db)).toEqual(before);
    });
  }
});

describe('what a pack may contain', () => {
  it('keeps HTML and script in snippet text as plain text, unchanged', async () => {
    const html = '<img src=x onerror="alert(1)"><script>alert(2)</script>&amp;';
    const pack: UnsignedPack = basePack({ id: 'html-pack', version: 1, snippets: [{ id: 'h', title: '<b>标题</b>', text: html }] });
    await ingestPack(json(pack), { source: 'file', trustedKeys: [], db });
    const row = await readSnippet(db, 'html-pack:h');
    expect(row!.text).toBe(html);
    expect(row!.title).toBe('<b>标题</b>');
  });

  it('lists every bad placeholder of every snippet at once, beside other problems; good ones pass', async () => {
    const input = edit((p) => {
      p.snippets[0].text = '{选项:上午}{日期:今天}';
      p.snippets[1].text = '{投保人';
      p.line = 'x';
    });
    const error = (await ingestPack(input, { source: 'file', trustedKeys: [], db }).catch((e) => e)) as PackError;
    expect(error.problems.map((p) => p.path)).toEqual(['/line', '/snippets/0/text', '/snippets/0/text', '/snippets/1/text']);
    expect(error.message).toContain('话术第 1 条 › 内容（/snippets/0/text）：占位符写法有误：「{选项:上午}」只有一个选项');
    const good = basePack({ id: 'forms', version: 1, snippets: [{ id: 'f', title: '回访预约', text: '{填写:称呼=先生}您好，{日期+1:M月D日}{选项:上午|下午}回访，{{编号}}{cursor}' }] });
    await ingestPack(json(good), { source: 'file', trustedKeys: [], db });
    expect((await readSnippet(db, 'forms:f'))!.text).toBe(good.snippets[0].text);
  });

  it('reports every problem at once, each with its path', async () => {
    const input = edit((p) => { p.version = '9'; p.line = 'x'; delete p.snippets[0].title; });
    const error = (await ingestPack(input, { source: 'file', trustedKeys: [], db }).catch((e) => e)) as PackError;
    expect(error.problems.map((p) => p.path).sort()).toEqual(['/line', '/snippets/0/title', '/version']);
    expect(error.message).toContain('话术第 1 条 › 标题（/snippets/0/title）：缺少必填字段');
  });

  it('refuses a file that is no pack with one problem, its fields only as detail', async () => {
    const error = (await ingestPack(json({ 'editor.fontSize': 14, 'editor.tabSize': 2, 'files.autoSave': 'on', 'git.enabled': true }),
      { source: 'file', trustedKeys: [], db }).catch((e) => e)) as PackError;
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0].detail).toContain('editor.fontSize');
  });

  it('lists schema and duplicate problems together, in place order', async () => {
    const input = edit((p) => {
      p.snippets[0].shortcut = 'k c';
      p.snippets[1].shortcut = 'jsy';
      p.snippets.push({ id: 'greet', title: '又一个', text: '内容', shortcut: 'jsy' });
    });
    const error = (await ingestPack(input, { source: 'file', trustedKeys: [], db }).catch((e) => e)) as PackError;
    const paths = error.problems.map((p) => p.path);
    expect(paths).toEqual(['/snippets/0/shortcut', '/snippets/2/id', '/snippets/2/shortcut']);
    expect(error.problems[2].message).toBe('快捷词「jsy」与第 2 条「回访结束语」重复');
    expect(paths).toEqual([...paths].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })));
  });

  it('accepts a file with a UTF-8 BOM', async () => {
    const pack = basePack({ id: 'bom', version: 1 });
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(json(pack))]);
    await expect(ingestPack(bytes, { source: 'file', trustedKeys: [], db })).resolves.toMatchObject({ changed: true });
  });
});
