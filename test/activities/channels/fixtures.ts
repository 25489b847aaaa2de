// A notice as the deadline watcher sends it, the people of the school in the seeds, and the real
// activities built on a notify configuration file, with cleanups collected for afterEach.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { vi } from 'vitest';
import type { NotifyInput } from '../../../activities/types';
import { WORKFLOW_ID, activitiesOn } from '../fixtures';
import { notifyConfig } from './robots';

export const contacts = {
  handler: [{ name: '陈主任', email: 'chen@school.example', mobile: '13800000002' }],
  approver: [
    { name: '赵校长', email: 'zhao@school.example', mobile: '13800000001', wecomUserId: 'ZhaoXiaozhang', feishuOpenId: 'ou_7d8a6e6df7621556ce0d21922b676706' },
    { name: '李副校长', email: 'li@school.example' },
  ],
};

export const breach = (n: Partial<NotifyInput> = {}): NotifyInput => ({
  idempotencyKey: `${WORKFLOW_ID}:breach:verification:2026-11-25T09:30:00.000Z`,
  workflowId: WORKFLOW_ID,
  event: 'breach',
  roles: ['approver'],
  title: '查清事实期限已过',
  markdown: '**网帖称某中学食堂饭菜变质致学生腹泻**\n\n查清事实期限已过，尚未完成（责任：办公室及责任部门）。\n\n部门：后勤管理处',
  incidentTitle: '网帖称某中学食堂饭菜变质致学生腹泻',
  deadline: { label: '查清事实期限', dueAt: '2026-11-25T09:30:00.000Z' },
  ...n,
});

export function channelTests() {
  const cleanups: (() => Promise<unknown>)[] = [];
  return {
    async cleanup() {
      vi.restoreAllMocks();
      while (cleanups.length) await cleanups.pop()!();
    },
    /** closes this when the test ends */
    later(close: () => Promise<unknown>) {
      cleanups.push(close);
    },
    /** the real activities with this notify file and these environment settings (secrets) */
    async activities(file: unknown, env: Record<string, string> = {}) {
      const on = await activitiesOn({ YUQING_NOTIFY_CONFIG: await notifyConfig(file), ...env });
      cleanups.push(on.cleanup);
      // the log channel writes each notice to stdout as well; keep test output readable
      vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
      return on;
    },
  };
}

/** Keeps what a channel sent in test/artifacts/messages/ for people to read (git-ignored). */
export async function keepArtifact(name: string, content: string): Promise<void> {
  const file = join(import.meta.dirname, '..', '..', 'artifacts', 'messages', name);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, content);
}
