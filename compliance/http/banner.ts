import { incidentFlags } from '../../store/incident-clock';
import { requireRole } from '../../api/auth/session';
import type { RouteModule } from '../../api/server';
import { roles } from './common';

/**
 * `GET /api/compliance/banner`: what every staff member's console shows at the top — counts only, no titles or
 * personal data: open incidents (overdue, due within 6 h) and officer contacts due for review.
 */
export const bannerRoutes: RouteModule = (router, deps, { staff }) => {
  router.get('/compliance/banner', ...staff, requireRole(...roles('banner')), async (_req, res) => {
    const now = Date.now();
    const flags = (await deps.store.listIncidents({ openOnly: true })).map((i) => incidentFlags(i, now));
    const nextDeadlineSeconds = flags.length ? Math.min(...flags.map((f) => f.remainingSeconds)) : null;
    res.json({
      incidents: { open: flags.length, overdue: flags.filter((f) => f.overdue).length, dueSoon: flags.filter((f) => f.dueSoon).length, nextDeadlineSeconds },
      overdue: flags.some((f) => f.overdue),
      dueSoon: flags.some((f) => f.dueSoon),
      officerReviewDue: (await deps.store.staleOfficers(deps.config.officerReviewDays, now)).length,
    });
  });
};
