import { z } from 'zod';
import { requireRole } from '../../api/auth/session';
import type { RouteModule } from '../../api/server';
import { actorOf, param, parse, roles } from './common';

export const holdSchema = z.object({ hold: z.boolean(), reason: z.string().trim().min(1).max(1000) });

/**
 * `POST /api/items/:id/legal-hold`: preserve an item beyond retention (a lawful request, a dispute), or release
 * such a hold. Items linked to an incident stay held — the store refuses to release them.
 */
export const legalHoldRoutes: RouteModule = (router, deps, { staff }) => {
  router.post('/items/:id/legal-hold', ...staff, requireRole(...roles('legalHold')), async (req, res) => {
    const { hold, reason } = parse(holdSchema, req.body);
    const id = param(req, 'id');
    await deps.store.setLegalHold(id, hold, actorOf(req), { hold, reason });
    res.json({ itemId: id, legalHold: hold });
  });
};
