// Finds a Go-built binary the launcher needs (the Temporal CLI; the cluster's server, SQL tool and
// UI server), or builds it. No download site is reachable on the machines we target, but Go's
// module proxy is, so `go install` is the last resort before giving up with a message that lists
// every way to provide the binary.
import { spawn } from 'node:child_process';
import { accessSync, constants, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { createInterface } from 'node:readline';

export interface GoBinary {
  /** the file `go install` writes (the package's last path element) */
  name: string;
  /** the name to look for on PATH when it differs, e.g. `temporal-server` for a `server` build */
  pathName?: string;
  /** environment variable that points at an existing binary and wins over everything else */
  envVar: string;
  /** `go install` package path */
  module: string;
  version: string;
  /** folder under the project cache; versioned so an upgrade never reuses an old build */
  cacheFolder: string;
}

export const TEMPORAL_CLI: GoBinary = {
  name: 'temporal',
  envVar: 'TEMPORAL_CLI',
  module: 'github.com/temporalio/cli/cmd/temporal',
  version: 'v1.5.1',
  cacheFolder: 'temporal-cli-v1.5.1',
};

export type Source = 'env' | 'path' | 'cache' | 'built';

export interface ResolveOptions {
  /** PATH, HOME, XDG_CACHE_HOME and the binary's own variable are read from here */
  env: NodeJS.ProcessEnv;
  /** progress lines of a build; a cold `go install` of the Temporal CLI takes several minutes */
  log: (line: string) => void;
  /** how often a silent build reports that it is still alive */
  heartbeatMs?: number;
}

export class BinaryNotFoundError extends Error {}

export function cacheRoot(env: NodeJS.ProcessEnv): string {
  return join(env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache'), 'yuqing');
}

export async function resolveGoBinary(
  spec: GoBinary,
  options: ResolveOptions,
): Promise<{ path: string; source: Source }> {
  const { env } = options;
  const explicit = env[spec.envVar];
  if (explicit) {
    // A wrong explicit setting is an error, not a hint to look elsewhere: the user meant this one.
    if (!isExecutable(explicit)) {
      throw new BinaryNotFoundError(`${spec.envVar}=${explicit} is not an executable file`);
    }
    return { path: explicit, source: 'env' };
  }
  const onPath = findOnPath(spec.pathName ?? spec.name, env.PATH);
  if (onPath) return { path: onPath, source: 'path' };

  const cacheDir = join(cacheRoot(env), spec.cacheFolder);
  const cached = join(cacheDir, spec.name);
  if (isExecutable(cached)) return { path: cached, source: 'cache' };

  const go = findOnPath('go', env.PATH);
  if (go) {
    await goInstall(go, spec, cacheDir, options);
    return { path: cached, source: 'built' };
  }
  throw new BinaryNotFoundError(
    [
      `${spec.pathName ?? spec.name} ${spec.version} not found. Provide one of:`,
      `  - ${spec.envVar}=/path/to/${spec.name}`,
      `  - a \`${spec.pathName ?? spec.name}\` executable on PATH`,
      `  - the cached build at ${cached}`,
      `  - Go 1.25+ on PATH, so it can be built with: go install ${spec.module}@${spec.version}`,
    ].join('\n'),
  );
}

export function resolveTemporalCli(options: ResolveOptions) {
  return resolveGoBinary(TEMPORAL_CLI, options);
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function findOnPath(name: string, pathVar: string | undefined): string | undefined {
  for (const dir of (pathVar ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

async function goInstall(go: string, spec: GoBinary, cacheDir: string, options: ResolveOptions): Promise<void> {
  const { log, env } = options;
  const target = `${spec.module}@${spec.version}`;
  // Build into a private folder and rename: an interrupted build never leaves a half-written
  // binary where the next run would trust it.
  const staging = `${cacheDir}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  log(`building ${spec.name} ${spec.version} with go install ${target} (several minutes the first time)`);

  const started = Date.now();
  const elapsed = () => formatDuration(Date.now() - started);
  let downloaded = 0;
  let compiled = 0;
  const tail: string[] = [];
  // -v names each package as it is compiled: the count is the only progress a silent build gives.
  const child = spawn(go, ['install', '-v', target], {
    env: { ...env, GOBIN: staging },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const onLine = (line: string) => {
    tail.push(line);
    if (tail.length > 40) tail.shift();
    if (line.startsWith('go: downloading')) downloaded++;
    else if (!line.startsWith('go:')) compiled++;
  };
  createInterface({ input: child.stdout }).on('line', onLine);
  createInterface({ input: child.stderr }).on('line', onLine);
  const heartbeat = setInterval(
    () => log(`  still building ${spec.name}: ${elapsed()}, ${downloaded} modules downloaded, ${compiled} packages compiled`),
    options.heartbeatMs ?? 15_000,
  );
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', resolve);
    });
    if (code !== 0) {
      throw new BinaryNotFoundError(
        `go install ${target} failed (exit ${code}) after ${elapsed()}:\n${tail.join('\n')}`,
      );
    }
    mkdirSync(cacheDir, { recursive: true });
    renameSync(join(staging, spec.name), join(cacheDir, spec.name));
    log(`built ${spec.name} ${spec.version} in ${elapsed()}: ${join(cacheDir, spec.name)}`);
  } finally {
    clearInterval(heartbeat);
    rmSync(staging, { recursive: true, force: true });
  }
}

function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}
