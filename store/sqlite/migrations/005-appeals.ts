/**
 * Appeals (CONTRACT §12) and shadow-rule hits (CONTRACT §13).
 *
 * Appeals (CONTRACT §12). `appealed` is a non-terminal status reachable only from `blocked` or `rejected`, and
 * only with a pending appeal row, of which an item has at most one in its life. The moderator whose rejection is
 * appealed can neither claim nor decide the appeal: both are refused here, in the database, like invariant 1.
 */
export const sql = `
INSERT INTO statuses VALUES ('appealed', 0);
INSERT INTO status_transitions VALUES
  ('blocked','appealed'), ('rejected','appealed'),
  ('appealed','in_review'), ('in_review','appealed');

CREATE TABLE appeals (
  id TEXT PRIMARY KEY,
  item_id TEXT NOT NULL UNIQUE REFERENCES items(id),
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  reason TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
  -- the decision that is appealed: a moderator's rejection, or the filter's block (no user)
  original_decision_id TEXT NOT NULL,
  original_user_id TEXT REFERENCES users(id),
  created_at TEXT NOT NULL,
  decision_id TEXT,
  decided_by TEXT REFERENCES users(id),
  decided_at TEXT,
  CHECK ((status = 'pending') = (decided_at IS NULL))
);
CREATE INDEX appeals_status ON appeals(status, created_at);

CREATE TRIGGER items_appealed_needs_appeal BEFORE UPDATE OF status ON items
WHEN NEW.status = 'appealed' AND NOT EXISTS (SELECT 1 FROM appeals WHERE item_id = NEW.id AND status = 'pending')
BEGIN SELECT RAISE(ABORT, 'STATUS_GUARD: appealed needs a pending appeal'); END;

CREATE TRIGGER appeals_decided_once BEFORE UPDATE ON appeals
WHEN OLD.status <> 'pending' OR NEW.id <> OLD.id OR NEW.item_id <> OLD.item_id OR NEW.reason <> OLD.reason
  OR NEW.original_decision_id <> OLD.original_decision_id
BEGIN SELECT RAISE(ABORT, 'APPEND_ONLY: an appeal is decided once and its request never changes'); END;

CREATE TRIGGER appeals_no_delete BEFORE DELETE ON appeals
WHEN OLD.status = 'pending'
BEGIN SELECT RAISE(ABORT, 'APPEND_ONLY: a pending appeal is never deleted'); END;

CREATE TRIGGER review_leases_not_original_rejecter BEFORE INSERT ON review_leases
WHEN EXISTS (SELECT 1 FROM appeals WHERE item_id = NEW.item_id AND status = 'pending' AND original_user_id = NEW.user_id)
BEGIN SELECT RAISE(ABORT, 'APPEAL_GUARD: the moderator who rejected an item may not review its appeal'); END;

CREATE TRIGGER decisions_not_original_rejecter BEFORE INSERT ON decisions
WHEN NEW.user_id IS NOT NULL
 AND EXISTS (SELECT 1 FROM appeals WHERE item_id = NEW.item_id AND status = 'pending' AND original_user_id = NEW.user_id)
BEGIN SELECT RAISE(ABORT, 'APPEAL_GUARD: the moderator who rejected an item may not decide its appeal'); END;

-- Which shadow rules matched which items (from the verdict's shadowHits, one row per rule and item), so the console
-- can show each shadow rule's hits on live traffic with the human decisions on those items.
CREATE TABLE shadow_hits (
  item_id TEXT NOT NULL REFERENCES items(id),
  rule_id TEXT NOT NULL,
  hits INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (rule_id, item_id)
);
CREATE INDEX shadow_hits_item ON shadow_hits(item_id);
`;
