import { dailyBackup } from '../backup';
import type { Logger } from '../../lib/logger';
import { systemActor, type Store } from '../../store/store';

/**
 * Runs `fn` at most once per UTC day, across every process sharing the store: the day is claimed in the store
 * in one transaction, so an hourly schedule gives a daily run that survives restarts and lost schedulers.
 */
export async function oncePerDay(store: Store, key: string, fn: () => Promise<unknown>, now = new Date()): Promise<boolean> {
  const day = now.toISOString().slice(0, 10);
  const claimed = await store.claimDailyRun(key, day);
  if (!claimed) return false;
  try {
    await fn();
  } catch (err) {
    // Give the day back so the next hourly run tries again.
    await store.releaseDailyRun(key, day);
    throw err;
  }
  return true;
}

/** The scheduled retention purge (invariant 5): same rules as `shenhe retention run`. */
export async function scheduledRetention(store: Store, dataDir: string, retentionDays: number, logger: Logger): Promise<void> {
  await oncePerDay(store, 'retention:last-day', async () => {
    const plan = await store.planRetention(retentionDays, new Date());
    const actor = systemActor('retention');
    const purged = await store.purgeItems(plan, actor);
    await store.audit(actor, 'retention.run', null, { asOf: plan.asOf, cutoff: plan.cutoff, purged: purged.length, held: plan.held.length });
    logger.info({ purged: purged.length, held: plan.held.length, cutoff: plan.cutoff }, 'retention purge');
  });
}

export async function scheduledBackup(store: Store, dataDir: string, logger: Logger): Promise<void> {
  const { created, removed } = await dailyBackup(store, dataDir);
  if (created || removed.length) logger.info({ backup: created?.path ?? null, rotated: removed.length }, 'daily backup');
}
