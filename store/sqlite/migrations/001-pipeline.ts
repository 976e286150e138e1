/**
 * The pipeline's tables. Invariant 1 (no publication without a human) is enforced here, by triggers, so that
 * no code path — ours, a future one, or a hand-written UPDATE — can reach `published` without a recorded approval.
 */
export const sql = `
CREATE TABLE tenants (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  callback_url TEXT,
  api_key_hash TEXT NOT NULL UNIQUE,
  api_key_hint TEXT NOT NULL,
  webhook_secret_enc TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0,
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
  username TEXT NOT NULL UNIQUE COLLATE NOCASE,
  role TEXT NOT NULL CHECK (role IN ('moderator', 'senior', 'officer', 'admin', 'auditor')),
  password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0,
  settings TEXT NOT NULL DEFAULT '{}',
  created_at TEXT NOT NULL
);

CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  csrf_token TEXT NOT NULL,
  ip TEXT,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);

CREATE TABLE statuses (name TEXT PRIMARY KEY, terminal INTEGER NOT NULL);
INSERT INTO statuses VALUES ('screening',0),('pending_review',0),('escalated',0),('in_review',0),
  ('approved',0),('published',1),('blocked',1),('rejected',1);

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
  risk REAL NOT NULL DEFAULT 0,
  suggestion TEXT,
  legal_hold INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (tenant_id, external_id)
);
CREATE INDEX items_status ON items(status, risk DESC, created_at);
CREATE INDEX items_created ON items(created_at);
CREATE INDEX items_author ON items(tenant_id, author_id);

CREATE TRIGGER items_insert_screening BEFORE INSERT ON items
WHEN NEW.status <> 'screening'
BEGIN SELECT RAISE(ABORT, 'STATUS_GUARD: new items start in screening'); END;

CREATE TRIGGER items_status_transition BEFORE UPDATE OF status ON items
WHEN NEW.status <> OLD.status
 AND NOT EXISTS (SELECT 1 FROM status_transitions WHERE from_status = OLD.status AND to_status = NEW.status)
BEGIN SELECT RAISE(ABORT, 'STATUS_GUARD: transition not allowed'); END;

-- approved only through the item's latest decision being a human approval by a role that may approve
CREATE TRIGGER items_approved_needs_human BEFORE UPDATE OF status ON items
WHEN NEW.status = 'approved' AND OLD.status <> 'approved' AND NOT EXISTS (
  SELECT 1 FROM decisions d JOIN users u ON u.id = d.user_id
  WHERE d.id = (SELECT id FROM decisions WHERE item_id = NEW.id ORDER BY seq DESC LIMIT 1)
    AND d.action = 'approve' AND u.role IN ('moderator', 'senior', 'officer', 'admin') AND u.disabled = 0)
BEGIN SELECT RAISE(ABORT, 'HUMAN_APPROVAL_REQUIRED: no recorded human approval'); END;

CREATE TRIGGER items_published_needs_approval BEFORE UPDATE OF status ON items
WHEN NEW.status = 'published' AND NOT EXISTS (
  SELECT 1 FROM decisions d JOIN users u ON u.id = d.user_id
  WHERE d.item_id = NEW.id AND d.action = 'approve' AND u.role IN ('moderator', 'senior', 'officer', 'admin'))
BEGIN SELECT RAISE(ABORT, 'HUMAN_APPROVAL_REQUIRED: no recorded human approval'); END;

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
  risk REAL NOT NULL,
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
CREATE INDEX review_leases_open ON review_leases(item_id) WHERE ended_at IS NULL;
CREATE UNIQUE INDEX review_leases_one_open ON review_leases(item_id) WHERE ended_at IS NULL;

CREATE TABLE decisions (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
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
CREATE INDEX decisions_item ON decisions(item_id);
CREATE INDEX decisions_time ON decisions(decided_at);

CREATE TRIGGER decisions_human_role BEFORE INSERT ON decisions
WHEN NEW.user_id IS NOT NULL AND NOT EXISTS (
  SELECT 1 FROM users WHERE id = NEW.user_id AND disabled = 0 AND role IN ('moderator', 'senior', 'officer', 'admin'))
BEGIN SELECT RAISE(ABORT, 'ROLE_GUARD: this user may not decide'); END;

CREATE TRIGGER decisions_no_update BEFORE UPDATE ON decisions
BEGIN SELECT RAISE(ABORT, 'APPEND_ONLY: decisions are never changed'); END;

CREATE TABLE outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  topic TEXT NOT NULL,
  job_id TEXT NOT NULL,
  payload TEXT NOT NULL,
  delay_ms INTEGER NOT NULL DEFAULT 0,
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

CREATE TABLE webhook_attempts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  delivery_id TEXT NOT NULL REFERENCES webhook_deliveries(id),
  attempt INTEGER NOT NULL,
  attempted_at TEXT NOT NULL,
  status_code INTEGER,
  error TEXT,
  duration_ms INTEGER NOT NULL
);
CREATE INDEX webhook_attempts_delivery ON webhook_attempts(delivery_id);

CREATE TABLE audit (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
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

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'APPEND_ONLY: audit rows are never changed'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'APPEND_ONLY: audit rows are never deleted'); END;

CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`;
