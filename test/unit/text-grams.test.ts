// The folding and the grams behind the department filter: one script, and a search term's grams
// are held by every name that contains it.
import { describe, expect, it } from 'vitest';
import { foldScript } from '../../api/search/fold';
import { searchGrams, textGrams } from '../../domain/rules/text-grams';

describe('foldScript', () => {
  it('folds Traditional to Simplified and leaves Simplified as it is', () => {
    expect(foldScript('縣教育局')).toBe('县教育局');
    expect(foldScript('县教育局')).toBe('县教育局');
    expect(foldScript('衛生健康委員會')).toBe('卫生健康委员会');
  });

  it('folds full-width letters, case and spacing', () => {
    expect(foldScript(' ＡＢＣ  縣 教育局 ')).toBe('abc 县 教育局');
  });
});

describe('text grams', () => {
  it('are the characters and the pairs, each once', () => {
    expect(textGrams('县教育局')).toEqual(['县', '教', '育', '局', '县教', '教育', '育局']);
    expect(textGrams('局局局')).toEqual(['局', '局局']);
  });

  it('a term needs its pairs, or its one character', () => {
    expect(searchGrams('教育局')).toEqual(['教育', '育局']);
    expect(searchGrams('县')).toEqual(['县']);
  });

  it('every substring of a name finds it', () => {
    const name = foldScript('某市縣教育局');
    const grams = new Set(textGrams(name));
    for (let i = 0; i < name.length; i++) for (let j = i + 1; j <= name.length; j++) expect(searchGrams(name.slice(i, j)).every((g) => grams.has(g))).toBe(true);
  });
});
