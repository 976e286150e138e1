import type { Request } from 'express';
import { parseOrThrow } from '../../lib/errors';
import type { Actor, Store } from '../../store/store';
import { clientIp } from '../http';

/** The logged-in user as an audit actor. Only call behind `requireUser`. */
export function actorOf(req: Request): Actor {
  const user = req.user!;
  return { type: 'user', id: user.id, name: user.username, ip: clientIp(req) };
}

/** zod validation with the first problem named in a 400 (`INVALID_BODY`, or `INVALID_QUERY` when given). */
export const parse = parseOrThrow;

/**
 * For a console change outside the store (a rule-pack file): the change, then its audit row. Changes inside the
 * store are audited by the store in the same transaction.
 */
export async function audited<T>(
  store: Store,
  actor: Actor,
  action: string,
  target: { type: string; id: string } | null,
  details: Record<string, unknown>,
  change: () => T,
): Promise<T> {
  const result = change();
  await store.audit(actor, action, target, details);
  return result;
}

/** Express 5 keeps query values as strings or arrays; the console's filters take the first string. */
export function queryString(req: Request, name: string): string | undefined {
  const v = req.query[name];
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === 'string' && first.trim() !== '' ? first.trim() : undefined;
}
