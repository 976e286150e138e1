// Keeps a filter built from the shipped packs plus operator folders (SHENHE_RULES_DIR) current
// without a restart. Polling rather than fs.watch: watch events are unreliable on network and
// container file systems and coalesce editor saves unpredictably; a stat of a few files every two
// seconds costs nothing. A changed signature (names, mtimes, sizes) triggers a read; the content
// hash decides whether anything really changed.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createFilterSync, type CompiledFilter } from '../rules/filter';
import { RulePackError } from '../rules/packs';
import type { Filter, PackInfo } from '../rules/types';

export interface ReloadInfo {
  /** engine.rules of the filter in force after this event. */
  rules: string;
  /** SHA-256 over every pack file's name and content, as seen on disk. */
  hash: string;
  /** Hash of the rejected content (onError) or of the new content (onReload). */
  contentHash: string;
  packs: PackInfo[];
  /** Files added, removed or modified since the filter in force was built (relative to their folder). */
  changed: string[];
  /** Why a change was refused (onError only): file, rule id and reason. */
  error?: { file: string; rule?: string; reason: string };
}

export interface RulesReloaderOptions {
  dirs: string[];
  intervalMs?: number;
  classifier?: boolean;
  onReload?: (filter: Filter, info: ReloadInfo) => void;
  onError?: (err: Error, info: ReloadInfo) => void;
}

interface Snapshot {
  signature: string;
  contentHash: string;
  files: Map<string, string>;
}

export class RulesReloader {
  private readonly dirs: string[];
  private readonly intervalMs: number;
  private readonly classifier: boolean;
  private readonly onReload?: RulesReloaderOptions['onReload'];
  private readonly onError?: RulesReloaderOptions['onError'];
  private filter: CompiledFilter | null = null;
  private timer: NodeJS.Timeout | null = null;
  private lastSignature = '';
  private goodHash = '';
  private badHash = '';
  private goodFiles = new Map<string, string>();

  constructor(options: RulesReloaderOptions) {
    this.dirs = options.dirs.filter((d) => d.length > 0);
    this.intervalMs = options.intervalMs ?? 2000;
    this.classifier = options.classifier ?? true;
    this.onReload = options.onReload;
    this.onError = options.onError;
  }

  /**
   * Builds the first filter and starts polling. If the operator packs are invalid at start, the
   * shipped packs alone are in force (onError says why) until the folder is fixed.
   */
  start(): this {
    if (this.timer) return this;
    this.poll(true);
    this.timer = setInterval(() => this.poll(false), this.intervalMs);
    this.timer.unref();
    return this;
  }

  current(): Filter {
    if (!this.filter) this.poll(true);
    if (!this.filter) this.filter = createFilterSync({ classifier: this.classifier });
    return this.filter;
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Checks the folders now (also called by the timer). Exposed for tests and admin actions. */
  poll(initial = false): void {
    let snap: Snapshot;
    try {
      snap = this.snapshot();
    } catch (e) {
      this.refuse(e as Error, { signature: '', contentHash: 'unreadable', files: new Map() }, initial);
      return;
    }
    if (!initial && snap.signature === this.lastSignature) return;
    this.lastSignature = snap.signature;
    if (snap.contentHash === this.goodHash || snap.contentHash === this.badHash) return;
    let next: CompiledFilter;
    try {
      next = createFilterSync({ rules: this.dirs, classifier: this.classifier });
    } catch (e) {
      this.refuse(e as Error, snap, initial);
      return;
    }
    const changed = diff(this.goodFiles, snap.files);
    this.filter = next;
    this.goodHash = snap.contentHash;
    this.badHash = '';
    this.goodFiles = snap.files;
    this.onReload?.(next, this.info(next, snap.contentHash, changed));
  }

  private refuse(err: Error, snap: Snapshot, initial: boolean): void {
    this.badHash = snap.contentHash;
    if (initial && !this.filter) {
      try {
        this.filter = createFilterSync({ classifier: this.classifier });
      } catch {
        // Shipped packs broken too: nothing sensible to run; current() will throw later.
      }
    }
    const info = this.info(this.filter, snap.contentHash, diff(this.goodFiles, snap.files));
    if (err instanceof RulePackError) info.error = { file: err.file, rule: err.rule, reason: err.reason };
    else info.error = { file: this.dirs.join(':'), reason: err.message };
    this.onError?.(err, info);
  }

  private info(filter: CompiledFilter | null, contentHash: string, changed: string[]): ReloadInfo {
    return {
      rules: filter?.info.rules ?? 'none',
      hash: filter?.info.hash ?? '',
      contentHash,
      packs: filter?.info.packs ?? [],
      changed,
    };
  }

  private snapshot(): Snapshot {
    const sig: string[] = [];
    const files = new Map<string, string>();
    const h = createHash('sha256');
    for (const dir of this.dirs) {
      const names = fs
        .readdirSync(dir)
        .filter((f) => /\.ya?ml$/i.test(f) && !f.startsWith('.'))
        .sort();
      for (const name of names) {
        const file = path.join(dir, name);
        const st = fs.statSync(file);
        sig.push(`${file}\0${st.mtimeMs}\0${st.size}`);
      }
      sig.push(`${dir}\0end`);
    }
    const signature = sig.join('\n');
    // Read contents only when the cheap signature moved (or the first time).
    if (signature === this.lastSignature) return { signature, contentHash: this.goodHash, files: this.goodFiles };
    for (const dir of this.dirs) {
      for (const name of fs
        .readdirSync(dir)
        .filter((f) => /\.ya?ml$/i.test(f) && !f.startsWith('.'))
        .sort()) {
        const file = path.join(dir, name);
        const content = fs.readFileSync(file);
        const fh = createHash('sha256').update(content).digest('hex');
        files.set(file, fh);
        h.update(`${file}\0${fh}\n`);
      }
    }
    return { signature, contentHash: h.digest('hex'), files };
  }
}

function diff(before: Map<string, string>, after: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [f, h] of after) if (before.get(f) !== h) out.push(f);
  for (const f of before.keys()) if (!after.has(f)) out.push(f);
  return out.sort();
}
