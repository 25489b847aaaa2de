import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { afterEach, describe, expect, it } from 'vitest';
import type { PublishInput } from '../../activities/types';
import type { Release } from '../../domain/model/state';
import { WORKFLOW_ID, activitiesOn, incidentState } from './fixtures';
import { startReceiver } from './receiver';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

const approved = (): Release => ({ ...incidentState().releases[0]!, status: 'approved', publishedAt: undefined, publishedRefs: undefined });
const input = (release = approved(), key = `${WORKFLOW_ID}/release/1`): PublishInput => ({ idempotencyKey: key, workflowId: WORKFLOW_ID, release });

describe('publishRelease', () => {
  it('file channel: writes the release once; a retry with the same key leaves it alone', async () => {
    const on = await activitiesOn();
    cleanups.push(on.cleanup);
    const first = await on.activities.publishRelease(input());
    expect(first).toEqual({
      refs: [`published/${WORKFLOW_ID}/1.md`, `published/${WORKFLOW_ID}/1.json`],
      duplicate: false,
    });
    const md = join(on.dataDir, first.refs[0]!);
    const text = await readFile(md, 'utf8');
    expect(text).toMatch(/^# 关于学校食堂餐品问题的情况说明\n/);
    expect(text).toContain('第1号通稿（快报事实）');
    expect(text).toContain('学校向学生和家长诚恳致歉');
    expect(text).toContain('- **审定**：赵校长，2026年11月25日 16:20');
    const json = JSON.parse(await readFile(join(on.dataDir, first.refs[1]!), 'utf8'));
    expect(json).toMatchObject({ workflowId: WORKFLOW_ID, idempotencyKey: `${WORKFLOW_ID}/release/1`, release: { no: 1 } });

    // someone (a sync job) touched the file: a retried publish must not write it again
    await writeFile(md, 'kept');
    const again = await on.activities.publishRelease(input());
    expect(again).toEqual({ ...first, duplicate: true });
    expect(await readFile(md, 'utf8')).toBe('kept');
    expect(await readdir(join(on.dataDir, 'published', WORKFLOW_ID))).toEqual(['1.json', '1.md']);
  });

  it("a drill's release: written to the sandbox, marked, and never sent to the publishing webhook", async () => {
    const receiver = await startReceiver();
    const on = await activitiesOn({ YUQING_PUBLISH_CHANNEL: 'webhook', YUQING_PUBLISH_WEBHOOK_URL: receiver.url });
    cleanups.push(receiver.close, on.cleanup);
    const result = await on.activities.publishRelease({ ...input(), drill: true });
    expect(result.refs).toEqual([`sandbox/published/${WORKFLOW_ID}/1.md`, `sandbox/published/${WORKFLOW_ID}/1.json`]);
    expect(await readFile(join(on.dataDir, result.refs[0]!), 'utf8')).toMatch(/^# 【演练】关于学校食堂餐品问题的情况说明\n/);
    expect(JSON.parse(await readFile(join(on.dataDir, result.refs[1]!), 'utf8'))).toMatchObject({ drill: true, release: { no: 1 } });
    // the same receiver takes a real release: it was reachable, and got nothing from the drill
    expect(receiver.received).toEqual([]);
    await on.activities.publishRelease(input(approved(), `${WORKFLOW_ID}/release/real`));
    expect(receiver.received).toHaveLength(1);
  });

  it('refuses a release leadership has not approved', async () => {
    const on = await activitiesOn();
    cleanups.push(on.cleanup);
    const draft: Release = { ...approved(), status: 'reviewed', reviews: approved().reviews.filter((r) => r.stage === 'review') };
    const err = (await on.activities.publishRelease(input(draft)).catch((e: unknown) => e)) as ApplicationFailure;
    expect(err).toBeInstanceOf(ApplicationFailure);
    expect(err.nonRetryable).toBe(true);
    expect(err.type).toBe('ReleaseNotApproved');
  });

  it('webhook channel: one delivery across a failed attempt and a retry, refs from the receiver', async () => {
    const receiver = await startReceiver([503], { url: 'https://www.example.edu.cn/news/2026/1125.html' });
    const on = await activitiesOn({ YUQING_PUBLISH_CHANNEL: 'webhook', YUQING_PUBLISH_WEBHOOK_URL: receiver.url });
    cleanups.push(receiver.close, on.cleanup);

    const failed = (await on.activities.publishRelease(input()).catch((e: unknown) => e)) as ApplicationFailure;
    expect(failed.nonRetryable).toBe(false);
    const ok = await on.activities.publishRelease(input());
    const repeat = await on.activities.publishRelease(input());

    expect(ok).toEqual({ refs: ['https://www.example.edu.cn/news/2026/1125.html'], duplicate: false });
    expect(repeat).toEqual({ ...ok, duplicate: true });
    expect(receiver.accepted()).toHaveLength(1);
    expect(receiver.accepted()[0]!.headers['idempotency-key']).toBe(`${WORKFLOW_ID}/release/1`);
    expect(receiver.accepted()[0]!.body.release.title).toBe('关于学校食堂餐品问题的情况说明');
  });
});
