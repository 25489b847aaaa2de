// Which posted links are the same item. Monitoring systems and feeds hand over a link as they met
// it: with their own tracking parameters, in the mobile or the desktop form, with a fragment that
// points at the comments. The normalised link is what the incident records, and the workflow id is
// derived from it alone, so every variant of one item reaches the same incident.
//
// Why not `incident-<day seen>-…` like a registered incident: two systems that see one post on
// either side of midnight, or a repeat posted the next day while the incident is open, would get
// two ids and two incidents; the date belongs to a sighting, not to the item.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** Parameters that say who shared a link or which campaign brought the reader, never which item. */
const TRACKING_PREFIXES = ['utm_', 'share_', 'sharer_'];
const TRACKING_PARAMS = new Set(['spm', 'spm_id_from', 'from', 'isappinstalled', 'vd_source', 'fbclid', 'gclid']);

/** A WeChat article is named by these four; the rest (scene, chksm, key, pass_ticket…) belongs to one reader's share. */
const WECHAT_ARTICLE_PARAMS = ['__biz', 'mid', 'idx', 'sn'];

const BASE62 = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * Weibo's numeric post id (mid) as the base62 id its links use: groups of seven digits from the
 * right, each written as four base62 characters (the leftmost group unpadded).
 */
export function weiboMidToBid(mid: string): string {
  const groups: string[] = [];
  for (let end = mid.length; end > 0; end -= 7) {
    const start = Math.max(0, end - 7);
    let n = Number(mid.slice(start, end));
    let chars = '';
    do {
      chars = BASE62[n % 62] + chars;
      n = Math.floor(n / 62);
    } while (n > 0);
    groups.unshift(start > 0 ? chars.padStart(4, '0') : chars);
  }
  return groups.join('');
}

const WEIBO_DESKTOP_HOSTS = new Set(['weibo.com', 'www.weibo.com']);
const WEIBO_MOBILE_HOSTS = new Set(['m.weibo.cn', 'm.weibo.com']);

/** `weibo.com/<uid>/<bid>`, `weibo.com/detail/<mid>`, `m.weibo.cn/status/<mid|bid>`, `m.weibo.cn/detail/<mid>` → the post's bid. */
function weiboPostId(url: URL): string | undefined {
  const desktop = WEIBO_DESKTOP_HOSTS.has(url.hostname) && /^\/(?:\d+|detail)\/([0-9a-zA-Z]{8,16})\/?$/.exec(url.pathname);
  const mobile = WEIBO_MOBILE_HOSTS.has(url.hostname) && /^\/(?:status|detail)\/([0-9a-zA-Z]{8,16})\/?$/.exec(url.pathname);
  const id = (desktop || mobile || undefined)?.[1];
  // a lower-case word there is a profile page (`/<uid>/follow…`), not a post
  if (!id || !/[0-9A-Z]/.test(id)) return undefined;
  return /^\d{12,}$/.test(id) ? weiboMidToBid(id) : id;
}

const isTracking = (name: string) => TRACKING_PARAMS.has(name.toLowerCase()) || TRACKING_PREFIXES.some((p) => name.toLowerCase().startsWith(p));

function sortedQuery(params: [string, string][]): string {
  const sorted = [...params].sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
  return new URLSearchParams(sorted).toString();
}

/**
 * The canonical form of an item's link: lower-case host, no credentials, no tracking parameters,
 * the rest of the query sorted, no trailing slash, no fragment (unless it is a `#/` or `#!` route,
 * which names the page in a single-page site); a Weibo post in its mobile form whichever form was
 * posted, a WeChat article by its four naming parameters. Throws on anything but http(s).
 */
export function normaliseItemUrl(raw: string): string {
  const url = new URL(raw.trim());
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError(`not an http(s) link: ${raw}`);
  url.hostname = url.hostname.replace(/\.$/, '');

  const weibo = weiboPostId(url);
  if (weibo) return `https://m.weibo.cn/status/${weibo}`;

  url.username = '';
  url.password = '';
  if (!/^#[!/]/.test(url.hash)) url.hash = '';
  let params = [...url.searchParams.entries()].filter(([name]) => !isTracking(name));
  if (url.hostname === 'mp.weixin.qq.com' && url.pathname.startsWith('/s')) {
    params = url.pathname === '/s' ? params.filter(([name]) => WECHAT_ARTICLE_PARAMS.includes(name)) : [];
  }
  url.search = sortedQuery(params);
  url.pathname = url.pathname.replace(/\/+$/, '') || '/';
  return url.toString();
}

/** Scheme and a leading `www.` name the same item as well: http/https and www/bare variants are one. */
function itemKey(normalised: string): string {
  return normalised.replace(/^https?:\/\/(www\.)?/, '');
}

/** an alert's incident, or a drill of the same item (drillAlertWorkflowId) */
export const ALERT_ID_PATTERN = /^(drill-)?alert-[0-9a-f]{16}$/;

/**
 * `alert-3f9a0c12de4b5a67`: 64 bits of SHA-256 over the item key, so two different items sharing
 * one incident is out of reach for any realistic number of alerts (a shorter hash would not be).
 */
export function alertWorkflowId(normalisedUrl: string): string {
  return `alert-${bytesToHex(sha256(utf8ToBytes(itemKey(normalisedUrl)))).slice(0, 16)}`;
}

/** A drill of the same item has an id of its own, so it can neither occupy nor be mistaken for the real one. */
export const drillAlertWorkflowId = (normalisedUrl: string): string => `drill-${alertWorkflowId(normalisedUrl)}`;
