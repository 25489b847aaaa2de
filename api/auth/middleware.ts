// Who is asking: a Bearer token (scripts) or the session cookie (the web page). Cookie requests
// that change state must also carry the CSRF token, because the browser attaches cookies by itself.
import { parse as parseCookies } from 'cookie';
import type { Request, RequestHandler, Response } from 'express';
import type { UserRef } from '../../domain/model/schema';
import type { AppDeps } from '../deps';
import { HttpError } from '../errors';
import { csrfToken, openSession, SESSION_COOKIE, type Session } from './session';
import { sameText } from './secrets';
import { generationOf, userRef, type UserRecord } from './users';

export interface Auth {
  user: UserRecord;
  session?: Session;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

type AuthDeps = Pick<AppDeps, 'users' | 'sessionKey' | 'revokedSessions'>;

export function identify(req: Request, { users, sessionKey, revokedSessions }: AuthDeps): Auth | undefined {
  const header = req.get('authorization');
  if (header) {
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    const user = token ? users.byToken(token) : undefined;
    if (!user) throw new HttpError(401, 'unauthenticated', 'invalid bearer token');
    return { user };
  }
  const session = openSession(sessionKey, parseCookies(req.get('cookie') ?? '')[SESSION_COOKIE]);
  if (!session || revokedSessions.has(session.sid)) return undefined;
  const user = users.get(session.u);
  // a disabled account, or a password reset since this cookie was signed, ends the session at once
  if (!user || user.disabled || generationOf(user) !== session.g) return undefined;
  return { user, session };
}

/** Rejects anonymous requests (401) and cookie requests without the CSRF token (403). */
export function requireUser(deps: AuthDeps): RequestHandler {
  return (req, res, next) => {
    const auth = identify(req, deps);
    if (!auth) throw new HttpError(401, 'unauthenticated', 'sign in first');
    if (auth.session && !SAFE_METHODS.has(req.method)) {
      const sent = req.get('x-csrf-token') ?? '';
      if (!sameText(sent, csrfToken(deps.sessionKey, auth.session))) throw new HttpError(403, 'csrf', 'missing or wrong X-CSRF-Token header');
    }
    res.locals.auth = auth;
    next();
  };
}

export function authOf(res: Response): Auth {
  const auth = res.locals.auth as Auth | undefined;
  if (!auth) throw new HttpError(401, 'unauthenticated', 'sign in first');
  return auth;
}

export function actor(res: Response): UserRef {
  return userRef(authOf(res).user);
}
