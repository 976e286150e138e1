import { z } from 'zod';
import { appError } from '../../lib/errors';
import { requireRole } from '../auth/session';
import type { RouteModule } from '../server';
import { actorOf, auditedTx, parse } from './common';
import { MANAGER_ROLES, OVERSIGHT_ROLES } from '../../lib/roles';

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

  router.get('/console/deliveries', ...readers, (req, res) => {
    const q = parse(listSchema, Object.fromEntries(Object.entries(req.query).filter(([, v]) => v !== '')), 'INVALID_QUERY');
    res.json({ deliveries: deps.store.deliveries.list({ limit: q.limit, tenantId: q.tenant, status: q.status }) });
  });

  router.get('/console/deliveries/:id', ...readers, (req, res) => {
    const d = deps.store.deliveries.byId(String(req.params.id));
    if (!d) throw appError('DELIVERY_NOT_FOUND');
    res.json({ delivery: d, attempts: deps.store.deliveries.attempts(d.id) });
  });

  router.post('/console/deliveries/:id/replay', ...staff, requireRole(...MANAGER_ROLES), (req, res) => {
    const id = String(req.params.id);
    const replayed = auditedTx(deps.store, actorOf(req), 'webhook.replay', { type: 'delivery', id }, {}, () => {
      const d = deps.store.deliveries.byId(id);
      if (!d) throw appError('DELIVERY_NOT_FOUND');
      if (!deps.store.deliveries.reopen(id)) throw appError('NOT_FAILED');
      // A new job id per replay: the original publish job completed and its id stays taken (DESIGN: jobIds are never reused).
      deps.store.outbox.add({ topic: 'publish', jobId: `publish-${d.decisionId}-r${d.attempts}`, payload: { deliveryId: d.id } }, new Date().toISOString());
      return d;
    });
    deps.pokeOutbox();
    res.json({ delivery: deps.store.deliveries.byId(replayed.id) });
  });
};
