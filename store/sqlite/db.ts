import Database from 'better-sqlite3';
import { privateFiles, tightenDataDir } from '../../lib/private-files';
import path from 'node:path';
import { MIGRATIONS } from './migrations';

export type Db = Database.Database;

export interface OpenOptions {
  /** `synchronous` pragma: FULL makes each commit durable before we answer (default FULL). */
  synchronous?: 'FULL' | 'NORMAL';
  readonly?: boolean;
}

/** The store's file inside the data dir. */
export function storePath(dataDir: string): string {
  return path.join(dataDir, 'shenhe.db');
}

/**
 * Opens (creating if needed) the SQLite store in WAL mode and runs pending migrations.
 * Several processes may open the same file: WAL lets readers run beside the one writer, and
 * busy_timeout makes writers wait for each other instead of failing.
 */
export function openDb(dataDir: string, options: OpenOptions = {}): Db {
  tightenDataDir(dataDir);
  const db = new Database(storePath(dataDir), { readonly: options.readonly ?? false });
  db.pragma('busy_timeout = 10000');
  if (!options.readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
    db.pragma('foreign_keys = ON');
    migrate(db);
    const file = storePath(dataDir);
    privateFiles(file, `${file}-wal`, `${file}-shm`);
  }
  return db;
}

function migrate(db: Db): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
  const run = db.transaction(() => {
    const done = new Set((db.prepare('SELECT version FROM schema_migrations').all() as Array<{ version: number }>).map((r) => r.version));
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(m.version, new Date().toISOString());
    }
  });
  run.immediate();
}
