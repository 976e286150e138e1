import { createHash } from 'node:crypto';
import { chmodSync, createReadStream, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Actor, BackupInfo, Store } from '../store/store';

export interface BackupResult {
  path: string;
  bytes: number;
  /** Same as `bytes`. */
  size: number;
  sha256: string;
  createdAt: string;
  /** The last audit entry inside the backup. */
  auditSeq: number;
  /** Hard-linked copy of the image files next to the backup (null when skipped). */
  images: { path: string; files: number } | null;
}

export const backupsDir = (dataDir: string): string => path.join(dataDir, 'backups');
/** Daily scheduled backups keep this many days, so the state of any day in the last 60 can be restored. */
export const DAILY_KEEP_DAYS = 62;

export function sha256File(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(file)
      .on('data', (c) => h.update(c))
      .on('end', () => resolve(h.digest('hex')))
      .on('error', reject);
  });
}

export const stamp = (d: Date): string =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');

/**
 * A consistent online backup (SQLite's backup API: readers and writers carry on), written under a temporary name
 * and renamed when complete, plus `FILE.json` describing it and `FILE.images/` with the image files.
 */
export async function backupStore(
  store: Store,
  dataDir: string,
  options: { out?: string; actor: Actor; images?: boolean; kind?: string },
): Promise<BackupResult> {
  const createdAt = new Date();
  const out = path.resolve(options.out ?? path.join(backupsDir(dataDir), `shenhe-${stamp(createdAt)}.${store.kind === 'postgres' ? 'jsonl.gz' : 'db'}`));
  if (existsSync(out)) throw new Error(`${out} already exists`);
  mkdirSync(path.dirname(out), { recursive: true, mode: 0o700 });
  const tmp = `${out}.partial-${process.pid}`;
  let info: BackupInfo;
  try {
    info = await store.backupTo(tmp, { imagesTo: (options.images ?? true) ? `${out}.images` : null });
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
  chmodSync(tmp, 0o600);
  renameSync(tmp, out);
  const sha256 = await sha256File(out);
  const bytes = statSync(out).size;
  const { auditSeq, images } = info;
  const result: BackupResult = { path: out, bytes, size: bytes, sha256, createdAt: createdAt.toISOString(), auditSeq, images };
  writeFileSync(`${out}.json`, `${JSON.stringify({ ...result, kind: options.kind ?? 'manual' }, null, 2)}\n`, { mode: 0o600 });
  await store.audit(options.actor, 'store.backup', null, { path: out, bytes, sha256, auditSeq, kind: options.kind ?? 'manual' });
  return result;
}

const DAILY = /^daily-(\d{4}-\d{2}-\d{2})\.db$/;

/**
 * The scheduled backup: one file per UTC day (`daily-YYYY-MM-DD.db`; a second run that day does nothing, so several
 * housekeeping processes and restarts are harmless), then rotation of daily backups older than DAILY_KEEP_DAYS.
 * Manual backups are never rotated.
 */
export async function dailyBackup(store: Store, dataDir: string, now = new Date()): Promise<{ created: BackupResult | null; removed: string[] }> {
  const dir = backupsDir(dataDir);
  const day = now.toISOString().slice(0, 10);
  const file = path.join(dir, `daily-${day}.db`);
  let created: BackupResult | null = null;
  if (!existsSync(file))
    created = await backupStore(store, dataDir, { out: file, actor: { type: 'system', id: null, name: 'daily-backup', ip: null }, kind: 'daily' });
  const oldest = new Date(now.getTime() - DAILY_KEEP_DAYS * 86_400_000).toISOString().slice(0, 10);
  const removed: string[] = [];
  for (const name of existsSync(dir) ? readdirSync(dir) : []) {
    const m = DAILY.exec(name);
    if (!m || m[1] >= oldest) continue;
    const base = path.join(dir, name);
    for (const p of [base, `${base}.json`, `${base}.images`]) rmSync(p, { recursive: true, force: true });
    removed.push(base);
  }
  if (removed.length)
    await store.audit({ type: 'system', id: null, name: 'daily-backup', ip: null }, 'store.backup_rotate', null, { removed, keepDays: DAILY_KEEP_DAYS });
  return { created, removed };
}
