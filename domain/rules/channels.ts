// The Chinese names of the channels an item is found on, for the documents and the Temporal UI.
import type { Channel } from '../model/schema';

export const CHANNEL_LABELS: Record<Channel, string> = {
  weibo: '微博',
  wechat: '微信',
  douyin: '抖音',
  kuaishou: '快手',
  bilibili: '嗶哩嗶哩',
  news: '新聞網站',
  forum: '論壇',
  hotline: '熱線',
  other: '其他',
};
