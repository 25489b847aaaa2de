// The Temporal UI of `npm start` when histories are encrypted: the standalone UI server that
// `npm run cluster` runs, because only it can be configured to send the browser's cookies to the
// codec endpoint, so a person signed in to Yuqing reads an incident in the UI with nothing to set.
// Without its binary (none cached, no Go to build one, or the build failed) the dev server's own UI
// stays, and each browser turns that switch on by hand.
import { TEMPORAL_UI_SERVER } from './cluster/binaries';
import { codecUiSettings } from './cluster/settings';
import { startUiServer } from './cluster/ui-server';
import type { Child } from './processes';
import { BinaryNotFoundError, resolveGoBinary } from './temporal-cli';

/** The UI server's path, or undefined (said why) to fall back to the dev server's built-in UI. */
export async function codecUiBinary(env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<string | undefined> {
  try {
    return (await resolveGoBinary(TEMPORAL_UI_SERVER, { env, log })).path;
  } catch (error) {
    if (!(error instanceof BinaryNotFoundError)) throw error;
    log(`${error.message}\nthe dev server's own Temporal UI is used instead; it decodes only once each browser is set up (see the ready block)`);
    return undefined;
  }
}

export interface CodecUiOptions {
  binary: string;
  projectRoot: string;
  temporalAddress: string;
  namespace: string;
  port: number;
  codecEndpoint: string;
}

export function startCodecUi(o: CodecUiOptions): Child {
  const { codecEndpoint, ...rest } = o;
  return startUiServer({ ...rest, settings: codecUiSettings(codecEndpoint) });
}
