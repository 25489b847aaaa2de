// The API process (`npm run api`, or started by `npm start`): the JSON API and the web pages.
// On the embedded default's first run it creates the demo users and prints their credentials once.
import { join, resolve } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { EvidenceCipher } from '../codec/evidence-cipher';
import { loadDataConverter, loadPayloadKeys } from '../codec/key-ring';
import { type EvidenceLimits, loadEvidenceLimits } from '../config/evidence';
import { loadIntakeDepartment } from '../config/feeds';
import { currentPolicy } from '../config/policy';
import { type DecisionSigner, loadSigner, signingPolicy } from '../config/signing';
import { ConfigError, loadEnv, publicUrl, temporalAddress, temporalUiUrl, type Env } from '../config/env';
import { SESSION_KEY, SIGNED_OUT_SESSIONS, USERS_FILE } from '../domain/data-layout';
import { temporalConnectionOptions, type TemporalConnectionOptions } from '../ops/connection';
import { createLogger, logFormat, sdkLevel, type AppLogger } from '../ops/logger';
import { createApp } from './app';
import { ensureDemoUsers, formatCredentials } from './auth/demo-users';
import { RevokedSessions } from './auth/revoked-sessions';
import { loadOrCreateKey } from './auth/session';
import { UserStore } from './auth/users';
import { loadOrganisationFile, type OrganisationProfile } from '../config/organisation-file';
import { scriptOf } from '../domain/script';
import { EvidenceStore } from './evidence/store';

let env: Env;
let logger: AppLogger;
let connectionOptions: TemporalConnectionOptions;
let signer: DecisionSigner;
let intakeDepartment: string;
let organisation: OrganisationProfile;
let dataConverter: DataConverter | undefined;
let evidenceCipher: EvidenceCipher;
let evidenceLimits: EvidenceLimits;
try {
  env = loadEnv();
  signer = loadSigner(resolve(env.YUQING_DATA_DIR));
  intakeDepartment = loadIntakeDepartment();
  // the organisation's script is written into each incident it starts; the worker reads the same file for its documents
  organisation = loadOrganisationFile(process.env.YUQING_ORGANISATION_FILE && resolve(process.env.YUQING_ORGANISATION_FILE));
  dataConverter = loadDataConverter(resolve(env.YUQING_DATA_DIR));
  evidenceCipher = new EvidenceCipher(loadPayloadKeys(resolve(env.YUQING_DATA_DIR)));
  evidenceLimits = loadEvidenceLimits();
  logger = createLogger({ service: 'api', level: sdkLevel(env.LOG_LEVEL), format: logFormat() });
  connectionOptions = temporalConnectionOptions(env);
  // a broken policy or calendar file stops the start here, naming its line; later edits apply per incident
  currentPolicy({ now: new Date(), overridesFile: env.YUQING_CALENDAR_OVERRIDES, policyFile: env.YUQING_POLICY_FILE });
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}

const dataDir = resolve(env.YUQING_DATA_DIR);
const url = publicUrl(env);
// demo users only where nobody configured a users file: a deployment's file is never invented
if (!env.YUQING_USERS_FILE) {
  const created = await ensureDemoUsers(join(dataDir, USERS_FILE));
  if (created) console.log(formatCredentials(created, url));
}
const users = UserStore.load(env.YUQING_USERS_FILE ?? join(dataDir, USERS_FILE));

// lazy: the API starts and answers /healthz even while Temporal is still coming up (/readyz says 503)
const address = temporalAddress(env);
const connection = Connection.lazy(connectionOptions);
// the same codec serves the Temporal UI at /codec (api/routes/codec.ts)
const client = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE, dataConverter });

const app = createApp({
  client,
  taskQueue: env.YUQING_TASK_QUEUE,
  users,
  sessionKey: loadOrCreateKey(join(dataDir, SESSION_KEY)),
  revokedSessions: new RevokedSessions(join(dataDir, SIGNED_OUT_SESSIONS)),
  policy: (now) => ({ ...currentPolicy({ now, overridesFile: env.YUQING_CALENDAR_OVERRIDES, policyFile: env.YUQING_POLICY_FILE }), signing: signingPolicy(signer) }),
  signer,
  intakeDepartment,
  script: scriptOf(organisation.language),
  dataDir,
  evidence: new EvidenceStore(dataDir, evidenceCipher),
  evidenceLimits,
  temporalUiUrl: temporalUiUrl(env),
  secureCookies: url.startsWith('https:'),
  log: (line) => logger.error(line),
});

const server = app.listen(env.PORT, env.YUQING_HOST, () => {
  logger.info('api ready', { url, temporal: address, namespace: env.TEMPORAL_NAMESPACE });
});
server.on('error', (error) => {
  logger.error(`api could not listen on ${env.YUQING_HOST}:${env.PORT}: ${error.message}`);
  process.exit(1);
});

function stop(): void {
  server.close(() => {
    void connection.close().finally(() => process.exit(0));
  });
  // keep-alive connections from browsers would hold close() open
  server.closeAllConnections();
}
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
// started by the launcher, with an IPC channel to it: if the launcher dies without stopping us, the
// channel closes and we leave the same way instead of serving on as an orphan
process.channel?.unref();
process.once('disconnect', stop);
