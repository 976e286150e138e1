import { z } from 'zod';
import { backupStore } from '../backup';
import { parseInstant } from '../dates';
import { requireRole } from '../../api/auth/session';
import type { RouteModule } from '../../api/server';
import { actorOf, parse, roles } from './common';

export const previewSchema = z.object({
  asOf: z
    .string()
    .refine((v) => parseInstant(v) !== null, 'must be YYYY-MM-DD or an ISO-8601 time')
    .optional(),
});

/** Read-only retention preview (what `shenhe retention run --dry-run --as-of` prints) and an on-demand backup. */
export const retentionRoutes: RouteModule = (router, deps, { staff }) => {
  router.get('/retention/preview', ...staff, requireRole(...roles('retentionPreview')), async (req, res) => {
    const q = parse(previewSchema, req.query);
    const plan = await deps.store.planRetention(deps.config.retentionDays, q.asOf ? (parseInstant(q.asOf) as Date) : new Date());
    res.json({ purged: plan.purge, held: plan.held, asOf: plan.asOf, cutoff: plan.cutoff, retentionDays: deps.config.retentionDays, dryRun: true });
  });

  router.post('/backups', ...staff, requireRole(...roles('backupWrite')), async (req, res) => {
    res.status(201).json(await backupStore(deps.store, deps.config.dataDir, { actor: actorOf(req) }));
  });
};
