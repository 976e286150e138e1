/**
 * Compliance tables (issue 6): incidents with their timeline, alarms and linked items, the export register,
 * and the guards that keep retention away from what must stay (DESIGN invariant 5). Like 001, the rules live
 * in triggers so that a hand-written DELETE cannot skip them.
 */
export const sql = `
CREATE TABLE incidents (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  description TEXT,
  status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
  opened_at TEXT NOT NULL,
  deadline_at TEXT NOT NULL,
  opened_by_id TEXT,
  opened_by_name TEXT,
  closed_at TEXT,
  closed_by_id TEXT,
  closed_by_name TEXT,
  report_reference TEXT,
  report_summary TEXT,
  CHECK ((status = 'closed') = (closed_at IS NOT NULL)),
  CHECK (status = 'open' OR report_reference IS NOT NULL)
);
CREATE INDEX incidents_status ON incidents(status, deadline_at);

-- the clock is fixed at opening and a closed incident stays closed
CREATE TRIGGER incidents_fixed_clock BEFORE UPDATE OF id, title, opened_at, deadline_at ON incidents
BEGIN SELECT RAISE(ABORT, 'APPEND_ONLY: an incident''s title and clock are never changed'); END;
CREATE TRIGGER incidents_no_reopen BEFORE UPDATE ON incidents WHEN OLD.status = 'closed'
BEGIN SELECT RAISE(ABORT, 'APPEND_ONLY: a closed incident is never changed'); END;
CREATE TRIGGER incidents_no_delete BEFORE DELETE ON incidents
BEGIN SELECT RAISE(ABORT, 'APPEND_ONLY: incidents are never deleted'); END;

CREATE TABLE incident_items (
  incident_id TEXT NOT NULL REFERENCES incidents(id),
  item_id TEXT NOT NULL REFERENCES items(id),
  added_at TEXT NOT NULL,
  PRIMARY KEY (incident_id, item_id)
);
CREATE INDEX incident_items_item ON incident_items(item_id);
CREATE TRIGGER incident_items_no_delete BEFORE DELETE ON incident_items
BEGIN SELECT RAISE(ABORT, 'APPEND_ONLY: incident links are never removed'); END;

CREATE TABLE incident_steps (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  incident_id TEXT NOT NULL REFERENCES incidents(id),
  at TEXT NOT NULL,
  kind TEXT NOT NULL,
  actor_id TEXT,
  actor_name TEXT,
  text TEXT NOT NULL
);
CREATE INDEX incident_steps_incident ON incident_steps(incident_id, seq);
CREATE TRIGGER incident_steps_no_update BEFORE UPDATE ON incident_steps
BEGIN SELECT RAISE(ABORT, 'APPEND_ONLY: incident steps are never changed'); END;
CREATE TRIGGER incident_steps_no_delete BEFORE DELETE ON incident_steps
BEGIN SELECT RAISE(ABORT, 'APPEND_ONLY: incident steps are never deleted'); END;

CREATE TABLE incident_alarms (
  incident_id TEXT NOT NULL REFERENCES incidents(id),
  kind TEXT NOT NULL CHECK (kind IN ('t6h', 't1h', 'deadline')),
  due_at TEXT NOT NULL,
  sent_at TEXT,
  result TEXT,
  PRIMARY KEY (incident_id, kind)
);
CREATE INDEX incident_alarms_pending ON incident_alarms(due_at) WHERE sent_at IS NULL;

CREATE TABLE exports (
  id TEXT PRIMARY KEY,
  created_at TEXT NOT NULL,
  actor_type TEXT NOT NULL,
  actor_id TEXT,
  actor_name TEXT,
  requester TEXT,
  reason TEXT,
  filters TEXT NOT NULL,
  rows INTEGER NOT NULL,
  bytes INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  file TEXT NOT NULL
);
CREATE INDEX exports_created ON exports(created_at);

-- Invariant 5 in the store itself: only finished items are ever deleted, and never one under legal hold.
CREATE TRIGGER items_delete_terminal_only BEFORE DELETE ON items
WHEN OLD.status NOT IN ('published', 'blocked', 'rejected')
BEGIN SELECT RAISE(ABORT, 'STATUS_GUARD: only items in a terminal state are purged'); END;
CREATE TRIGGER items_delete_not_held BEFORE DELETE ON items
WHEN OLD.legal_hold = 1 OR EXISTS (SELECT 1 FROM incident_items WHERE item_id = OLD.id)
BEGIN SELECT RAISE(ABORT, 'LEGAL_HOLD: an item under legal hold is never deleted'); END;
CREATE TRIGGER items_hold_stays_with_incident BEFORE UPDATE OF legal_hold ON items
WHEN NEW.legal_hold = 0 AND EXISTS (SELECT 1 FROM incident_items WHERE item_id = OLD.id)
BEGIN SELECT RAISE(ABORT, 'LEGAL_HOLD: items linked to an incident stay held'); END;
`;
