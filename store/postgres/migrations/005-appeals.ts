/**
 * Appeals (CONTRACT §12) and shadow-rule hits (CONTRACT §13), as SQLite migration 005. `appealed` is reachable only
 * from `blocked` or `rejected` with a pending appeal row (one per item, ever); the moderator whose rejection is
 * appealed can neither claim nor decide the appeal (APPEAL_GUARD), refused here like invariant 1.
 */
export const sql = `
INSERT INTO statuses VALUES ('appealed', false);
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

CREATE FUNCTION items_appealed_needs_appeal() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status = 'appealed' AND NOT EXISTS (SELECT 1 FROM appeals WHERE item_id = NEW.id AND status = 'pending') THEN
    RAISE EXCEPTION 'STATUS_GUARD: appealed needs a pending appeal' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER items_appealed_needs_appeal BEFORE UPDATE OF status ON items FOR EACH ROW
  EXECUTE FUNCTION items_appealed_needs_appeal();

CREATE TRIGGER appeals_decided_once BEFORE UPDATE ON appeals FOR EACH ROW
  WHEN (OLD.status <> 'pending' OR NEW.id <> OLD.id OR NEW.item_id <> OLD.item_id OR NEW.reason <> OLD.reason
    OR NEW.original_decision_id <> OLD.original_decision_id)
  EXECUTE FUNCTION shenhe_refuse('APPEND_ONLY: an appeal is decided once and its request never changes');

CREATE TRIGGER appeals_no_delete BEFORE DELETE ON appeals FOR EACH ROW WHEN (OLD.status = 'pending')
  EXECUTE FUNCTION shenhe_refuse('APPEND_ONLY: a pending appeal is never deleted');

CREATE FUNCTION appeal_not_original_rejecter() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.user_id IS NOT NULL AND EXISTS (
    SELECT 1 FROM appeals WHERE item_id = NEW.item_id AND status = 'pending' AND original_user_id = NEW.user_id) THEN
    RAISE EXCEPTION 'APPEAL_GUARD: the moderator who rejected an item may not %', TG_ARGV[0] USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER review_leases_not_original_rejecter BEFORE INSERT ON review_leases FOR EACH ROW
  EXECUTE FUNCTION appeal_not_original_rejecter('review its appeal');
CREATE TRIGGER decisions_not_original_rejecter BEFORE INSERT ON decisions FOR EACH ROW
  EXECUTE FUNCTION appeal_not_original_rejecter('decide its appeal');

-- Which shadow rules matched which items (one row per rule and item).
CREATE TABLE shadow_hits (
  item_id TEXT NOT NULL REFERENCES items(id),
  rule_id TEXT NOT NULL,
  hits INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (rule_id, item_id)
);
CREATE INDEX shadow_hits_item ON shadow_hits(item_id);
`;
