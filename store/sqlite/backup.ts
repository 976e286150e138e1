import Database from 'better-sqlite3';
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { imagesDir } from '../../lib/data-dir';
import type { BackupInfo } from '../store';
import { lastEntry } from './audit-anchor';
import type { Db } from './db';

/**
 * Image files are written once and never changed, so a hard link per file is a cheap, complete snapshot (a copy
 * when the backup is on another file system). Retention may later delete the live files; the links keep them.
 */
function snapshotImages(dataDir: string, target: string): number {
  const src = imagesDir(dataDir);
  if (!existsSync(src)) return 0;
  let files = 0;
  for (const item of readdirSync(src)) {
    const from = path.join(src, item);
    if (!statSync(from).isDirectory()) continue;
    mkdirSync(path.join(target, item), { recursive: true, mode: 0o700 });
    for (const f of readdirSync(from)) {
      const a = path.join(from, f);
      const b = path.join(target, item, f);
      try {
        linkSync(a, b);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EEXIST') continue;
        copyFileSync(a, b);
      }
      files++;
    }
  }
  return files;
}

/**
 * A consistent online backup through SQLite's backup API (readers and writers carry on) into `file`, made a
 * self-contained single file (no -wal/-shm beside it), plus the image files under `imagesTo`.
 */
export async function backupSqlite(db: Db, dataDir: string, file: string, options: { imagesTo: string | null }): Promise<BackupInfo> {
  try {
    await db.backup(file);
  } catch (err) {
    rmSync(file, { force: true });
    throw err;
  }
  let auditSeq = 0;
  const copy = new Database(file, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
    auditSeq = lastEntry(copy)?.seq ?? 0;
  } finally {
    copy.close();
  }
  const images = options.imagesTo ? { path: options.imagesTo, files: snapshotImages(dataDir, options.imagesTo) } : null;
  return { auditSeq, images };
}
