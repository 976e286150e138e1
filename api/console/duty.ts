import { requireRole } from '../auth/session';
import type { RouteModule } from '../server';
import { actorOf } from './common';
import { REVIEWER_ROLES, READER_ROLES } from '../../lib/roles';

/**
 * Duty clock: `GET /api/duty` (all staff), `POST /api/duty/clock-in` and `/clock-out` (reviewers, for
 * themselves). The dashboard's "nobody on duty" alarm reads the same table.
 */
export const duty: RouteModule = (router, deps, { staff }) => {
  router.get('/duty', ...staff, requireRole(...READER_ROLES), async (req, res) => {
    const onDuty = await deps.store.onDuty();
    res.json({ onDuty, me: onDuty.some((s) => s.userId === req.user!.id) });
  });

  router.post('/duty/clock-in', ...staff, requireRole(...REVIEWER_ROLES), async (req, res) => {
    res.json({ onDuty: true, changed: await deps.store.clockIn(req.user!, actorOf(req)) });
  });
  router.post('/duty/clock-out', ...staff, requireRole(...REVIEWER_ROLES), async (req, res) => {
    res.json({ onDuty: false, changed: await deps.store.clockOut(req.user!, actorOf(req)) });
  });
};
