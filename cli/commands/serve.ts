import type { Command } from 'commander';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../lib/config';
import { AppError } from '../../lib/errors';
import { createUser } from '../../domain/users';
import { Runtime, type WorkerQueue } from '../runtime';
import { usage } from '../output';

const ALL_QUEUES: WorkerQueue[] = ['screen', 'publish', 'housekeeping'];

/** On first start with an empty store, the `admin` user (password from SHENHE_ADMIN_PASSWORD, else printed once). */
async function ensureAdmin(runtime: Runtime, password: string | null): Promise<void> {
  if ((await runtime.store.countUsers()) > 0) return;
  const chosen = password ?? randomBytes(12).toString('base64url');
  try {
    await createUser(runtime.store, { username: 'admin', role: 'admin', password: chosen }, { type: 'system', id: null, name: 'first-start', ip: null });
  } catch (err) {
    // Another process starting on the same data dir created it first.
    if (err instanceof AppError && err.code === 'USERNAME_TAKEN') return;
    throw err;
  }
  if (!password) process.stdout.write(`admin password (shown once): ${chosen}\n`);
}

/** Runs until SIGTERM/SIGINT, then shuts down gracefully; a second signal exits at once. */
function runUntilSignal(runtime: Runtime): Promise<void> {
  return new Promise((resolve) => {
    let stopping = false;
    const stop = (signal: string): void => {
      if (stopping) process.exit(1);
      stopping = true;
      runtime.logger.info({ signal }, 'shutting down');
      void runtime.close().then(resolve);
    };
    process.on('SIGTERM', () => stop('SIGTERM'));
    process.on('SIGINT', () => stop('SIGINT'));
  });
}

async function serve(options: { api: boolean; workers: WorkerQueue[]; privateRedis: boolean; first: boolean; metricsPort?: number }): Promise<void> {
  const config = loadConfig();
  const runtime = new Runtime({
    config,
    api: options.api,
    workers: options.workers,
    startPrivateRedis: options.privateRedis,
    metricsPort: options.metricsPort,
  });
  try {
    await runtime.start();
    if (options.first) await ensureAdmin(runtime, config.adminPassword);
  } catch (err) {
    await runtime.close();
    throw err;
  }
  if (runtime.url && !options.api) {
    process.stdout.write(`shenhe worker listening on ${runtime.url} (/metrics, /healthz, /readyz)\n`);
    runtime.logger.info({ url: runtime.url, workers: options.workers }, 'shenhe workers started');
  } else if (runtime.url) {
    process.stdout.write(`shenhe listening on ${runtime.url}\n`);
    runtime.logger.info({ url: runtime.url, workers: options.workers }, 'shenhe started');
  } else runtime.logger.info({ workers: options.workers }, 'shenhe workers started');
  await runUntilSignal(runtime);
}

export function registerServe(program: Command): void {
  program
    .command('start')
    .description('HTTP server (ingest API, moderator API, review UI) and all workers in one process')
    .action(() => serve({ api: true, workers: ALL_QUEUES, privateRedis: true, first: true }));

  program
    .command('api')
    .description('the HTTP server alone')
    .action(() => serve({ api: true, workers: [], privateRedis: false, first: true }));

  program
    .command('worker')
    .description('workers alone; several may run against one Redis and one store')
    .option('--queues <list>', 'comma-separated: screen,publish,housekeeping', ALL_QUEUES.join(','))
    .option('--metrics-port <port>', "serve this process's /metrics, /healthz and /readyz on HOST:port (0 = a free port, printed)")
    .action((opts: { queues: string; metricsPort?: string }) => {
      const queues = opts.queues
        .split(',')
        .map((q) => q.trim())
        .filter(Boolean);
      const bad = queues.find((q) => !ALL_QUEUES.includes(q as WorkerQueue));
      if (bad || !queues.length) throw usage(`--queues: unknown queue ${JSON.stringify(bad ?? '')} (use ${ALL_QUEUES.join(',')})`);
      const metricsPort = opts.metricsPort === undefined ? undefined : Number(opts.metricsPort);
      if (metricsPort !== undefined && !(Number.isInteger(metricsPort) && metricsPort >= 0 && metricsPort <= 65535)) {
        throw usage(`--metrics-port: must be a port number 0-65535 (got ${JSON.stringify(opts.metricsPort)})`);
      }
      return serve({ api: false, workers: queues as WorkerQueue[], privateRedis: false, first: false, metricsPort });
    });
}
