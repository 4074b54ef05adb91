// @vitest-environment node
import { describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/universal';
import { validatePack } from '~/utils/packs/validate';
import { importPhrases, importSheet, sheetProblemList, templateCsv, templateSnippetRows, templateXlsx } from '~/utils/packs/sheet';
import type { PackError, PackProblem } from '~/utils/packs/format';

const utf8 = (text: string) => new TextEncoder().encode(text);

async function xlsx(sheets: Array<{ sheet: string; rows: Array<Array<string | number | null>> }>): Promise<ArrayBuffer> {
  const blob = await writeXlsxFile(sheets.map((s) => ({ sheet: s.sheet, data: s.rows.map((r) => r.map((value) => ({ value }))) })) as any).toBlob();
  return blob.arrayBuffer();
}

describe('importing a lead\'s sheet', () => {
  it('reads CSV with a BOM, quoted commas and line breaks; 分类 becomes the first tag', async () => {
    const csv = '\uFEFF分类,标题,内容,快捷词,标签\r\n开场,回访开场白,"您好，请问,方便吗？\n第二行",kcb,"回访，开场、电话"\r\n,,,,\r\n结束,结束语,再见,,\r\n';
    const result = await importSheet(utf8(csv), '话术.csv');
    expect(result.problems).toEqual([]);
    expect(result.snippets).toEqual([
      { id: expect.stringMatching(/^s-[0-9a-f]{12}$/), title: '回访开场白', text: '您好，请问,方便吗？\n第二行', shortcut: 'kcb', tags: ['开场', '回访', '电话'] },
      { id: expect.stringMatching(/^s-[0-9a-f]{12}$/), title: '结束语', text: '再见', tags: ['结束'] },
    ]);
    expect(result.rowOf).toEqual([2, 4]);
  });

  it('reads a CSV that Excel on Chinese Windows saved in GB18030', async () => {
    // "标题,内容\n问候,您好" in GB18030.
    const gbk = new Uint8Array([0xb1, 0xea, 0xcc, 0xe2, 0x2c, 0xc4, 0xda, 0xc8, 0xdd, 0x0a, 0xce, 0xca, 0xba, 0xf2, 0x2c, 0xc4, 0xfa, 0xba, 0xc3]);
    const result = await importSheet(gbk, 'a.csv');
    expect(result.snippets.map((s) => [s.title, s.text])).toEqual([['问候', '您好']]);
  });

  it('keeps ids stable across imports (use counts survive) and honours an explicit 编号 column', async () => {
    const a = await importSheet(utf8('分类,标题,内容\n开场,问候,您好\n'), 'a.csv');
    const b = await importSheet(utf8('分类,标题,内容\n开场,问候,您好！（改了内容）\n'), 'b.csv');
    expect(a.snippets[0].id).toBe(b.snippets[0].id);
    const c = await importSheet(utf8('编号,标题,内容\ngreet-1,问候,您好\n'), 'c.csv');
    expect(c.snippets[0].id).toBe('greet-1');
  });

  it('reports rows without 标题 or 内容 by their Excel row number, and a missing header', async () => {
    const result = await importSheet(utf8('分类,标题,内容\n开场,,您好\n开场,问候,\n开场,好的,好\n'), 'a.csv');
    expect(result.problems).toEqual([{ row: 2, message: '“标题”为空' }, { row: 3, message: '“内容”为空' }]);
    expect(result.snippets).toHaveLength(1);
    const noHeader = await importSheet(utf8('a,b\n1,2\n'), 'a.csv');
    expect(noHeader.problems[0].message).toMatch(/表格缺少“标题”和“内容”列/);
  });

  it('reads XLSX: the first sheet for snippets, the 服务禁语 sheet for phrases, numbers as text', async () => {
    const buffer = await xlsx([
      { sheet: '话术', rows: [['分类', '标题', '内容', '快捷词', '标签'], ['开场', '问候', '您好', 123, '电话'], [null, null, null, null, null], ['结束', '结束语', '再见', null, null]] },
      { sheet: '服务禁语', rows: [['禁语', '建议说法', '备注'], ['我不清楚', '我帮您核实一下', null], ['大概', null, '模糊性语言']] },
    ]);
    const result = await importSheet(buffer, '话术.xlsx');
    expect(result.problems).toEqual([]);
    expect(result.snippets.map((s) => [s.title, s.text, s.shortcut, s.tags])).toEqual([
      ['问候', '您好', '123', ['开场', '电话']],
      ['结束语', '再见', undefined, ['结束']],
    ]);
    expect(result.rowOf).toEqual([2, 4]);
    expect(result.phrases).toEqual([{ text: '我不清楚', suggestion: '我帮您核实一下' }, { text: '大概', note: '模糊性语言' }]);
  });

  it('refuses .xls and broken XLSX files in Chinese', async () => {
    expect((await importSheet(utf8('x'), 'old.xls')).problems[0].message).toMatch(/不支持旧版 \.xls/);
    expect((await importSheet(utf8('not a zip'), 'bad.xlsx')).problems[0].message).toMatch(/无法读取这个 XLSX 文件/);
  });

  it('reads a separate phrase CSV', async () => {
    const result = await importPhrases(utf8('禁语,建议说法\n您听我解释,我来为您说明\n'), '禁语.csv');
    expect(result.phrases).toEqual([{ text: '您听我解释', suggestion: '我来为您说明' }]);
  });

  it('names the row and title of each bad placeholder, every one at once; good forms pass', async () => {
    const csv = '标题,内容\n回访预约,"{日期+1:M月D日}{选项:上午|下午}回访，{{编号}}{cursor}"\n问候,您好{选项:}，{填写:}\n结束,再见{投保人\n';
    const sheet = await importSheet(utf8(csv), 'a.csv');
    expect(sheet.problems).toEqual([]);
    let packProblems: PackProblem[] = [];
    try {
      validatePack({ format: 1, id: 'x', name: '表', line: '保', version: 1, author: '组长', updated: '2026-11-20', snippets: sheet.snippets });
    } catch (e) {
      packProblems = (e as PackError).problems;
    }
    expect(sheetProblemList(sheet, packProblems).map((p) => p.text)).toEqual([
      '第 3 行「问候」 › 内容：占位符写法有误：「{选项:}」没有写选项：应为 {选项:上午|下午}，选项之间用 | 分隔',
      '第 3 行「问候」 › 内容：占位符写法有误：「{填写:}」没有写名称：应为 {填写:称呼} 或带默认值 {填写:称呼=先生}',
      '第 4 行「结束」 › 内容：占位符写法有误：「{投保人」的花括号没有闭合：请补上 }；要写花括号本身，请写成 {{ 或 }}',
    ]);
  });

  it('the downloadable templates import cleanly into a valid pack', async () => {
    const fromCsv = await importSheet(utf8(templateCsv()), '模板.csv');
    const fromXlsx = await importSheet(await (await templateXlsx()).arrayBuffer(), '模板.xlsx');
    expect(fromCsv.snippets).toEqual(fromXlsx.snippets);
    expect(fromCsv.snippets).toHaveLength(templateSnippetRows.length - 1);
    expect(fromXlsx.phrases.length).toBeGreaterThan(0);
    expect(() => validatePack({ format: 1, id: 'tpl', name: '模板', line: '保', version: 1, author: '组长', updated: '2026-11-20',
      snippets: fromXlsx.snippets, phraseLists: [{ id: 'forbidden', name: '服务禁语', kind: 'forbidden', phrases: fromXlsx.phrases }] })).not.toThrow();
  });
});
