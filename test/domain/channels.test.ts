// The channel list is what mainland monitors see: every platform the issue names is offered, in its
// own name, and no older code is gone (an old incident's channel must still parse).
import { describe, expect, it } from 'vitest';
import { label } from '../../domain/labels';
import { Channel, CHANNELS } from '../../domain/model/schema';

describe('the channels', () => {
  it('offer the platforms mainland monitors watch, by their Simplified names', () => {
    const names = CHANNELS.map((c) => label('channel', c, 'zh-Hans'));
    for (const name of ['微博', '微信', '抖音', '快手', '小红书', '今日头条', '知乎', '哔哩哔哩', '微信视频号', '论坛', '新闻网站', '视频', '其他']) {
      expect(names, name).toContain(name);
    }
  });

  it('keep every code incidents were registered with before', () => {
    for (const code of ['weibo', 'wechat', 'douyin', 'kuaishou', 'bilibili', 'news', 'forum', 'hotline', 'other']) expect(Channel.parse(code)).toBe(code);
  });

  it('name each platform in Traditional and English too', () => {
    expect(label('channel', 'xiaohongshu', 'zh-Hant')).toBe('小紅書');
    expect(label('channel', 'toutiao', 'zh-Hant')).toBe('今日頭條');
    expect(label('channel', 'wechatChannels', 'en')).toBe('WeChat Channels');
  });
});
