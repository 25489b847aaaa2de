// The embedded dev server exactly as `npm start` runs it (scripts/dev-server.ts: a SQLite file with
// its pragmas), on free ports, as a child this process can SIGKILL and start again on the same
// file: what the crash tests and the benchmarks need and TestWorkflowEnvironment cannot do.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { devServerArgs, startDevServer, waitForDevServer } from '../../scripts/dev-server';
import { stopChild, type Child } from '../../scripts/processes';
import { fileDevServerOptions } from '../helpers/dev-server-options';

export interface FileDevServer {
  address: string;
  dbFile: string;
  /** the command line's --sqlite-pragma values, for results that must be comparable */
  pragmas: string[];
  pid(): number | undefined;
  /** SIGKILL: no shutdown, whatever SQLite had not made durable is lost */
  kill(): Promise<void>;
  /** a new process on the same database file and port */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startFileDevServer(opts: { dir?: string } = {}): Promise<FileDevServer> {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'yuqing-devserver-'));
  const options = await fileDevServerOptions(join(dir, 'temporal.db'), (line) => console.log(line));
  const args = devServerArgs(options);
  let child: Child;
  // a test process that dies without its cleanup must not leave the server running
  process.once('exit', () => child.process.kill('SIGKILL'));
  const launch = async () => {
    child = startDevServer(options);
    await waitForDevServer(child, options);
  };
  await launch();
  return {
    address: `${options.ip}:${options.port}`,
    dbFile: options.dbFile,
    pragmas: args.flatMap((arg, i) => (args[i - 1] === '--sqlite-pragma' ? [arg] : [])),
    pid: () => child.process.pid,
    async kill() {
      child.process.kill('SIGKILL');
      await child.exited;
    },
    restart: launch,
    stop: () => stopChild(child, 10_000),
  };
}
