/**
 * The pipeline's tables (SQLite migration 001 in PostgreSQL terms). Timestamps stay ISO-8601 TEXT, so they sort and
 * compare exactly as in SQLite; JSON stays TEXT, so what is read back (and hashed, for the audit) is byte-identical.
 * Invariant 1 (no publication without a human) is enforced by triggers, raising the same tokens as SQLite's
 * (STATUS_GUARD, HUMAN_APPROVAL_REQUIRED, ROLE_GUARD, APPEND_ONLY) so the store maps them to the same 409s.
 * PostgreSQL trigger WHEN clauses cannot hold subqueries, so the checks live in plpgsql functions.
 */
export const sql = `
CREATE TABLE tenants (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  callback_url TEXT,
  api_key_hash TEXT NOT NULL UNIQUE,
  api_key_hint TEXT NOT NULL,
  webhook_secret_enc TEXT NOT NULL,
  disabled BOOLEAN NOT NULL DEFAULT false,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE officers (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  kind TEXT NOT NULL CHECK (kind IN ('security_officer', 'reviewer')),
  name TEXT NOT NULL,
  phone TEXT NOT NULL,
  email TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX officers_one_security_officer ON officers(tenant_id) WHERE kind = 'security_officer';

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('moderator', 'senior', 'officer', 'admin', 'auditor')),
  password_hash TEXT NOT NULL,
  disabled BOOLEAN NOT NULL DEFAULT false,
  settings TEXT NOT NULL DEFAULT '{}',
  created_at TEXT NOT NULL
);
-- SQLite's COLLATE NOCASE: one account per username whatever its case
CREATE UNIQUE INDEX users_username ON users (lower(username));

CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  csrf_token TEXT NOT NULL,
  ip TEXT,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE statuses (name TEXT PRIMARY KEY, terminal BOOLEAN NOT NULL);
INSERT INTO statuses VALUES ('screening',false),('pending_review',false),('escalated',false),('in_review',false),
  ('approved',false),('published',true),('blocked',true),('rejected',true);

CREATE TABLE status_transitions (from_status TEXT NOT NULL, to_status TEXT NOT NULL, PRIMARY KEY (from_status, to_status));
INSERT INTO status_transitions VALUES
  ('screening','pending_review'), ('screening','blocked'),
  ('pending_review','in_review'), ('escalated','in_review'),
  ('in_review','pending_review'), ('in_review','escalated'),
  ('in_review','approved'), ('in_review','rejected'),
  ('approved','published');

CREATE TABLE items (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  external_id TEXT NOT NULL,
  body_hash TEXT NOT NULL,
  kind TEXT,
  title TEXT,
  text TEXT,
  author_id TEXT,
  author_name TEXT,
  author_ip TEXT,
  url TEXT,
  meta TEXT,
  source_ip TEXT,
  image_count INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL REFERENCES statuses(name),
  risk DOUBLE PRECISION NOT NULL DEFAULT 0,
  suggestion TEXT,
  legal_hold BOOLEAN NOT NULL DEFAULT false,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (tenant_id, external_id)
);
CREATE INDEX items_status ON items(status, risk DESC, created_at);
CREATE INDEX items_created ON items(created_at);
CREATE INDEX items_author ON items(tenant_id, author_id);

CREATE FUNCTION items_insert_screening() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status <> 'screening' THEN
    RAISE EXCEPTION 'STATUS_GUARD: new items start in screening' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER items_insert_screening BEFORE INSERT ON items FOR EACH ROW EXECUTE FUNCTION items_insert_screening();

CREATE FUNCTION items_status_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status <> OLD.status
     AND NOT EXISTS (SELECT 1 FROM status_transitions WHERE from_status = OLD.status AND to_status = NEW.status) THEN
    RAISE EXCEPTION 'STATUS_GUARD: transition not allowed' USING ERRCODE = 'check_violation';
  END IF;
  -- approved only through the item's latest decision being a human approval by a role that may approve
  IF NEW.status = 'approved' AND OLD.status <> 'approved' AND NOT EXISTS (
    SELECT 1 FROM decisions d JOIN users u ON u.id = d.user_id
    WHERE d.id = (SELECT id FROM decisions WHERE item_id = NEW.id ORDER BY seq DESC LIMIT 1)
      AND d.action = 'approve' AND u.role IN ('moderator', 'senior', 'officer', 'admin') AND NOT u.disabled) THEN
    RAISE EXCEPTION 'HUMAN_APPROVAL_REQUIRED: no recorded human approval' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.status = 'published' AND NOT EXISTS (
    SELECT 1 FROM decisions d JOIN users u ON u.id = d.user_id
    WHERE d.item_id = NEW.id AND d.action = 'approve' AND u.role IN ('moderator', 'senior', 'officer', 'admin')) THEN
    RAISE EXCEPTION 'HUMAN_APPROVAL_REQUIRED: no recorded human approval' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER items_status_guard BEFORE UPDATE OF status ON items FOR EACH ROW EXECUTE FUNCTION items_status_guard();

CREATE TABLE images (
  item_id TEXT NOT NULL REFERENCES items(id),
  idx INTEGER NOT NULL,
  name TEXT,
  declared_format TEXT,
  sniffed_format TEXT,
  bytes INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  width INTEGER,
  height INTEGER,
  phash TEXT,
  stored_format TEXT,
  PRIMARY KEY (item_id, idx)
);

CREATE TABLE verdicts (
  item_id TEXT PRIMARY KEY REFERENCES items(id),
  suggestion TEXT NOT NULL CHECK (suggestion IN ('block', 'review', 'pass')),
  risk DOUBLE PRECISION NOT NULL,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE review_leases (
  id TEXT PRIMARY KEY,
  item_id TEXT NOT NULL REFERENCES items(id),
  user_id TEXT NOT NULL REFERENCES users(id),
  queue TEXT NOT NULL CHECK (queue IN ('review', 'escalated')),
  job_id TEXT NOT NULL,
  claimed_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  ended_at TEXT,
  end_reason TEXT
);
CREATE UNIQUE INDEX review_leases_one_open ON review_leases(item_id) WHERE ended_at IS NULL;
CREATE INDEX review_leases_user ON review_leases(user_id) WHERE ended_at IS NULL;

CREATE TABLE decisions (
  seq BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  item_id TEXT NOT NULL REFERENCES items(id),
  user_id TEXT REFERENCES users(id),
  lease_id TEXT,
  action TEXT NOT NULL CHECK (action IN ('approve', 'reject', 'escalate', 'block')),
  categories TEXT NOT NULL DEFAULT '[]',
  note TEXT,
  decided_at TEXT NOT NULL,
  -- human actions carry their human; only the automatic filter's 'block' has none
  CHECK ((action = 'block') = (user_id IS NULL))
);
CREATE INDEX decisions_item ON decisions(item_id, seq);
CREATE INDEX decisions_time ON decisions(decided_at);

CREATE FUNCTION decisions_human_role() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.user_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM users WHERE id = NEW.user_id AND NOT disabled AND role IN ('moderator', 'senior', 'officer', 'admin')) THEN
    RAISE EXCEPTION 'ROLE_GUARD: this user may not decide' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER decisions_human_role BEFORE INSERT ON decisions FOR EACH ROW EXECUTE FUNCTION decisions_human_role();

-- One function for every "never changed / never deleted" rule: the message comes from the trigger's argument.
CREATE FUNCTION shenhe_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'check_violation';
END $$;
CREATE TRIGGER decisions_no_update BEFORE UPDATE ON decisions FOR EACH ROW
  EXECUTE FUNCTION shenhe_refuse('APPEND_ONLY: decisions are never changed');

CREATE TABLE outbox (
  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  topic TEXT NOT NULL,
  job_id TEXT NOT NULL,
  payload TEXT NOT NULL,
  delay_ms BIGINT NOT NULL DEFAULT 0,
  priority INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  dispatched_at TEXT
);
CREATE INDEX outbox_pending ON outbox(id) WHERE dispatched_at IS NULL;

CREATE TABLE webhook_deliveries (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  item_id TEXT NOT NULL REFERENCES items(id),
  decision_id TEXT NOT NULL,
  type TEXT NOT NULL,
  body TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_status_code INTEGER,
  last_error TEXT,
  next_attempt_at TEXT,
  created_at TEXT NOT NULL,
  delivered_at TEXT
);
CREATE UNIQUE INDEX webhook_deliveries_decision ON webhook_deliveries(decision_id);
CREATE INDEX webhook_deliveries_pending ON webhook_deliveries(status) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_item ON webhook_deliveries(item_id);

CREATE TABLE webhook_attempts (
  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  delivery_id TEXT NOT NULL REFERENCES webhook_deliveries(id),
  attempt INTEGER NOT NULL,
  attempted_at TEXT NOT NULL,
  status_code INTEGER,
  error TEXT,
  duration_ms INTEGER NOT NULL
);
CREATE INDEX webhook_attempts_delivery ON webhook_attempts(delivery_id);

-- seq is assigned by the writer (last + 1, under an advisory lock), not by a sequence: gaps would be ambiguous.
CREATE TABLE audit (
  seq BIGINT PRIMARY KEY,
  at TEXT NOT NULL,
  actor_type TEXT NOT NULL,
  actor_id TEXT,
  actor_name TEXT,
  ip TEXT,
  action TEXT NOT NULL,
  target_type TEXT,
  target_id TEXT,
  details TEXT NOT NULL DEFAULT '{}',
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_target ON audit(target_type, target_id);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit FOR EACH ROW
  EXECUTE FUNCTION shenhe_refuse('APPEND_ONLY: audit rows are never changed');
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit FOR EACH ROW
  EXECUTE FUNCTION shenhe_refuse('APPEND_ONLY: audit rows are never deleted');
-- TRUNCATE skips row triggers in PostgreSQL; SQLite has no TRUNCATE
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit FOR EACH STATEMENT
  EXECUTE FUNCTION shenhe_refuse('APPEND_ONLY: audit rows are never deleted');

CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`;
