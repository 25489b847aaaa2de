// The Temporal server listens on nine ports (gRPC, HTTP and membership for each of its four
// services). They keep Temporal's default layout as offsets from TEMPORAL_PORT, so one variable
// moves the whole server and a busy port is reported with the variable that fixes it.
import { tryListen, type PortClaim } from '../ports';

const OFFSETS = {
  TEMPORAL_PORT: 0,
  TEMPORAL_HISTORY_PORT: 1,
  TEMPORAL_MATCHING_PORT: 2,
  TEMPORAL_WORKER_PORT: 6,
  TEMPORAL_HTTP_PORT: 10,
  TEMPORAL_FRONTEND_MEMBERSHIP_PORT: -300,
  TEMPORAL_HISTORY_MEMBERSHIP_PORT: -299,
  TEMPORAL_MATCHING_MEMBERSHIP_PORT: -298,
  TEMPORAL_WORKER_MEMBERSHIP_PORT: -294,
  /** the server's Prometheus endpoint: 8000 next to the default 7233 */
  TEMPORAL_METRICS_PORT: 767,
} as const;

export type ServerPorts = Record<keyof typeof OFFSETS, number>;

/** the lowest frontend port whose whole layout stays above the privileged range */
export const MIN_FRONTEND_PORT = 1024 - Math.min(...Object.values(OFFSETS));

export function serverPorts(frontend: number): ServerPorts {
  return Object.fromEntries(Object.entries(OFFSETS).map(([name, offset]) => [name, frontend + offset])) as ServerPorts;
}

/** A TEMPORAL_PORT whose nine derived ports are all free, for clusters started beside others. */
export async function freeServerBase(host = '127.0.0.1'): Promise<number> {
  for (;;) {
    const base = MIN_FRONTEND_PORT + 1000 + Math.floor(Math.random() * 30_000);
    const problems = await Promise.all(Object.values(serverPorts(base)).map((port) => tryListen(host, port)));
    if (problems.every((p) => p === undefined)) return base;
  }
}

export function serverPortClaims(ports: ServerPorts): PortClaim[] {
  return Object.entries(ports).map(([name, port]) => ({
    port,
    envVar: 'TEMPORAL_PORT',
    purpose: name === 'TEMPORAL_PORT' ? 'Temporal gRPC' : `Temporal server, ${name} = TEMPORAL_PORT${signed(OFFSETS[name as keyof ServerPorts])}`,
  }));
}

/** the variables config/temporal/yuqing.yaml reads its ports from */
export function serverPortsEnv(ports: ServerPorts): Record<string, string> {
  const { TEMPORAL_METRICS_PORT, ...rest } = ports;
  return {
    ...Object.fromEntries(Object.entries(rest).map(([name, port]) => [name, String(port)])),
    TEMPORAL_METRICS_ADDRESS: `127.0.0.1:${TEMPORAL_METRICS_PORT}`,
  };
}

function signed(n: number): string {
  return n < 0 ? ` - ${-n}` : ` + ${n}`;
}
