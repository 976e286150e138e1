import { closeSync, fdatasync, fsync, openSync } from 'node:fs';
import path from 'node:path';

/**
 * Makes what has been written to a WAL file durable, off the event loop (the fsync runs in libuv's thread pool), so
 * the process keeps parsing and validating the next requests while the disk flushes.
 *
 * As durable as SQLite's own `synchronous=FULL` commit for everything committed before `flush()` was called: fsync
 * works on the file, not on the descriptor, so a flush begun after a commit returned covers that commit's frames; and
 * SQLite only ever restarts a WAL after a checkpoint has copied every frame into the database file and synced it.
 */
export class WalSync {
  /** A new WAL file's directory entry must be durable too (SQLite syncs the directory on a WAL's first sync). */
  private dirSynced = false;

  constructor(private readonly walFile: string) {}

  /** Resolves once every frame written to the WAL before this call is on disk. */
  async flush(): Promise<void> {
    // Opened per flush (a cheap system call) so that no descriptor outlives the store.
    const ok = await syncFile(this.walFile, 'r+', fdatasync, true);
    if (ok && !this.dirSynced) {
      await syncFile(path.dirname(this.walFile), 'r', fsync, false);
      this.dirSynced = true;
    }
  }
}

/** False when the file is gone: the last connection to close checkpoints every frame into the database, syncs it, then deletes the WAL. */
function syncFile(file: string, flags: string, sync: typeof fsync, missingIsDone: boolean): Promise<boolean> {
  let fd: number;
  try {
    fd = openSync(file, flags);
  } catch (error) {
    if (missingIsDone && (error as NodeJS.ErrnoException).code === 'ENOENT') return Promise.resolve(false);
    return Promise.reject(error as Error);
  }
  return new Promise((resolve, reject) =>
    sync(fd, (error) => {
      closeSync(fd);
      if (error) reject(error);
      else resolve(true);
    }),
  );
}
