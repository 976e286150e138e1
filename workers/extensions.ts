import type { Config } from '../lib/config';
import type { Logger } from '../lib/logger';
import type { Redis } from '../lib/redis';
import type { Store } from '../store/store';
import { IncidentAlarms } from '../compliance/jobs/alarms';
import { scheduledBackup, scheduledRetention } from '../compliance/jobs/daily';
import type { HousekeepingTask } from './housekeeping';

export interface ExtensionContext {
  config: Config;
  store: Store;
  logger: Logger;
  /** Opens a Redis connection for the extension (closed by the runtime). */
  connect: (role: 'producer' | 'consumer' | 'command') => Redis;
}

export interface Extensions {
  /** Scheduled tasks added to the housekeeping queue: name → period and function. */
  tasks: Record<string, { everyMs: number; run: HousekeepingTask }>;
  /** Called on shutdown. */
  close: () => Promise<void>;
}

const HOUR = 3600_000;

/**
 * Background work of other areas started by processes that run housekeeping. Compliance (docs/compliance.md):
 * the daily retention purge and daily backup (hourly checks, each doing its work once per UTC day), officer
 * review reminders, and the incident alarm worker with the periodic re-creation of alarm jobs a wiped Redis lost.
 */
export async function startExtensions(ctx: ExtensionContext): Promise<Extensions> {
  const { config, store, logger } = ctx;
  const alarms = new IncidentAlarms({ config, store, logger, consumer: ctx.connect('consumer'), command: ctx.connect('command') }).start();
  await alarms.ensure().catch((err: unknown) => logger.warn({ err: String(err) }, 'incident alarms: could not re-create jobs at start'));
  return {
    tasks: {
      'retention-purge': { everyMs: HOUR, run: () => scheduledRetention(store, config.dataDir, config.retentionDays, logger) },
      'daily-backup': { everyMs: HOUR, run: () => scheduledBackup(store, config.dataDir, logger) },
      'incident-alarms': { everyMs: 60_000, run: () => alarms.ensure() },
      'officer-review': { everyMs: HOUR, run: async () => await store.remindStaleOfficers(config.officerReviewDays) },
    },
    close: () => alarms.close(),
  };
}
