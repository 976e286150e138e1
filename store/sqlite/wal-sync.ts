import { open } from 'node:fs/promises';
import path from 'node:path';

/**
 * Makes what has been written to a WAL file durable, off the event loop (libuv's thread pool), so that the process
 * keeps parsing and validating the next requests while the disk flushes. Group commit: callers that ask while a
 * flush is running share the next one, so there is at most one flush running and one waiting at any time.
 *
 * Durability is the same as SQLite's own `synchronous=FULL` commit for what the caller waits on: fsync works on the
 * file, not on the descriptor, so a flush begun after a commit returned covers that commit's frames; and a WAL is
 * only ever restarted after a checkpoint has copied every frame into the database and synced it.
 */
export class WalSync {
  private running: Promise<void> | null = null;
  private waiting: Promise<void> | null = null;
  /** A new WAL file's directory entry must be durable too (SQLite syncs the directory on a WAL's first sync). */
  private dirSynced = false;

  constructor(private readonly walFile: string) {}

  /** Resolves once every frame written to the WAL before this call is on disk. */
  sync(): Promise<void> {
    if (!this.running) return this.start();
    // The running flush may have started before the caller's frames were written: it cannot vouch for them.
    this.waiting ??= this.running.then(
      () => this.startWaiting(),
      () => this.startWaiting(),
    );
    return this.waiting;
  }

  private startWaiting(): Promise<void> {
    this.waiting = null;
    return this.start();
  }

  private start(): Promise<void> {
    const run = this.flush();
    this.running = run;
    const clear = (): void => {
      if (this.running === run) this.running = null;
    };
    run.then(clear, clear);
    return run;
  }

  private async flush(): Promise<void> {
    try {
      await fsyncPath(this.walFile, 'r+', true);
    } catch (error) {
      // The last connection to close checkpoints every frame into the database, syncs it, then deletes the WAL.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    if (!this.dirSynced) {
      await fsyncPath(path.dirname(this.walFile), 'r', false);
      this.dirSynced = true;
    }
  }
}

async function fsyncPath(file: string, flags: string, dataOnly: boolean): Promise<void> {
  const handle = await open(file, flags);
  try {
    await (dataOnly ? handle.datasync() : handle.sync());
  } finally {
    await handle.close();
  }
}
