// Mirrors the rule packs saved in the console (kept in the store, the one record every machine shares) into this
// process's first rules folder, where the file reloader (workers/rules-reloader.ts) picks them up. Without it a
// pack saved through one api process would only reach the processes that share that process's folder.
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import type { Logger } from '../lib/logger';
import { PACK_NAME, packFileIn, packHash, writePackFile } from '../rules/pack-files';
import type { RulePack, Store } from '../store/store';

export interface PackSyncOptions {
  store: Store;
  /** The first SHENHE_RULES_DIR folder: the one the console writes to and this process's reloader reads. */
  dir: string;
  /** How often the store is asked whether a pack was saved, in ms (default 2000; the reloader then needs up to 2000 more, within CONTRACT §7's 10 s). */
  intervalMs?: number;
  logger: Logger;
}

/** A file's hash, remembered with the stat it was read at, so an unchanged file is not read again. */
interface Seen {
  ino: number;
  mtimeMs: number;
  size: number;
  hash: string;
}

/**
 * Polls the store and writes every saved pack whose file in `dir` differs from it (write-then-rename, 0600). It only
 * ever writes the packs the store holds: other files in the folder are never touched, and nothing is deleted.
 *
 * The store wins over the folder: a hand edit of a console-saved pack's file is replaced (edit it in the console
 * instead). Such a file is replaced only when it still differs one pass later, because a file that moved away from a
 * store copy this process already had may just be this process's own console save, written after the store
 * committed it but before this pass read the store.
 */
export class PackSync {
  private readonly intervalMs: number;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<string[]> | null = null;
  private closed = false;
  private failures = 0;
  /** The store's revision the cached packs were read at (-1: not read yet). */
  private version = -1;
  private packs: RulePack[] = [];
  /** Each pack's store hash at the previous pass. */
  private readonly previous = new Map<string, string>();
  /** Packs whose file differed from an unchanged store copy at the previous pass. */
  private readonly drifted = new Set<string>();
  private readonly files = new Map<string, Seen>();

  constructor(private readonly options: PackSyncOptions) {
    this.intervalMs = options.intervalMs ?? 2000;
  }

  /** Polls every `intervalMs` from now on (the runtime awaits one `poll()` first, so a new process starts with the packs). */
  start(): this {
    const tick = (): void => {
      if (this.closed) return;
      void this.poll().finally(() => {
        if (this.closed) return;
        this.timer = setTimeout(tick, this.intervalMs);
        this.timer.unref();
      });
    };
    if (!this.timer && !this.closed) {
      this.timer = setTimeout(tick, this.intervalMs);
      this.timer.unref();
    }
    return this;
  }

  /** One pass; resolves to the names of the packs it wrote. A failure is logged (a store or disk outage), never thrown. */
  poll(): Promise<string[]> {
    this.running ??= this.pass()
      .then((written) => {
        this.failures = 0;
        return written;
      })
      .catch((err: unknown) => {
        this.failures++;
        if (this.failures === 1 || this.failures % 30 === 0) this.options.logger.warn({ err: String(err), dir: this.options.dir }, 'pack sync: will retry');
        return [];
      })
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private async pass(): Promise<string[]> {
    const { store, dir, logger } = this.options;
    const version = await store.rulePacksVersion();
    if (version !== this.version) {
      this.packs = await store.rulePacks();
      this.version = version;
    }
    const written: string[] = [];
    for (const pack of this.packs) {
      if (!PACK_NAME.test(pack.name)) {
        logger.warn({ pack: pack.name }, 'pack sync: a stored pack name is not a file name; skipped');
        continue;
      }
      const file = packFileIn(dir, pack.name);
      const onDisk = this.hashOf(file);
      const savedSince = this.previous.get(pack.name) !== pack.hash;
      this.previous.set(pack.name, pack.hash);
      if (onDisk === pack.hash) {
        this.drifted.delete(pack.name);
        continue;
      }
      if (!savedSince && onDisk !== null && !this.drifted.has(pack.name)) {
        this.drifted.add(pack.name);
        continue;
      }
      if (!savedSince) logger.warn({ pack: pack.name, file }, 'pack sync: the file differs from the pack saved in the console; replaced by the saved pack');
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      writePackFile(file, pack.yaml);
      this.drifted.delete(pack.name);
      written.push(pack.name);
      logger.info({ pack: pack.name, hash: pack.hash, file }, 'pack sync: wrote a pack saved in the console');
    }
    return written;
  }

  /** The file's SHA-256, or null when it does not exist. */
  private hashOf(file: string): string | null {
    let st;
    try {
      st = statSync(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    const seen = this.files.get(file);
    if (seen && seen.ino === st.ino && seen.mtimeMs === st.mtimeMs && seen.size === st.size) return seen.hash;
    const hash = packHash(readFileSync(file));
    this.files.set(file, { ino: st.ino, mtimeMs: st.mtimeMs, size: st.size, hash });
    return hash;
  }
}
