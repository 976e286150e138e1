import { appError } from '../../lib/errors';
import { maskIp, maskName } from '../../lib/pii';
import { requireRole } from '../../api/auth/session';
import type { RouteModule } from '../../api/server';
import { actorOf, param, roles } from './common';

/**
 * `GET /api/items/:id/personal-data`: the author's IP and name and the submitting server's IP, unmasked, for the
 * roles that need them (clause 14). Every call is an audit row, so who looked at whose data is on record.
 */
export const personalDataRoutes: RouteModule = (router, deps, { staff }) => {
  router.get('/items/:id/personal-data', ...staff, requireRole(...roles('personalData')), async (req, res) => {
    const item = await deps.store.getItem(param(req, 'id'));
    if (!item) throw appError('ITEM_NOT_FOUND');
    await deps.store.audit(actorOf(req), 'pii.view', { type: 'item', id: item.id }, { fields: ['author.ip', 'author.name', 'sourceIp'] });
    res.setHeader('Cache-Control', 'private, no-store');
    res.json({
      itemId: item.id,
      author: { id: item.authorId, name: item.authorName, ip: item.authorIp },
      sourceIp: item.sourceIp,
      masked: { author: { name: maskName(item.authorName), ip: maskIp(item.authorIp) }, sourceIp: maskIp(item.sourceIp) },
    });
  });
};
