/**
 * Products and glossary terms in packs (issue 13 items 5 and 7): the schema and its Chinese problems, the 产品
 * and 术语 sheets with every problem at once in row order, signing, storage, and the same name in two packs.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/universal';
import { PackError, type Pack } from '~/utils/packs/format';
import { parsePack, validatePack } from '~/utils/packs/validate';
import { ingestPack } from '~/utils/packs/ingest';
import { reverifyInstalledPacks } from '~/utils/packs/install';
import { trustPolicyFrom } from '~/utils/packs/trust';
import { verifyPack } from '~/utils/packs/trust';
import { assemblePack } from '~/utils/packs/build';
import { importProducts, importSheet, sheetProblemList, templateXlsx } from '~/utils/packs/sheet';
import { packKnowledge } from '~/utils/knowledge-service';
import { productIndex, productKey, safeProductUrl, sameNamed } from '~/utils/products';
import { basePack, freshDb, newSigner, signed } from './helpers';

const fixture = readFileSync(path.join(__dirname, '../../fixtures/packs/products.json'), 'utf8');
const utf8 = (text: string) => new TextEncoder().encode(text);

function problemsOf(data: unknown): string[] {
  try {
    validatePack(data);
    return [];
  } catch (error) {
    if (!(error instanceof PackError)) throw error;
    return error.message.split('\n');
  }
}

async function xlsx(sheets: Array<{ sheet: string; rows: Array<Array<string | number | null>> }>): Promise<ArrayBuffer> {
  const blob = await writeXlsxFile(sheets.map((s) => ({ sheet: s.sheet, data: s.rows.map((r) => r.map((value) => ({ value }))) })) as any).toBlob();
  return blob.arrayBuffer();
}

const product = (name: string, code: string, extra: Record<string, unknown> = {}) => ({ name, code, insurer: '示例保险', ...extra });

describe('a pack with products', () => {
  it('the demo pack is valid: products with aliases, FAQ and pages, and glossary terms', () => {
    const pack = parsePack(fixture);
    expect(pack.products!.map((p) => p.code)).toEqual(['AX-2025', 'HYB-20', 'BW-2024', 'SE-ZJ', 'ZH-YW', 'CX-YW']);
    expect(pack.products![0].faq).toHaveLength(3);
    expect(pack.glossary).toEqual([{ code: 'UNPAID', term: '待缴费' }, { code: 'AXCX', term: '安心财险' }]);
  });

  it('lists every problem of malformed products at once, in place order, in Chinese', () => {
    const problems = problemsOf({
      ...basePack(),
      products: [
        product('安心医疗', 'AX 1', { url: 'javascript:alert(1)', faq: [{ q: '等待期？' }], extra: 1 }),
        { name: '', code: 'AX-2', aliases: ['安心 医疗'] },
        product('另一个', 'AX-2', { aliases: ['ＡＢＣ', 'abc'] }),
        'not an object',
      ],
      glossary: [{ code: 'Y', term: '是' }, { code: 'y', term: '否' }, { code: 'N' }],
    });
    expect(problems).toEqual([
      '术语第 2 条 › 代码（/glossary/1/code）：代码「Y」与第 1 条重复',
      '术语第 3 条 › 含义（/glossary/2/term）：缺少必填字段',
      '产品第 1 条 › 代码（/products/0/code）：不能为空或含空格，最多 40 个字符',
      '产品第 1 条 › extra（/products/0/extra）：不认识的字段（v1 格式不允许多余字段，请检查拼写）',
      '产品第 1 条 › 常见问题第 1 条 › 回答（/products/0/faq/0/a）：缺少必填字段',
      '产品第 1 条 › 产品页面（/products/0/url）：应为 http:// 或 https:// 开头的网址，不含空格',
      '产品第 2 条 › 别名第 1 条（/products/1/aliases/0）：「安心 医疗」与第 1 条「安心医疗」重复（名称和别名不能指向两个产品）',
      '产品第 2 条 › 保险公司（/products/1/insurer）：缺少必填字段',
      '产品第 2 条 › 名称（/products/1/name）：不能为空',
      '产品第 3 条 › 别名第 2 条（/products/2/aliases/1）：「abc」在这个产品里写了两次',
      '产品第 3 条 › 代码（/products/2/code）：代码「AX-2」与第 2 条重复',
      '产品第 4 条（/products/3）：应为对象，实际是文字',
    ]);
  });

  it('products are signed content: changing one FAQ answer breaks the signature', async () => {
    const signer = await newSigner();
    const pack = await signed({ ...(JSON.parse(fixture) as Pack) }, signer);
    await expect(verifyPack(pack, [signer.publicKey])).resolves.toBe(signer.publicKey);
    const edited = structuredClone(pack);
    edited.products![0].faq![0].a = '等待期 0 天';
    await expect(verifyPack(edited, [signer.publicKey])).rejects.toThrow(/签名不符/);
    const glossaryEdited = structuredClone(pack);
    glossaryEdited.glossary![0].term = '已缴费';
    await expect(verifyPack(glossaryEdited, [signer.publicKey])).rejects.toThrow(/签名不符/);
  });
});

describe('installed products', () => {
  it('are kept with the pack; a pack installed before products existed reads as none; a disabled pack gives none', async () => {
    const db = await freshDb();
    await ingestPack(fixture, { source: 'file', db });
    const stored = await db.packs.get('demo-products');
    expect((stored!.products as unknown[]).length).toBe(6);
    // An old row (no products field, as before this version): no crash, no products.
    await db.packs.put({ id: 'old', name: '旧包', line: '保', version: 1, author: 'a', updated: '2026-01-01', source: 'file', installedAt: 1 });
    const knowledge = await packKnowledge(db);
    expect(knowledge.products.map((p) => p.packId)).toEqual(Array(6).fill('demo-products'));
    expect(knowledge.products[0]).toMatchObject({ name: '安心百万医疗险（2025版）', code: 'AX-2025', insurer: '安心财产保险', url: 'https://example.com/products/ax-2025' });
    expect(knowledge.products[3]).toMatchObject({ name: '少儿重疾险', faq: [], aliases: [] });
    expect(knowledge.glossary).toHaveLength(2);

    // IT pins a key the pack is not signed with: the pack is switched off, its products go with it.
    await reverifyInstalledPacks(trustPolicyFrom({ trustedKeys: ['E9ddaRvIJg5cgqlLCRif5nff5rX5vwnobr/86pNs4hA='] }), true, db);
    expect(await packKnowledge(db)).toEqual({ products: [], glossary: [] });
  });

  it('a new version with malformed products is refused in Chinese and the installed products stay as they were', async () => {
    const db = await freshDb();
    await ingestPack(fixture, { source: 'file', db });
    const before = await packKnowledge(db);
    const broken = { ...(JSON.parse(fixture) as Pack), version: 2 };
    broken.products = [...broken.products!, { name: '安心 百万医疗险', code: 'X 1', insurer: '' } as never];
    await expect(ingestPack(JSON.stringify(broken), { source: 'file', db })).rejects.toThrow(
      /产品第 7 条 › 代码（\/products\/6\/code）：不能为空或含空格[\s\S]*产品第 7 条 › 保险公司（\/products\/6\/insurer）：不能为空[\s\S]*产品第 7 条 › 名称（\/products\/6\/name）：「安心 百万医疗险」与第 1 条「安心百万医疗险（2025版）」重复/);
    expect(await packKnowledge(db)).toEqual(before);
    expect((await db.packs.get('demo-products'))!.version).toBe(1);
  });

  it('the same name or alias in two packs: the pack installed first wins, whatever order the database reads, and nothing throws', async () => {
    const db = await freshDb();
    const first = basePack({ id: 'team-a', products: [product('安心医疗', 'A-1', { aliases: ['安心'] }), product('畅行', 'A-2')] });
    const second = basePack({ id: 'team-b', products: [product('安心', 'B-1', { aliases: ['安心医疗'] }), product('畅 行', 'B-2')] });
    // 'team-b' sorts after 'team-a' but is installed first here.
    await ingestPack(JSON.stringify(second), { source: 'file', db });
    await new Promise((r) => setTimeout(r, 5));
    await ingestPack(JSON.stringify(first), { source: 'file', db });
    const { products } = await packKnowledge(db);
    expect(products.map((p) => p.code)).toEqual(['B-1', 'B-2', 'A-1', 'A-2']);
    const index = productIndex(products);
    // A product's own name beats another pack's alias; between two names (畅行), the first installed pack.
    expect(index.get(productKey('安心'))!.code).toBe('B-1');
    expect(index.get(productKey('安心医疗'))!.code).toBe('A-1');
    expect(index.get(productKey('畅行'))!.code).toBe('B-2');
    expect(sameNamed(products, index.get(productKey('畅行'))!).map((p) => p.code)).toEqual(['A-2']);

    // Updating the first pack keeps its place (first installed, not last updated).
    await ingestPack(JSON.stringify({ ...second, version: 4 }), { source: 'file', db });
    expect((await packKnowledge(db)).products[0].code).toBe('B-1');
  });

  it('matches names with odd spacing and full-width characters; opens only http(s) pages', () => {
    expect(productKey(' 安心百万医疗险（２０２５版） ')).toBe(productKey('安心百万医疗险 (2025版)'));
    expect(productKey('Ａ Ｂ\u3000c')).toBe('abc');
    expect(safeProductUrl('https://example.com/p?a=1')).toBe('https://example.com/p?a=1');
    expect(safeProductUrl('HTTP://example.com')).toBe('http://example.com/');
    for (const bad of ['javascript:alert(1)', 'data:text/html,x', '/relative', 'ftp://x', '', undefined]) expect(safeProductUrl(bad)).toBeUndefined();
  });
});

describe('the 产品 and 术语 sheets', () => {
  it('reads products, aliases, pages and FAQ rows under their product, and glossary terms', async () => {
    const buffer = await xlsx([
      { sheet: '话术', rows: [['标题', '内容'], ['问候', '您好']] },
      { sheet: '产品', rows: [
        ['产品名称', '别名', '产品代码', '保险公司', '产品页面', '常见问题', '回答'],
        ['安心百万医疗险', '安心医疗、安心医疗2025', 'AX-1', '安心财险', 'https://example.com/ax', '等待期多久？', '30 天'],
        [null, null, null, null, null, '门诊能报吗？', '住院前后门诊可以'],
        [null, null, null, null, null, null, null],
        ['少儿重疾险', null, 'SE-1', '示例人寿', null, null, null],
      ] },
      { sheet: '术语', rows: [['代码', '含义'], ['ZA', '众安'], ['RENEW_OK', '续保成功']] },
    ]);
    const sheet = await importSheet(buffer, '话术.xlsx');
    expect(sheet.problems).toEqual([]);
    expect(sheet.products!.problems).toEqual([]);
    expect(sheet.products!.products).toEqual([
      { name: '安心百万医疗险', aliases: ['安心医疗', '安心医疗2025'], code: 'AX-1', insurer: '安心财险', url: 'https://example.com/ax',
        faq: [{ q: '等待期多久？', a: '30 天' }, { q: '门诊能报吗？', a: '住院前后门诊可以' }] },
      { name: '少儿重疾险', code: 'SE-1', insurer: '示例人寿' },
    ]);
    expect(sheet.products!.rows).toEqual([{ row: 2, faq: [2, 3] }, { row: 5, faq: [] }]);
    expect(sheet.glossary!.glossary).toEqual([{ code: 'ZA', term: '众安' }, { code: 'RENEW_OK', term: '续保成功' }]);
    const pack = validatePack(assemblePack({ id: 'p', name: '产品包', line: '保', version: 1, author: '组长', updated: '2026-11-26' },
      sheet.snippets, [], { products: sheet.products!.products, glossary: sheet.glossary!.glossary }));
    expect(pack.products).toHaveLength(2);
  });

  it('lists every problem at once, sheet by sheet in row order, each with its row and product, nothing dropped', async () => {
    const buffer = await xlsx([
      { sheet: '话术', rows: [['标题', '内容'], ['问候', '您好'], ['', '没有标题']] },
      { sheet: '产品', rows: [
        ['产品名称', '别名', '产品代码', '保险公司', '产品页面', '常见问题', '回答'],
        [null, null, null, null, null, '没有产品的问题', '答'],
        ['安心医疗', null, 'AX-1', '安心财险', 'javascript:alert(1)', '等待期？', null],
        ['畅行意外险', '安心医疗', '', '', null, null, null],
        [null, null, null, null, null, '有问题', '<b>答</b>'],
        ['少儿重疾险', null, 'AX 1', '示例人寿', 'https://example.com/se', null, null],
      ] },
      { sheet: '术语', rows: [['代码', '含义'], ['ZA', ''], ['Y', '是'], ['y', '否']] },
    ]);
    const sheet = await importSheet(buffer, '话术.xlsx');
    let packProblems: PackError['problems'] = [];
    try {
      validatePack(assemblePack({ id: 'p', name: '产品包', line: '保', version: 1, author: '组长', updated: '2026-11-26' },
        sheet.snippets, [], { products: sheet.products!.products, glossary: sheet.glossary!.glossary }));
    } catch (error) {
      packProblems = (error as PackError).problems;
    }
    expect(sheetProblemList(sheet, packProblems).map((p) => p.text)).toEqual([
      '第 3 行：“标题”为空',
      '产品表第 2 行：有“常见问题”但上面没有产品：先写一行产品（产品名称、产品代码、保险公司），问题写在它下面',
      '产品表第 3 行：有“常见问题”但“回答”为空',
      '产品表第 3 行「安心医疗」 › 产品页面：应为 http:// 或 https:// 开头的网址，不含空格',
      '产品表第 4 行：“产品代码”、“保险公司”为空',
      '产品表第 4 行「畅行意外险」 › 别名第 1 条：「安心医疗」与第 3 行「安心医疗」重复（名称和别名不能指向两个产品）',
      '产品表第 6 行「少儿重疾险」 › 代码：不能为空或含空格，最多 40 个字符',
      '术语表第 2 行：“含义”为空',
      '术语表第 4 行 › 代码：代码「Y」与第 3 行重复',
    ]);
    // The FAQ with markup-like text is read as it was typed (it is shown as text, never HTML).
    expect(sheet.products!.products[1].faq).toEqual([{ q: '有问题', a: '<b>答</b>' }]);
  });

  it('a 产品 sheet without its required columns is one problem, and the snippets still read', async () => {
    const buffer = await xlsx([
      { sheet: '话术', rows: [['标题', '内容'], ['问候', '您好']] },
      { sheet: '产品', rows: [['名称', '代码'], ['安心', 'AX']] },
    ]);
    const sheet = await importSheet(buffer, '话术.xlsx');
    expect(sheet.snippets).toHaveLength(1);
    expect(sheetProblemList(sheet, []).map((p) => p.text)).toEqual([
      '产品表缺少“产品名称”、“产品代码”、“保险公司”列：第 1 行（表头）应为 产品名称 / 别名 / 产品代码 / 保险公司 / 产品页面 / 常见问题 / 回答；可下载模板对照',
    ]);
  });

  it('a separate product CSV reads the same way; the Excel template has 产品 and 术语 sheets that import cleanly', async () => {
    const csv = await importProducts(utf8('\uFEFF产品名称,产品代码,保险公司,常见问题,回答\n畅行意外险,CX-1,安心财险,网约车保吗？,保\n'), '产品.csv');
    expect(csv.products).toEqual([{ name: '畅行意外险', code: 'CX-1', insurer: '安心财险', faq: [{ q: '网约车保吗？', a: '保' }] }]);
    const template = await importSheet(await (await templateXlsx()).arrayBuffer(), '模板.xlsx');
    expect(template.products!.products.length).toBeGreaterThan(0);
    expect(template.glossary!.glossary.length).toBeGreaterThan(0);
    expect(() => validatePack(assemblePack({ id: 'tpl', name: '模板', line: '保', version: 1, author: '组长', updated: '2026-11-20' },
      template.snippets, template.phrases, { products: template.products!.products, glossary: template.glossary!.glossary }))).not.toThrow();
  });
});
