import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const BIN = path.resolve(__dirname, '..', '..', 'bin', 'shenhe.js');

/** A real `shenhe …` process (the built CLI), for tests that kill processes. */
export class ShenheProcess {
  readonly proc: ChildProcess;
  stdout = '';
  stderr = '';
  url: string | null = null;
  private readonly exited: Promise<number | null>;

  constructor(args: string[], env: Record<string, string>) {
    this.proc = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    this.proc.stdout!.on('data', (d: Buffer) => {
      this.stdout += d.toString();
      this.url ??= /listening on (http:\/\/[^\s]+)/.exec(this.stdout)?.[1] ?? null;
    });
    this.proc.stderr!.on('data', (d: Buffer) => {
      this.stderr += d.toString();
    });
    this.exited = new Promise((resolve) => this.proc.once('exit', (code) => resolve(code)));
  }

  /** Resolves with the URL once an HTTP process listens. */
  async listening(timeoutMs = 30_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (!this.url) {
      if (this.proc.exitCode !== null) throw new Error(`shenhe exited (${this.proc.exitCode}): ${this.stderr.slice(-2000)}`);
      if (Date.now() > deadline) throw new Error(`shenhe did not listen: ${this.stderr.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return this.url;
  }

  /** Waits until the process has logged `text` on stderr (structured logs). */
  async logged(text: string, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.stderr.includes(text)) {
      if (Date.now() > deadline) throw new Error(`never logged ${text}: ${this.stderr.slice(-1000)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<number | null> {
    if (this.proc.exitCode === null && this.proc.signalCode === null) this.proc.kill(signal);
    return this.exited;
  }

  exit(): Promise<number | null> {
    return this.exited;
  }
}
