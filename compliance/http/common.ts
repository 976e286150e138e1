import type { Request } from 'express';
import type { z } from 'zod';
import { parseOrThrow } from '../../lib/errors';
import { ROLES_OF, type Role } from '../../lib/roles';
import type { Actor } from '../../store/store';
import { clientIp } from '../../api/http';

/** The roles of one entry of the compliance permission matrix (`ROLES_OF` in lib/roles.ts). */
export function roles(key: keyof typeof ROLES_OF): Role[] {
  return [...ROLES_OF[key]];
}

export function actorOf(req: Request): Actor {
  return { type: 'user', id: req.user?.id ?? null, name: req.user?.username ?? null, ip: clientIp(req) };
}

/** zod at the edge: the first problem, naming the field, as a 400. */
export function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  return parseOrThrow(schema, value ?? {});
}

export const param = (req: Request, name: string): string => String(req.params[name] ?? '');
