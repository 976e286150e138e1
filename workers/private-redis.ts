import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { redisAddressFile } from '../lib/data-dir';
import { FILE_MODE, privateDir, restrictUmask } from '../lib/private-files';

export class RedisMissingError extends Error {
  readonly code = 'REDIS_SERVER_MISSING';
  constructor() {
    super(
      'redis-server was not found on PATH. Install it (Debian/Ubuntu: `sudo apt-get install redis-server`; macOS: `brew install redis`) ' +
        'or point REDIS_URL at a Redis 6.2+ server with maxmemory-policy noeviction.',
    );
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export function canConnect(port: number, host = '127.0.0.1', timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = net.connect({ port, host });
    const done = (ok: boolean): void => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(timeoutMs, () => done(false));
    sock.once('connect', () => done(true));
    sock.once('error', () => done(false));
  });
}

/**
 * The private Redis's password: random, made once, kept 0600 beside its data. It reaches redis-server through a
 * 0600 config file (never the command line, which `ps` shows) and other commands through the address file.
 */
function redisPassword(dir: string): string {
  const file = path.join(dir, 'password');
  try {
    const existing = readFileSync(file, 'utf8').trim();
    if (existing) return existing;
  } catch {
    /* first start */
  }
  const password = randomBytes(32).toString('hex');
  writeFileSync(file, password, { mode: FILE_MODE });
  return password;
}

/** The address (with the password) a running `shenhe start` recorded for its private Redis, if that Redis still answers. */
export async function recordedRedisUrl(dataDir: string): Promise<string | null> {
  try {
    const { url } = JSON.parse(readFileSync(redisAddressFile(dataDir), 'utf8')) as { url: string };
    const u = new URL(url);
    return (await canConnect(Number(u.port), u.hostname)) ? url : null;
  } catch {
    return null;
  }
}

/**
 * The embedded default: a private `redis-server` with its data (AOF on) in the data dir, `noeviction`,
 * on a free loopback port, with a random password (requirepass), recorded in the data dir for other commands.
 */
export class PrivateRedis {
  private proc: ChildProcess | null = null;
  url = '';

  constructor(private readonly dataDir: string) {}

  async start(): Promise<string> {
    if (spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).error) throw new RedisMissingError();
    restrictUmask(); // redis-server inherits it: its AOF and log are 0600 too
    const dir = privateDir(path.join(this.dataDir, 'redis'));
    const password = redisPassword(dir);
    const conf = path.join(dir, 'redis.conf');
    writeFileSync(conf, `requirepass ${password}\n`, { mode: FILE_MODE });
    const port = await freePort();
    const proc = spawn(
      'redis-server',
      [
        conf,
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--dir',
        dir,
        '--appendonly',
        'yes',
        '--appendfsync',
        'everysec',
        '--save',
        '',
        '--maxmemory-policy',
        'noeviction',
        '--protected-mode',
        'yes',
        '--logfile',
        path.join(dir, 'redis.log'),
      ],
      { stdio: 'ignore' },
    );
    this.proc = proc;
    const deadline = Date.now() + 15_000;
    while (!(await canConnect(port))) {
      if (proc.exitCode !== null) throw new Error(`redis-server exited with code ${proc.exitCode}; see ${path.join(dir, 'redis.log')}`);
      if (Date.now() > deadline) throw new Error('redis-server did not start within 15 s');
      await new Promise((r) => setTimeout(r, 50));
    }
    this.url = `redis://:${password}@127.0.0.1:${port}`;
    writeFileSync(redisAddressFile(this.dataDir), JSON.stringify({ url: this.url, pid: proc.pid }), { mode: FILE_MODE });
    return this.url;
  }

  /** SIGTERM lets Redis flush its AOF before exiting. */
  async close(): Promise<void> {
    const proc = this.proc;
    this.proc = null;
    rmSync(redisAddressFile(this.dataDir), { force: true });
    if (!proc || proc.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      proc.once('exit', () => resolve());
      proc.kill('SIGTERM');
      setTimeout(() => proc.kill('SIGKILL'), 10_000).unref();
    });
  }
}
