import { dailyBackup } from '../backup';
import { ImageFiles } from '../../lib/image-files';
import type { Logger } from '../../lib/logger';
import { systemActor } from '../../store/sqlite/audit-helpers';
import { planRetention, purgeItems } from '../../store/sqlite/retention';
import type { SqliteStore } from '../../store/store';

/**
 * Runs `fn` at most once per UTC day, across every process sharing the store: the day is claimed in `meta`
 * inside a write transaction, so an hourly schedule gives a daily run that survives restarts and lost schedulers.
 */
export async function oncePerDay(store: SqliteStore, key: string, fn: () => Promise<unknown>, now = new Date()): Promise<boolean> {
  const day = now.toISOString().slice(0, 10);
  const claimed = store.tx(() => {
    const r = store.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    if (r?.value === day) return false;
    store.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, day);
    return true;
  });
  if (!claimed) return false;
  try {
    await fn();
  } catch (err) {
    // Give the day back so the next hourly run tries again.
    store.db.prepare('DELETE FROM meta WHERE key = ? AND value = ?').run(key, day);
    throw err;
  }
  return true;
}

/** The scheduled retention purge (invariant 5): same rules as `shenhe retention run`. */
export async function scheduledRetention(store: SqliteStore, dataDir: string, retentionDays: number, logger: Logger): Promise<void> {
  await oncePerDay(store, 'retention:last-day', async () => {
    const plan = planRetention(store, retentionDays, new Date());
    const images = new ImageFiles(dataDir);
    const actor = systemActor('retention');
    const purged = purgeItems(store, plan, actor, (id) => images.removeItem(id));
    await store.audit(actor, 'retention.run', null, { asOf: plan.asOf, cutoff: plan.cutoff, purged: purged.length, held: plan.held.length });
    logger.info({ purged: purged.length, held: plan.held.length, cutoff: plan.cutoff }, 'retention purge');
  });
}

export async function scheduledBackup(store: SqliteStore, dataDir: string, logger: Logger): Promise<void> {
  const { created, removed } = await dailyBackup(store, dataDir);
  if (created || removed.length) logger.info({ backup: created?.path ?? null, rotated: removed.length }, 'daily backup');
}
