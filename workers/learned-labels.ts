import type { Logger } from '../lib/logger';
import { applyLearned, TenantLearning, type TenantLearningOptions } from '../rules/learning';
import type { Filter, ScreenInput, Verdict } from '../rules/types';
import type { Store } from '../store/store';

export interface LearnedLabelsOptions {
  store: Store;
  logger: Logger;
  /** How often a tenant's state reads new decisions from the store, in ms (default 30,000; SHENHE_LEARNING_REFRESH_MS). */
  refreshMs?: number;
  learning?: TenantLearningOptions;
}

interface Loaded {
  state: TenantLearning;
  seq: number;
  generation: number;
  refreshedAt: number;
  refreshing: Promise<void> | null;
}

/**
 * A screen worker's view of what each tenant's moderators taught (CONTRACT §11). A tenant's state is built on
 * its first item by replaying its stored examples, then topped up with new ones whenever it is older than
 * `refreshMs`, so a decision takes effect in every worker process within that interval, with no command, and a
 * restarted worker starts from the same examples. Memory: under 2 MiB per tenant that has decisions
 * (rules/learning/tenant-learning.ts); a tenant without decisions costs a few hundred bytes and no screening time.
 */
export class LearnedLabels {
  private readonly tenants = new Map<string, Loaded>();
  private readonly refreshMs: number;

  constructor(private readonly options: LearnedLabelsOptions) {
    this.refreshMs = options.refreshMs ?? 30_000;
  }

  /** The verdict with this tenant's learned labels added (never a block by them alone). */
  async apply(tenantId: string, input: ScreenInput, verdict: Verdict, filter: Filter): Promise<Verdict> {
    const loaded = await this.current(tenantId);
    if (loaded.seq === 0) return verdict;
    const opinion = loaded.state.opinion(input);
    return applyLearned(verdict, opinion, (v, extra) => filter.addLabels(v, extra));
  }

  private async current(tenantId: string): Promise<Loaded> {
    let loaded = this.tenants.get(tenantId);
    if (!loaded) {
      loaded = { state: this.fresh(), seq: 0, generation: 0, refreshedAt: 0, refreshing: null };
      this.tenants.set(tenantId, loaded);
    }
    if (Date.now() - loaded.refreshedAt >= this.refreshMs) {
      loaded.refreshing ??= this.refresh(tenantId, loaded).finally(() => {
        (loaded as Loaded).refreshing = null;
      });
      await loaded.refreshing;
    }
    return loaded;
  }

  private async refresh(tenantId: string, loaded: Loaded): Promise<void> {
    const { store, logger } = this.options;
    try {
      const generation = await store.learningGeneration(tenantId);
      if (generation !== loaded.generation) {
        loaded.state = this.fresh();
        loaded.seq = 0;
        loaded.generation = generation;
      }
      for (;;) {
        const batch = await store.learningExamples(tenantId, loaded.seq, 5000);
        for (const e of batch) loaded.state.learn(e);
        if (batch.length) loaded.seq = batch[batch.length - 1].seq;
        if (batch.length < 5000) break;
      }
      loaded.refreshedAt = Date.now();
    } catch (err) {
      // Screening goes on with what was learned before; the next item tries again.
      logger.warn({ err: String(err), tenantId }, 'learning: refresh failed');
    }
  }

  private fresh(): TenantLearning {
    return new TenantLearning(this.options.learning);
  }
}
