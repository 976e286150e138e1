import type { SqliteStore } from './sqlite-store';

/**
 * Benchmark fixtures loaded in bulk, straight into the tables: `bench/backtest.ts` needs 50,000 stored items with
 * decisions in seconds, which the domain path (ingest, screen, lease, decide) would take minutes to build.
 * Never used by the service.
 */
export function seedBacktestFixture(store: SqliteStore, items: number, rand: () => number, itemText: (rand: () => number) => string): void {
  const db = store.db;
  const now = new Date().toISOString();
  db.prepare(
    `INSERT INTO tenants (id, name, api_key_hash, api_key_hint, webhook_secret_enc, created_at, updated_at) VALUES ('tn_b', 'b', 'h', 'x', 'x', ?, ?)`,
  ).run(now, now);
  db.prepare(`INSERT INTO users (id, username, role, password_hash, created_at) VALUES ('us_b', 'mod', 'moderator', 'x', ?)`).run(now);
  const insertItem = db.prepare(
    `INSERT INTO items (id, tenant_id, external_id, body_hash, text, status, created_at, updated_at) VALUES (?, 'tn_b', ?, 'h', ?, 'screening', ?, ?)`,
  );
  const insertDecision = db.prepare(`INSERT INTO decisions (id, item_id, user_id, action, decided_at) VALUES (?, ?, 'us_b', ?, ?)`);
  db.transaction(() => {
    for (let i = 0; i < items; i++) {
      const id = `it_${String(i).padStart(6, '0')}`;
      const at = new Date(Date.now() - (items - i) * 1000).toISOString();
      insertItem.run(id, id, itemText(rand), at, at);
      if (i % 3 === 0) insertDecision.run(`dc_${i}`, id, rand() < 0.8 ? 'approve' : 'reject', at);
    }
  })();
}
