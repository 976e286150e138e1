/**
 * What several machines must share, which the SQLite deployment keeps in its data dir (CONTRACT §10):
 * - image bytes (original, thumbnail, blurred preview …), keyed by item, image index and variant;
 * - rule packs edited in the console, versioned;
 * - the audit anchor: the last entry's seq and hash, moved in the same transaction as each append and never
 *   backwards, so `audit verify` on any machine detects deleted last entries or a chain rewritten from some row on;
 * Daily-run claims use the `meta` table (key/value) from migration 1.
 */
export const sql = `
-- No foreign key: the API stores the bytes before the item row (so a 202 never points at missing bytes);
-- retention deletes them with their item.
CREATE TABLE image_blobs (
  item_id TEXT NOT NULL,
  idx INTEGER NOT NULL,
  variant TEXT NOT NULL,
  bytes BYTEA NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (item_id, idx, variant)
);

CREATE TABLE rule_packs (
  name TEXT PRIMARY KEY CHECK (name ~ '^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$'),
  yaml TEXT NOT NULL,
  hash TEXT NOT NULL CHECK (length(hash) = 64),
  revision BIGINT NOT NULL UNIQUE,
  updated_at TEXT NOT NULL
);

CREATE TABLE audit_anchor (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  seq BIGINT NOT NULL,
  hash TEXT NOT NULL,
  at TEXT NOT NULL
);

CREATE FUNCTION audit_anchor_forward() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.seq < OLD.seq OR (NEW.seq = OLD.seq AND NEW.hash <> OLD.hash) THEN
    RAISE EXCEPTION 'APPEND_ONLY: the audit anchor never moves backwards' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER audit_anchor_forward BEFORE UPDATE ON audit_anchor FOR EACH ROW EXECUTE FUNCTION audit_anchor_forward();
CREATE TRIGGER audit_anchor_no_delete BEFORE DELETE ON audit_anchor FOR EACH ROW
  EXECUTE FUNCTION shenhe_refuse('APPEND_ONLY: the audit anchor is never deleted');
CREATE TRIGGER audit_anchor_no_truncate BEFORE TRUNCATE ON audit_anchor FOR EACH STATEMENT
  EXECUTE FUNCTION shenhe_refuse('APPEND_ONLY: the audit anchor is never deleted');
`;
