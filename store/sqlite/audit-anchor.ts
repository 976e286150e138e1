import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Db } from './db';

/**
 * The hash chain alone proves that no row in the middle changed, but not that rows at the END are still there:
 * deleting the last entries (or rewriting the chain from some row onwards and recomputing every hash after it)
 * leaves a chain that verifies. So the latest entry's seq and hash are mirrored OUTSIDE the database, in
 * `<dataDir>/audit-anchor.json`, after every commit that appended to the log. `audit verify` then requires the
 * database to still contain that entry with that hash. The anchor may lag the database (a crash between
 * commit and mirror) but is never ahead of it, so it never raises a false alarm; a restore resets it.
 */
export interface Anchor {
  seq: number;
  hash: string;
  at: string;
}

export const ANCHOR_FILE = 'audit-anchor.json';

export function anchorPath(dataDir: string): string {
  return path.join(dataDir, ANCHOR_FILE);
}

export function readAnchor(dataDir: string): Anchor | null | 'unreadable' {
  let text: string;
  try {
    text = readFileSync(anchorPath(dataDir), 'utf8');
  } catch {
    return null;
  }
  try {
    const a = JSON.parse(text) as Partial<Anchor>;
    if (typeof a.seq === 'number' && typeof a.hash === 'string' && /^[0-9a-f]{64}$/.test(a.hash)) return { seq: a.seq, hash: a.hash, at: String(a.at ?? '') };
  } catch {
    /* fall through */
  }
  return 'unreadable';
}

/** Write-then-rename, so a reader never sees half a file. */
export function writeAnchor(dataDir: string, anchor: Anchor): void {
  const file = anchorPath(dataDir);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(anchor)}\n`, { mode: 0o600 });
  renameSync(tmp, file);
}

export function lastEntry(db: Db): Anchor | null {
  const r = db.prepare('SELECT seq, hash, at FROM audit ORDER BY seq DESC LIMIT 1').get() as Anchor | undefined;
  return r ?? null;
}

function dataDirOf(db: Db): string | null {
  return db.memory || !db.name ? null : path.dirname(path.resolve(db.name));
}

const scheduled = new WeakSet<Db>();

/**
 * Called by `AuditTable.append` inside the transaction. The mirror runs in a microtask: better-sqlite3's
 * transactions are synchronous, so by then the transaction has committed (or rolled back), and what is
 * mirrored is the last COMMITTED entry, read back from the database. It only ever moves forward.
 */
export function scheduleAnchor(db: Db): void {
  if (scheduled.has(db)) return;
  scheduled.add(db);
  queueMicrotask(() => {
    scheduled.delete(db);
    flushAnchor(db);
  });
}

/** Mirrors the last committed entry now; code that closes the store right after a synchronous append calls this first. */
export function flushAnchor(db: Db): void {
  try {
    if (!db.open) return;
    if (db.inTransaction) {
      // A hand-opened transaction spans an await: look again later rather than spin in microtasks.
      setTimeout(() => scheduleAnchor(db), 10).unref();
      return;
    }
    const dir = dataDirOf(db);
    const last = lastEntry(db);
    if (!dir || !last) return;
    const current = readAnchor(dir);
    if (current && current !== 'unreadable' && current.seq >= last.seq) return;
    writeAnchor(dir, last);
  } catch {
    // The anchor is a second line of evidence; failing to mirror must never fail the action being audited.
  }
}

/** After a restore the database is legitimately older than the anchor: re-anchor on what it now holds. */
export function resetAnchor(db: Db, dataDir: string): Anchor | null {
  const last = lastEntry(db);
  if (last) writeAnchor(dataDir, last);
  return last;
}
