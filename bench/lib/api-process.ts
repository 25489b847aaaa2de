// The API as its own process beside a benchmark's stack, as `npm start` runs it, optionally under
// the V8 profiler: the profile is written when the process exits, so stop it before reading.
import { join } from 'node:path';
import { payloadKeysPath } from '../../codec/key-ring';
import { startApiProcess } from '../../test/chaos/api-process';

type ApiUsers = Parameters<typeof startApiProcess>[0]['users'];

export async function startBenchApi(stack: { dir: string; server: { address: string } }, o: { taskQueue: string; users: ApiUsers; profile: boolean }) {
  const profileDir = join(stack.dir, 'api-profile');
  const api = await startApiProcess({
    dir: stack.dir,
    address: stack.server.address,
    taskQueue: o.taskQueue,
    payloadKeys: payloadKeysPath(stack.dir),
    users: o.users,
    nodeArgs: o.profile ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [],
  });
  return { api, profileDir };
}
