// A feed's text as a person reads it: feeds carry HTML (tags, and entities such as &amp;, &#8220;
// or &hellip;) in titles and summaries, while an incident's title and excerpt are plain text.
// Tags go first, then entities are decoded, so an escaped "&lt;b&gt;" stays the text "<b>".
import { decodeHTML } from 'entities';

export function plainText(html = ''): string {
  return decodeHTML(html.replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
}
