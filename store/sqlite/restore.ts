import Database from 'better-sqlite3';
import {
  closeSync,
  chmodSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readdirSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import path from 'node:path';
import { imagesDir } from '../../lib/data-dir';
import type { Actor } from '../store';
import { flushAnchor, readAnchor, resetAnchor } from './audit-anchor';
import { AuditTable } from './audit';
import { storePath } from './db';
import { SqliteStore } from './sqlite-store';

export class RestoreRefused extends Error {}

/** Processes (other than this one) that have the store's files open, found through /proc on Linux. */
export function processesUsingStore(dataDir: string): number[] {
  const files = new Set([storePath(dataDir), `${storePath(dataDir)}-wal`, `${storePath(dataDir)}-shm`].map((f) => path.resolve(f)));
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return [];
  }
  const users: number[] = [];
  for (const pid of pids) {
    if (Number(pid) === process.pid) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        if (files.has(readlinkSync(`/proc/${pid}/fd/${fd}`))) {
          users.push(Number(pid));
          break;
        }
      } catch {
        /* the fd closed meanwhile */
      }
    }
  }
  return users;
}

/** Where /proc is missing: a writer holding the store shows up as a lock we cannot take. */
function lockedByWriter(dataDir: string): boolean {
  if (!existsSync(storePath(dataDir))) return false;
  const db = new Database(storePath(dataDir), { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 0');
    db.exec('BEGIN EXCLUSIVE; COMMIT');
    return false;
  } catch {
    return true;
  } finally {
    db.close();
  }
}

/** A backup worth restoring: a readable SQLite file, intact, with an audit log whose chain verifies. */
export function checkBackup(file: string): { auditSeq: number } {
  if (!existsSync(file) || !statSync(file).isFile()) throw new RestoreRefused(`${file}: no such backup file`);
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new RestoreRefused(`${file}: not a SQLite database (${(err as Error).message})`);
  }
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new RestoreRefused(`${file}: integrity check failed (${String(integrity)})`);
    if (!db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit'`).get()) throw new RestoreRefused(`${file}: not a shenhe store`);
    const chain = new AuditTable(db).verify();
    if (!chain.ok) throw new RestoreRefused(`${file}: its audit chain is broken at entry ${chain.brokenSeq} (${chain.reason})`);
    return { auditSeq: chain.count };
  } catch (err) {
    if (err instanceof RestoreRefused) throw err;
    throw new RestoreRefused(`${file}: not a shenhe store (${(err as Error).message})`);
  } finally {
    db.close();
  }
}

/** Puts back image files the restored state refers to that retention has since deleted (from the backup's hard links). */
function restoreImages(from: string, dataDir: string): number {
  const snap = `${from}.images`;
  if (!existsSync(snap)) return 0;
  let n = 0;
  for (const item of readdirSync(snap)) {
    mkdirSync(path.join(imagesDir(dataDir), item), { recursive: true, mode: 0o700 });
    for (const f of readdirSync(path.join(snap, item))) {
      const target = path.join(imagesDir(dataDir), item, f);
      if (existsSync(target)) continue;
      try {
        linkSync(path.join(snap, item, f), target);
      } catch {
        copyFileSync(path.join(snap, item, f), target);
      }
      n++;
    }
  }
  return n;
}

export interface RestoreResult {
  restored: string;
  from: string;
  preRestoreBackup: string | null;
  auditSeq: number;
  imagesRestored: number;
  previousAnchor: { seq: number; hash: string } | null;
}

/**
 * Replaces the store with a backup. Refuses while any other process has the store open. The current store is
 * first backed up (by `backupFirst`: `backups/pre-restore-*.db`), so a restore can itself be undone; then the file is swapped in
 * atomically, the audit anchor is reset to the restored log (the one legitimate way the log gets shorter) and the
 * restore is audited, naming the anchor it replaced.
 */
export async function restoreSqlite(
  dataDir: string,
  from: string,
  actor: Actor,
  backupFirst: (current: SqliteStore) => Promise<string>,
): Promise<RestoreResult> {
  const source = path.resolve(from);
  const users = processesUsingStore(dataDir);
  if (users.length) throw new RestoreRefused(`the store is in use by process(es) ${users.join(', ')}: stop shenhe (start, api, worker) first`);
  if (lockedByWriter(dataDir)) throw new RestoreRefused('the store is locked by another process: stop shenhe first');
  checkBackup(source);

  const live = storePath(dataDir);
  let preRestoreBackup: string | null = null;
  const rawAnchor = readAnchor(dataDir);
  const previousAnchor = rawAnchor && rawAnchor !== 'unreadable' ? { seq: rawAnchor.seq, hash: rawAnchor.hash } : null;
  if (existsSync(live)) {
    const current = new SqliteStore(dataDir);
    try {
      preRestoreBackup = await backupFirst(current);
    } finally {
      await current.close();
    }
  }

  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const tmp = `${live}.restoring-${process.pid}`;
  copyFileSync(source, tmp);
  chmodSync(tmp, 0o600);
  const fd = openSync(tmp, 'r+');
  fsyncSync(fd);
  closeSync(fd);
  // The old WAL belongs to the old file: replayed onto the restored one it would corrupt it.
  rmSync(`${live}-wal`, { force: true });
  rmSync(`${live}-shm`, { force: true });
  renameSync(tmp, live);
  const imagesRestored = restoreImages(source, dataDir);

  const store = new SqliteStore(dataDir); // runs any migrations newer than the backup
  try {
    resetAnchor(store.db, dataDir);
    const entry = await store.audit(actor, 'store.restore', null, { from: source, previousAnchor, preRestoreBackup, imagesRestored });
    flushAnchor(store.db);
    return { restored: live, from: source, preRestoreBackup, auditSeq: entry.seq, imagesRestored, previousAnchor };
  } finally {
    await store.close();
  }
}
