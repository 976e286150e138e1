import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** A free TCP port on 127.0.0.1, chosen by the kernel. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = (): void => {
      const sock = net.connect(port, '127.0.0.1');
      sock.once('connect', () => {
        sock.end();
        resolve();
      });
      sock.once('error', () => {
        sock.destroy();
        if (Date.now() > deadline) reject(new Error(`redis-server did not listen on ${port}`));
        else setTimeout(attempt, 25);
      });
    };
    attempt();
  });
}

export interface RedisServerOptions {
  /** Keep an append-only file so a restart keeps the data (default true). */
  appendOnly?: boolean;
  /** Data directory (default: a new temp dir, removed by `cleanup()`). */
  dir?: string;
}

/**
 * A private redis-server for tests: never port 6379, never another test's server.
 * Tests may `kill()` it and `start()` it again on the same port and dir (AOF restart),
 * or `wipe()` it (replace it by an empty server on the same port).
 */
export class RedisServer {
  port = 0;
  readonly dir: string;
  private proc: ChildProcess | null = null;
  private readonly appendOnly: boolean;
  private readonly ownsDir: boolean;

  constructor(options: RedisServerOptions = {}) {
    this.appendOnly = options.appendOnly ?? true;
    this.ownsDir = !options.dir;
    this.dir = options.dir ?? mkdtempSync(path.join(os.tmpdir(), 'shenhe-redis-'));
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    if (!this.port) this.port = await freePort();
    const args = [
      '--port',
      String(this.port),
      '--bind',
      '127.0.0.1',
      '--dir',
      this.dir,
      '--save',
      '',
      '--appendonly',
      this.appendOnly ? 'yes' : 'no',
      '--appendfsync',
      'always',
      '--maxmemory-policy',
      'noeviction',
      '--daemonize',
      'no',
      '--logfile',
      '',
    ];
    this.proc = spawn('redis-server', args, { stdio: 'ignore' });
    await waitForPort(this.port, 10_000);
    return this;
  }

  /** SIGKILL (default) or SIGTERM the server and wait for it to exit. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const proc = this.proc;
    this.proc = null;
    if (!proc || proc.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      proc.once('exit', () => resolve());
      proc.kill(signal);
    });
  }

  /** Replace the server by an empty one on the same port: everything in Redis is lost. */
  async wipe(): Promise<void> {
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
    mkdirSync(this.dir, { recursive: true });
    await this.start();
  }

  async stop(): Promise<void> {
    await this.kill('SIGTERM');
    if (this.ownsDir) rmSync(this.dir, { recursive: true, force: true });
  }
}
