import { describe, expect, it } from 'vitest';
import { LABELS, type Label } from '../../domain/labels';
import { inScript, scriptOf, scriptOfState, wording, written } from '../../domain/script';

const entries = Object.entries(LABELS).flatMap(([section, table]) => Object.entries(table as Record<string, Label>).map(([key, l]) => [`${section}.${key}`, l] as const));

describe('the script an incident writes in', () => {
  it('leaves Simplified as it is and converts to the Traditional the label table writes', () => {
    expect(inScript('处置完毕，总结已批准，结案归档', 'zh-Hans')).toBe('处置完毕，总结已批准，结案归档');
    expect(inScript('处置完毕，总结已批准，结案归档', 'zh-Hant')).toBe('處置完畢，總結已批准，結案歸檔');
    // the plans' words, not the character conversion's variants
    expect(inScript('发布第1号通稿；答复网民；向平台举报', 'zh-Hant')).toBe('發布第1號通稿；答復網民；向平台舉報');
    const apart = entries.filter(([, l]) => inScript(l['zh-Hans'], 'zh-Hant') !== l['zh-Hant']);
    expect(apart.map(([key, l]) => `${key}: ${inScript(l['zh-Hans'], 'zh-Hant')} ≠ ${l['zh-Hant']}`)).toEqual([]);
  });

  it('writes an English organisation’s texts in English, and incidents from before the switch in Traditional', () => {
    expect(scriptOf('en')).toBe('en');
    expect(inScript('已登记', 'en', 'Registered')).toBe('Registered');
    expect(inScript('已登记', 'zh-Hant', 'Registered')).toBe('已登記');
    expect(wording('en')('已登记', 'Registered')).toBe('Registered');
    expect(wording('zh-Hant')('已登记', 'Registered')).toBe('已登记');
    expect(scriptOf('zh-Hant')).toBe('zh-Hant');
    expect(scriptOfState({})).toBe('zh-Hant');
    expect(written({}, '已登记')).toBe('已登記');
    expect(written({ script: 'zh-Hans' }, '已登记')).toBe('已登记');
  });
});
