// The feed watcher's configuration file: the shipped example loads, and every mistake is named
// with its place in the file and the rule it breaks, before the worker polls anything.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEnv } from '../../config/env';
import { loadFeedsConfig, loadIntakeDepartment } from '../../config/feeds';

const EXAMPLE = join(import.meta.dirname, '../../config/feeds.example.json');

function load(settings: Record<string, string>) {
  return loadFeedsConfig(loadEnv(settings), settings);
}

function fileWith(content: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'yuqing-feeds-config-')), 'feeds.json');
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('YUQING_FEEDS_CONFIG', () => {
  it('is optional: without it there are no feeds to watch', () => {
    expect(load({})).toBeUndefined();
  });

  it('loads the example, with the token read from the environment and defaults filled in', () => {
    const config = load({ YUQING_FEEDS_CONFIG: EXAMPLE, YUQING_INTAKE_TOKEN: ' yq_secret \n' });
    expect(config?.intake).toEqual({ apiUrl: 'http://127.0.0.1:3000', token: 'yq_secret' });
    expect(config?.feeds.map((f) => [f.name, f.channel, f.timeoutSeconds])).toEqual([
      ['county-forum', 'forum', 20],
      ['city-news', 'news', 20],
      ['weibo-watch', 'weibo', 30],
    ]);
    expect(config?.rules[0]).toMatchObject({ department: '教育局', exclude: ['招聘', '招生简章'] });
  });

  it('reaches the API at YUQING_PUBLIC_URL unless the file says otherwise, and reads the token from a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'yuqing-feeds-token-'));
    writeFileSync(join(dir, 'token'), 'yq_from_file\n');
    const path = join(dir, 'feeds.json');
    writeFileSync(path, JSON.stringify({ intake: { token: { file: 'token' } }, feeds: [{ name: 'a', url: 'https://a.example/rss' }], rules: [{ department: '办公室', include: ['某县'] }] }));
    const config = load({ YUQING_FEEDS_CONFIG: path, YUQING_PUBLIC_URL: 'https://yuqing.example.org/' });
    expect(config?.intake).toEqual({ apiUrl: 'https://yuqing.example.org', token: 'yq_from_file' });
    expect(config).toMatchObject({ intervalMinutes: 10, maxAgeHours: 72 });
  });

  it('names each mistake with its place and rule', () => {
    const path = fileWith({
      intervalMinutes: 0,
      intake: { token: 'yq_inline_secret' },
      feeds: [
        { name: 'a', url: 'ftp://a.example/rss' },
        { name: 'a', url: 'https://a.example/rss', channel: 'radio' },
      ],
      rules: [{ department: '教育局', include: [] }],
    });
    let message = '';
    try {
      load({ YUQING_FEEDS_CONFIG: path });
    } catch (err) {
      message = (err as Error).message;
    }
    for (const place of ['intervalMinutes', 'intake.token: must be {"env"', 'feeds.0.url', 'feeds.1.channel', 'rules.0.include']) {
      expect(message).toContain(place);
    }
    expect(message).not.toContain('yq_inline_secret');
    const twice = { url: 'https://a.example/rss', name: 'a' };
    const duplicate = fileWith({ intake: { token: { env: 'T' } }, feeds: [twice, twice], rules: [{ department: '教育局', include: ['学校'] }] });
    expect(() => load({ YUQING_FEEDS_CONFIG: duplicate, T: 'x' })).toThrow(/feeds: feed names must be unique/);
  });

  it('refuses a token variable that is not set, and a file that is not JSON', () => {
    expect(() => load({ YUQING_FEEDS_CONFIG: EXAMPLE })).toThrow(/intake\.token: environment variable YUQING_INTAKE_TOKEN is not set/);
    expect(() => load({ YUQING_FEEDS_CONFIG: fileWith('{ not json') })).toThrow(/cannot be read as JSON/);
  });
});

describe('YUQING_INTAKE_DEPARTMENT', () => {
  it('defaults to the office and refuses an empty name', () => {
    expect(loadIntakeDepartment({})).toBe('办公室');
    expect(loadIntakeDepartment({ YUQING_INTAKE_DEPARTMENT: '宣传部' })).toBe('宣传部');
    expect(() => loadIntakeDepartment({ YUQING_INTAKE_DEPARTMENT: '  ' })).toThrow(/YUQING_INTAKE_DEPARTMENT/);
  });
});
