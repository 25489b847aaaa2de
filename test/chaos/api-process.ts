// The real API process (`api/main.ts`) against a given Temporal, with a users file of bearer
// tokens, ready once /readyz says it reaches Temporal. Shared by the bad-input suite and bench:api.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { hashToken } from '../../api/auth/secrets';
import type { Role } from '../../domain/model/schema';
import { startChild, stopChild } from '../../scripts/processes';
import { PROJECT_ROOT } from '../../workers/bundle';
import { freePort } from '../helpers/ports';
import { TEST_KEY } from '../workflows/fixtures';

export interface ApiUser {
  name: string;
  displayName: string;
  roles: Role[];
}

export interface ApiProcess {
  url: string;
  pid: number;
  /** resolves if the process ends */
  exited: Promise<unknown>;
  /** the bearer token of a user */
  token(name: string): string;
  stop(): Promise<void>;
}

/** `dir` holds the users file and the API's data dir; `payloadKeys` is the key ring file the worker encrypts with. */
export async function startApiProcess(opts: { dir: string; address: string; taskQueue: string; payloadKeys: string; users: ApiUser[]; nodeArgs?: string[] }): Promise<ApiProcess> {
  const token = (name: string) => `yq_chaos_token_${name}`;
  const usersFile = join(opts.dir, 'users.json');
  writeFileSync(usersFile, JSON.stringify({ users: opts.users.map((u) => ({ ...u, tokenHash: hashToken(token(u.name)) })) }));
  const port = await freePort();
  const child = startChild({
    name: 'api',
    command: process.execPath,
    args: [...(opts.nodeArgs ?? []), '--import', 'tsx', join(PROJECT_ROOT, 'api/main.ts')],
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: opts.address,
      PORT: String(port),
      YUQING_HOST: '127.0.0.1',
      YUQING_DATA_DIR: join(opts.dir, 'api-data'),
      YUQING_USERS_FILE: usersFile,
      YUQING_TASK_QUEUE: opts.taskQueue,
      YUQING_PAYLOAD_KEYS: opts.payloadKeys,
      // signs as the scripted duty team, whose key the chaos workers trust
      YUQING_SIGNING_KEY: TEST_KEY.privateKey,
      YUQING_SIGNING_KEY_ID: TEST_KEY.keyId,
      LOG_LEVEL: 'warn',
    },
    onStdout: () => true,
  });
  process.once('exit', () => child.process.kill('SIGKILL'));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (await fetch(`${url}/readyz`).then((r) => r.ok, () => false)) break;
    if (i > 600 || child.process.exitCode !== null) throw new Error(`the API did not become ready:\n${child.stderrTail()}`);
    await sleep(100);
  }
  return { url, pid: child.process.pid!, exited: child.exited, token, stop: () => stopChild(child, 10_000) };
}
