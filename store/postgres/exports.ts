import type { ExportFilters, ExportRecord } from '../sqlite/exports';
import type { AuditActor } from './audit';
import { rows, row, type Sql } from './db';

const EXPORT_COLUMNS = `id, created_at AS "createdAt", actor_type AS "actorType", actor_id AS "actorId", actor_name AS "actorName", requester, reason,
  filters, rows, bytes, sha256, file`;

type ExportRow = Omit<ExportRecord, 'actor' | 'filters'> & { actorType: string; actorId: string | null; actorName: string | null; filters: string };

const toRecord = ({ actorType, actorId, actorName, filters, ...r }: ExportRow): ExportRecord => ({
  ...r,
  actor: { type: actorType, id: actorId, name: actorName },
  filters: JSON.parse(filters) as ExportFilters,
});

/** The register of lawful exports (clause 16): who, why, what, and the checksum of what left. */
export const exportsRegister = {
  async insert(c: Sql, rec: Omit<ExportRecord, 'actor'>, actor: AuditActor): Promise<void> {
    await c.query(
      `INSERT INTO exports (id, created_at, actor_type, actor_id, actor_name, requester, reason, filters, rows, bytes, sha256, file)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
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
      ],
    );
  },

  async get(c: Sql, id: string): Promise<ExportRecord | null> {
    const r = await row<ExportRow>(c, `SELECT ${EXPORT_COLUMNS} FROM exports WHERE id = $1`, [id]);
    return r ? toRecord(r) : null;
  },

  async list(c: Sql, limit = 100): Promise<ExportRecord[]> {
    return (await rows<ExportRow>(c, `SELECT ${EXPORT_COLUMNS} FROM exports ORDER BY created_at DESC LIMIT $1`, [limit])).map(toRecord);
  },
};
