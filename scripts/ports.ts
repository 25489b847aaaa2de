// Checked before anything starts: a busy port found later surfaces as a server crash deep in some
// child's log, while here it can be named together with the variable that moves it.
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export interface PortClaim {
  port: number;
  /** the environment variable that sets this port */
  envVar: string;
  /** what would listen there, for the message */
  purpose: string;
}

export class PortInUseError extends Error {}

/**
 * `settleMs`: how long a busy port may take to come free, for ports a process we just stopped held;
 * its pid can vanish from view a moment before its last thread has closed the sockets.
 */
export async function assertPortsFree(host: string, claims: PortClaim[], settleMs = 0): Promise<void> {
  const until = Date.now() + settleMs;
  for (const claim of claims) {
    let problem = await tryListen(host, claim.port);
    while (problem === 'EADDRINUSE' && Date.now() < until) {
      await sleep(100);
      problem = await tryListen(host, claim.port);
    }
    if (problem === 'EADDRINUSE') {
      throw new PortInUseError(
        `port ${claim.port} (${claim.purpose}) is already in use on ${host}. ` +
          `Another program, perhaps an earlier \`npm start\`, is listening there: stop it, ` +
          `or choose another port with ${claim.envVar}, e.g. ${claim.envVar}=${claim.port + 1} npm start`,
      );
    }
    if (problem) throw new PortInUseError(`cannot listen on ${host}:${claim.port} (${claim.purpose}): ${problem}`);
  }
}

export function tryListen(host: string, port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(undefined)));
  });
}

/** A port nothing listens on right now (the OS picks it), for servers started side by side. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
