/**
 * Ingest throughput: `POST /v1/contents` with 1 KB of Chinese text, 32 connections (autocannon), against
 * a real `shenhe api` process (SQLite store, durable commit, outbox to a private Redis) and, in the same run,
 * a bare express JSON endpoint. Reports the ratio (CONTRACT target: ≥ 2,000/s, p99 < 50 ms, ≥ 0.4× bare).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createTenant } from '../domain/tenants';
import { masterKey, redisAddressFile } from '../lib/data-dir';
import { newId, nowIso } from '../lib/ids';
import { SecretBox } from '../lib/secrets';
import { openStore } from '../store/open-store';
import { PrivateRedis } from '../workers/private-redis';
import os from 'node:os';
import path from 'node:path';
import type autocannon from 'autocannon';
import { ingestLoad as load, ROOT, startProcess, stop } from './processes';

export const name = 'ingest';

/** CPU seconds (user + system) a process has used so far, from /proc (Linux); null elsewhere. */
function cpuSeconds(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th, in clock ticks.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/** CPU µs per request that `pids` used during `load`: the cost per request, which a busy machine disturbs far less than req/s. */
async function measured(pids: Array<number | undefined>, load: () => Promise<autocannon.Result>): Promise<{ result: autocannon.Result; cpuUs: string }> {
  const before = pids.map(cpuSeconds);
  const result = await load();
  let used = 0;
  for (const [i, pid] of pids.entries()) {
    const now = cpuSeconds(pid);
    const was = before[i];
    if (now === null || was === null) return { result, cpuUs: 'n/a' };
    used += now - was;
  }
  return { result, cpuUs: ((used / result.requests.total) * 1e6).toFixed(0) };
}

export async function run(): Promise<string> {
  const seconds = Number(process.env.BENCH_SECONDS ?? 10);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'shenhe-bench-'));
  const redis = new PrivateRedis(dataDir);
  const redisUrl = await redis.start();
  const store = await openStore({ dataDir, databaseUrl: null });
  const tenant = await createTenant(store, new SecretBox(masterKey(dataDir)), 'bench', null);
  await store.registerOfficer(
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
    { type: 'cli', id: null, name: 'bench', ip: null },
  );
  await store.close();

  const bare = await startProcess([path.join(__dirname, 'bare-express.js')], {});
  // BENCH_NODE_ARGS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`) goes to the shenhe process only: how it was profiled.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const shenhe = await startProcess([...nodeArgs, path.join(ROOT, 'bin', 'shenhe.js'), 'api'], {
    PORT: '0',
    SHENHE_DATA_DIR: dataDir,
    REDIS_URL: redisUrl,
    SHENHE_RATE_LIMIT_PER_TENANT: '0',
    LOG_LEVEL: 'warn',
  });
  try {
    await load(bare.url, null, 2, 'warm-bare');
    await load(shenhe.url, tenant.apiKey, 2, 'warm');
    const redisPid = (JSON.parse(readFileSync(redisAddressFile(dataDir), 'utf8')) as { pid?: number }).pid;
    const { result: b, cpuUs: bareCpu } = await measured([bare.proc.pid], () => load(bare.url, null, seconds, 'bare'));
    const { result: s, cpuUs: shenheCpu } = await measured([shenhe.proc.pid, redisPid], () => load(shenhe.url, tenant.apiKey, seconds, 'run'));
    const accepted = s['2xx'] / seconds;
    const ratio = s.requests.average / b.requests.average;
    return [
      '## Ingest',
      '',
      `Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}; autocannon, 32 connections, ${seconds} s per target after a 2 s warm-up; body ≈1 KB of Chinese text.`,
      '',
      '| target | req/s (mean) | accepted/s | p50 ms | p99 ms | non-2xx | CPU µs/request |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
      `| bare express JSON endpoint (peer) | ${b.requests.average.toFixed(0)} | ${(b['2xx'] / seconds).toFixed(0)} | ${b.latency.p50} | ${b.latency.p99} | ${b.non2xx} | ${bareCpu} |`,
      `| shenhe \`POST /v1/contents\` (auth, validation, durable SQLite commit with outbox row, relay to Redis) | ${s.requests.average.toFixed(0)} | ${accepted.toFixed(0)} | ${s.latency.p50} | ${s.latency.p99} | ${s.non2xx} | ${shenheCpu} (API process + its Redis) |`,
      '',
      `Ratio shenhe / bare express: **${ratio.toFixed(2)}×** (target ≥ 0.4×); accepted ${accepted.toFixed(0)}/s (target ≥ 2,000/s); p99 ${s.latency.p99} ms (target < 50 ms).`,
      '',
      'Command: `npm run bench -- ingest`.',
    ].join('\n');
  } finally {
    await stop(shenhe.proc);
    await stop(bare.proc);
    await redis.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
