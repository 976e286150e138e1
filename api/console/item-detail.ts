import { appError } from '../../lib/errors';
import { requireRole } from '../auth/session';
import { presentItem } from '../review/present';
import type { RouteModule } from '../server';
import { READER_ROLES } from '../../lib/roles';

/** `GET /api/items/{id}`: one item with its verdict and every decision (all staff; viewing claims nothing). */
export const itemDetail: RouteModule = (router, deps, { staff }) => {
  router.get('/items/:id', ...staff, requireRole(...READER_ROLES), async (req, res) => {
    const item = await deps.store.getItem(String(req.params.id));
    if (!item) throw appError('ITEM_NOT_FOUND');
    const decisions = await deps.store.decisionsOf(item.id);
    res.json({ item: await presentItem(deps.store, item), decisions });
  });
};
