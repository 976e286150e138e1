import type { Db } from './db';
import { AuditTable } from './audit';
import { ANCHOR_FILE, lastEntry, readAnchor, type Anchor } from './audit-anchor';

export type AuditVerification =
  { ok: true; count: number; lastSeq: number; anchor: Anchor | null } | { ok: false; count: number; brokenSeq: number; reason: string; anchor: Anchor | null };

/**
 * The full check behind `shenhe audit verify`: the hash chain (edits, deletions and reorderings in the middle),
 * SQLite's AUTOINCREMENT high-water mark (deleted last rows), and the anchor outside the database (deleted last
 * rows, truncation, and a chain rewritten with recomputed hashes).
 */
export function verifyAuditTrail(db: Db, dataDir: string): AuditVerification {
  const raw = readAnchor(dataDir);
  const anchor = raw === 'unreadable' ? null : raw;
  const chain = new AuditTable(db).verify();
  if (!chain.ok) return { ...chain, anchor };
  const last = lastEntry(db);
  const lastSeq = last?.seq ?? 0;
  const broken = (brokenSeq: number, reason: string): AuditVerification => ({ ok: false, count: chain.count, brokenSeq, reason, anchor });

  const hw = db.prepare(`SELECT seq FROM sqlite_sequence WHERE name = 'audit'`).get() as { seq: number } | undefined;
  if (hw && hw.seq > lastSeq) return broken(lastSeq + 1, `entries ${lastSeq + 1}..${hw.seq} were deleted (the table once held entry ${hw.seq})`);

  if (raw === 'unreadable') return broken(lastSeq, `the anchor file ${ANCHOR_FILE} is unreadable`);
  if (!anchor) {
    if (lastSeq === 0) return { ok: true, count: 0, lastSeq: 0, anchor: null };
    return broken(lastSeq, `the anchor file ${ANCHOR_FILE} is missing, so the end of the log cannot be vouched for`);
  }
  if (anchor.seq > lastSeq)
    return broken(lastSeq + 1, `entries ${lastSeq + 1}..${anchor.seq} are missing (the anchor records entry ${anchor.seq}): the log was truncated`);
  const atAnchor = db.prepare('SELECT hash FROM audit WHERE seq = ?').get(anchor.seq) as { hash: string } | undefined;
  if (!atAnchor || atAnchor.hash !== anchor.hash) {
    return broken(anchor.seq, `entry ${anchor.seq} does not match the anchor: the chain was rewritten at or before this entry`);
  }
  return { ok: true, count: chain.count, lastSeq, anchor };
}
