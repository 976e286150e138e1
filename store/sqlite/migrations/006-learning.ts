/**
 * Learning from moderators (CONTRACT §11). Each staff decision (approve; reject with categories) adds one
 * training example in the decision's own transaction; every screen worker replays a tenant's examples into its
 * in-memory learned state and reads new ones at least every 30 s. No text is kept: a SimHash fingerprint and the
 * hashed n-gram buckets. A tenant keeps its most recent 20,000 examples (older ones are deleted as new ones come).
 * A reset deletes a tenant's examples and bumps its generation, which tells workers to drop what they learned.
 */
export const sql = `
CREATE TABLE learning_examples (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  item_id TEXT NOT NULL,
  decision_id TEXT NOT NULL UNIQUE,
  -- JSON array of category ids; [] for an approval
  rejected_as TEXT NOT NULL,
  fingerprint TEXT CHECK (fingerprint IS NULL OR length(fingerprint) = 16),
  features BLOB NOT NULL,
  feature_version INTEGER NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX learning_examples_tenant ON learning_examples(tenant_id, id);

CREATE TABLE learning_generations (
  tenant_id TEXT PRIMARY KEY REFERENCES tenants(id),
  generation INTEGER NOT NULL,
  reset_at TEXT NOT NULL
);
`;
