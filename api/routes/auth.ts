// Sign-in for the web page: a password exchanged for the session cookie and the CSRF token.
// Only failed attempts count toward the throttle, and it keys on the account (login-throttle.ts),
// so a busy office behind one address is not locked out by one attacker among them.
import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { LoginThrottle } from '../auth/login-throttle';
import { authOf } from '../auth/middleware';
import { csrfToken, newSession, sealSession, SESSION_COOKIE, SESSION_TTL_MS, type Session } from '../auth/session';
import { generationOf, userRef, type UserRecord } from '../auth/users';
import type { AppDeps } from '../deps';
import { HttpError, parse } from '../errors';

const Login = z.object({ name: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) });

export function authRoutes(deps: AppDeps, auth: RequestHandler): Router {
  const router = Router();
  const cookieOptions = { httpOnly: true, sameSite: 'strict', secure: deps.secureCookies ?? false, path: '/' } as const;
  const me = (user: UserRecord, session: Session) => ({ user: userRef(user), csrfToken: csrfToken(deps.sessionKey, session) });

  const throttle = new LoginThrottle(deps.loginLimit ?? { limit: 10, windowMs: 15 * 60 * 1000 });

  router.post('/api/login', async (req, res) => {
    const { name, password } = parse(Login, req.body, 'sign-in', req);
    const address = req.ip ?? req.socket.remoteAddress ?? '';
    if (!throttle.begin(name, address)) throw new HttpError(429, 'too-many-requests', 'too many failed sign-ins; wait and try again');
    const user = await deps.users.login(name, password);
    if (!user) throw new HttpError(401, 'bad-credentials', 'wrong user name or password');
    throttle.succeeded(name, address);
    const session = newSession(user.name, Date.now(), generationOf(user));
    res.cookie(SESSION_COOKIE, sealSession(deps.sessionKey, session), { ...cookieOptions, maxAge: SESSION_TTL_MS });
    res.json(me(user, session));
  });

  router.get('/api/session', auth, (_req, res) => {
    const { user, session } = authOf(res);
    res.json(session ? me(user, session) : { user: userRef(user) });
  });

  router.post('/api/logout', auth, (_req, res) => {
    const { session } = authOf(res);
    // the cookie is gone from this browser; a copy of it must stop working too
    if (session) deps.revokedSessions.revoke(session);
    res.clearCookie(SESSION_COOKIE, cookieOptions);
    res.status(204).end();
  });

  return router;
}
