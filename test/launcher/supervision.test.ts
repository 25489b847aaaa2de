// The launchers' restart policy: the pure backoff (1 s doubling to 30 s, back to 1 s after a healthy
// minute), and the supervisor on real short-lived processes with a fast policy: a killed one is
// started again and said so; once cancelled nothing is started any more.
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { startChild, type Child } from '../../scripts/processes';
import { DEFAULT_BACKOFF, nextDelay, supervise } from '../../scripts/supervision';

describe('nextDelay', () => {
  it('starts at 1 s and doubles while the process keeps dying quickly, up to 30 s', () => {
    const waits: number[] = [];
    let delay: number | undefined;
    for (let i = 0; i < 8; i++) waits.push((delay = nextDelay(delay, 500)));
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  });

  it('starts over at 1 s once a run has lasted the stable time', () => {
    expect(nextDelay(30_000, DEFAULT_BACKOFF.stableMs)).toBe(1_000);
    expect(nextDelay(30_000, DEFAULT_BACKOFF.stableMs - 1)).toBe(30_000);
  });

  it('follows another policy', () => {
    const policy = { initialMs: 10, maxMs: 25, stableMs: 100 };
    expect([nextDelay(undefined, 0, policy), nextDelay(10, 0, policy), nextDelay(20, 0, policy), nextDelay(25, 200, policy)]).toEqual([10, 20, 25, 10]);
  });
});

describe('supervise', () => {
  const sleeper = () => startChild({ name: 'sleeper', command: 'sleep', args: ['60'] });
  const waitFor = async (check: () => boolean) => {
    while (!check()) await sleep(20);
  };

  it('restarts a killed process after the wait, says so, and starts nothing once cancelled', async () => {
    const lines: string[] = [];
    const spawned: Child[] = [];
    let stopping = false;
    const first = sleeper();
    const supervisor = supervise({
      first,
      start: () => sleeper(),
      ready: async () => undefined,
      stopping: () => stopping,
      onStart: (c) => spawned.push(c),
      log: (line) => lines.push(line),
      policy: { initialMs: 50, maxMs: 200, stableMs: 60_000 },
    });
    try {
      first.process.kill('SIGKILL');
      await waitFor(() => lines.some((l) => l.includes('and is ready')));
      expect(lines[0]).toBe('sleeper stopped unexpectedly (SIGKILL); restarting it in 0.05s');
      expect(lines[1]).toBe(`sleeper restarted (pid ${spawned[0]!.process.pid}) and is ready`);
      expect(supervisor.current()).toBe(spawned[0]);

      // dies again quickly: the wait doubles
      spawned[0]!.process.kill('SIGTERM');
      await waitFor(() => spawned.length === 2);
      expect(lines[2]).toBe('sleeper stopped unexpectedly (SIGTERM); restarting it in 0.1s');

      // the launcher stops during a wait: the timer starts nothing
      stopping = true;
      spawned[1]!.process.kill('SIGKILL');
      await spawned[1]!.exited;
      await sleep(300);
      expect(spawned).toHaveLength(2);
      expect(lines).toHaveLength(4);
    } finally {
      supervisor.cancel();
      for (const c of [first, ...spawned]) c.process.kill('SIGKILL');
    }
  });
});
