import type { Db } from './db';

export interface Shift {
  id: string;
  userId: string;
  username: string;
  role: string;
  startedAt: string;
  endedAt: string | null;
}

interface ShiftRow {
  id: string;
  user_id: string;
  username: string;
  role: string;
  started_at: string;
  ended_at: string | null;
}

const toShift = (r: ShiftRow): Shift => ({ id: r.id, userId: r.user_id, username: r.username, role: r.role, startedAt: r.started_at, endedAt: r.ended_at });

/** Duty shifts: who is clocked in to work the review queue. */
export class ShiftsTable {
  constructor(private readonly db: Db) {}

  /** Guarded by the one-open-shift index: returns false when the user is already on duty. */
  start(id: string, userId: string, now: string): boolean {
    return this.db.prepare('INSERT OR IGNORE INTO duty_shifts (id, user_id, started_at) VALUES (?, ?, ?)').run(id, userId, now).changes === 1;
  }

  end(userId: string, now: string): boolean {
    return this.db.prepare('UPDATE duty_shifts SET ended_at = ? WHERE user_id = ? AND ended_at IS NULL').run(now, userId).changes === 1;
  }

  /** Open shifts of enabled users: a disabled account is off duty whatever its shift says. */
  onDuty(): Shift[] {
    return (
      this.db
        .prepare(
          `SELECT s.*, u.username, u.role FROM duty_shifts s JOIN users u ON u.id = s.user_id
        WHERE s.ended_at IS NULL AND u.disabled = 0 ORDER BY s.started_at`,
        )
        .all() as ShiftRow[]
    ).map(toShift);
  }

  recent(limit: number): Shift[] {
    return (
      this.db
        .prepare('SELECT s.*, u.username, u.role FROM duty_shifts s JOIN users u ON u.id = s.user_id ORDER BY s.started_at DESC LIMIT ?')
        .all(limit) as ShiftRow[]
    ).map(toShift);
  }
}
