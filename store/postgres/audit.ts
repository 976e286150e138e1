import { createHash } from 'node:crypto';
import type { AuditEntry } from '../rows';
import { auditFields } from '../store-rules';
import { LOCKS, rows, row, type Sql } from './db';

export type AuditInput = Omit<AuditEntry, 'seq' | 'at' | 'prevHash' | 'hash'> & { at?: string };

export const GENESIS = '0'.repeat(64);

export interface Anchor {
  seq: number;
  hash: string;
  at: string;
}

export type AuditVerification =
  { ok: true; count: number; lastSeq: number; anchor: Anchor | null } | { ok: false; count: number; brokenSeq: number; reason: string; anchor: Anchor | null };

/** Stored form: details as the exact JSON text that was hashed. */
type AuditRow = Omit<AuditEntry, 'details'> & { details: string };

const AUDIT_COLUMNS = `seq, at, actor_type AS "actorType", actor_id AS "actorId", actor_name AS "actorName", ip, action,
  target_type AS "targetType", target_id AS "targetId", details, prev_hash AS "prevHash", hash`;

/**
 * The same hash as the SQLite store's (store/sqlite/audit.ts): every column but the hash itself, seq included, so
 * edits, deletions and reorderings all break the chain, and a log moved between the stores verifies in either.
 */
export function entryHash(r: Omit<AuditRow, 'hash'>): string {
  const canonical = JSON.stringify([r.seq, r.at, r.actorType, r.actorId, r.actorName, r.ip, r.action, r.targetType, r.targetId, r.details, r.prevHash]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** Who did something, as the audit records it. */
export interface AuditActor {
  type: AuditEntry['actorType'];
  id: string | null;
  name: string | null;
  ip: string | null;
}

/** Moves the anchor (the trigger refuses to move it backwards). */
async function setAnchor(c: Sql, a: Anchor): Promise<void> {
  await c.query(
    `INSERT INTO audit_anchor (id, seq, hash, at) VALUES (1, $1, $2, $3)
     ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, at = excluded.at`,
    [a.seq, a.hash, a.at],
  );
}

const toEntry = (r: AuditRow): AuditEntry => ({ ...r, details: JSON.parse(r.details) as Record<string, unknown> });

/** The append-only, hash-chained audit log (invariant 4). */
export const audit = {
  /**
   * Call inside a transaction. The advisory lock gives every writer one order: the next appender waits here until
   * this transaction commits, then reads the hash just written. The anchor moves in the same transaction.
   */
  async append(q: Sql, input: AuditInput): Promise<AuditEntry> {
    await q.query('SELECT pg_advisory_xact_lock($1)', [LOCKS.audit]);
    const last = await row<{ seq: number; hash: string }>(q, 'SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1');
    const r: Omit<AuditRow, 'hash'> = {
      seq: (last?.seq ?? 0) + 1,
      at: input.at ?? new Date().toISOString(),
      actorType: input.actorType,
      actorId: input.actorId,
      actorName: input.actorName,
      ip: input.ip,
      action: input.action,
      targetType: input.targetType,
      targetId: input.targetId,
      details: JSON.stringify(input.details ?? {}),
      prevHash: last?.hash ?? GENESIS,
    };
    const full: AuditRow = { ...r, hash: entryHash(r) };
    await q.query(
      `INSERT INTO audit (seq, at, actor_type, actor_id, actor_name, ip, action, target_type, target_id, details, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
        full.seq,
        full.at,
        full.actorType,
        full.actorId,
        full.actorName,
        full.ip,
        full.action,
        full.targetType,
        full.targetId,
        full.details,
        full.prevHash,
        full.hash,
      ],
    );
    await setAnchor(q, { seq: full.seq, hash: full.hash, at: full.at });
    return toEntry(full);
  },

  async list(q: Sql, options: { limit: number; beforeSeq?: number; targetType?: string; targetId?: string }): Promise<AuditEntry[]> {
    return (
      await rows<AuditRow>(
        q,
        `SELECT ${AUDIT_COLUMNS} FROM audit WHERE ($1::bigint IS NULL OR seq < $1) AND ($2::text IS NULL OR target_type = $2)
         AND ($3::text IS NULL OR target_id = $3) ORDER BY seq DESC LIMIT $4`,
        [options.beforeSeq ?? null, options.targetType ?? null, options.targetId ?? null, options.limit],
      )
    ).map(toEntry);
  },

  /** Points the anchor at the chain's last entry, under the writers' lock (refused if that would move it backwards). */
  async reanchor(c: Sql): Promise<void> {
    await c.query('SELECT pg_advisory_xact_lock($1)', [LOCKS.audit]);
    const last = await row<Anchor>(c, 'SELECT seq, hash, at FROM audit ORDER BY seq DESC LIMIT 1');
    if (!last) return;
    await setAnchor(c, last);
  },

  async anchor(q: Sql): Promise<Anchor | null> {
    return row<Anchor>(q, 'SELECT seq, hash, at FROM audit_anchor WHERE id = 1');
  },

  /**
   * The full check behind `shenhe audit verify`: the hash chain (edits, deletions and reorderings in the middle), then
   * the anchor (deleted last entries, truncation, a chain rewritten with recomputed hashes). Reads in pages so a long
   * log does not sit in memory, inside one REPEATABLE READ snapshot so appends meanwhile do not confuse it.
   */
  async verify(q: Sql, chainOnly = false): Promise<AuditVerification> {
    const anchor = await audit.anchor(q);
    let prevHash = GENESIS;
    let expectedSeq = 1;
    let count = 0;
    const broken = (brokenSeq: number, reason: string): AuditVerification => ({ ok: false, count, brokenSeq, reason, anchor });
    for (;;) {
      const page = await rows<AuditRow>(q, `SELECT ${AUDIT_COLUMNS} FROM audit WHERE seq >= $1 ORDER BY seq LIMIT 5000`, [expectedSeq]);
      for (const r of page) {
        count++;
        if (r.seq !== expectedSeq) return broken(expectedSeq, `entry ${expectedSeq} is missing`);
        if (r.prevHash !== prevHash) return broken(r.seq, 'prev_hash does not match the previous entry');
        const { hash, ...rest } = r;
        if (entryHash(rest) !== hash) return broken(r.seq, 'contents do not match the entry hash');
        prevHash = hash;
        expectedSeq++;
      }
      if (page.length < 5000) break;
    }
    const lastSeq = expectedSeq - 1;
    if (chainOnly) return { ok: true, count, lastSeq, anchor };
    if (!anchor) {
      if (lastSeq === 0) return { ok: true, count: 0, lastSeq: 0, anchor: null };
      return broken(lastSeq, 'the audit anchor is missing, so the end of the log cannot be vouched for');
    }
    if (anchor.seq > lastSeq)
      return broken(lastSeq + 1, `entries ${lastSeq + 1}..${anchor.seq} are missing (the anchor records entry ${anchor.seq}): the log was truncated`);
    const atAnchor = await row<{ hash: string }>(q, 'SELECT hash FROM audit WHERE seq = $1', [anchor.seq]);
    if (!atAnchor || atAnchor.hash !== anchor.hash) {
      return broken(anchor.seq, `entry ${anchor.seq} does not match the anchor: the chain was rewritten at or before this entry`);
    }
    return { ok: true, count, lastSeq, anchor };
  },
};

/** Appends on `c` (inside the transaction of the change it records) on behalf of `actor`. */
export function appendAudit(
  c: Sql,
  actor: AuditActor,
  action: string,
  target: { type: string; id: string } | null,
  details: Record<string, unknown> = {},
): Promise<AuditEntry> {
  return audit.append(c, auditFields(actor, action, target, details));
}
