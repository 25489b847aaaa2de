// The private PostgreSQL of `npm run cluster` when YUQING_PG_URL is unset: initialised once under
// <data>/pg, listening on loopback only (no Unix socket), with a random password kept in that folder.
// PostgreSQL refuses to run as root, so as root every PostgreSQL program runs as YUQING_PG_OS_USER.
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, chownSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startChild, type Child } from '../processes';
import type { PgTarget } from './settings';

export class PostgresError extends Error {}

export interface PrivatePostgresOptions {
  /** PGDATA: created on the first run */
  dir: string;
  port: number;
  /** YUQING_PG_BIN, if set */
  binDir?: string;
  /** YUQING_PG_OS_USER: used only when this process is root */
  osUser: string;
  log: (line: string) => void;
}

const USER = 'temporal';
const PASSWORD_FILE = 'yuqing-password';
const STOP_GRACE_MS = 30_000;

export class PrivatePostgres {
  readonly target: PgTarget;
  private child: Child | undefined;
  private readonly bin: string;
  private readonly runAs: string[];

  constructor(private readonly o: PrivatePostgresOptions) {
    this.bin = findPgBin(o.binDir);
    this.runAs = process.getuid?.() === 0 ? asUser(o.osUser) : [];
    this.initialise();
    const password = readFileSync(join(o.dir, PASSWORD_FILE), 'utf8').trim();
    this.target = { host: '127.0.0.1', port: o.port, user: USER, password, database: 'temporal', visibilityDatabase: 'temporal_visibility' };
  }

  get pid(): number | undefined {
    return this.child?.process.pid;
  }

  /** Starts the server and resolves once it accepts connections. */
  async start(): Promise<void> {
    if (this.child && this.child.process.exitCode === null && this.child.process.signalCode === null) return;
    const args = ['-D', this.o.dir, '-p', String(this.o.port)];
    const [command, ...prefix] = [...this.runAs, join(this.bin, 'postgres')];
    const child = startChild({ name: 'postgres', command: command!, args: [...prefix, ...args] });
    this.child = child;
    let exited = false;
    void child.exited.then(() => (exited = true));
    const deadline = Date.now() + 60_000;
    while (!this.accepting()) {
      if (exited) throw new PostgresError(`PostgreSQL (${this.o.dir}) exited before it was ready:\n${child.stderrTail()}\nits log: ${join(this.o.dir, 'log')}`);
      if (Date.now() > deadline) {
        await this.stop();
        throw new PostgresError(`PostgreSQL did not accept connections on 127.0.0.1:${this.o.port} within 60s; its log: ${join(this.o.dir, 'log')}`);
      }
      await sleep(200);
    }
  }

  /** Fast shutdown (open sessions are ended, nothing is lost), then immediate if it hangs. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.process.exitCode !== null || child.process.signalCode !== null) return;
    child.process.kill('SIGINT');
    const timer = sleep(STOP_GRACE_MS, 'timeout' as const, { ref: false });
    if ((await Promise.race([child.exited, timer])) === 'timeout') {
      child.process.kill('SIGQUIT');
      await child.exited;
    }
  }

  private accepting(): boolean {
    const r = spawnSync(join(this.bin, 'pg_isready'), ['-q', '-h', '127.0.0.1', '-p', String(this.o.port), '-U', USER, '-d', 'postgres']);
    return r.status === 0;
  }

  private initialise(): void {
    if (existsSync(join(this.o.dir, 'PG_VERSION'))) return;
    const { dir, log } = this.o;
    log(`initialising a private PostgreSQL in ${dir}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dirname(dir), { recursive: true });
    mkdirSync(dir, { mode: 0o700 });
    const pwfile = join(dirname(dir), `.pg-init-${process.pid}`);
    const password = randomBytes(18).toString('base64url');
    writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
    try {
      if (this.runAs.length) {
        const { uid, gid } = osUserIds(this.o.osUser);
        chownSync(dir, uid, gid);
        chownSync(pwfile, uid, gid);
        this.assertReachable(dir);
      }
      this.run('initdb', ['-D', dir, '-U', USER, `--pwfile=${pwfile}`, '--auth=scram-sha-256', '-E', 'UTF8', '--locale=C']);
    } catch (error) {
      rmSync(dir, { recursive: true, force: true });
      throw error;
    } finally {
      rmSync(pwfile, { force: true });
    }
    // loopback TCP only: no socket file in a system folder we may not own, nothing on the network
    appendFileSync(
      join(dir, 'postgresql.conf'),
      [
        '',
        '# added by Yuqing (scripts/cluster/postgres.ts)',
        "listen_addresses = '127.0.0.1'",
        "unix_socket_directories = ''",
        'logging_collector = on',
        "log_directory = 'log'",
        '',
      ].join('\n'),
    );
    writeFileSync(join(dir, PASSWORD_FILE), `${password}\n`, { mode: 0o600 });
  }

  private assertReachable(dir: string): void {
    const [command, ...args] = [...this.runAs, 'test', '-w', dir];
    if (spawnSync(command!, args).status !== 0) {
      throw new PostgresError(
        `PostgreSQL runs as ${this.o.osUser}, who cannot reach ${dir} (a parent folder is closed to other users). ` +
          `Set YUQING_DATA_DIR to a folder ${this.o.osUser} can reach, or point YUQING_PG_URL at an existing PostgreSQL.`,
      );
    }
  }

  private run(program: string, args: string[]): void {
    const [command, ...prefix] = [...this.runAs, join(this.bin, program)];
    try {
      execFileSync(command!, [...prefix, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      const e = error as { stderr?: Buffer; stdout?: Buffer; message: string };
      throw new PostgresError(`${program} failed: ${e.stderr?.toString().trim() || e.stdout?.toString().trim() || e.message}`);
    }
  }
}

/** initdb, postgres and pg_isready: YUQING_PG_BIN, else PATH, else Debian's newest /usr/lib/postgresql/N/bin */
export function findPgBin(explicit?: string): string {
  const has = (dir: string) => ['initdb', 'postgres', 'pg_isready'].every((program) => existsSync(join(dir, program)));
  if (explicit) {
    if (!has(explicit)) throw new PostgresError(`YUQING_PG_BIN=${explicit} lacks initdb, postgres or pg_isready`);
    return explicit;
  }
  const candidates = (process.env.PATH ?? '').split(':').filter(Boolean);
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => join(debian, v, 'bin')));
  }
  const found = candidates.find(has);
  if (!found) {
    throw new PostgresError(
      'PostgreSQL was not found (no initdb/postgres on PATH or under /usr/lib/postgresql). Install it ' +
        '(Debian: apt-get install -y postgresql), set YUQING_PG_BIN to its bin folder, or set YUQING_PG_URL to an existing server.',
    );
  }
  return found;
}

function osUserIds(user: string): { uid: number; gid: number } {
  try {
    const uid = Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    throw new PostgresError(
      `PostgreSQL cannot run as root and the account YUQING_PG_OS_USER=${user} does not exist. ` +
        `Create it (useradd --system ${user}), name another with YUQING_PG_OS_USER, or set YUQING_PG_URL.`,
    );
  }
}

/** setpriv replaces itself with the program, so the pid we hold is PostgreSQL's own */
function asUser(user: string): string[] {
  const { uid, gid } = osUserIds(user);
  return ['setpriv', `--reuid=${uid}`, `--regid=${gid}`, '--clear-groups', '--'];
}
