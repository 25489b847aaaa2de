// The pieces of sign-in on their own: password and token hashing, the users file, the signed
// session cookie, and the demo users the embedded default creates on first run.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureDemoUsers, formatCredentials } from '../../api/auth/demo-users';
import { hashPassword, hashToken, verifyPassword } from '../../api/auth/secrets';
import { csrfToken, loadOrCreateKey, newSession, openSession, sealSession, SESSION_TTL_MS } from '../../api/auth/session';
import { UserStore } from '../../api/auth/users';

const tmp = () => mkdtempSync(join(tmpdir(), 'yuqing-auth-'));

describe('passwords and tokens', () => {
  it('hashes a password with a fresh salt and verifies only the right one', async () => {
    const [a, b] = await Promise.all([hashPassword('正确密码'), hashPassword('正确密码')]);
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword(a, '正确密码')).toBe(true);
    expect(await verifyPassword(a, '错误密码')).toBe(false);
    expect(await verifyPassword('plain-text', 'plain-text')).toBe(false);
  });

  it('stores API tokens as SHA-256', () => {
    expect(hashToken('yq_abc')).toBe(`sha256$${createHash('sha256').update('yq_abc').digest('hex')}`);
    expect(hashToken('yq_abc')).not.toBe(hashToken('yq_abd'));
  });
});

describe('the users file', () => {
  it('names the field and rule at fault', () => {
    const path = join(tmp(), 'users.json');
    writeFileSync(path, JSON.stringify({ users: [{ name: 'Bad Name', displayName: '', roles: ['boss'] }] }));
    expect(() => UserStore.load(path)).toThrow(/users\.0\.name: lower-case[\s\S]*users\.0\.displayName[\s\S]*users\.0\.roles\.0/);
  });

  it('refuses duplicate names and users with neither password nor token', () => {
    const path = join(tmp(), 'users.json');
    const u = { name: 'a', displayName: 'A', roles: ['monitor'], tokenHash: hashToken('t') };
    writeFileSync(path, JSON.stringify({ users: [u, u] }));
    expect(() => UserStore.load(path)).toThrow(/unique/);
    writeFileSync(path, JSON.stringify({ users: [{ ...u, tokenHash: undefined }] }));
    expect(() => UserStore.load(path)).toThrow(/needs a password or a tokenHash/);
  });

  it('signs in by password and by token, and never by a token-only account password', async () => {
    const store = new UserStore({
      users: [
        { name: 'op', displayName: '值班员', roles: ['monitor'], password: await hashPassword('pw'), tokenHash: hashToken('yq_op') },
        { name: 'bot', displayName: '脚本', roles: ['handler'], tokenHash: hashToken('yq_bot') },
      ],
    });
    expect((await store.login('op', 'pw'))?.name).toBe('op');
    expect(await store.login('op', 'nope')).toBeUndefined();
    expect(await store.login('ghost', 'pw')).toBeUndefined();
    expect(await store.login('bot', '')).toBeUndefined();
    expect(store.byToken('yq_bot')?.name).toBe('bot');
    expect(store.byToken('yq_nope')).toBeUndefined();
  });
});

describe('session cookies', () => {
  const key = Buffer.alloc(32, 7);

  it('opens what it sealed, until it expires', () => {
    const now = Date.now();
    const session = newSession('approver', now);
    const cookie = sealSession(key, session);
    expect(openSession(key, cookie, now + 1000)).toEqual(session);
    expect(openSession(key, cookie, now + SESSION_TTL_MS + 1)).toBeUndefined();
  });

  it('refuses another key, a changed body and garbage', () => {
    const cookie = sealSession(key, newSession('handler'));
    expect(openSession(Buffer.alloc(32, 8), cookie)).toBeUndefined();
    const [, signature] = cookie.split('.');
    const body = Buffer.from(JSON.stringify({ u: 'approver', sid: 's', exp: Date.now() + 1e6 })).toString('base64url');
    expect(openSession(key, `${body}.${signature}`)).toBeUndefined();
    expect(openSession(key, 'garbage')).toBeUndefined();
    expect(openSession(key, undefined)).toBeUndefined();
  });

  it('derives a CSRF token per session', () => {
    const a = newSession('x');
    const b = newSession('x');
    expect(csrfToken(key, a)).toBe(csrfToken(key, a));
    expect(csrfToken(key, a)).not.toBe(csrfToken(key, b));
  });

  it('keeps its key in the data dir, private, and reuses it', () => {
    const path = join(tmp(), 'keys', 'session.key');
    const first = loadOrCreateKey(path);
    expect(first).toHaveLength(32);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(loadOrCreateKey(path).equals(first)).toBe(true);
  });
});

describe('demo users', () => {
  it('creates one account per role on first run, stores only hashes, and never again', async () => {
    const path = join(tmp(), 'data', 'users.json');
    const created = await ensureDemoUsers(path);
    expect(created?.map((c) => c.roles)).toEqual([['monitor'], ['handler'], ['approver'], ['admin'], ['intake']]);
    expect(statSync(path).mode & 0o777).toBe(0o600);

    const text = readFileSync(path, 'utf8');
    for (const c of created!) {
      expect(text).not.toContain(c.password);
      expect(text).not.toContain(c.token);
    }
    const store = UserStore.load(path);
    const approver = created!.find((c) => c.name === 'approver')!;
    expect((await store.login('approver', approver.password))?.roles).toEqual(['approver']);
    expect(store.byToken(approver.token)?.name).toBe('approver');

    expect(await ensureDemoUsers(path)).toBeNull();
    expect(readFileSync(path, 'utf8')).toBe(text);
  });

  it('prints every account with its password, token and where to sign in', async () => {
    const created = (await ensureDemoUsers(join(tmp(), 'users.json')))!;
    const printed = formatCredentials(created, 'http://127.0.0.1:3000');
    expect(printed).toContain('http://127.0.0.1:3000/login');
    for (const c of created) expect(printed).toMatch(new RegExp(`${c.name}\\s+${c.password.replace(/[-]/g, '\\-')}.*token: ${c.token}`));
  });
});
