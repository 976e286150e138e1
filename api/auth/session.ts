import { randomBytes } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { appError } from '../../lib/errors';
import { hashToken, safeEqual } from '../../lib/secrets';
import type { Role } from '../../lib/roles';
import type { User } from '../../store/rows';
import type { Store } from '../../store/store';

export const SESSION_COOKIE = 'shenhe_sid';
/** Idle timeout: a session unused this long ends (default 30 minutes). */
export const SESSION_IDLE_MS = 30 * 60 * 1000;
/** Absolute lifetime of a session (a shift). */
export const SESSION_MAX_MS = 12 * 3600 * 1000;

declare module 'express-serve-static-core' {
  interface Request {
    user?: User;
    sessionHash?: string;
    csrfToken?: string;
  }
}

export function readCookie(req: Request, name: string): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return decodeURIComponent(part.slice(i + 1).trim());
  }
  return null;
}

export function setSessionCookie(req: Request, res: Response, sid: string | null): void {
  res.cookie(SESSION_COOKIE, sid ?? '', {
    httpOnly: true,
    sameSite: 'strict',
    secure: req.secure,
    path: '/',
    ...(sid ? {} : { maxAge: 0 }),
  });
}

export function newSessionSecrets(): { sid: string; csrfToken: string } {
  return { sid: randomBytes(32).toString('base64url'), csrfToken: randomBytes(24).toString('base64url') };
}

/** Loads the session's user when there is a valid cookie; never fails by itself (see `requireUser`). */
export function loadSession(store: Store): RequestHandler {
  return async (req, _res, next) => {
    const sid = readCookie(req, SESSION_COOKIE);
    if (!sid) return next();
    const idHash = hashToken(sid);
    const session = await store.getSession(idHash);
    const now = Date.now();
    if (!session || Date.parse(session.expiresAt) <= now || Date.parse(session.createdAt) + SESSION_MAX_MS <= now) return next();
    const user = await store.getUser(session.userId);
    if (!user || user.disabled) return next();
    // Sliding expiry, written at most once a minute to keep reads cheap.
    if (now - Date.parse(session.lastSeenAt) > 60_000) {
      await store.touchSession(idHash, new Date(now).toISOString(), new Date(now + SESSION_IDLE_MS).toISOString());
    }
    req.user = user;
    req.sessionHash = idHash;
    req.csrfToken = session.csrfToken;
    next();
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** 401 without a session; for state-changing methods, 403 without the session's `X-CSRF-Token`. */
export function requireUser(req: Request, _res: Response, next: NextFunction): void {
  if (!req.user) throw appError('LOGIN_REQUIRED');
  if (!SAFE_METHODS.has(req.method)) {
    const token = req.headers['x-csrf-token'];
    if (typeof token !== 'string' || !req.csrfToken || !safeEqual(token, req.csrfToken)) {
      throw appError('CSRF_FAILED');
    }
  }
  next();
}

/** Roles are enforced here, on the server, for every route that names them. */
export function requireRole(...roles: Role[]): RequestHandler {
  return (req, _res, next) => {
    if (!req.user) throw appError('LOGIN_REQUIRED');
    if (!roles.includes(req.user.role)) throw appError('ROLE_FORBIDDEN');
    next();
  };
}
