// Substring search over Keyword visibility. Temporal's Keyword attributes match whole values or
// prefixes, and its Text attributes are tokenised on spaces (a run of Chinese is one token in the
// SQLite and PostgreSQL stores), so neither finds 县教育局 by 教育局. A KeywordList of a name's
// characters and character pairs does: a search term's pairs all being in the list is a
// near-certain substring match, which the caller confirms on the returned page.

/** Every distinct character and adjacent pair of already folded text, in order of first appearance. */
export function textGrams(folded: string): string[] {
  const chars = [...folded];
  const pairs = chars.slice(1).map((c, i) => chars[i]! + c);
  return [...new Set([...chars, ...pairs])];
}

/** What a search term's matches must all hold: its pairs, or its one character. */
export function searchGrams(folded: string): string[] {
  const chars = [...folded];
  return chars.length === 1 ? chars : [...new Set(chars.slice(1).map((c, i) => chars[i]! + c))];
}
