// The standalone Temporal UI server (the dev server has its UI built in; a cluster does not),
// configured by config/temporal/ui/yuqing.yaml through the variables of the temporalio/ui image.
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startChild, stopChild, type Child } from '../processes';

export class UiServerError extends Error {}

export interface UiOptions {
  binary: string;
  projectRoot: string;
  temporalAddress: string;
  namespace: string;
  port: number;
  /** read-only switch, OIDC and codec settings (settings.ts uiSettingsEnv) */
  settings: Record<string, string>;
}

export function startUiServer(o: UiOptions): Child {
  return startChild({
    name: 'temporal-ui',
    command: o.binary,
    args: ['--root', o.projectRoot, '--config', join('config', 'temporal', 'ui'), '--env', 'yuqing', 'start'],
    env: {
      ...process.env,
      ...o.settings,
      TEMPORAL_ADDRESS: o.temporalAddress,
      TEMPORAL_UI_PORT: String(o.port),
      TEMPORAL_DEFAULT_NAMESPACE: o.namespace,
    },
    // it prints its banner and every request; the ready block says where it is
    onStdout: () => true,
  });
}

export const stopUiServer = (child: Child) => stopChild(child, 5_000);

export async function waitForUi(child: Child, url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.process.exitCode !== null || child.process.signalCode !== null) {
      throw new UiServerError(`the Temporal UI server exited before it was ready:\n${child.stderrTail()}`);
    }
    try {
      const response = await fetch(`${url}/api/v1/settings`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new UiServerError(`the Temporal UI did not answer on ${url} within ${timeoutMs / 1000}s`);
}
