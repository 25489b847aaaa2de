// The API as tests see it: createApp on a real port, against a real Temporal dev server and worker
// (see live-app.ts) or none at all, with a known set of people, and a small fetch client per person.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Client } from '@temporalio/client';
import { createApp } from '../../api/app';
import type { AppDeps } from '../../api/deps';
import { RevokedSessions } from '../../api/auth/revoked-sessions';
import { hashPassword, hashToken } from '../../api/auth/secrets';
import { UserStore } from '../../api/auth/users';
import { EvidenceStore } from '../../api/evidence/store';
import { EvidenceCipher } from '../../codec/evidence-cipher';
import { DEFAULT_EVIDENCE_LIMITS } from '../../config/evidence';
import { currentPolicy } from '../../config/policy';
import { type DecisionSigner, signingPolicy } from '../../config/signing';
import { fields, TEST_KEY } from '../workflows/fixtures';
import type { Role } from '../../domain/model/schema';

/** The API under test signs with the scripted duty team's key, so both reach the same incidents. */
export const TEST_SIGNER: DecisionSigner = {
  keyId: TEST_KEY.keyId,
  privateKeys: [{ keyId: TEST_KEY.keyId, privateKey: TEST_KEY.privateKey }],
  publicKeys: [{ keyId: TEST_KEY.keyId, publicKey: TEST_KEY.publicKey }],
  unsignedDecisions: 'reject',
};

export const PEOPLE = {
  monitor: { displayName: '信息员小周', roles: ['monitor'] },
  handler: { displayName: '经办小李', roles: ['handler'] },
  office: { displayName: '办公室老陈', roles: ['handler'] },
  approver: { displayName: '王主任', roles: ['approver'] },
  /** drafts and approves: the four-eyes rule must stop them approving their own draft */
  lead: { displayName: '李副主任', roles: ['handler', 'approver'] },
  /** a monitoring system's machine account */
  intake: { displayName: '舆情监测平台', roles: ['intake'] },
} satisfies Record<string, { displayName: string; roles: Role[] }>;
export type Person = keyof typeof PEOPLE;

export const password = (who: Person) => `pw-${who}-secret`;
export const token = (who: Person) => `yq_test_token_${who}`;

export async function testUsers(): Promise<UserStore> {
  const users = await Promise.all(
    Object.entries(PEOPLE).map(async ([name, p]) => ({
      name,
      displayName: p.displayName,
      roles: p.roles,
      password: await hashPassword(password(name as Person)),
      tokenHash: hashToken(token(name as Person)),
    })),
  );
  return new UserStore({ users });
}

export interface Listening {
  baseUrl: string;
  close(): Promise<void>;
}

/** On a free port, or on `port` when something must know the address beforehand (the UI's codec endpoint). */
export async function listen(deps: AppDeps, port = 0): Promise<Listening> {
  const server: Server = await new Promise((resolve) => {
    const s = createApp(deps).listen(port, '127.0.0.1', () => resolve(s));
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${bound}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function baseDeps(client: Client, users: UserStore, overrides: Partial<AppDeps> = {}): AppDeps {
  return {
    client,
    taskQueue: 'unused',
    users,
    sessionKey: randomBytes(32),
    revokedSessions: new RevokedSessions(join(mkdtempSync(join(tmpdir(), 'yuqing-sessions-')), 'signed-out.jsonl')),
    policy: (now) => ({ ...currentPolicy({ now }), signing: signingPolicy(TEST_SIGNER) }),
    signer: TEST_SIGNER,
    dataDir: '/nonexistent',
    // sealed under a key of the test's own, in the folder the test names
    evidence: new EvidenceStore(overrides.dataDir ?? '/nonexistent', new EvidenceCipher([{ keyId: 'test-evidence-1', key: randomBytes(32) }])),
    evidenceLimits: DEFAULT_EVIDENCE_LIMITS,
    temporalUiUrl: 'http://127.0.0.1:8233',
    log: () => {},
    ...overrides,
  };
}

export interface Reply {
  status: number;
  headers: Headers;
  body: any;
}

export type Call = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<Reply>;

async function call(baseUrl: string, method: string, path: string, body: unknown, headers: Record<string, string>): Promise<Reply> {
  const res = await fetch(baseUrl + path, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON (a page or a document): keep the text
  }
  return { status: res.status, headers: res.headers, body: parsed };
}

/** Requests as a script would send them: Authorization: Bearer. */
export function asToken(baseUrl: string, who: Person): Call {
  return (method, path, body, headers = {}) => call(baseUrl, method, path, body, { authorization: `Bearer ${token(who)}`, ...headers });
}

export const anonymous = (baseUrl: string): Call => (method, path, body, headers = {}) => call(baseUrl, method, path, body, headers);

/** Signs in like the web page: the session cookie, and the CSRF token on state changes. */
export async function asSession(baseUrl: string, who: Person): Promise<Call & { cookie: string; csrf: string }> {
  const login = await call(baseUrl, 'POST', '/api/login', { name: who, password: password(who) }, {});
  if (login.status !== 200) throw new Error(`login failed: ${login.status}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const csrf = login.body.csrfToken as string;
  const fn: Call = (method, path, body, headers = {}) =>
    call(baseUrl, method, path, body, { cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': csrf }), ...headers });
  return Object.assign(fn, { cookie, csrf });
}

/** Polls until `check` returns something truthy (visibility and signals are asynchronous). */
export async function eventually<T>(check: () => Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** What the form sends, as a body for POST /api/incidents: the workflow tests' incident, left to default its discovery time. */
export function incidentBody(overrides: Record<string, unknown> = {}) {
  const { discoveredAt: _now, sensitive: _none, ...form } = fields({ category: 'hype', metrics: { views: 1500, comments: 20, reposts: 3, mainstreamSites: 0, mainstreamMedia: false } });
  return { ...form, ...overrides };
}
