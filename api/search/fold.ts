// One script for matching: monitors type a department in Simplified or Traditional (or paste it
// from either), and 县教育局 and 縣教育局 must find the same incidents. The folded form is only
// ever compared, never shown: what was entered is what is stored and displayed.
import * as OpenCC from 'opencc-js';

// the standard Traditional set, not a regional one: 著 stays 著 (the phrase-level tw converter
// makes it 着, which folds two different words together)
const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });

/** Simplified, NFKC (full-width letters and digits as ASCII), lower case, no surrounding or repeated spaces. */
export function foldScript(text: string): string {
  return toSimplified(text.normalize('NFKC')).toLowerCase().trim().replace(/\s+/g, ' ');
}
