import type { Request } from 'express';
import { parseOrThrow } from '../../lib/errors';
import type { Actor } from '../../store/store';
import { clientIp } from '../http';

/** The logged-in user as an audit actor. Only call behind `requireUser`. */
export function actorOf(req: Request): Actor {
  const user = req.user!;
  return { type: 'user', id: user.id, name: user.username, ip: clientIp(req) };
}

/** zod validation with the first problem named in a 400 (`INVALID_BODY`, or `INVALID_QUERY` when given). */
export const parse = parseOrThrow;

/** Express 5 keeps query values as strings or arrays; the console's filters take the first string. */
export function queryString(req: Request, name: string): string | undefined {
  const v = req.query[name];
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === 'string' && first.trim() !== '' ? first.trim() : undefined;
}
