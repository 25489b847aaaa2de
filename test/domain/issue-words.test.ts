// The one mapping from zod's issues to what a person reads: the field by its Chinese name, the rule
// in plain words, for every issue code the forms can cause, in each of the three languages; and a
// name for every field a form or a decision has.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DECISIONS } from '../../domain/decisions/index';
import { LABELS } from '../../domain/labels';
import { DecisionEnvelope, IncidentFields } from '../../domain/model/schema';
import { fieldIssues, fieldName, issuesText } from '../../domain/rules/issue-words';
import { ListFilters } from '../../api/temporal/visibility';
import { NOT_IN_FUTURE } from '../../api/future-times';

const issuesOf = (schema: z.ZodType, value: unknown, lang?: 'zh-Hans' | 'zh-Hant' | 'en') => {
  const r = schema.safeParse(value, { reportInput: true });
  if (r.success) throw new Error('expected a refusal');
  return fieldIssues(r.error, lang);
};
const messages = (schema: z.ZodType, value: unknown, lang?: 'zh-Hans' | 'zh-Hant' | 'en') =>
  Object.fromEntries(issuesOf(schema, value, lang).map((i) => [i.field, i.message]));

const BAD_INCIDENT = {
  title: '',
  summary: 'x'.repeat(4001),
  sourceUrls: ['ftp://x'],
  channel: 'fax',
  discoveredAt: 'yesterday',
  metrics: { views: -1, comments: 1.5, reposts: 'many' },
  sensitive: { topics: ['weather'] },
};

describe('validation messages for people', () => {
  it('name each bad field of the incident form in Chinese with the rule in plain words', () => {
    expect(messages(IncidentFields, BAD_INCIDENT)).toEqual({
      title: '标题：不能为空',
      summary: '内容摘要：最多 4000 个字',
      'sourceUrls.0': '来源链接第 1 项：须为 http 或 https 链接',
      channel: '渠道：须为以下之一：微博、微信、微信视频号、抖音、快手、小红书、今日头条、知乎、哔哩哔哩、视频、新闻网站、论坛、热线、其他',
      discoveredAt: '发现时间：须为带时区的时间，例如 2026-11-24T09:10:00+08:00',
      department: '责任部门：必填',
      category: '类别：必填',
      'metrics.views': '浏览量：不能小于 0',
      'metrics.comments': '评论数：须为整数',
      'metrics.reposts': '转发数：须为数字',
      'sensitive.topics.0': '敏感领域第 1 项：须为以下之一：公共安全、食品、卫生健康、自然灾害、生产质量、安全保密',
    });
  });

  it('keep the machine-readable field and rule beside the message', () => {
    const [issue] = issuesOf(IncidentFields.pick({ title: true }), { title: '' });
    expect(issue).toEqual({ field: 'title', rule: 'Too small: expected string to have >=1 characters', message: '标题：不能为空' });
  });

  it('speak Simplified Chinese and English from the same table', () => {
    expect(messages(IncidentFields.pick({ title: true, sourceUrls: true }), { title: '', sourceUrls: [] }, 'zh-Hans')).toEqual({ title: '标题：不能为空', sourceUrls: '来源链接：至少 1 项' });
    expect(messages(IncidentFields.pick({ title: true, channel: true }), { title: 'x'.repeat(201), channel: 'fax' }, 'en')).toEqual({
      title: 'Title: at most 200 characters',
      channel: 'Channel: must be one of: Weibo, WeChat, WeChat Channels, Douyin, Kuaishou, Xiaohongshu, Toutiao, Zhihu, Bilibili, Video site, News site, Forum, Hotline, Other',
    });
  });

  it('word the rules our own refinements state in English', () => {
    const future = z.object({ discoveredAt: z.string() }).refine(() => false, { path: ['discoveredAt'], message: NOT_IN_FUTURE });
    expect(messages(future, { discoveredAt: '2099-01-01T00:00:00Z' })).toEqual({ discoveredAt: '发现时间：不能晚于现在' });
    expect(messages(ListFilters, { department: "后勤'处" })).toEqual({ department: '责任部门：不能含引号或反斜线' });
    expect(messages(DECISIONS.summaryDecided.fields, { approve: true, draftHash: 'abc' })).toEqual({ draftHash: '所审版本：须为待决事项所列的版本' });
  });

  it('word the other issue codes too: booleans, lists, unknown keys, bounds of numbers, a body that is no object', () => {
    expect(messages(DECISIONS.planDecided.fields, { approve: 'yes' })).toEqual({ approve: '审批结论：须为是或否' });
    expect(messages(DECISIONS.findingsSubmitted.fields, { verdict: 'maybe', facts: 'f', evidence: 'x' })).toEqual({
      verdict: '核查结论：须为以下之一：属实、部分属实、不实',
      evidence: '证据链接：须为列表',
    });
    expect(messages(z.strictObject({ title: z.string() }), { title: 'x', extra: 1 })).toEqual({ '(body)': '请求内容：含有未知字段：extra' });
    expect(messages(z.object({ pageSize: z.number().gt(0).lt(101) }), { pageSize: 0 })).toEqual({ pageSize: '每页条数：须大于 0' });
    expect(messages(z.object({ pageSize: z.number().max(100) }), { pageSize: 101 })).toEqual({ pageSize: '每页条数：不能大于 100' });
    expect(messages(DECISIONS.reportFiled.fields, 'not an object')).toEqual({ '(body)': '请求内容：格式不符' });
  });

  it('join several into one line for where only one fits', () => {
    const issues = issuesOf(IncidentFields.pick({ title: true, department: true }), { title: '' });
    expect(issuesText(issues)).toBe('标题：不能为空；责任部门：必填');
    expect(issuesText(issuesOf(IncidentFields.pick({ title: true, department: true }), { title: '' }, 'en'), 'en')).toBe('Title: must not be empty; Responsible department: required');
  });

  it('name nested fields by their longest known path, and leave unknown paths as they are', () => {
    expect(fieldName('metrics.mainstreamSites')).toBe('主流网站转载数');
    expect(fieldName('evidence.2')).toBe('证据链接第 3 项');
    expect(fieldName('by.roles.0', 'en')).toBe('Decided by roles item 1');
    expect(fieldName('nonsense')).toBe('nonsense');
  });
});

/** Every path a schema's object fields have, nested objects included. */
function paths(schema: z.ZodType, prefix: string[] = []): string[] {
  let inner: z.ZodType = schema;
  // optional, default and nullable wrap the object a field holds
  while (inner instanceof z.ZodOptional || inner instanceof z.ZodDefault || inner instanceof z.ZodNullable) inner = inner.unwrap() as z.ZodType;
  if (!(inner instanceof z.ZodObject)) return [];
  return Object.entries(inner.shape).flatMap(([key, field]) => [[...prefix, key].join('.'), ...paths(field as z.ZodType, [...prefix, key])]);
}

describe('the field names', () => {
  it('name every field of the incident form, of every decision and of the envelope', () => {
    const all = new Set([...paths(IncidentFields), ...paths(DecisionEnvelope).filter((p) => !p.includes('.')), ...Object.values(DECISIONS).flatMap((d) => paths(d.fields))]);
    const unnamed = [...all].filter((p) => !Object.hasOwn(LABELS.field, p));
    expect(unnamed).toEqual([]);
  });
});
