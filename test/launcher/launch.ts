// Driving `npm start` as a user does, for the launcher tests: the launcher in its own process group
// (a group signal is a terminal's Ctrl-C) on free ports and a temp data folder, its output kept,
// and after each test whatever it left is killed so the next test file starts clean.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, expect } from 'vitest';
import { alive, commandLine, descendants } from '../helpers/processes';
import { freePort } from '../helpers/ports';

export const READY = 'Ctrl-C stops everything.';

export interface Launch {
  process: ChildProcess;
  output: () => string;
  /** exit code, or the signal's name when it ended by one */
  exited: Promise<number | string | null>;
}

const launched: Launch[] = [];

export function launch(command: string, args: string[], env: NodeJS.ProcessEnv): Launch {
  // detached: its own process group, like a shell job, so a group signal is a terminal's Ctrl-C
  const childEnv = { ...process.env, ...env };
  // the embedded default is under test, whatever cluster the surrounding shell points at
  delete childEnv.TEMPORAL_ADDRESS;
  const child = spawn(command, args, { cwd: process.cwd(), env: childEnv, detached: true });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<number | string | null>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
  const l = { process: child, output: () => output, exited };
  launched.push(l);
  return l;
}

export async function ready(l: Launch, timeoutMs = 90_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!l.output().includes(READY)) {
    if (l.process.exitCode !== null) throw new Error(`launcher exited ${l.process.exitCode}:\n${l.output()}`);
    if (Date.now() > until) throw new Error(`not ready within ${timeoutMs} ms:\n${l.output()}`);
    await sleep(100);
  }
}

export async function settings() {
  return {
    YUQING_DATA_DIR: mkdtempSync(join(tmpdir(), 'yuqing-start-')),
    PORT: String(await freePort()),
    TEMPORAL_PORT: String(await freePort()),
    TEMPORAL_UI_PORT: String(await freePort()),
  };
}

export async function stoppedCleanly(l: Launch, family: number[]): Promise<void> {
  await expect(l.exited).resolves.toBe(0);
  // says what it waits for, in the order it stops them
  const at = ['stopping the API', 'stopping the worker', 'stopping the Temporal dev server', 'stopped in '].map((line) => l.output().indexOf(line));
  expect(at.every((i, n) => i >= 0 && (n === 0 || i > at[n - 1]!))).toBe(true);
  // children are reaped by init once the launcher is gone; give that a moment
  const until = Date.now() + 5_000;
  while (family.some(alive) && Date.now() < until) await sleep(100);
  expect(family.filter(alive).map((pid) => `${pid} ${commandLine(pid)}`)).toEqual([]);
}

export function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

afterEach(async () => {
  // a failed assertion must not leave a server behind for the next test file
  for (const l of launched.splice(0)) {
    for (const pid of [l.process.pid!, ...descendants(l.process.pid!)]) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
});

