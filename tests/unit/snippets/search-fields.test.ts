import { describe, expect, it } from 'vitest';
import { searchFieldsFor } from '~/utils/snippets/search-fields';

describe('search fields written with each snippet', () => {
  it('reads characters with several readings in their context, the others from the per-character cache', () => {
    expect(searchFieldsFor({ title: '银行卡变更', text: '重新绑定' })).toEqual({ pinyin: 'yinhangkabiangeng', initials: 'yhkbg', textInitials: 'cxbd' });
    expect(searchFieldsFor({ title: '行程单', text: '重要提醒：长期有效，成长' })).toEqual({ pinyin: 'xingchengdan', initials: 'xcd', textInitials: 'zytxcqyxcz' });
    // The same characters again, now cached: the same answers.
    expect(searchFieldsFor({ title: '银行卡变更', text: '重新绑定' }).initials).toBe('yhkbg');
  });

  it('keeps Latin letters and digits, lower-cased, and drops punctuation', () => {
    expect(searchFieldsFor({ title: '重疾险 A1款', text: 'VIP：会员 OK' })).toEqual({ pinyin: 'zhongjixiana1kuan', initials: 'zjxa1k', textInitials: 'viphyok' });
  });
});
