// Text from outside (alert and feed titles, departments, names, source URLs) placed inside the
// Markdown that the Temporal UI and the chat robots render, or inside HTML. Pure, so the API, the
// workflow and the activities escape alike.

// The robots' Markdown dialects differ and none documents backslash escapes, so characters that
// could open markup become their full-width forms, which read naturally in Chinese text. A bare
// `https://…` or `www.…` or `a@b.example` would still become a link in GFM, so those are broken
// the same way.
const WIDE: Record<string, string> = {
  '\\': '＼', '*': '＊', _: '＿', '[': '［', ']': '］', '<': '＜', '>': '＞', '`': '｀', '#': '＃', '~': '～', '|': '｜', '&': '＆', '@': '＠',
};

/** Plain text as inline Markdown: one line, no markup and no link, whatever it contains. */
export function markdownText(text: string): string {
  return text
    .replace(/\s*\n\s*/g, ' ')
    .replace(/[\\*_[\]<>`#~|&@]/g, (c) => WIDE[c] ?? c)
    .replace(/:\/\//g, '：//')
    .replace(/\b(www)\./gi, '$1．');
}

/** The URL when it is a web address; undefined for javascript:, data: and the like. */
export function webHref(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** A URL in Markdown: a link to itself when it is a web address, with nothing in it able to end the link early; inert text otherwise. */
export function markdownUrl(url: string): string {
  const href = webHref(url);
  return href ? `<${href.replace(/[<>\s"'`]/g, encodeURIComponent)}>` : markdownText(url);
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Plain text in HTML, in content or in a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}
