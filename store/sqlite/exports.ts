import type { Actor } from '../store';
import type { SqliteStore } from './sqlite-store';

export interface ExportFilters {
  from: string;
  to: string;
  tenantId: string | null;
  authorId: string | null;
  keyword: string | null;
}

export interface ExportRecord {
  id: string;
  createdAt: string;
  actor: { type: string; id: string | null; name: string | null };
  requester: string | null;
  reason: string | null;
  filters: ExportFilters;
  rows: number;
  bytes: number;
  sha256: string;
  file: string;
}

interface ExportRow {
  id: string;
  created_at: string;
  actor_type: string;
  actor_id: string | null;
  actor_name: string | null;
  requester: string | null;
  reason: string | null;
  filters: string;
  rows: number;
  bytes: number;
  sha256: string;
  file: string;
}

const toRecord = (r: ExportRow): ExportRecord => ({
  id: r.id,
  createdAt: r.created_at,
  actor: { type: r.actor_type, id: r.actor_id, name: r.actor_name },
  requester: r.requester,
  reason: r.reason,
  filters: JSON.parse(r.filters) as ExportFilters,
  rows: r.rows,
  bytes: r.bytes,
  sha256: r.sha256,
  file: r.file,
});

/** The register of lawful exports (clause 16): who, why, what, and the checksum of what left. */
export function insertExport(store: SqliteStore, rec: Omit<ExportRecord, 'actor'>, actor: Actor): void {
  store.db
    .prepare(
      `INSERT INTO exports (id, created_at, actor_type, actor_id, actor_name, requester, reason, filters, rows, bytes, sha256, file)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      rec.id,
      rec.createdAt,
      actor.type,
      actor.id,
      actor.name,
      rec.requester,
      rec.reason,
      JSON.stringify(rec.filters),
      rec.rows,
      rec.bytes,
      rec.sha256,
      rec.file,
    );
}

export function getExport(store: SqliteStore, id: string): ExportRecord | null {
  const r = store.db.prepare('SELECT * FROM exports WHERE id = ?').get(id) as ExportRow | undefined;
  return r ? toRecord(r) : null;
}

export function listExports(store: SqliteStore, limit = 100): ExportRecord[] {
  return (store.db.prepare('SELECT * FROM exports ORDER BY created_at DESC LIMIT ?').all(limit) as ExportRow[]).map(toRecord);
}
