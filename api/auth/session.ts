// Stateless signed sessions: the cookie carries {user, expiry, session id} and an HMAC, so any API
// replica holding the key accepts it and a restart logs nobody out. The CSRF token is derived from
// the session id with the same key (a synchronizer token that needs no server-side store).
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { PRIVATE_DIR } from '../../config/data-dir';
import { dirname } from 'node:path';
import { z } from 'zod';
import { sameText } from './secrets';

export const SESSION_COOKIE = 'yuqing_session';
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

// g: the user's generation when signed in (users.ts); cookies from before generations read as 0
const Session = z.object({ u: z.string(), sid: z.string(), exp: z.number(), g: z.number().int().default(0) });
export type Session = z.infer<typeof Session>;

const mac = (key: Buffer, text: string) => createHmac('sha256', key).update(text).digest('base64url');

export function newSession(user: string, now = Date.now(), generation = 0): Session {
  return { u: user, sid: randomBytes(16).toString('base64url'), exp: now + SESSION_TTL_MS, g: generation };
}

export function sealSession(key: Buffer, session: Session): string {
  const body = Buffer.from(JSON.stringify(session)).toString('base64url');
  return `${body}.${mac(key, `session:${body}`)}`;
}

export function openSession(key: Buffer, cookie: string | undefined, now = Date.now()): Session | undefined {
  const [body, signature] = (cookie ?? '').split('.');
  if (!body || !signature || !sameText(signature, mac(key, `session:${body}`))) return undefined;
  const parsed = Session.safeParse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
  return parsed.success && parsed.data.exp > now ? parsed.data : undefined;
}

export function csrfToken(key: Buffer, session: Session): string {
  return mac(key, `csrf:${session.sid}`);
}

/** The signing key lives outside the repo in the data dir (mode 0600), created on first use. */
export function loadOrCreateKey(path: string): Buffer {
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true, mode: PRIVATE_DIR });
    try {
      writeFileSync(path, randomBytes(32).toString('base64url'), { flag: 'wx', mode: 0o600 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  return Buffer.from(readFileSync(path, 'utf8').trim(), 'base64url');
}
