import { z } from 'zod';
import { appError } from '../../lib/errors';
import { requireRole } from '../auth/session';
import type { RouteModule } from '../server';
import { actorOf, parse } from './common';
import { OVERSIGHT_ROLES } from '../../lib/roles';

export const listSchema = z.object({
  tenant: z.string().max(64).optional(),
  status: z.enum(['pending', 'delivered', 'failed']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/**
 * The webhook delivery log: `GET /api/console/deliveries`, `GET /api/console/deliveries/{id}` (with every attempt),
 * `POST /api/console/deliveries/{id}/replay` (a failed delivery goes back to pending and gets a fresh publish job).
 * Officers and admins; auditors may read.
 */
export const deliveries: RouteModule = (router, deps, { staff }) => {
  const readers = [...staff, requireRole(...OVERSIGHT_ROLES)];

  router.get('/console/deliveries', ...readers, async (req, res) => {
    const q = parse(listSchema, Object.fromEntries(Object.entries(req.query).filter(([, v]) => v !== '')), 'INVALID_QUERY');
    res.json({ deliveries: await deps.store.listDeliveries({ limit: q.limit, tenantId: q.tenant, status: q.status }) });
  });
  router.get('/console/deliveries/:id', ...readers, async (req, res) => {
    const d = await deps.store.getDelivery(String(req.params.id));
    if (!d) throw appError('DELIVERY_NOT_FOUND');
    res.json({ delivery: d, attempts: await deps.store.deliveryAttempts(d.id) });
  });
  router.post('/console/deliveries/:id/replay', ...staff, requireRole('officer', 'admin'), async (req, res) => {
    // A new job id per replay: the original publish job completed and its id stays taken (DESIGN: jobIds are never reused).
    const delivery = await deps.store.replayDelivery(String(req.params.id), actorOf(req));
    deps.pokeOutbox();
    res.json({ delivery });
  });
};
