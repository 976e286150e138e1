/* Real processes and HTTP load for the benchmarks that measure shenhe as it runs: `shenhe api`/`worker` and the peers. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import autocannon from 'autocannon';

export const ROOT = path.resolve(__dirname, '..', '..');

export interface Started {
  proc: ChildProcess;
  url: string;
}

/**
 * Starts a Node process and resolves once it prints "listening on http://…" (or, with `ready`, that text) on stdout
 * or in its log (stderr, which is otherwise passed through only for warnings and errors).
 */
export function startProcess(args: string[], env: Record<string, string>, ready: RegExp = /listening on (http:\/\/\S+)/): Promise<Started> {
  const proc = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], cwd: ROOT });
  return new Promise((resolve, reject) => {
    let seen = '';
    let resolved = false;
    const look = (d: Buffer): void => {
      if (resolved) return;
      seen = (seen + d.toString()).slice(-4096);
      const m = ready.exec(seen);
      if (m) {
        resolved = true;
        resolve({ proc, url: m[1] ?? '' });
      }
    };
    proc.stdout!.on('data', look);
    proc.stderr!.on('data', (d: Buffer) => {
      look(d);
      for (const line of d.toString().split('\n')) if (/"level":(4|5|6)\d/.test(line)) process.stderr.write(`${line}\n`);
    });
    proc.once('exit', (code) => {
      if (!resolved) reject(new Error(`process exited ${code}`));
    });
  });
}

/** `shenhe api` or `shenhe worker` with the given environment. */
export function startShenhe(role: 'api' | 'worker', env: Record<string, string>): Promise<Started> {
  // A worker says it is ready in an info line of its log ("shenhe workers started"); an API prints its URL at any level.
  const level = role === 'api' ? 'warn' : 'info';
  const ready = role === 'api' ? undefined : /(workers started)/;
  return startProcess([path.join(ROOT, 'bin', 'shenhe.js'), role], { PORT: '0', LOG_LEVEL: level, SHENHE_RATE_LIMIT_PER_TENANT: '0', ...env }, ready);
}

export function stop(proc: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (proc.exitCode !== null) return resolve();
    proc.once('exit', () => resolve());
    proc.kill('SIGTERM');
  });
}

const TEXT = '这是一条用于压力测试的普通评论，内容平和，没有任何违规信息。'.repeat(12).slice(0, 340); // ≈1 KB UTF-8

/** autocannon against `POST /v1/contents`: unique external ids, ≈1 KB of Chinese text each. */
export function ingestLoad(url: string, apiKey: string | null, seconds: number, tag: string, connections = 32): Promise<autocannon.Result> {
  let n = 0;
  return autocannon({
    url: `${url}/v1/contents`,
    method: 'POST',
    connections,
    duration: seconds,
    headers: { 'content-type': 'application/json', ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) },
    requests: [
      {
        setupRequest: (req) => ({ ...req, body: JSON.stringify({ externalId: `${tag}-${n++}`, kind: 'comment', text: TEXT, author: { id: `u${n % 100}` } }) }),
      },
    ],
  });
}

/** The p-th percentile (0–100) of a list of numbers. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
