// The cluster's configuration without running a cluster: the server config template rendered by the
// real server binary, the dynamic config validated by it, the settings' error messages, and the
// shared pieces (logger, connection, binary lookup) the processes rely on.
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadEnv } from '../../config/env';
import { temporalConnectionOptions } from '../../ops/connection';
import { createLogger, logFormat } from '../../ops/logger';
import { TEMPORAL_SERVER, TEMPORAL_UI_SERVER } from '../../scripts/cluster/binaries';
import { serverPorts } from '../../scripts/cluster/ports';
import { loadClusterEnv, uiSettingsEnv } from '../../scripts/cluster/settings';
import { freePort } from '../../scripts/ports';
import { serverArgs, serverEnv } from '../../scripts/cluster/temporal-server';
import { startUiServer, stopUiServer, waitForUi } from '../../scripts/cluster/ui-server';
import { resolveGoBinary } from '../../scripts/temporal-cli';
import { PROJECT_ROOT } from '../../workers/bundle';

const TEMPLATE = readFileSync(join(PROJECT_ROOT, 'config/temporal/yuqing.yaml'), 'utf8');
const server = () => resolveGoBinary(TEMPORAL_SERVER, { env: process.env, log: () => undefined }).then((r) => r.path);

describe('the Temporal server configuration', () => {
  it('renders with the real server into a PostgreSQL config with 16 history shards and our ports', async () => {
    const pg = { host: '10.0.0.5', port: 6543, user: 'u', password: 'p&w"d', database: 'tdb', visibilityDatabase: 'tdb_visibility' };
    const ports = serverPorts(20233);
    const env = serverEnv({ projectRoot: PROJECT_ROOT, ports, pg, logLevel: 'error', logFile: '/tmp/x.log' });
    const rendered = parse(execFileSync(await server(), serverArgs(PROJECT_ROOT, ['render-config']), { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
    expect(rendered.persistence.numHistoryShards).toBe(16);
    const sql = rendered.persistence.datastores['postgres-default'].sql;
    // the rendered password is masked; the cluster tests prove it arrives
    expect(sql).toMatchObject({ pluginName: 'postgres12', databaseName: 'tdb', connectAddr: '10.0.0.5:6543', user: 'u' });
    expect(rendered.persistence.datastores['postgres-visibility'].sql.databaseName).toBe('tdb_visibility');
    expect(rendered.services.history.rpc).toMatchObject({ grpcPort: 20234, membershipPort: 19934, bindOnIP: '127.0.0.1' });
    expect(rendered.services.frontend.rpc).toMatchObject({ grpcPort: 20233, httpPort: 20243 });
    expect(rendered.global.metrics.prometheus.listenAddress).toBe('127.0.0.1:21000');
    expect(rendered.log).toMatchObject({ stdout: false, outputFile: '/tmp/x.log', level: 'error' });
  });

  it('uses Temporal’s own default ports when none is set, the layout serverPorts derives from 7233', () => {
    const defaults = Object.fromEntries([...TEMPLATE.matchAll(/env "(TEMPORAL_\w+_PORT|TEMPORAL_PORT)" \| default "(\d+)"/g)].map((m) => [m[1], Number(m[2])]));
    const { TEMPORAL_METRICS_PORT, ...derived } = serverPorts(7233);
    expect(defaults).toEqual(derived);
    expect(TEMPLATE).toContain(`default "127.0.0.1:${TEMPORAL_METRICS_PORT}"`);
  });

  it('has a dynamic config the server accepts', async () => {
    const output = execFileSync(await server(), ['validate-dynamic-config', join(PROJECT_ROOT, 'config/temporal/dynamicconfig.yaml')], { encoding: 'utf8' });
    expect(output).not.toMatch(/error|warning/);
  });
});

describe('the Temporal UI configuration', () => {
  it('serves read-only, with the API as codec server and credentials, when told so', async () => {
    const binary = (await resolveGoBinary(TEMPORAL_UI_SERVER, { env: process.env, log: () => undefined })).path;
    const port = await freePort();
    const settings = uiSettingsEnv(loadClusterEnv({ TEMPORAL_DISABLE_WRITE_ACTIONS: 'true' }), 'http://127.0.0.1:3000/codec');
    const ui = startUiServer({ binary, projectRoot: PROJECT_ROOT, temporalAddress: '127.0.0.1:1', namespace: 'yq', port, settings });
    try {
      await waitForUi(ui, `http://127.0.0.1:${port}`);
      const served = await (await fetch(`http://127.0.0.1:${port}/api/v1/settings`)).json();
      expect(served).toMatchObject({ DisableWriteActions: true, DefaultNamespace: 'yq', Codec: { Endpoint: 'http://127.0.0.1:3000/codec', IncludeCredentials: true }, Auth: { Enabled: false } });
    } finally {
      await stopUiServer(ui);
    }
    expect(uiSettingsEnv(loadClusterEnv({ TEMPORAL_CODEC_ENDPOINT: 'https://codec.example.org/' }), 'http://x/codec').TEMPORAL_CODEC_ENDPOINT).toBe('https://codec.example.org/');
    expect(uiSettingsEnv(loadClusterEnv({})).TEMPORAL_CODEC_ENDPOINT).toBeUndefined();
  });
});

describe('cluster settings', () => {
  const problems = (env: NodeJS.ProcessEnv) => {
    try {
      loadClusterEnv(env);
      return '';
    } catch (error) {
      return (error as Error).message;
    }
  };

  it('splits YUQING_PG_URL and derives the visibility database', () => {
    const { YUQING_PG_URL: pg } = loadClusterEnv({ YUQING_PG_URL: 'postgresql://tem%40p:s%3Acret@db.internal:6432/yq' });
    expect(pg).toEqual({ host: 'db.internal', port: 6432, user: 'tem@p', password: 's:cret', database: 'yq', visibilityDatabase: 'yq_visibility' });
    expect(loadClusterEnv({}).YUQING_NAMESPACE_RETENTION).toBe(60 * 24);
  });

  it('names the variable and the rule of every wrong value', () => {
    expect(problems({ YUQING_PG_URL: 'mysql://x@h/db' })).toContain('YUQING_PG_URL: must be a postgres://');
    expect(problems({ YUQING_PG_URL: 'postgres://h:5432/db' })).toContain('YUQING_PG_URL: must name a user');
    expect(problems({ YUQING_NAMESPACE_RETENTION: '12h' })).toContain('YUQING_NAMESPACE_RETENTION: must be at least 1 day');
    expect(problems({ YUQING_NAMESPACE_RETENTION: '2w' })).toContain('YUQING_NAMESPACE_RETENTION: must be a whole number of days or hours');
    const oidc = problems({ TEMPORAL_AUTH_ENABLED: 'true', TEMPORAL_AUTH_PROVIDER_URL: 'https://sso.example.org' });
    expect(oidc).toContain('TEMPORAL_AUTH_CLIENT_ID: is required when TEMPORAL_AUTH_ENABLED=true');
    expect(oidc).toContain('TEMPORAL_AUTH_CALLBACK_URL: is required when TEMPORAL_AUTH_ENABLED=true');
    expect(oidc).not.toContain('TEMPORAL_AUTH_PROVIDER_URL');
    expect(problems({ TEMPORAL_DISABLE_WRITE_ACTIONS: 'yes' })).toContain('TEMPORAL_DISABLE_WRITE_ACTIONS');
  });
});

describe('connecting to any cluster', () => {
  const dir = mkdtempSync(join(tmpdir(), 'yuqing-tls-'));
  const cert = join(dir, 'client.pem');
  writeFileSync(cert, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');

  it('takes mTLS from PEM files and an API key with TLS, and names what is missing', () => {
    expect(temporalConnectionOptions(loadEnv({ TEMPORAL_ADDRESS: 'ns.acct.tmprl.cloud:7233', TEMPORAL_API_KEY: 'k' }))).toEqual({ address: 'ns.acct.tmprl.cloud:7233', tls: true, apiKey: 'k' });
    const mtls = temporalConnectionOptions(loadEnv({ TEMPORAL_TLS_CERT: cert, TEMPORAL_TLS_KEY: cert }));
    expect(mtls.tls).toMatchObject({ clientCertPair: { crt: expect.any(Buffer), key: expect.any(Buffer) } });
    expect(() => temporalConnectionOptions(loadEnv({ TEMPORAL_TLS_CERT: cert }))).toThrow(/TEMPORAL_TLS_KEY: is required together with TEMPORAL_TLS_CERT/);
    expect(() => temporalConnectionOptions(loadEnv({ TEMPORAL_TLS_CERT: join(dir, 'nope.pem'), TEMPORAL_TLS_KEY: cert }))).toThrow(/TEMPORAL_TLS_CERT: cannot read .*nope\.pem \(ENOENT\)/);
  });
});

describe('the JSON logger', () => {
  it('writes one object a line, with the run id under one name for workflow and activity lines', () => {
    const lines: string[] = [];
    const logger = createLogger({ service: 'worker', level: 'INFO', write: (l) => lines.push(l) });
    logger.debug('hidden');
    logger.info('Activity completed', { workflowId: 'w1', workflowRunId: 'r1', taskToken: new Uint8Array([1]), attempt: 1n as unknown as number });
    logger.child({ workflowId: 'w2', runId: 'r2' }).warn('decision rejected', { error: new Error('boom') });
    const [a, b] = lines.map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(a).toEqual({ time: expect.any(String), level: 'info', service: 'worker', msg: 'Activity completed', workflowId: 'w1', runId: 'r1', attempt: '1' });
    expect(b).toMatchObject({ level: 'warn', workflowId: 'w2', runId: 'r2', error: { name: 'Error', message: 'boom' } });
  });

  it('accepts LOG_FORMAT json or text only', () => {
    expect(logFormat({})).toBe('json');
    expect(logFormat({ LOG_FORMAT: 'text' })).toBe('text');
    expect(() => logFormat({ LOG_FORMAT: 'xml' })).toThrow('LOG_FORMAT: must be one of json, text');
  });
});

describe('finding the cluster binaries', () => {
  it('looks for temporal-server on PATH, although go install names it server', async () => {
    const bin = mkdtempSync(join(tmpdir(), 'yuqing-path-'));
    writeFileSync(join(bin, 'server'), '#!/bin/sh\n');
    writeFileSync(join(bin, 'temporal-server'), '#!/bin/sh\n');
    chmodSync(join(bin, 'server'), 0o755);
    chmodSync(join(bin, 'temporal-server'), 0o755);
    const found = await resolveGoBinary(TEMPORAL_SERVER, { env: { PATH: bin, HOME: bin }, log: () => undefined });
    expect(found).toEqual({ path: join(bin, 'temporal-server'), source: 'path' });
  });
});
