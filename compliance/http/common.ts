import type { Request } from 'express';
import type { z } from 'zod';
import { BadRequestError } from '../../lib/errors';
import type { Role } from '../../store/rows';
import type { Actor } from '../../store/store';
import { clientIp } from '../../api/http';

/** The permission matrix of the compliance routes (docs/permissions.md is written from these; tests walk them). */
export const ROLES_OF = {
  incidentWrite: ['officer', 'admin'],
  incidentRead: ['officer', 'admin', 'auditor'],
  exportWrite: ['officer', 'admin'],
  exportRead: ['officer', 'admin', 'auditor'],
  exportDownload: ['officer', 'admin'],
  officerWrite: ['officer', 'admin'],
  officerRead: ['moderator', 'senior', 'officer', 'admin', 'auditor'],
  personalData: ['officer', 'admin', 'auditor'],
  legalHold: ['officer', 'admin'],
  auditRead: ['officer', 'admin', 'auditor'],
  banner: ['moderator', 'senior', 'officer', 'admin', 'auditor'],
  retentionPreview: ['officer', 'admin', 'auditor'],
  backupWrite: ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export function roles(key: keyof typeof ROLES_OF): Role[] {
  return [...ROLES_OF[key]];
}

export function actorOf(req: Request): Actor {
  return { type: 'user', id: req.user?.id ?? null, name: req.user?.username ?? null, ip: clientIp(req) };
}

/** zod at the edge: the first problem, naming the field, as a 400. */
export function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value ?? {});
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new BadRequestError(`${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`, 'INVALID_BODY');
  }
  return r.data;
}

export const param = (req: Request, name: string): string => String(req.params[name] ?? '');
