import { requireRole } from '../auth/session';
import type { RouteModule } from '../server';
import { presentItem, presentLease } from './present';
import { REVIEWER_ROLES } from '../../lib/roles';

/**
 * `GET /api/review/leases`: the caller's open claims, each as `POST /api/review/claim` answers it, oldest first.
 * A reloaded page or a moderator coming back from another screen resumes them instead of stranding the items
 * until their leases expire.
 */
export const heldLeases: RouteModule = (router, deps, { staff }) => {
  router.get('/review/leases', ...staff, requireRole(...REVIEWER_ROLES), async (req, res) => {
    const leases = await deps.store.leasesOfUser(req.user!.id, new Date().toISOString());
    const claims = [];
    for (const lease of leases) {
      const item = await deps.store.getItem(lease.itemId);
      if (item?.status === 'in_review') claims.push({ item: await presentItem(deps.store, item), lease: presentLease(lease) });
    }
    res.json({ claims });
  });
};
