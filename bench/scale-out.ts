/**
 * `npm run bench -- scale-out` (issue 15, CONTRACT §10): the same measurements on the embedded SQLite store and on
 * PostgreSQL, in one run, with real `shenhe api` and `shenhe worker` processes and one private Redis:
 * ingest with one and two API processes (and a bare express endpoint as the peer), screening with one and two
 * workers, and claim + decision latency with 10,000 items waiting. PostgreSQL is the local server
 * (SHENHE_BENCH_PG_URL, default postgres://postgres@127.0.0.1:5432/postgres); the bench creates and drops its own
 * databases.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { createTenant } from '../domain/tenants';
import { createUser } from '../domain/users';
import { masterKey } from '../lib/data-dir';
import { newId, nowIso } from '../lib/ids';
import { SecretBox } from '../lib/secrets';
import { openStore } from '../store/open-store';
import type { Store } from '../store/store';
import { PrivateRedis } from '../workers/private-redis';
import { benchItem, inBatches, seedWaiting } from './fixtures';
import { ingestLoad, percentile, ROOT, startProcess, startShenhe, stop, type Started } from './processes';

export const name = 'scale-out';

const PG_ADMIN = process.env.SHENHE_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const SCREEN_ITEMS = Number(process.env.BENCH_SCREEN_ITEMS ?? 1500);
const WAITING = 10_000;
const DECISIONS = 400;
const MASTER_KEY = 'ab'.repeat(32);
const PASSWORD = 'bench-password-1';

type Kind = 'sqlite' | 'postgres';

/** A fresh store of one kind: its own data dir (and, for PostgreSQL, its own database), a tenant and a moderator. */
class Fixture {
  readonly dirs: string[] = [];
  env: Record<string, string> = {};
  store!: Store;
  apiKey = '';
  private database: string | null = null;

  constructor(
    readonly kind: Kind,
    private readonly redisUrl: string,
    private readonly prefix: string,
  ) {}

  async open(): Promise<this> {
    const dataDir = this.dir();
    let databaseUrl: string | null = null;
    if (this.kind === 'postgres') {
      this.database = `shenhe_bench_${process.pid}_${this.prefix.replace(/\W/g, '')}`;
      await admin((c) => c.query(`CREATE DATABASE ${this.database}`));
      const u = new URL(PG_ADMIN);
      u.pathname = `/${this.database}`;
      databaseUrl = u.toString();
    }
    this.store = await openStore({ dataDir, databaseUrl });
    const tenant = await createTenant(this.store, new SecretBox(masterKey(dataDir, MASTER_KEY)), 'bench', null);
    this.apiKey = tenant.apiKey;
    const actor = { type: 'cli' as const, id: null, name: 'bench', ip: null };
    await this.store.registerOfficer(
      {
        id: newId('of'),
        tenantId: tenant.id,
        kind: 'security_officer',
        name: '压测',
        phone: '13800138000',
        email: 'b@example.cn',
        createdAt: nowIso(),
        updatedAt: nowIso(),
      },
      actor,
    );
    await createUser(this.store, { username: 'mod', role: 'moderator', password: PASSWORD }, actor);
    this.env = {
      REDIS_URL: this.redisUrl,
      SHENHE_QUEUE_PREFIX: `{${this.prefix}}`,
      SHENHE_MASTER_KEY: MASTER_KEY,
      // SQLite processes share the fixture's data dir (the store lives there); PostgreSQL processes get their own.
      SHENHE_DATA_DIR: dataDir,
      ...(databaseUrl ? { SHENHE_DATABASE_URL: databaseUrl } : {}),
    };
    return this;
  }

  /** The environment of one more process: on PostgreSQL a data dir of its own, as on another machine. */
  processEnv(): Record<string, string> {
    return this.kind === 'postgres' ? { ...this.env, SHENHE_DATA_DIR: this.dir() } : this.env;
  }

  private dir(): string {
    const d = mkdtempSync(path.join(os.tmpdir(), 'shenhe-bench-scale-'));
    this.dirs.push(d);
    return d;
  }

  async tenantId(): Promise<string> {
    return (await this.store.listTenants())[0].id;
  }

  async close(): Promise<void> {
    await this.store.close();
    if (this.database) await admin((c) => c.query(`DROP DATABASE IF EXISTS ${this.database} WITH (FORCE)`));
    for (const d of this.dirs) rmSync(d, { recursive: true, force: true });
  }
}

async function admin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: PG_ADMIN });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

async function withProcesses<T>(starts: Array<() => Promise<Started>>, fn: (ps: Started[]) => Promise<T>): Promise<T> {
  const ps: Started[] = [];
  try {
    for (const s of starts) ps.push(await s());
    return await fn(ps);
  } finally {
    await Promise.all(ps.map((p) => stop(p.proc)));
  }
}

/** Accepted ingests per second through `apis` API processes, 32 connections in all. */
async function ingest(f: Fixture, apis: number): Promise<{ rps: number; p99: number }> {
  return withProcesses(
    Array.from({ length: apis }, () => () => startShenhe('api', f.processEnv())),
    async (ps) => {
      await Promise.all(ps.map((p, i) => ingestLoad(p.url, f.apiKey, 2, `warm${apis}-${i}`, 32 / apis)));
      const results = await Promise.all(ps.map((p, i) => ingestLoad(p.url, f.apiKey, SECONDS, `run${apis}-${i}`, 32 / apis)));
      return { rps: results.reduce((s, r) => s + r['2xx'], 0) / SECONDS, p99: Math.max(...results.map((r) => r.latency.p99)) };
    },
  );
}

/** Items screened per second by `workers` worker processes, from a backlog stored before they start. */
async function screening(f: Fixture, workers: number, tag: string): Promise<number> {
  const tenantId = await f.tenantId();
  await inBatches(SCREEN_ITEMS, (i) => f.store.ingest(benchItem(tenantId, i, tag), []));
  const t0 = process.hrtime.bigint();
  return withProcesses(
    Array.from({ length: workers }, () => () => startShenhe('worker', f.processEnv())),
    async () => {
      while ((await f.store.itemsInStatus(['screening'])).length > 0) await new Promise((r) => setTimeout(r, 100));
      return SCREEN_ITEMS / (Number(process.hrtime.bigint() - t0) / 1e9);
    },
  );
}

/** Claim + decision round trips (ms) of 4 moderators on one API process with 10,000 items waiting. */
async function claimDecide(f: Fixture): Promise<number[]> {
  const tenantId = await f.tenantId();
  await seedWaiting(f.store, tenantId, WAITING, 'wait');
  return withProcesses([() => startShenhe('api', f.processEnv())], async ([api]) => {
    const times: number[] = [];
    const moderator = async (): Promise<void> => {
      const login = await fetch(`${api.url}/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'mod', password: PASSWORD }),
      });
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
      const { csrfToken } = (await login.json()) as { csrfToken: string };
      const headers = { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
      // Let the reconciler and relay fill the review queue before timing.
      for (;;) {
        const t = process.hrtime.bigint();
        const claim = await fetch(`${api.url}/api/review/claim`, { method: 'POST', headers });
        if (claim.status === 204) {
          if (times.length >= DECISIONS) return;
          await new Promise((r) => setTimeout(r, 100));
          continue;
        }
        const { lease } = (await claim.json()) as { lease: { id: string } };
        await fetch(`${api.url}/api/review/leases/${lease.id}/decision`, { method: 'POST', headers, body: JSON.stringify({ action: 'approve' }) });
        times.push(Number(process.hrtime.bigint() - t) / 1e6);
        if (times.length >= DECISIONS) return;
      }
    };
    await Promise.all([moderator(), moderator(), moderator(), moderator()]);
    return times;
  });
}

export async function run(): Promise<string> {
  const redisDir = mkdtempSync(path.join(os.tmpdir(), 'shenhe-bench-redis-'));
  const redis = new PrivateRedis(redisDir);
  const redisUrl = await redis.start();
  const rows: string[] = [];
  const fixtures: Fixture[] = [];
  const fixture = async (kind: Kind, phase: string): Promise<Fixture> => {
    const f = await new Fixture(kind, redisUrl, `${kind}${phase}`).open();
    fixtures.push(f);
    return f;
  };
  try {
    const bare = await withProcesses([() => startProcess([path.join(ROOT, 'dist', 'bench', 'bare-express.js')], {})], async ([b]) => {
      await ingestLoad(b.url, null, 2, 'warm');
      const r = await ingestLoad(b.url, null, SECONDS, 'bare');
      return r['2xx'] / SECONDS;
    });
    const figures: Record<
      Kind,
      { ingest1: { rps: number; p99: number }; ingest2: { rps: number; p99: number }; screen1: number; screen2: number; decide: number[] }
    > = {} as never;
    for (const kind of ['sqlite', 'postgres'] as const) {
      const ingest1 = await ingest(await fixture(kind, 'i1'), 1);
      const ingest2 = await ingest(await fixture(kind, 'i2'), 2);
      const screen1 = await screening(await fixture(kind, 's1'), 1, 's1');
      const screen2 = await screening(await fixture(kind, 's2'), 2, 's2');
      const decide = await claimDecide(await fixture(kind, 'cd'));
      figures[kind] = { ingest1, ingest2, screen1, screen2, decide };
    }
    const s = figures.sqlite;
    const p = figures.postgres;
    const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}×`;
    rows.push(
      '## Scale-out: SQLite and PostgreSQL in one run',
      '',
      `Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}; PostgreSQL on the same machine; one private redis-server; real \`shenhe api\`/\`worker\` processes (PostgreSQL ones on data dirs of their own). Ingest: autocannon, 32 connections in all, ${SECONDS} s after a 2 s warm-up, ≈1 KB bodies. Screening: ${SCREEN_ITEMS} stored items, text only, from worker start until none is in \`screening\`. Claim + decision: 4 moderators, ${DECISIONS}+ round trips with ${WAITING.toLocaleString('en')} items waiting.`,
      '',
      '| measure | SQLite | PostgreSQL | PostgreSQL / SQLite |',
      '| --- | ---: | ---: | ---: |',
      `| ingest, 1 API process: accepted/s (× bare express ${bare.toFixed(0)}/s) | ${s.ingest1.rps.toFixed(0)} (${ratio(s.ingest1.rps, bare)}) | ${p.ingest1.rps.toFixed(0)} (${ratio(p.ingest1.rps, bare)}) | ${ratio(p.ingest1.rps, s.ingest1.rps)} |`,
      `| ingest, 2 API processes: accepted/s | ${s.ingest2.rps.toFixed(0)} | ${p.ingest2.rps.toFixed(0)} | ${ratio(p.ingest2.rps, s.ingest2.rps)} |`,
      `| ingest p99 ms, 1 / 2 API processes | ${s.ingest1.p99} / ${s.ingest2.p99} | ${p.ingest1.p99} / ${p.ingest2.p99} | |`,
      `| screening, 1 worker: items/s | ${s.screen1.toFixed(0)} | ${p.screen1.toFixed(0)} | ${ratio(p.screen1, s.screen1)} |`,
      `| screening, 2 workers: items/s | ${s.screen2.toFixed(0)} | ${p.screen2.toFixed(0)} | ${ratio(p.screen2, s.screen2)} |`,
      `| claim + decision p50 / p99 ms (10,000 waiting) | ${percentile(s.decide, 50).toFixed(1)} / ${percentile(s.decide, 99).toFixed(1)} | ${percentile(p.decide, 50).toFixed(1)} / ${percentile(p.decide, 99).toFixed(1)} | ${ratio(percentile(p.decide, 99), percentile(s.decide, 99))} (p99) |`,
      '',
      'Two processes on a 2-core machine that also runs PostgreSQL, Redis and the load generator share the same cores: the second process shows what the store lets through, not what a second machine would add.',
      '',
      'Command: `npm run bench -- scale-out`.',
    );
    return rows.join('\n');
  } finally {
    for (const f of fixtures) await f.close().catch(() => undefined);
    await redis.close();
    rmSync(redisDir, { recursive: true, force: true });
  }
}
