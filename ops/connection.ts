// How the worker and the API reach Temporal: the embedded dev server, a self-hosted cluster, or
// Temporal Cloud, all from the environment. mTLS takes a client certificate and key (PEM files);
// an API key (Temporal Cloud) implies TLS. Checked at start, so a wrong path stops the process
// with the variable's name instead of failing every call later.
import { readFileSync } from 'node:fs';
import { ConfigError, temporalAddress, type Env } from '../config/env';

export interface TemporalConnectionOptions {
  address: string;
  tls?: true | { clientCertPair: { crt: Buffer; key: Buffer } };
  apiKey?: string;
}

export function temporalConnectionOptions(env: Env): TemporalConnectionOptions {
  const problems: string[] = [];
  const pem = (name: 'TEMPORAL_TLS_CERT' | 'TEMPORAL_TLS_KEY'): Buffer | undefined => {
    const path = env[name];
    if (!path) return undefined;
    try {
      const content = readFileSync(path);
      if (!content.toString('utf8').includes('-----BEGIN ')) problems.push(`  ${name}: ${path} is not a PEM file`);
      return content;
    } catch (error) {
      problems.push(`  ${name}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
      return undefined;
    }
  };
  const crt = pem('TEMPORAL_TLS_CERT');
  const key = pem('TEMPORAL_TLS_KEY');
  if (!!env.TEMPORAL_TLS_CERT !== !!env.TEMPORAL_TLS_KEY) {
    problems.push(`  ${env.TEMPORAL_TLS_CERT ? 'TEMPORAL_TLS_KEY' : 'TEMPORAL_TLS_CERT'}: is required together with ${env.TEMPORAL_TLS_CERT ? 'TEMPORAL_TLS_CERT' : 'TEMPORAL_TLS_KEY'} (mTLS needs both)`);
  }
  if (problems.length) throw new ConfigError(`invalid configuration:\n${problems.join('\n')}`);
  return {
    address: temporalAddress(env),
    ...(crt && key ? { tls: { clientCertPair: { crt, key } } } : env.TEMPORAL_API_KEY ? { tls: true as const } : {}),
    ...(env.TEMPORAL_API_KEY ? { apiKey: env.TEMPORAL_API_KEY } : {}),
  };
}
