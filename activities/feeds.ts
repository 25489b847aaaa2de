// The feed watcher's one side effect: read a configured RSS, Atom, RDF or JSON feed (parsed by
// feedsmith, then checked field by field with zod, since a feed is input from outside), keep the
// items that a department's keywords claim, and post each to the intake API with the intake
// token, exactly as a monitoring system does. Going through the API keeps one intake path (its
// validation, its role check, its signing) and keeps the decision-signing keys in the API alone:
// the worker holds only a machine token that can post alerts and nothing else.
// Safe to retry: the intake answers a repeat with 200 and changes nothing (no metrics are sent).
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { parseFeed } from 'feedsmith';
import * as OpenCC from 'opencc-js/t2cn';
import { z } from 'zod';
import type { FeedsConfig, FeedSpec } from '../config/feeds';
import type { IntakeAlert } from '../domain/model/schema';
import { plainText as plain } from './feed-text';

export interface PollFeedResult {
  feed: string;
  items: number;
  matched: number;
  /** workflow ids of the incidents this poll started */
  created: string[];
  /** matches whose incident already existed */
  repeated: number;
  /** items left out, with why (no link, refused by the intake) */
  skipped: { item: string; reason: string }[];
}

export interface FeedActivities {
  pollFeed(input: { feed: string }): Promise<PollFeedResult>;
}

const MAX_FEED_BYTES = 5 * 1024 * 1024;
const EXCERPT_CHARS = 1000;
const ACCEPT = 'application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5';

// ---- items -------------------------------------------------------------------------------------

interface FeedItem {
  link: string;
  title: string;
  text: string;
  publishedAt?: number;
}

/** Atom (and some RSS) text constructs arrive as {value, type}; plain elements as strings. */
const Text = z.union([z.string(), z.looseObject({ value: z.string().optional() }).transform((t) => t.value ?? '')]).optional();
const date = z.string().optional();

const RssItem = z.looseObject({
  title: Text,
  link: z.string().optional(),
  description: Text,
  content: z.looseObject({ encoded: z.string().optional() }).optional(),
  pubDate: date,
  dc: z.looseObject({ date }).optional(),
});
const AtomEntry = z.looseObject({
  title: Text,
  links: z.array(z.looseObject({ href: z.string(), rel: z.string().optional() })).optional(),
  summary: Text,
  content: Text,
  published: date,
  updated: date,
});
const JsonItem = z.looseObject({
  url: z.string().optional(),
  external_url: z.string().optional(),
  title: z.string().optional(),
  summary: z.string().optional(),
  content_text: z.string().optional(),
  content_html: z.string().optional(),
  date_published: date,
});
const Link = z.url({ protocol: /^https?$/ });

const when = (text?: string) => (text && !Number.isNaN(Date.parse(text)) ? Date.parse(text) : undefined);

type ReadItem = Omit<FeedItem, 'link'> & { link?: string };

function fromRss(raw: unknown): ReadItem | undefined {
  const r = RssItem.safeParse(raw);
  if (!r.success) return undefined;
  const { link, title, description, content, pubDate, dc } = r.data;
  return { link: link?.trim(), title: plain(title), text: plain(`${description ?? ''} ${content?.encoded ?? ''}`), publishedAt: when(pubDate ?? dc?.date) };
}

function fromAtom(raw: unknown): ReadItem | undefined {
  const e = AtomEntry.safeParse(raw);
  if (!e.success) return undefined;
  const { links, title, summary, content, published, updated } = e.data;
  const link = (links ?? []).find((l) => !l.rel || l.rel === 'alternate')?.href;
  return { link, title: plain(title), text: plain(`${summary ?? ''} ${content ?? ''}`), publishedAt: when(published ?? updated) };
}

function fromJson(raw: unknown): ReadItem | undefined {
  const j = JsonItem.safeParse(raw);
  if (!j.success) return undefined;
  const { url, external_url, title, summary, content_text, content_html, date_published } = j.data;
  return { link: url ?? external_url, title: plain(title), text: plain(`${summary ?? ''} ${content_text ?? content_html ?? ''}`), publishedAt: when(date_published) };
}

/** Each item of the feed, or undefined where an item does not have the shape its format promises. */
function readItems(parsed: ReturnType<typeof parseFeed>): (ReadItem | undefined)[] {
  switch (parsed.format) {
    case 'rss':
    case 'rdf':
      return (parsed.feed.items ?? []).map(fromRss);
    case 'atom':
      return (parsed.feed.entries ?? []).map(fromAtom);
    case 'json':
      return (parsed.feed.items ?? []).map(fromJson);
  }
}

// ---- keyword rules -----------------------------------------------------------------------------

const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });

/** Rules are written in Traditional characters, mainland posts in Simplified: both sides are folded to one script, case and width. */
const fold = (text: string) => toSimplified(text.normalize('NFKC').toLowerCase());

/** Each keyword as the words that must all appear. */
const phrases = (keywords: string[]) => keywords.map((k) => fold(k).split(/\s+/).filter(Boolean));
const hits = (text: string, words: string[][]) => words.some((all) => all.every((w) => text.includes(w)));

function departmentFor(rules: { department: string; include: string[][]; exclude: string[][] }[], item: FeedItem): string | undefined {
  const text = fold(`${item.title} ${item.text}`);
  return rules.find((r) => hits(text, r.include) && !hits(text, r.exclude))?.department;
}

// ---- fetching and posting ----------------------------------------------------------------------

function signal(timeoutMs: number): AbortSignal {
  return AbortSignal.any([Context.current().cancellationSignal, AbortSignal.timeout(timeoutMs)]);
}

async function fetchFeed(feed: FeedSpec): Promise<string> {
  const res = await fetch(feed.url, { headers: { accept: ACCEPT, 'user-agent': 'Yuqing-FeedWatch/1' }, signal: signal(feed.timeoutSeconds * 1000) });
  // a server error or a 404 may be passing: retried here, and the next Schedule run tries anyway
  if (!res.ok) throw new Error(`feed ${feed.name}: HTTP ${res.status} from ${feed.url}`);
  const text = await res.text();
  if (text.length > MAX_FEED_BYTES) throw ApplicationFailure.nonRetryable(`feed ${feed.name}: larger than ${MAX_FEED_BYTES} bytes`, 'FeedTooLarge');
  return text;
}

type Posted = { kind: 'created'; workflowId: string } | { kind: 'repeated' } | { kind: 'refused'; reason: string };

async function postAlert(config: FeedsConfig, alert: IntakeAlert): Promise<Posted> {
  const res = await fetch(`${config.intake.apiUrl}/api/intake/alerts`, {
    method: 'POST',
    headers: { authorization: `Bearer ${config.intake.token}`, 'content-type': 'application/json', 'accept-language': 'en' },
    body: JSON.stringify(alert),
    signal: signal(30_000),
  });
  const body = (await res.json().catch(() => ({}))) as { workflowId?: string; error?: { message?: string } };
  if (res.status === 201) return { kind: 'created', workflowId: String(body.workflowId) };
  if (res.status === 200) return { kind: 'repeated' };
  if (res.status === 400) return { kind: 'refused', reason: body.error?.message ?? 'invalid' };
  if (res.status === 403 && alert.drill) {
    throw ApplicationFailure.nonRetryable(`the intake API refused this feed's drills (403): the policy file's drill.fromIntake must name the feed watcher's intake account`, 'IntakeDrillRefused');
  }
  if (res.status === 401 || res.status === 403) {
    throw ApplicationFailure.nonRetryable(`the intake API refused the feed watcher's token (${res.status}): check intake.token in YUQING_FEEDS_CONFIG`, 'IntakeTokenRefused');
  }
  throw new Error(`intake API answered ${res.status}: ${body.error?.message ?? ''}`);
}

export function createFeedActivities(config: FeedsConfig | undefined): FeedActivities {
  const rules = (config?.rules ?? []).map((r) => ({ department: r.department, include: phrases(r.include), exclude: phrases(r.exclude) }));
  return {
    async pollFeed({ feed: name }) {
      const feed = config?.feeds.find((f) => f.name === name);
      if (!config || !feed) throw ApplicationFailure.nonRetryable(`no feed named ${name} in YUQING_FEEDS_CONFIG on this worker`, 'UnknownFeed');
      const text = await fetchFeed(feed);
      let parsed: ReturnType<typeof parseFeed>;
      try {
        parsed = parseFeed(text);
      } catch (err) {
        // an error page instead of the feed: asking again at once rarely helps, the next pass will
        throw ApplicationFailure.nonRetryable(`feed ${feed.name}: not an RSS, Atom, RDF or JSON feed (${(err as Error).message})`, 'FeedUnreadable');
      }
      const now = Date.now();
      const oldest = now - config.maxAgeHours * 3_600_000;
      const result: PollFeedResult = { feed: name, items: 0, matched: 0, created: [], repeated: 0, skipped: [] };
      for (const item of readItems(parsed)) {
        result.items++;
        const link = Link.safeParse(item?.link);
        if (!item || !link.success) {
          result.skipped.push({ item: item?.title || `#${result.items}`, reason: item ? 'no http(s) link' : 'unreadable item' });
          continue;
        }
        if (item.publishedAt !== undefined && item.publishedAt < oldest) continue;
        const department = departmentFor(rules, { ...item, link: link.data });
        if (!department) continue;
        result.matched++;
        const posted = await postAlert(config, {
          url: link.data,
          channel: feed.channel,
          excerpt: item.text.slice(0, EXCERPT_CHARS),
          seenAt: new Date(now).toISOString(),
          sourceSystem: feed.sourceSystem ?? `订阅源 ${feed.name}`,
          title: item.title ? item.title.slice(0, 200) : undefined,
          department,
          ...(feed.drill ? { drill: true } : {}),
        });
        if (posted.kind === 'created') result.created.push(posted.workflowId);
        else if (posted.kind === 'repeated') result.repeated++;
        else result.skipped.push({ item: item.title || link.data, reason: posted.reason });
        Context.current().heartbeat(result.items);
      }
      return result;
    },
  };
}
