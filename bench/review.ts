/**
 * Claim + decision round trips with 10,000 items waiting (DESIGN target: p99 < 30 ms), against a real API
 * (in-process Runtime: express, SQLite store, BullMQ review queue on a private redis-server), with a bare
 * `GET /healthz` round trip on the same server measured in the same run as the peer. Also reports the review
 * UI's bundle size (CONTRACT target: < 150 KB gzipped), from review-ui/dist/size.json written by `npm run build:ui`.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Queue } from 'bullmq';
import { hashPassword } from '../lib/passwords';
import { findUiDir } from '../api/server';
import { createTenant } from '../domain/tenants';
import { Runtime } from '../cli/runtime';
import { loadConfig } from '../lib/config';
import { masterKey } from '../lib/data-dir';
import { newId, nowIso } from '../lib/ids';
import { SecretBox } from '../lib/secrets';
import { QUEUES } from '../lib/queues';
import { connectRedis } from '../lib/redis';
import { PrivateRedis } from '../workers/private-redis';
import { seedWaiting } from './fixtures';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';

export const name = 'review';

const WAITING = 10_000;
const ROUNDS = Number(process.env.BENCH_REVIEW_ROUNDS ?? 400);
const WARMUP = 30;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function stats(samples: number[]): { p50: number; p99: number; mean: number } {
  const s = [...samples].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p99: percentile(s, 99), mean: s.reduce((a, b) => a + b, 0) / s.length };
}

const ms = (n: number): string => n.toFixed(2);

/** 10,000 screened items, each with a verdict and its review work order, through the store's own ingest and verdict path. */
async function fill(runtime: Runtime, tenantId: string): Promise<void> {
  await seedWaiting(runtime.store, tenantId, WAITING, 'bench', (i) => `压测评论 ${i}：有需要的朋友可以加微信详聊`);
}

/** A second peer: one durable one-row SQLite commit (WAL, synchronous=FULL) on the same disk, as each claim and decision makes. */
function commitPeer(dir: string, rounds: number): number[] {
  const db = new Database(path.join(dir, 'fsync-peer.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE t (v INTEGER)');
  const insert = db.prepare('INSERT INTO t VALUES (?)');
  const out: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    db.transaction(() => insert.run(i)).immediate();
    out.push(performance.now() - t0);
  }
  db.close();
  return out;
}

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const v = await fn();
  return [performance.now() - t0, v];
}

export async function run(): Promise<string> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'shenhe-bench-review-'));
  const redis = new PrivateRedis(dataDir);
  const redisUrl = await redis.start();
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    SHENHE_DATA_DIR: dataDir,
    REDIS_URL: redisUrl,
    LOG_LEVEL: 'silent',
    SHENHE_RATE_LIMIT_PER_TENANT: '0',
  });
  const runtime = await new Runtime({ config, api: true, workers: [] }).start();
  try {
    const tenant = await createTenant(runtime.store, new SecretBox(masterKey(dataDir)), 'bench', null);
    const password = 'bench-password';
    await runtime.store.createUser(
      { id: newId('us'), username: 'bench-mod', role: 'moderator', disabled: false, settings: {}, createdAt: nowIso() },
      await hashPassword(password),
      {
        type: 'cli',
        id: null,
        name: 'bench',
        ip: null,
      },
    );
    const fillStarted = performance.now();
    await fill(runtime, tenant.id);
    const filledMs = performance.now() - fillStarted;
    // The outbox relay hands the work orders to Redis; wait until the queue holds them all.
    const connection = connectRedis(redisUrl, { role: 'command' });
    const queue = new Queue(QUEUES.review, { connection, prefix: config.queuePrefix });
    const relayStarted = performance.now();
    while ((await queue.count()) < WAITING) await new Promise((r) => setTimeout(r, 100));
    const relayMs = performance.now() - relayStarted;
    await queue.close();
    await connection.quit();

    const base = runtime.url as string;
    const login = await fetch(`${base}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bench-mod', password }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const headers = { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };

    const claimMs: number[] = [];
    const decideMs: number[] = [];
    const roundMs: number[] = [];
    const peerMs: number[] = [];
    for (let i = 0; i < WARMUP + ROUNDS; i++) {
      const [pm] = await timed(async () => (await fetch(`${base}/healthz`)).text());
      const [cm, claimed] = await timed(async () => {
        const r = await fetch(`${base}/api/review/claim`, { method: 'POST', headers, body: '{}' });
        if (r.status !== 200) throw new Error(`claim answered ${r.status}`);
        return (await r.json()) as { lease: { id: string } };
      });
      const [dm] = await timed(async () => {
        const r = await fetch(`${base}/api/review/leases/${claimed.lease.id}/decision`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ action: i % 2 ? 'approve' : 'reject', categories: i % 2 ? [] : ['advertising'] }),
        });
        if (r.status !== 200) throw new Error(`decision answered ${r.status}`);
        return r.text();
      });
      if (i < WARMUP) continue;
      peerMs.push(pm);
      claimMs.push(cm);
      decideMs.push(dm);
      roundMs.push(cm + dm);
    }
    const waitingAfter = (await runtime.store.queueStats()).waiting;
    const f = stats(commitPeer(dataDir, ROUNDS));
    const load = os.loadavg()[0];
    const c = stats(claimMs);
    const d = stats(decideMs);
    const r = stats(roundMs);
    const p = stats(peerMs);

    const sizeFile = findUiDir() ? path.join(findUiDir() as string, 'size.json') : null;
    const size =
      sizeFile && existsSync(sizeFile)
        ? (JSON.parse(readFileSync(sizeFile, 'utf8')) as { js: { raw: number; gzip: number }; css: { raw: number; gzip: number } })
        : null;
    const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;

    return [
      '## Review',
      '',
      `Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}. One API process (in-process runtime: express 5, SQLite WAL, BullMQ on a private redis-server), ${WAITING.toLocaleString('en')} items waiting (filled in ${(filledMs / 1000).toFixed(1)} s through the store and outbox, relayed to Redis in ${(relayMs / 1000).toFixed(1)} s); one moderator, sequential keep-alive requests, ${ROUNDS} rounds after ${WARMUP} warm-up rounds, alternating approve and reject; ${waitingAfter.toLocaleString('en')} still waiting at the end.`,
      '',
      '| request | p50 ms | p99 ms | mean ms |',
      '| --- | ---: | ---: | ---: |',
      `| \`GET /healthz\` (peer: same server, no session, no store) | ${ms(p.p50)} | ${ms(p.p99)} | ${ms(p.mean)} |`,
      `| \`POST /api/review/claim\` | ${ms(c.p50)} | ${ms(c.p99)} | ${ms(c.mean)} |`,
      `| \`POST /api/review/leases/{id}/decision\` | ${ms(d.p50)} | ${ms(d.p99)} | ${ms(d.mean)} |`,
      `| claim + decision round trip | ${ms(r.p50)} | ${ms(r.p99)} | ${ms(r.mean)} |`,
      `| one durable SQLite commit, WAL + synchronous=FULL (second peer; a round trip makes two) | ${ms(f.p50)} | ${ms(f.p99)} | ${ms(f.mean)} |`,
      '',
      `Claim + decision p99 **${ms(r.p99)} ms** (target < 30 ms); ${(r.p50 / p.p50).toFixed(1)}× the \`/healthz\` peer's p50 and ${(r.p99 / p.p99).toFixed(1)}× its p99; ${(r.p50 / f.p50).toFixed(1)}× one durable commit at p50. Load average at the end: ${load.toFixed(1)} on ${os.cpus().length} cores.`,
      '',
      size
        ? `Review UI bundle (\`npm run build:ui\`): JavaScript ${kb(size.js.raw)}, **${kb(size.js.gzip)} gzipped** (target < 150 KB); CSS ${kb(size.css.raw)} (${kb(size.css.gzip)} gzipped).`
        : 'Review UI bundle: not built (run `npm run build:ui`).',
      '',
      'Command: `npm run bench -- review`.',
    ].join('\n');
  } finally {
    await runtime.close();
    await redis.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
