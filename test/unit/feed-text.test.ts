import { describe, expect, it } from 'vitest';
import { plainText } from '../../activities/feed-text';

describe('plainText', () => {
  it('drops tags and decodes named and numeric entities', () => {
    expect(plainText('<p>家长反映&ldquo;饭菜变质&rdquo;&hellip;</p>')).toBe('家长反映“饭菜变质”…');
    expect(plainText('Tom &amp; Jerry &#8212; &#x4E2D;&#25991;')).toBe('Tom & Jerry — 中文');
  });

  it('keeps escaped markup as text instead of removing it as tags', () => {
    expect(plainText('&lt;b&gt;not bold&lt;/b&gt;')).toBe('<b>not bold</b>');
  });

  it('folds whitespace, including decoded non-breaking spaces', () => {
    expect(plainText('  a&nbsp;&nbsp;<br/>\n b  ')).toBe('a b');
  });

  it('is empty for no text', () => {
    expect(plainText()).toBe('');
  });
});
