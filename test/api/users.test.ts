// The admin page's API on a real HTTP server over a real users file: accounts are added, edited,
// reset and disabled, each change at once effective for sessions and tokens, and audited.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { UserStore } from '../../api/auth/users';
import { freePort } from '../helpers/ports';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userAuditPath } from '../../api/auth/user-audit';
import { ADMIN, startAdminApp, type AdminApp } from './admin-app';
import { anonymous, asSession, asToken, baseDeps, listen, password, token, type Call } from './harness';

let app: AdminApp;
let usersFile: string;
let admin: Call;

beforeAll(async () => {
  app = await startAdminApp();
  usersFile = app.usersFile;
  admin = await asSession(app.baseUrl, ADMIN);
});
afterAll(async () => {
  await app?.close();
});

const login = (name: string, pw: string) => anonymous(app.baseUrl)('POST', '/api/login', { name, password: pw });
const bearer = (t: string) => (method: string, path: string) => anonymous(app.baseUrl)(method, path, undefined, { authorization: `Bearer ${t}` });
const auditLines = () => readFileSync(userAuditPath(usersFile), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const fileUser = (name: string) => JSON.parse(readFileSync(usersFile, 'utf8')).users.find((u: { name: string }) => u.name === name);

const newPerson = {
  name: 'zhang.san',
  displayName: '张三',
  roles: ['handler'],
  department: '宣传部',
  contacts: { wecom: 'ZhangSan', email: 'zhang.san@example.cn', phone: '+86 138-0013-8000' },
  dutyEligible: true,
};

describe('admin users API', () => {
  it('lists people without any hash', async () => {
    const res = await admin('GET', '/api/admin/users');
    expect(res.status).toBe(200);
    expect(res.body.users.map((u: { id: string }) => u.id)).toContain('approver');
    expect(JSON.stringify(res.body)).not.toMatch(/scrypt|sha256/);
  });

  it('refuses everyone but admins (403), and a cookie request without CSRF', async () => {
    const res = await asToken(app.baseUrl, 'approver')('GET', '/api/admin/users');
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
    const asHandler = await asSession(app.baseUrl, 'handler');
    expect((await asHandler('POST', '/api/admin/users', newPerson)).status).toBe(403);
    expect((await admin('POST', '/api/admin/users', newPerson, { 'x-csrf-token': 'wrong' })).body.error.code).toBe('csrf');
    expect(fileUser('zhang.san')).toBeUndefined();
  });

  it('refuses bad bodies with 400 naming the field, and writes nothing', async () => {
    const before = readFileSync(usersFile, 'utf8');
    const bad = await admin('POST', '/api/admin/users', { ...newPerson, name: 'Zhang San', roles: ['boss'], contacts: { email: 'not-mail', phone: 'abc' } });
    expect(bad.status).toBe(400);
    const fields = bad.body.error.issues.map((i: { field: string }) => i.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'roles.0', 'contacts.email', 'contacts.phone']));
    // people read the field's name in words
    expect(bad.body.error.issues.find((i: { field: string }) => i.field === 'contacts.phone').message).toBe('电话：格式不符');
    const patch = await admin('PATCH', '/api/admin/users/handler', { dutyEligible: 'yes' });
    expect(patch.status).toBe(400);
    expect(patch.body.error.issues[0].field).toBe('dutyEligible');
    expect(readFileSync(usersFile, 'utf8')).toBe(before);
  });

  it('creates a person whose one-time password signs in, and records who did it', async () => {
    const res = await admin('POST', '/api/admin/users', newPerson);
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({ id: 'zhang.san', name: '张三', roles: ['handler'], department: '宣传部', dutyEligible: true, disabled: false });
    expect((await login('zhang.san', res.body.password)).status).toBe(200);
    expect((await admin('POST', '/api/admin/users', newPerson)).status).toBe(409);
    expect(statSync(usersFile).mode & 0o777).toBe(0o600);
    expect(statSync(userAuditPath(usersFile)).mode & 0o777).toBe(0o600);
    const line = auditLines().find((l) => l.action === 'create');
    expect(line).toMatchObject({ by: 'admin', user: 'zhang.san', changes: { department: '宣传部' } });
    expect(Date.parse(line.at)).not.toBeNaN();
  });

  it('edits roles, department, contacts and duty eligibility; new roles apply at once', async () => {
    const me = await asSession(app.baseUrl, 'monitor');
    expect((await me('GET', '/api/admin/users')).status).toBe(403);
    const res = await admin('PATCH', '/api/admin/users/monitor', { roles: ['monitor', 'admin'], department: '网信办', contacts: { dingtalk: 'dt_001' }, dutyEligible: true });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ roles: ['monitor', 'admin'], department: '网信办', contacts: { dingtalk: 'dt_001' }, dutyEligible: true });
    expect(fileUser('monitor')).toMatchObject({ department: '网信办', dutyEligible: true });
    expect((await me('GET', '/api/admin/users')).status).toBe(200);
    await admin('PATCH', '/api/admin/users/monitor', { roles: ['monitor'] });
    expect((await admin('PATCH', '/api/admin/users/nobody', { dutyEligible: true })).status).toBe(404);
  });

  it('resets a password: the old one fails, the new one works, open sessions end', async () => {
    const open = await asSession(app.baseUrl, 'office');
    const res = await admin('POST', '/api/admin/users/office/password');
    expect(res.status).toBe(200);
    expect((await login('office', password('office'))).status).toBe(401);
    expect((await login('office', res.body.password)).status).toBe(200);
    expect((await open('GET', '/api/session')).status).toBe(401);
    expect(auditLines().at(-1)).toMatchObject({ by: 'admin', action: 'reset-password', user: 'office' });
    expect(readFileSync(userAuditPath(usersFile), 'utf8')).not.toContain(res.body.password);
  });

  it('resets an API token: the old one fails, the new one works', async () => {
    const res = await admin('POST', '/api/admin/users/intake/token');
    expect(res.status).toBe(200);
    expect((await bearer(token('intake'))('GET', '/api/session')).status).toBe(401);
    expect((await bearer(res.body.token)('GET', '/api/session')).status).toBe(200);
    expect(readFileSync(userAuditPath(usersFile), 'utf8')).not.toContain(res.body.token);
  });

  it('disabling ends an open session and the token on the next request; enabling needs a new sign-in', async () => {
    const open = await asSession(app.baseUrl, 'lead');
    expect((await open('GET', '/api/session')).status).toBe(200);
    expect((await bearer(token('lead'))('GET', '/api/session')).status).toBe(200);
    expect((await admin('PATCH', '/api/admin/users/lead', { disabled: true })).body.user.disabled).toBe(true);
    expect((await open('GET', '/api/session')).status).toBe(401);
    expect((await bearer(token('lead'))('GET', '/api/session')).status).toBe(401);
    expect((await login('lead', password('lead'))).status).toBe(401);
    await admin('PATCH', '/api/admin/users/lead', { disabled: false });
    expect((await open('GET', '/api/session')).status).toBe(401);
    expect((await login('lead', password('lead'))).status).toBe(200);
    expect(auditLines().filter((l) => l.user === 'lead').map((l) => l.changes)).toEqual([{ disabled: true }, { disabled: false }]);
  });

  it('refuses to disable or de-admin the last admin', async () => {
    const off = await admin('PATCH', '/api/admin/users/admin', { disabled: true });
    expect(off.status).toBe(409);
    expect(off.body.error.code).toBe('last-admin');
    expect((await admin('PATCH', '/api/admin/users/admin', { roles: ['handler'] })).status).toBe(409);
    expect(fileUser('admin').roles).toEqual(['admin']);
    expect((await admin('GET', '/api/admin/users')).status).toBe(200);
  });

  it('loses no update when changes arrive together', async () => {
    const names = ['a1', 'a2', 'a3', 'a4', 'a5'];
    const replies = await Promise.all(names.map((name) => admin('POST', '/api/admin/users', { name, displayName: name, roles: ['monitor'] })));
    expect(replies.map((r) => r.status)).toEqual(names.map(() => 201));
    const inFile = JSON.parse(readFileSync(usersFile, 'utf8')).users.map((u: { name: string }) => u.name);
    expect(inFile).toEqual(expect.arrayContaining(names));
  });

  it('reaches another API replica over the same file on its next request', async () => {
    const connection = Connection.lazy({ address: `127.0.0.1:${await freePort()}` });
    const replica = await listen(baseDeps(new Client({ connection }), UserStore.load(usersFile)));
    try {
      const there = asToken(replica.baseUrl, 'approver');
      expect((await there('GET', '/api/session')).status).toBe(200);
      await admin('PATCH', '/api/admin/users/approver', { disabled: true });
      expect((await there('GET', '/api/session')).status).toBe(401);
    } finally {
      await replica.close();
      await connection.close();
    }
    // written via a temporary file and a rename: none is left behind
    expect(readdirSync(dirname(usersFile)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
