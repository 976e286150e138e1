import { createHash } from 'node:crypto';
import type { Db } from './db';
import { scheduleAnchor } from './audit-anchor';
import type { AuditEntry } from '../rows';

export type AuditInput = Omit<AuditEntry, 'seq' | 'at' | 'prevHash' | 'hash'> & { at?: string };

const GENESIS = '0'.repeat(64);

interface AuditRow {
  seq: number;
  at: string;
  actor_type: AuditEntry['actorType'];
  actor_id: string | null;
  actor_name: string | null;
  ip: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}

/** The hash covers every column but the hash itself, including the sequence number, so edits, deletions and reorderings all break the chain. */
function entryHash(row: Omit<AuditRow, 'hash'>): string {
  const canonical = JSON.stringify([
    row.seq,
    row.at,
    row.actor_type,
    row.actor_id,
    row.actor_name,
    row.ip,
    row.action,
    row.target_type,
    row.target_id,
    row.details,
    row.prev_hash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

function toEntry(r: AuditRow): AuditEntry {
  return {
    seq: r.seq,
    at: r.at,
    actorType: r.actor_type,
    actorId: r.actor_id,
    actorName: r.actor_name,
    ip: r.ip,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    details: JSON.parse(r.details) as Record<string, unknown>,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/** The append-only, hash-chained audit log (invariant 4). Call `append` inside a write transaction. */
export class AuditTable {
  private readonly last;
  private readonly insert;

  constructor(private readonly db: Db) {
    this.last = db.prepare('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1');
    this.insert = db.prepare(`INSERT INTO audit (seq, at, actor_type, actor_id, actor_name, ip, action, target_type, target_id, details, prev_hash, hash)
      VALUES (@seq, @at, @actor_type, @actor_id, @actor_name, @ip, @action, @target_type, @target_id, @details, @prev_hash, @hash)`);
  }

  append(input: AuditInput): AuditEntry {
    const last = this.last.get() as { seq: number; hash: string } | undefined;
    const row: Omit<AuditRow, 'hash'> = {
      seq: (last?.seq ?? 0) + 1,
      at: input.at ?? new Date().toISOString(),
      actor_type: input.actorType,
      actor_id: input.actorId,
      actor_name: input.actorName,
      ip: input.ip,
      action: input.action,
      target_type: input.targetType,
      target_id: input.targetId,
      details: JSON.stringify(input.details ?? {}),
      prev_hash: last?.hash ?? GENESIS,
    };
    const full: AuditRow = { ...row, hash: entryHash(row) };
    this.insert.run(full);
    scheduleAnchor(this.db);
    return toEntry(full);
  }

  list(options: { limit: number; beforeSeq?: number; targetType?: string; targetId?: string }): AuditEntry[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM audit WHERE (@before IS NULL OR seq < @before)
        AND (@tt IS NULL OR target_type = @tt) AND (@tid IS NULL OR target_id = @tid) ORDER BY seq DESC LIMIT @limit`,
      )
      .all({ before: options.beforeSeq ?? null, tt: options.targetType ?? null, tid: options.targetId ?? null, limit: options.limit }) as AuditRow[];
    return rows.map(toEntry);
  }

  /** Recomputes the chain. Returns the first broken entry's sequence number, or null when intact. */
  verify(): { ok: true; count: number } | { ok: false; count: number; brokenSeq: number; reason: string } {
    let prevHash = GENESIS;
    let expectedSeq = 1;
    let count = 0;
    for (const r of this.db.prepare('SELECT * FROM audit ORDER BY seq').iterate() as IterableIterator<AuditRow>) {
      count++;
      if (r.seq !== expectedSeq) return { ok: false, count, brokenSeq: expectedSeq, reason: `entry ${expectedSeq} is missing` };
      if (r.prev_hash !== prevHash) return { ok: false, count, brokenSeq: r.seq, reason: 'prev_hash does not match the previous entry' };
      const { hash, ...rest } = r;
      if (entryHash(rest) !== hash) return { ok: false, count, brokenSeq: r.seq, reason: 'contents do not match the entry hash' };
      prevHash = hash;
      expectedSeq++;
    }
    return { ok: true, count };
  }
}
