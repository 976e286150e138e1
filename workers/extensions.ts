import type { Config } from '../lib/config';
import type { Logger } from '../lib/logger';
import type { Redis } from '../lib/redis';
import type { Store } from '../store/Store';
import type { HousekeepingTask } from './Housekeeping';

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

/**
 * Background work of other areas (compliance: retention, backups, incident alarms) started by processes that run
 * housekeeping. Each area adds its own start-up here.
 */
export async function startExtensions(_ctx: ExtensionContext): Promise<Extensions> {
  return { tasks: {}, close: async () => undefined };
}
