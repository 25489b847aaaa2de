// Key rotation from the terminal.
//   npm run keys:rotate                 a new decision-signing key (the API signs with it after a restart)
//   npm run keys:rotate -- --payload    a new payload-encryption key (worker and API use it after a restart)
//   npm run keys:distribute -- --token <admin token>
//                                       running incidents trust the API's active signing key too
//   npm run keys:revoke -- <keyId> --reason <why> --token <admin token>
//                                       a lost or leaked key: out of the ring, and every running
//                                       incident refuses decisions signed with it
// Incidents carry the signing keys of their start in their policy snapshot; an older incident learns
// a new key only from a signed admin decision (signingKeyAdded), which the API signs with a key that
// incident already trusts. Old keys of either kind stay in their rings: running incidents verify
// with them, and existing histories were encrypted with them.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { payloadKeysPath, rotatePayloadKeys } from '../codec/key-ring';
import { loadEnv } from '../config/env';
import { KeyRevocationError, keyRingPath, loadSigner, revokeRingKey, rotateKeyRing } from '../config/signing';
import { type Api, ApiError, apiClient, apiSettings, CliError, EXIT, runCli } from './cli/api';
import { table } from './cli/table';

const USAGE = `usage: npm run keys:rotate [-- --payload]
       npm run keys:distribute -- --token <admin token> [--url <api url>]
       npm run keys:revoke -- <keyId> --reason <why> --token <admin token> [--url <api url>]`;

/** how long to wait for an incident to show the key it was sent */
const TRUST_TIMEOUT_MS = 15_000;

const dataDir = () => resolve(loadEnv().YUQING_DATA_DIR);

function rotateSigning(): number {
  if (process.env.YUQING_SIGNING_KEY) {
    throw new CliError('YUQING_SIGNING_KEY is set: this deployment has one signing key from its environment, with no ring to add to. Use a key ring file (YUQING_SIGNING_KEYRING) to rotate.', EXIT.usage);
  }
  const path = keyRingPath(dataDir());
  const { keyId, publicKey } = rotateKeyRing(path);
  console.log(`new signing key ${keyId} (public key ${publicKey}) is now the active key in ${path}
Next:
  1. restart the API (stop npm start and start it again), so it signs new decisions with ${keyId};
  2. npm run keys:distribute -- --token <admin token>, so incidents already running trust it too.
Incidents started from then on trust it from the start. The older keys stay in the ring: running incidents still verify with them.`);
  return EXIT.ok;
}

function rotatePayload(): number {
  if (process.env.YUQING_PAYLOAD_KEYS) {
    throw new CliError('YUQING_PAYLOAD_KEYS is set: the payload keys come from it; add the new key there (last in "keys" encrypts).', EXIT.usage);
  }
  const path = payloadKeysPath(dataDir());
  const { keyId } = rotatePayloadKeys(path);
  console.log(`new payload key ${keyId} added to ${path}
Restart the worker(s) and the API together (stop npm start and start it again): from then on they encrypt with ${keyId}.
The older keys stay in the file and keep decrypting the histories written with them; remove one only when no kept history uses it.`);
  return EXIT.ok;
}

interface Listed {
  workflowId: string;
  title?: string;
  status: string;
}

async function runningIncidents(api: Api): Promise<Listed[]> {
  const running: Listed[] = [];
  let pageToken: string | null = null;
  do {
    const query: string = `/api/incidents?pageSize=100${pageToken ? `&pageToken=${pageToken}` : ''}`;
    const page: { items: Listed[]; nextPageToken: string | null } = await api('GET', query);
    running.push(...page.items.filter((i) => i.status === 'RUNNING'));
    pageToken = page.nextPageToken;
  } while (pageToken);
  return running;
}

const trustedKeys = async (api: Api, workflowId: string): Promise<string[]> =>
  (await api<{ state: { signing: { keyIds: string[] } } }>('GET', `/api/incidents/${encodeURIComponent(workflowId)}`)).state.signing.keyIds;

async function addKey(api: Api, workflowId: string, key: { keyId: string; publicKey: string }): Promise<string> {
  if ((await trustedKeys(api, workflowId)).includes(key.keyId)) return 'already trusts it';
  const answer = await api<{ outcome: string }>('POST', `/api/incidents/${encodeURIComponent(workflowId)}/decisions/signingKeyAdded`, key);
  if (answer.outcome === 'applied') return 'added';
  // no verdict in time: the incident trusts the key once the workflow has verified the decision
  const until = Date.now() + TRUST_TIMEOUT_MS;
  while (Date.now() < until) {
    if ((await trustedKeys(api, workflowId)).includes(key.keyId)) return 'added';
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`sent, but the incident did not list the key within ${TRUST_TIMEOUT_MS / 1000}s (see its timeline)`);
}

async function revokeKey(api: Api, workflowId: string, keyId: string, reason: string): Promise<string> {
  if (!(await trustedKeys(api, workflowId)).includes(keyId)) return 'does not trust it';
  const answer = await api<{ outcome: string }>('POST', `/api/incidents/${encodeURIComponent(workflowId)}/decisions/signingKeyRevoked`, { keyId, reason });
  if (answer.outcome === 'applied') return 'revoked';
  const until = Date.now() + TRUST_TIMEOUT_MS;
  while (Date.now() < until) {
    if (!(await trustedKeys(api, workflowId)).includes(keyId)) return 'revoked';
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`sent, but the incident still trusts the key after ${TRUST_TIMEOUT_MS / 1000}s (see its timeline)`);
}

/** Out of the ring first, so a restarted API neither signs with it nor hands it to new incidents. */
async function revoke(keyId: string | undefined, flags: { token?: string; url?: string; reason?: string }): Promise<number> {
  if (!keyId || !flags.reason?.trim()) throw new CliError(`name the key and say why: --reason is required\n${USAGE}`, EXIT.usage);
  const settings = apiSettings(flags);
  const ringPath = keyRingPath(dataDir());
  try {
    revokeRingKey(ringPath, keyId, flags.reason.trim());
  } catch (error) {
    if (error instanceof KeyRevocationError) throw new CliError(error.message, EXIT.usage);
    throw error;
  }
  console.log(`${keyId} is revoked in ${ringPath}: restart the API, so that new incidents no longer trust it`);
  return eachRunningIncident(settings, (api, workflowId) => revokeKey(api, workflowId, keyId, flags.reason!.trim()));
}

async function distribute(flags: { token?: string; url?: string }): Promise<number> {
  const settings = apiSettings(flags);
  const dir = dataDir();
  if (!process.env.YUQING_SIGNING_KEY && !existsSync(keyRingPath(dir))) {
    throw new CliError(`no signing key ring at ${keyRingPath(dir)}: run this where the API keeps its keys (same YUQING_DATA_DIR / YUQING_SIGNING_KEYRING)`, EXIT.usage);
  }
  const signer = loadSigner(dir);
  const active = signer.publicKeys.find((k) => k.keyId === signer.keyId)!;
  console.log(`active signing key ${active.keyId}`);
  return eachRunningIncident(settings, (api, workflowId) => addKey(api, workflowId, active));
}

/** One admin decision per running incident, a result line each; exit 1 if any was refused. */
async function eachRunningIncident(settings: ReturnType<typeof apiSettings>, act: (api: Api, workflowId: string) => Promise<string>): Promise<number> {
  const api = apiClient(settings);
  const incidents = await runningIncidents(api);
  const rows: string[][] = [];
  let failed = 0;
  for (const incident of incidents) {
    let result: string;
    try {
      result = await act(api, incident.workflowId);
    } catch (error) {
      failed++;
      result = `failed: ${error instanceof ApiError ? `${error.failure.code}: ${error.failure.message}` : (error as Error).message}`;
    }
    rows.push([incident.workflowId, incident.title ?? '', result]);
  }
  console.log(`${incidents.length} running incident(s)`);
  if (rows.length) console.log(table(['incident', 'title', 'result'], rows));
  return failed ? EXIT.refused : EXIT.ok;
}

await runCli(async () => {
  let parsed;
  try {
    parsed = parseArgs({ allowPositionals: true, options: { payload: { type: 'boolean' }, token: { type: 'string' }, url: { type: 'string' }, reason: { type: 'string' } } });
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${USAGE}`, EXIT.usage);
  }
  const { values, positionals } = parsed;
  if (positionals[0] === 'rotate' && positionals.length === 1) return values.payload ? rotatePayload() : rotateSigning();
  if (positionals[0] === 'distribute' && positionals.length === 1 && !values.payload) return distribute(values);
  if (positionals[0] === 'revoke' && positionals.length <= 2 && !values.payload) return revoke(positionals[1], values);
  throw new CliError(USAGE, EXIT.usage);
});
