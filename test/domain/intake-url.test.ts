// The link rules that decide whether two alerts are the same item, and so one incident.
import { describe, expect, it } from 'vitest';
import { ALERT_ID_PATTERN, alertWorkflowId, drillAlertWorkflowId, normaliseItemUrl, weiboMidToBid } from '../../domain/rules/intake-url';

const id = (url: string) => alertWorkflowId(normaliseItemUrl(url));

describe('normaliseItemUrl', () => {
  it('lower-cases the host, drops the fragment, credentials, default port and trailing slash', () => {
    expect(normaliseItemUrl('HTTPS://user:pw@News.Example.CN:443/a/b/#comments')).toBe('https://news.example.cn/a/b');
    expect(normaliseItemUrl('https://news.example.cn/')).toBe('https://news.example.cn/');
  });

  it('drops tracking parameters and sorts the rest, so the order a system writes them in does not matter', () => {
    const a = normaliseItemUrl('https://bbs.example.cn/thread?tid=9&page=2&utm_source=wx&utm_medium=share&spm=a.b.c&from=timeline&share_token=x&sharer_id=7');
    const b = normaliseItemUrl('https://bbs.example.cn/thread?page=2&tid=9');
    expect(a).toBe('https://bbs.example.cn/thread?page=2&tid=9');
    expect(b).toBe(a);
  });

  it('keeps parameters that name the item, and a fragment that is a single-page route', () => {
    expect(normaliseItemUrl('https://x.example.cn/view?id=1')).not.toBe(normaliseItemUrl('https://x.example.cn/view?id=2'));
    expect(normaliseItemUrl('https://m.example.cn/#/post/42?x=1')).toBe('https://m.example.cn/#/post/42?x=1');
    expect(normaliseItemUrl('https://m.example.cn/#!/post/42')).toBe('https://m.example.cn/#!/post/42');
  });

  it('maps the desktop and mobile forms of a Weibo post, by bid or by numeric mid, to one link', () => {
    const forms = [
      'https://weibo.com/3086148515/I1IGF4Ud1?refer_flag=1001030103_',
      'https://www.weibo.com/3086148515/I1IGF4Ud1#comment',
      'https://m.weibo.cn/status/I1IGF4Ud1',
      'https://m.weibo.cn/status/4404101091169383?sourceType=weixin&from=10C1195010',
      'https://m.weibo.cn/detail/4404101091169383',
    ];
    for (const form of forms) expect(normaliseItemUrl(form), form).toBe('https://m.weibo.cn/status/I1IGF4Ud1');
    // a profile page is not a post
    expect(normaliseItemUrl('https://weibo.com/3086148515/following')).toBe('https://weibo.com/3086148515/following');
  });

  it('names a WeChat article by __biz, mid, idx and sn only; a short article link by its path', () => {
    const shared = 'https://mp.weixin.qq.com/s?__biz=MzA3&mid=2650&idx=1&sn=ab12&chksm=84&scene=21&key=zz&pass_ticket=pp#wechat_redirect';
    expect(normaliseItemUrl(shared)).toBe('https://mp.weixin.qq.com/s?__biz=MzA3&idx=1&mid=2650&sn=ab12');
    expect(normaliseItemUrl('https://mp.weixin.qq.com/s/Xy7_kQ?scene=1')).toBe('https://mp.weixin.qq.com/s/Xy7_kQ');
  });

  it('refuses anything but http(s)', () => {
    expect(() => normaliseItemUrl('ftp://example.cn/a')).toThrow(/http/);
    expect(() => normaliseItemUrl('not a url')).toThrow();
  });
});

describe('weiboMidToBid', () => {
  it('matches the ids Weibo itself shows', () => {
    expect(weiboMidToBid('4404101091169383')).toBe('I1IGF4Ud1');
    expect(weiboMidToBid('3512191498379699')).toBe('z579Hz9Wr');
    expect(weiboMidToBid('3520617028999724')).toBe('z8ElgBLeQ');
  });
});

describe('alertWorkflowId', () => {
  it('is one id for every variant of an item, whoever posts it and on whichever day', () => {
    const variants = [
      'https://news.example.cn/a/1?utm_source=a',
      'http://news.example.cn/a/1/',
      'https://www.news.example.cn/a/1#top',
      'https://NEWS.example.cn/a/1?from=feed',
    ];
    const ids = new Set(variants.map(id));
    expect(ids.size).toBe(1);
    expect([...ids][0]).toMatch(ALERT_ID_PATTERN);
  });

  it('tells different items apart', () => {
    expect(id('https://news.example.cn/a/1')).not.toBe(id('https://news.example.cn/a/2'));
    expect(id('https://news.example.cn/a?id=1')).not.toBe(id('https://news.example.cn/a?id=2'));
    expect(id('https://a.example.cn/x')).not.toBe(id('https://b.example.cn/x'));
  });

  it('gives a drill of an item an id of its own, which the API still takes for an incident id', () => {
    const url = normaliseItemUrl('https://news.example.cn/a/1?utm_source=a');
    expect(drillAlertWorkflowId(url)).toBe(`drill-${alertWorkflowId(url)}`);
    expect(drillAlertWorkflowId(url)).toMatch(ALERT_ID_PATTERN);
    expect('drill-incident-1').not.toMatch(ALERT_ID_PATTERN);
  });
});
