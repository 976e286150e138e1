import { z } from 'zod';
import { appError } from '../../lib/errors';
import { appendAudit } from '../../store/sqlite/audit-helpers';
import { requireRole } from '../../api/auth/session';
import type { RouteModule } from '../../api/server';
import { actorOf, param, parse, roles } from './common';

export const holdSchema = z.object({ hold: z.boolean(), reason: z.string().trim().min(1).max(1000) });

/**
 * `POST /api/items/:id/legal-hold`: preserve an item beyond retention (a lawful request, a dispute), or release
 * such a hold. Items linked to an incident stay held — the store refuses to release them.
 */
export const legalHoldRoutes: RouteModule = (router, deps, { staff }) => {
  router.post('/items/:id/legal-hold', ...staff, requireRole(...roles('legalHold')), (req, res) => {
    const { hold, reason } = parse(holdSchema, req.body);
    const id = param(req, 'id');
    const result = deps.store.tx(() => {
      if (!deps.store.items.byId(id)) throw appError('ITEM_NOT_FOUND');
      if (!hold && deps.store.db.prepare('SELECT 1 FROM incident_items WHERE item_id = ?').get(id)) {
        throw appError('INCIDENT_HOLD');
      }
      deps.store.db.prepare('UPDATE items SET legal_hold = ? WHERE id = ?').run(hold ? 1 : 0, id);
      appendAudit(deps.store, actorOf(req), 'item.legal_hold', { type: 'item', id }, { hold, reason });
      return { itemId: id, legalHold: hold };
    });
    res.json(result);
  });
};
