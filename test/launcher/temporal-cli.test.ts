// The resolution order of the Temporal CLI, on real folders holding small executable scripts in
// the places the launcher looks: $TEMPORAL_CLI, PATH, the project cache, and a `go` to build with.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { BinaryNotFoundError, resolveTemporalCli, TEMPORAL_CLI } from '../../scripts/temporal-cli';

let root: string;
let logs: string[];

function executable(path: string, body = 'exit 0'): string {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

const cached = () => join(root, 'cache', 'yuqing', TEMPORAL_CLI.cacheFolder, 'temporal');
const resolve = (env: NodeJS.ProcessEnv) =>
  resolveTemporalCli({ env: { HOME: join(root, 'home'), XDG_CACHE_HOME: join(root, 'cache'), ...env }, log: (l) => logs.push(l), heartbeatMs: 50 });

// A stand-in for `go install`: writes the "binary" into $GOBIN with the arguments it was given.
const FAKE_GO = 'printf "%s " "$@" > "$GOBIN/temporal"; /bin/chmod +x "$GOBIN/temporal"; echo "go: downloading github.com/temporalio/cli v1.5.1" >&2';

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'yuqing-cli-'));
  logs = [];
});

describe('Temporal CLI resolution', () => {
  it('prefers $TEMPORAL_CLI over PATH and the cache', async () => {
    const explicit = executable(join(root, 'explicit', 'temporal'));
    executable(join(root, 'bin', 'temporal'));
    executable(cached());
    await expect(resolve({ TEMPORAL_CLI: explicit, PATH: join(root, 'bin') })).resolves.toEqual({ path: explicit, source: 'env' });
  });

  it('rejects a $TEMPORAL_CLI that is not executable instead of silently using another binary', async () => {
    const plain = join(root, 'not-executable');
    writeFileSync(plain, '');
    executable(join(root, 'bin', 'temporal'));
    await expect(resolve({ TEMPORAL_CLI: plain, PATH: join(root, 'bin') })).rejects.toThrow(/TEMPORAL_CLI=.*not an executable/);
  });

  it('takes `temporal` from PATH before the cache, skipping folders without one', async () => {
    const onPath = executable(join(root, 'bin2', 'temporal'));
    executable(cached());
    mkdirSync(join(root, 'bin1'));
    await expect(resolve({ PATH: [join(root, 'bin1'), join(root, 'bin2')].join(':') })).resolves.toEqual({ path: onPath, source: 'path' });
  });

  it('uses the cached build before building again with go', async () => {
    executable(cached());
    const go = executable(join(root, 'go', 'go'), 'echo "must not run" > "$GOBIN/ran"; exit 1');
    await expect(resolve({ PATH: join(root, 'go') })).resolves.toEqual({ path: cached(), source: 'cache' });
    expect(existsSync(join(go, '..', 'ran'))).toBe(false);
  });

  it('falls back to XDG_CACHE_HOME unset → ~/.cache', async () => {
    const home = join(root, 'home');
    const inHome = executable(join(home, '.cache', 'yuqing', TEMPORAL_CLI.cacheFolder, 'temporal'));
    const found = await resolveTemporalCli({ env: { HOME: home, PATH: '' }, log: () => {} });
    expect(found).toEqual({ path: inHome, source: 'cache' });
  });

  it('builds with `go install <module>@<version>` into the cache when nothing else is there', async () => {
    executable(join(root, 'go', 'go'), FAKE_GO);
    await expect(resolve({ PATH: join(root, 'go') })).resolves.toEqual({ path: cached(), source: 'built' });
    expect(readFileSync(cached(), 'utf8').trim()).toBe('install -v github.com/temporalio/cli/cmd/temporal@v1.5.1');
    expect(logs[0]).toMatch(/building temporal v1\.5\.1 with go install/);
    expect(logs.at(-1)).toMatch(/^built temporal v1\.5\.1 in \d+s/);
  });

  it('reports progress while a build is silent', async () => {
    executable(join(root, 'go', 'go'), `/bin/sleep 0.3; ${FAKE_GO}`);
    await resolve({ PATH: join(root, 'go') });
    expect(logs.some((l) => /still building temporal: \d+s, \d+ modules downloaded/.test(l))).toBe(true);
  });

  it('reports a failed build with go’s own output and leaves no binary behind', async () => {
    executable(join(root, 'go', 'go'), 'echo "go: github.com/temporalio/cli@v1.5.1 requires go >= 1.25" >&2; exit 1');
    const failure = resolve({ PATH: join(root, 'go') });
    await expect(failure).rejects.toThrow(/go install .* failed \(exit 1\)[\s\S]*requires go >= 1\.25/);
    expect(existsSync(cached())).toBe(false);
  });

  it('without Go, says every way to provide the binary', async () => {
    const error = await resolve({ PATH: join(root, 'empty') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BinaryNotFoundError);
    const message = (error as Error).message;
    expect(message).toContain('TEMPORAL_CLI=');
    expect(message).toContain('on PATH');
    expect(message).toContain(cached());
    expect(message).toContain('Go 1.25+');
    expect(message).toContain('go install github.com/temporalio/cli/cmd/temporal@v1.5.1');
  });
});
