import { z } from 'zod';
import { requireRole } from '../auth/session';
import type { RouteModule } from '../server';
import { parse } from './common';
import { OVERSIGHT_ROLES } from '../../lib/roles';

export const listSchema = z.object({
  before: z.coerce.number().int().min(1).optional(),
  targetType: z.string().max(40).optional(),
  targetId: z.string().max(128).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/**
 * The audit log, newest first, paged by sequence number (`GET /api/console/audit?before=SEQ`), and the hash chain's
 * verification (`GET /api/console/audit/verify`). Auditors, officers and admins.
 */
export const audit: RouteModule = (router, deps, { staff }) => {
  const readers = [...staff, requireRole(...OVERSIGHT_ROLES)];

  router.get('/console/audit', ...readers, async (req, res) => {
    const q = parse(listSchema, Object.fromEntries(Object.entries(req.query).filter(([, v]) => v !== '')), 'INVALID_QUERY');
    const entries = await deps.store.listAudit({ limit: q.limit, beforeSeq: q.before, targetType: q.targetType, targetId: q.targetId });
    res.json({ entries, next: entries.length === q.limit ? entries[entries.length - 1].seq : null });
  });

  router.get('/console/audit/verify', ...readers, async (_req, res) => {
    res.json(await deps.store.verifyAudit());
  });
};
