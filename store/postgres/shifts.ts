import type { Shift } from '../sqlite/shifts';
import { rows, run, type Sql } from './db';

const SHIFT_COLUMNS = `s.id, s.user_id AS "userId", u.username, u.role, s.started_at AS "startedAt", s.ended_at AS "endedAt"`;

/** Duty shifts: who is clocked in to work the review queue. */
export const shifts = {
  /** Guarded by the one-open-shift index: returns false when the user is already on duty. */
  async start(q: Sql, id: string, userId: string, now: string): Promise<boolean> {
    return (await run(q, 'INSERT INTO duty_shifts (id, user_id, started_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [id, userId, now])) === 1;
  },

  async end(q: Sql, userId: string, now: string): Promise<boolean> {
    return (await run(q, 'UPDATE duty_shifts SET ended_at = $1 WHERE user_id = $2 AND ended_at IS NULL', [now, userId])) === 1;
  },

  /** Open shifts of enabled users: a disabled account is off duty whatever its shift says. */
  async onDuty(q: Sql): Promise<Shift[]> {
    return rows<Shift>(
      q,
      `SELECT ${SHIFT_COLUMNS} FROM duty_shifts s JOIN users u ON u.id = s.user_id WHERE s.ended_at IS NULL AND NOT u.disabled ORDER BY s.started_at`,
    );
  },

  async recent(q: Sql, limit: number): Promise<Shift[]> {
    return rows<Shift>(q, `SELECT ${SHIFT_COLUMNS} FROM duty_shifts s JOIN users u ON u.id = s.user_id ORDER BY s.started_at DESC LIMIT $1`, [limit]);
  },
};
