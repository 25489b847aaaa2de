// Failed sign-ins are throttled per account: an attacker hammering one account behind an office's
// shared address must not lock the others out, while guessing one account, from one address or
// spread over many, and spraying names from one address are each stopped. The requests come from
// different loopback source addresses (127.0.0.x), as people behind different NATs would.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { password, type Person } from '../api/harness';
import { startLiveApp, type LiveApp } from '../api/live-app';

let app: LiveApp;
beforeAll(async () => {
  app = await startLiveApp({ deps: { loginLimit: { limit: 3, windowMs: 60_000, accountLimit: 6, addressLimit: 10 } } });
});
afterAll(async () => {
  await app?.teardown();
});

function signIn(from: string, name: string, pw: string): Promise<number> {
  const body = JSON.stringify({ name, password: pw });
  const url = new URL('/api/login', app.baseUrl);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', localAddress: from, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode!));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
const right = (from: string, who: Person) => signIn(from, who, password(who));
const wrong = (from: string, name: string) => signIn(from, name, 'guess');

describe('behind one shared address', () => {
  it('an attacker hammering one account locks only that account there; a colleague with the right password gets in', async () => {
    const office = '127.0.0.2';
    const attempts = [];
    for (let i = 0; i < 25; i++) attempts.push(await wrong(office, 'approver'));
    expect(attempts.slice(0, 3)).toEqual([401, 401, 401]);
    expect(new Set(attempts.slice(3))).toEqual(new Set([429]));

    expect(await right(office, 'handler')).toBe(200);
    expect(await right(office, 'monitor')).toBe(200);
    // the hammered account stays shut from the attacker's address, even for its right password
    // (or the throttle would only slow a guess down), but its owner elsewhere still gets in
    expect(await right(office, 'approver')).toBe(429);
    expect(await right('127.0.0.3', 'approver')).toBe(200);
  });

  it('a burst of parallel guesses gets no more tries than the limit', async () => {
    const statuses = await Promise.all(Array.from({ length: 20 }, () => wrong('127.0.0.30', 'intake')));
    expect(statuses.filter((s) => s === 401)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(17);
  });
});

describe('the other caps', () => {
  it('one account guessed from many addresses is shut everywhere once its own cap is full', async () => {
    for (const from of ['127.0.0.10', '127.0.0.11', '127.0.0.12']) {
      expect([await wrong(from, 'lead'), await wrong(from, 'lead')]).toEqual([401, 401]);
    }
    expect(await right('127.0.0.13', 'lead')).toBe(429);
    expect(await right('127.0.0.13', 'office')).toBe(200);
  });

  it('one address spraying many names is shut once its cap is full; other addresses are not', async () => {
    const from = '127.0.0.20';
    for (let i = 0; i < 10; i++) expect(await wrong(from, `nobody-${i}`)).toBe(401);
    expect(await right(from, 'monitor')).toBe(429);
    expect(await right('127.0.0.21', 'monitor')).toBe(200);
  });
});
