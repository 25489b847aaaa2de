// Users in the app: admins add people, set roles, department, contacts and duty eligibility, reset
// a password or API token (the new secret is answered once and kept only as a hash) and disable an
// account. Every change lands in users.json (UserStore.update) and in the audit file beside it.
import { randomBytes } from 'node:crypto';
import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { Role } from '../../domain/model/schema';
import { authOf } from '../auth/middleware';
import { hashPassword, hashToken, newSecret } from '../auth/secrets';
import { recordUserChange } from '../auth/user-audit';
import { Contacts, generationOf, USER_NAME, type UserRecord } from '../auth/users';
import type { AppDeps } from '../deps';
import { HttpError, parse } from '../errors';

const Profile = {
  displayName: z.string().trim().min(1).max(64),
  roles: z.array(Role).min(1),
  department: z.string().trim().min(1).max(64).optional(),
  contacts: Contacts.optional(),
  dutyEligible: z.boolean().optional(),
};
const NewUser = z.object({ name: USER_NAME, ...Profile }).strict();
const UserChange = z
  .object({ ...Profile, department: z.string().trim().max(64).optional(), disabled: z.boolean().optional() })
  .partial()
  .strict()
  .refine((c) => Object.keys(c).length > 0, 'name at least one field to change');

/** What the page and scripts see of an account: never its hashes. */
function view(u: UserRecord) {
  return {
    id: u.name,
    name: u.displayName,
    roles: u.roles,
    department: u.department ?? null,
    contacts: u.contacts ?? {},
    dutyEligible: u.dutyEligible ?? false,
    disabled: u.disabled ?? false,
    hasPassword: u.password !== undefined,
    hasToken: u.tokenHash !== undefined,
  };
}

const isAdmin = (u: UserRecord) => u.roles.includes('admin') && !u.disabled;

const adminOnly: RequestHandler = (_req, res, next) => {
  if (!authOf(res).user.roles.includes('admin')) throw new HttpError(403, 'forbidden', 'managing users needs the role admin');
  next();
};

function find(users: UserRecord[], id: string): UserRecord {
  const user = users.find((u) => u.name === id);
  if (!user) throw new HttpError(404, 'not-found', 'no such user');
  return user;
}

export function userRoutes(deps: AppDeps, auth: RequestHandler): Router {
  const router = Router();
  const store = deps.users;
  const by = (res: Parameters<RequestHandler>[1]) => authOf(res).user.name;

  router.use('/api/admin/users', auth, adminOnly);

  router.get('/api/admin/users', (_req, res) => {
    res.json({ users: store.list().map(view) });
  });

  router.post('/api/admin/users', async (req, res) => {
    const body = parse(NewUser, req.body, 'user', req);
    // people sign in with it once and are asked to keep it; long enough that guessing is hopeless
    const password = randomBytes(12).toString('base64url');
    const hash = await hashPassword(password);
    const user = await store.update((users) => {
      if (users.some((u) => u.name === body.name)) throw new HttpError(409, 'user-exists', `a user named ${body.name} already exists`);
      const created: UserRecord = { ...body, password: hash };
      return { users: [...users, created], result: created };
    });
    recordUserChange(store.path, { by: by(res), action: 'create', user: user.name, changes: body });
    res.status(201).json({ user: view(user), password });
  });

  router.patch('/api/admin/users/:id', async (req, res) => {
    const change = parse(UserChange, req.body, 'user change', req);
    const user = await store.update((users) => {
      const user = find(users, req.params.id);
      const { department, ...rest } = change;
      Object.assign(user, rest);
      if (department !== undefined) user.department = department || undefined;
      if (change.disabled === true) user.generation = generationOf(user) + 1;
      if (!users.some(isAdmin)) {
        throw new HttpError(409, 'last-admin', 'this is the last enabled admin: give another person the role admin first / 这是最后一名启用的管理员，请先为他人授予管理员角色');
      }
      return { users, result: user };
    });
    recordUserChange(store.path, { by: by(res), action: 'update', user: user.name, changes: change });
    res.json({ user: view(user) });
  });

  router.post('/api/admin/users/:id/password', async (req, res) => {
    const password = randomBytes(12).toString('base64url');
    const hash = await hashPassword(password);
    const user = await store.update((users) => {
      const user = find(users, req.params.id);
      // the person's open sessions end: whoever knew the old password may be signed in with it
      Object.assign(user, { password: hash, generation: generationOf(user) + 1 });
      return { users, result: user };
    });
    recordUserChange(store.path, { by: by(res), action: 'reset-password', user: user.name });
    res.json({ user: view(user), password });
  });

  router.post('/api/admin/users/:id/token', async (req, res) => {
    const token = newSecret('yq_');
    const user = await store.update((users) => {
      const user = find(users, req.params.id);
      user.tokenHash = hashToken(token);
      return { users, result: user };
    });
    recordUserChange(store.path, { by: by(res), action: 'reset-token', user: user.name });
    res.json({ user: view(user), token });
  });

  return router;
}
