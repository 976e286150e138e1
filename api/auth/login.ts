import type { Request, Response } from 'express';
import { z } from 'zod';
import { appError, rateLimited } from '../../lib/errors';
import type { ApiDeps } from '../deps';
import { clientIp } from '../http';
import { LoginThrottle } from './login-throttle';
import { dummyHash, verifyPassword } from '../../lib/passwords';
import { newSessionSecrets, SESSION_IDLE_MS, setSessionCookie } from './session';
import { hashToken } from '../../lib/secrets';

export const loginSchema = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(1024) });

/** `POST /api/login` (CONTRACT §5). */
export function login(deps: ApiDeps) {
  const throttle = new LoginThrottle();
  return async (req: Request, res: Response): Promise<void> => {
    const parsed = loginSchema.safeParse(req.body);
    if (!parsed.success) throw appError('INVALID_BODY', 'username, password: required');
    const { username, password } = parsed.data;
    const ip = clientIp(req);
    const keys = [`u:${username.toLowerCase()}`, `ip:${ip ?? '-'}`];
    // Counted before the password check (atomically: no await in between), so parallel guesses cannot slip past.
    const wait = throttle.begin(keys);
    if (wait > 0) throw rateLimited('LOGIN_THROTTLED', wait);
    const found = await deps.store.userWithHash(username);
    const ok = await verifyPassword(found?.passwordHash ?? (await dummyHash()), password);
    if (!found || !ok || found.user.disabled) {
      await deps.store.audit({ type: 'user', id: found?.user.id ?? null, name: username, ip }, 'auth.login_failed', null, {});
      throw appError('BAD_CREDENTIALS');
    }
    throttle.succeed(keys);
    const { sid, csrfToken } = newSessionSecrets();
    const now = new Date();
    await deps.store.createSession(
      hashToken(sid),
      {
        userId: found.user.id,
        csrfToken,
        createdAt: now.toISOString(),
        lastSeenAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + SESSION_IDLE_MS).toISOString(),
      },
      ip,
      { type: 'user', id: found.user.id, name: found.user.username, ip },
    );
    setSessionCookie(req, res, sid);
    const { id, role } = found.user;
    res.json({ user: { id, username: found.user.username, role }, csrfToken });
  };
}

/** `POST /api/logout`. */
export function logout(deps: ApiDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    if (req.sessionHash) {
      await deps.store.deleteSession(req.sessionHash, { type: 'user', id: req.user?.id ?? null, name: req.user?.username ?? null, ip: clientIp(req) });
    }
    setSessionCookie(req, res, null);
    res.json({ ok: true });
  };
}

/**
 * `GET /api/session`: who is logged in, and the CSRF token, for a reloaded page. Nobody logged in is a normal
 * answer here (`{"user":null}`, 200), not an error: the login page asks on every load, and a 401 would show as an
 * error in the browser's console.
 */
export function currentSession() {
  return (req: Request, res: Response): void => {
    if (!req.user) {
      res.json({ user: null });
      return;
    }
    const { id, username, role, settings } = req.user;
    res.json({ user: { id, username, role, settings }, csrfToken: req.csrfToken });
  };
}
