import { newId } from '../../lib/ids';
import { ShiftsTable } from '../../store/sqlite/shifts';
import { requireRole } from '../auth/session';
import type { RouteModule } from '../server';
import { actorOf, auditedTx } from './common';
import { REVIEWER_ROLES, READER_ROLES } from '../../lib/roles';

/**
 * Duty clock: `GET /api/duty` (all staff), `POST /api/duty/clock-in` and `/clock-out` (reviewers, for
 * themselves). The dashboard's "nobody on duty" alarm reads the same table.
 */
export const duty: RouteModule = (router, deps, { staff }) => {
  const shifts = new ShiftsTable(deps.store.db);

  router.get('/duty', ...staff, requireRole(...READER_ROLES), (req, res) => {
    const onDuty = shifts.onDuty();
    res.json({ onDuty, me: onDuty.some((s) => s.userId === req.user!.id) });
  });

  router.post('/duty/clock-in', ...staff, requireRole(...REVIEWER_ROLES), (req, res) => {
    const user = req.user!;
    const now = new Date().toISOString();
    const started = deps.store.tx(() => {
      if (!shifts.start(newId('sh'), user.id, now)) return false;
      deps.store.auditLog.append({
        actorType: 'user',
        actorId: user.id,
        actorName: user.username,
        ip: actorOf(req).ip,
        action: 'duty.clock_in',
        targetType: 'user',
        targetId: user.id,
        details: {},
      });
      return true;
    });
    res.json({ onDuty: true, changed: started });
  });

  router.post('/duty/clock-out', ...staff, requireRole(...REVIEWER_ROLES), (req, res) => {
    const user = req.user!;
    const ended = auditedTx(deps.store, actorOf(req), 'duty.clock_out', { type: 'user', id: user.id }, {}, () => shifts.end(user.id, new Date().toISOString()));
    res.json({ onDuty: false, changed: ended });
  });
};
