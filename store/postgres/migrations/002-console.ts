/** Duty shifts (SQLite migration 002): who is clocked in, for the dashboard and its nobody-on-duty alarm. */
export const sql = `
CREATE TABLE duty_shifts (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  started_at TEXT NOT NULL,
  ended_at TEXT
);
-- one open shift per person: clocking in twice is a no-op, not a second shift
CREATE UNIQUE INDEX duty_shifts_one_open ON duty_shifts(user_id) WHERE ended_at IS NULL;
CREATE INDEX duty_shifts_started ON duty_shifts(started_at);
`;
