import type { Express } from 'express';
import { EXTRA_ROUTES } from '../api/routes';
import { createApp, ApiServer, type RouteModule } from '../api/server';
import type { ApiDeps } from '../api/deps';
import { createMetricsApp } from '../api/metrics-app';
import type { Config } from '../lib/config';
import { masterKey } from '../lib/data-dir';
import { redactUrl } from '../lib/redact';
import { createLogger, type Logger } from '../lib/logger';
import { Metrics } from '../lib/metrics';
import { connectRedis, type Redis } from '../lib/redis';
import { SecretBox } from '../lib/secrets';
import type { Filter } from '../rules/types';
import { ImageAnalyser } from '../media/image-analyser';
import { openStore } from '../store/open-store';
import type { Store } from '../store/store';
import { startExtensions } from '../workers/extensions';
import { Housekeeping } from '../workers/housekeeping';
import type { ImageStage } from '../workers/image-stage';
import { OutboxRelay } from '../workers/outbox-relay';
import { PrivateRedis, recordedRedisUrl } from '../workers/private-redis';
import { PublishWorker, type RetryPolicy } from '../workers/publish-worker';
import { Reconciler } from '../workers/reconciler';
import { ReviewQueue } from '../workers/review-queue';
import { RulesReloader } from '../workers/rules-reloader';
import { LearnedLabels } from '../workers/learned-labels';
import { ScreenWorker } from '../workers/screen-worker';
import { ScreenThread } from '../workers/screen-thread';

export type WorkerQueue = 'screen' | 'publish' | 'housekeeping';

export interface RuntimeOptions {
  config: Config;
  /** Serve HTTP (default true). */
  api?: boolean;
  /** Which workers to run (default none). */
  workers?: WorkerQueue[];
  /** Start a private redis-server when REDIS_URL is unset and none is recorded (only `start` does). */
  startPrivateRedis?: boolean;
  logger?: Logger;
  /** Test knobs. */
  retry?: Partial<RetryPolicy>;
  reconcileIntervalMs?: number;
  reconcileFullEveryMs?: number;
  imageStage?: ImageStage | null;
  routes?: RouteModule[];
  /** Without the API: serve /metrics, /healthz and /readyz on this port (`shenhe worker --metrics-port`; 0 = any free port). */
  metricsPort?: number;
}

/** Resolves the Redis to use: REDIS_URL, else the one `shenhe start` recorded in the data dir. */
export async function resolveRedisUrl(config: Config): Promise<string | null> {
  return config.redisUrl ?? (await recordedRedisUrl(config.dataDir));
}

/**
 * The composition root: builds the parts a process runs (HTTP server, workers, relay, reconciler) from one
 * validated config, and closes them in reverse order on shutdown.
 */
export class Runtime {
  readonly logger: Logger;
  store!: Store;
  /** This process's metrics: the API's and every worker's counters, served together on /metrics. */
  metrics!: Metrics;
  url: string | null = null;
  /** The express app, when this process serves HTTP (tests walk its routes against /openapi.json). */
  app: Express | null = null;
  private readonly closers: Array<() => Promise<void>> = [];
  private filter!: Filter;
  private closing: Promise<void> | null = null;

  constructor(private readonly options: RuntimeOptions) {
    this.logger = options.logger ?? createLogger(options.config.logLevel);
  }

  get config(): Config {
    return this.options.config;
  }

  private connection(url: string, role: 'producer' | 'consumer' | 'command'): Redis {
    const c = connectRedis(url, { role });
    this.closers.push(async () => {
      await c.quit().catch(() => c.disconnect());
    });
    return c;
  }

  async start(): Promise<this> {
    const { config } = this.options;
    let redisUrl = await resolveRedisUrl(config);
    if (!redisUrl) {
      if (!this.options.startPrivateRedis) {
        throw new Error(`No Redis: set REDIS_URL, or run \`shenhe start\` with SHENHE_DATA_DIR=${config.dataDir} first.`);
      }
      const priv = new PrivateRedis(config.dataDir);
      redisUrl = await priv.start();
      this.closers.push(() => priv.close());
      this.logger.info({ redis: redactUrl(redisUrl) }, 'started private redis-server');
    }

    this.store = await openStore(config);
    this.closers.push(() => this.store.close());
    this.metrics = new Metrics({ queueStats: () => this.store.queueStats(), reviewSlaSeconds: config.reviewSlaSeconds });
    const secrets = new SecretBox(masterKey(config.dataDir));
    this.filter = this.startRules();

    const prefix = config.queuePrefix;
    const producer = this.connection(redisUrl, 'producer');
    const consumer = this.connection(redisUrl, 'consumer');
    const relay = new OutboxRelay({ prefix, store: this.store, connection: producer, logger: this.logger }).start();
    this.closers.push(() => relay.close());

    const workers = this.options.workers ?? [];
    if (workers.includes('screen')) {
      let imageStage = this.options.imageStage;
      if (imageStage === undefined) {
        const threadLog = this.logger.child({ source: 'image-thread' });
        const analyser = new ImageAnalyser({
          threads: config.imageThreads,
          ocr: config.imageOcr,
          classifier: config.imageClassifier,
          onThreadOutput: (line) => threadLog.warn(line),
        });
        this.closers.push(() => analyser.close());
        imageStage = analyser;
      }
      // The filter runs in its own thread, so no item, however slow, holds the API's event loop.
      const thread = new ScreenThread({ dirs: config.rulesDirs });
      this.closers.push(() => thread.close());
      const w = new ScreenWorker({
        thread,
        prefix,
        store: this.store,
        connection: this.connection(redisUrl, 'consumer'),
        logger: this.logger,
        filter: () => this.filter,
        imageStage,
        onCommitted: () => relay.poke(),
        metrics: this.metrics,
        learned: config.learning ? new LearnedLabels({ store: this.store, logger: this.logger, refreshMs: config.learningRefreshMs }) : null,
      }).start();
      this.closers.push(() => w.close());
    }
    if (workers.includes('publish')) {
      const w = new PublishWorker({
        prefix,
        store: this.store,
        connection: this.connection(redisUrl, 'consumer'),
        secrets,
        logger: this.logger,
        allowPrivate: config.webhookAllowPrivate,
        retry: { baseMs: config.webhookRetryBaseMs, ...this.options.retry },
        metrics: this.metrics,
      }).start();
      this.closers.push(() => w.close());
    }

    const reviewQueue = new ReviewQueue({
      prefix,
      store: this.store,
      connection: consumer,
      logger: this.logger,
      leaseSeconds: config.reviewLeaseSeconds,
      metrics: this.metrics,
    });
    await reviewQueue.start();
    this.closers.push(() => reviewQueue.close());

    if (workers.includes('housekeeping')) {
      const ext = await startExtensions({ config, store: this.store, logger: this.logger, connect: (role) => this.connection(redisUrl as string, role) });
      this.closers.push(() => ext.close());
      const hk = new Housekeeping({
        prefix,
        store: this.store,
        connection: this.connection(redisUrl, 'consumer'),
        logger: this.logger,
        reviewQueue: reviewQueue.queue('review'),
        extraTasks: ext.tasks,
      }).start();
      this.closers.push(() => hk.close());
      const reconciler = new Reconciler({
        prefix,
        store: this.store,
        connection: this.connection(redisUrl, 'command'),
        logger: this.logger,
        intervalMs: this.options.reconcileIntervalMs,
        fullEveryMs: this.options.reconcileFullEveryMs,
        ensureSchedulers: () => hk.ensureSchedulers(),
      }).start();
      this.closers.push(() => reconciler.close());
    }

    const ready = async (): Promise<{ ok: boolean; checks: Record<string, boolean> }> => {
      const redisOk = await producer.ping().then(
        (r) => r === 'PONG',
        () => false,
      );
      const storeOk = await this.store.healthy().catch(() => false);
      return { ok: redisOk && storeOk, checks: { redis: redisOk, store: storeOk } };
    };
    if (this.options.api ?? true) {
      const deps: ApiDeps = {
        config,
        store: this.store,
        logger: this.logger,
        secrets,
        metrics: this.metrics,
        reviewQueue,
        filter: () => this.filter,
        pokeOutbox: () => relay.poke(),
        ready,
      };
      this.app = createApp(deps, this.options.routes ?? EXTRA_ROUTES);
      const server = new ApiServer(this.app);
      const { url } = await server.listen(config.port, config.host);
      this.url = url;
      this.closers.push(() => server.close());
    } else if (this.options.metricsPort !== undefined) {
      const server = new ApiServer(createMetricsApp({ metrics: this.metrics, token: config.metricsToken, logger: this.logger, ready }));
      const { url } = await server.listen(this.options.metricsPort, config.host);
      this.url = url;
      this.closers.push(() => server.close());
    }
    return this;
  }

  /**
   * Rule packs from SHENHE_RULES_DIR, reloaded within seconds of a change; a refused pack leaves the previous
   * rules in force. Changes are audited by the processes that run housekeeping (once per deployment, not per process).
   */
  private startRules(): Filter {
    const audits = (this.options.workers ?? []).includes('housekeeping');
    let started = false;
    const system = { type: 'system' as const, id: null, name: 'rules-reloader', ip: null };
    const reloader = new RulesReloader({
      dirs: this.options.config.rulesDirs,
      onReload: (filter, info) => {
        this.filter = filter;
        if (!started) return;
        this.logger.info({ rules: info.rules, changed: info.changed }, 'rules reloaded');
        if (audits)
          void this.store.audit(system, 'rules.reload', { type: 'rules', id: info.hash }, { rules: info.rules, changed: info.changed, packs: info.packs });
      },
      onError: (err, info) => {
        this.logger.error({ error: info.error, rules: info.rules }, 'rule pack refused; the previous rules stay in force');
        if (audits) void this.store.audit(system, 'rules.refused', { type: 'rules', id: info.contentHash }, { error: info.error, changed: info.changed });
      },
    }).start();
    started = true;
    this.closers.push(async () => reloader.close());
    return reloader.current();
  }

  /** Graceful: stop taking work (HTTP first), finish what is in flight, then close connections. Idempotent. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      for (const close of this.closers.reverse()) {
        await close().catch((err: unknown) => this.logger.warn({ err: String(err) }, 'shutdown: a part failed to close'));
      }
    })();
    return this.closing;
  }
}
