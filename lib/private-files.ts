import { chmodSync, lstatSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Everything under the data dir is private to the account that runs shenhe: content, author data, officer
 * contacts, password hashes, keys. Files are 0600 and folders 0700 — by the process umask (which also covers
 * what SQLite, redis-server and the SQLite backup API create: WAL, SHM, AOF, logs) and by explicit modes where
 * we create files ourselves.
 */
export const FILE_MODE = 0o600;
export const DIR_MODE = 0o700;
const UMASK = 0o077;

/** Sets the process umask so nothing is created group- or world-readable (children such as redis-server inherit it). */
export function restrictUmask(): void {
  // process.umask() cannot be set from a worker thread; the main thread's umask applies to the whole process.
  try {
    process.umask(UMASK);
  } catch {
    /* worker thread */
  }
}

/** `mkdir -p` with mode 0700, and 0700 on the leaf even when it already existed. */
export function privateDir(dir: string): string {
  mkdirSync(dir, { recursive: true, mode: DIR_MODE });
  chmodSync(dir, DIR_MODE);
  return dir;
}

/**
 * Brings a data dir made by an older version (0755 folders, 0644 files) to 0700/0600. The whole tree is walked
 * only when the top folder was not already 0700, so a normal start costs one stat.
 */
export function tightenDataDir(dataDir: string): void {
  restrictUmask();
  mkdirSync(dataDir, { recursive: true, mode: DIR_MODE });
  if ((statSync(dataDir).mode & 0o777) === DIR_MODE) return;
  const walk = (p: string): void => {
    const st = lstatSync(p);
    if (st.isSymbolicLink() || st.uid !== process.getuid?.()) return; // not ours to change
    if (st.isDirectory()) {
      chmodSync(p, DIR_MODE);
      for (const name of readdirSync(p)) walk(path.join(p, name));
    } else if (st.isFile()) chmodSync(p, FILE_MODE);
  };
  walk(dataDir);
}

/** 0600 on these files where they exist (SQLite's WAL and SHM follow the database file's mode when created). */
export function privateFiles(...files: string[]): void {
  for (const f of files) {
    try {
      chmodSync(f, FILE_MODE);
    } catch {
      /* absent */
    }
  }
}
