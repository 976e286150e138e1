/**
 * The image stage as the screen worker sees it: `analyse(buf, index)` never throws for a bad image,
 * runs off the event loop in a small pool of worker threads, and turns a stuck or crashed thread
 * into a `review` finding (the thread is replaced, so whatever hung it is gone).
 */
import { createInterface } from 'node:readline';
import type { Worker } from 'node:worker_threads';
import { FairQueue } from '../lib/fair-queue';
import { closeThread, startThread } from '../lib/worker-thread';
import { DEFAULT_OPTIONS, analyseImage, emptyAnalysis, unverified } from './analyse';
import { hammingDistance } from './phash';
import { sniffImageFormat } from './sniff';
import type { FromThread, ToThread } from './thread';
import type { ImageAnalyserOptions, ImageAnalysis, ResolvedOptions } from './types';

export type { ImageAnalyserOptions, ImageAnalysis, ImageFinding, ImageVariants } from './types';
export { hammingDistance };

const DEFAULT_TIMEOUT_MS = 30_000;
/** Extra time for the first image on a fresh thread, which loads the OCR and classifier models. */
const DEFAULT_WARM_UP_MS = 90_000;
const CLOSE_GRACE_MS = 5_000;

interface Job {
  id: number;
  buf: Buffer;
  index: number;
  resolve(result: ImageAnalysis): void;
  reject(err: Error): void;
}

interface Slot {
  worker: Worker | null;
  warm: boolean;
  job: Job | null;
  timer: NodeJS.Timeout | null;
}

export class ImageAnalyser {
  private readonly opts: ResolvedOptions;
  private readonly threads: number;
  private readonly timeoutMs: number;
  private readonly warmUpMs: number;
  private inProcessWarm = false;
  private readonly slots: Slot[];
  /** Waiting images, served round robin between tenants (one tenant's flood must not starve the others). */
  private readonly queue = new FairQueue<Job>();
  private nextId = 1;
  private closed = false;
  private readonly onThreadOutput: (line: string) => void;

  constructor(options: ImageAnalyserOptions = {}) {
    const { threads = 1, timeoutMs = DEFAULT_TIMEOUT_MS, warmUpMs = DEFAULT_WARM_UP_MS, onThreadOutput = jsonLineOnStderr, ...rest } = options;
    if (!Number.isInteger(threads) || threads < 0) throw new RangeError('threads must be an integer ≥ 0');
    if (!(timeoutMs > 0)) throw new RangeError('timeoutMs must be > 0');
    if (!(warmUpMs >= 0)) throw new RangeError('warmUpMs must be ≥ 0');
    const defined = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
    this.opts = { ...DEFAULT_OPTIONS, ...defined };
    this.threads = threads;
    this.timeoutMs = timeoutMs;
    this.warmUpMs = warmUpMs;
    this.onThreadOutput = onThreadOutput;
    this.slots = Array.from({ length: threads }, () => ({ worker: null, warm: false, job: null, timer: null }));
  }

  /** `tenant` keys the fair share: images of different tenants take turns for the threads. */
  analyse(buf: Buffer, index: number, tenant = ''): Promise<ImageAnalysis> {
    if (this.closed) return Promise.reject(new Error('ImageAnalyser is closed'));
    if (!Buffer.isBuffer(buf)) return Promise.reject(new TypeError('analyse needs a Buffer'));
    if (this.threads === 0) return this.inProcess(buf, index);
    return new Promise<ImageAnalysis>((resolve, reject) => {
      this.queue.push(tenant, { id: this.nextId++, buf, index, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const job of this.queue.drain()) job.resolve(failed(job, 'image.analyser_closed'));
    await Promise.all(
      this.slots.map(async (slot) => {
        if (slot.job) this.finish(slot, failed(slot.job, 'image.analyser_closed'));
        const worker = slot.worker;
        slot.worker = null;
        if (worker) await closeThread(worker, { type: 'close' } satisfies ToThread, CLOSE_GRACE_MS);
      }),
    );
  }

  /** threads: 0 — same work in this thread; a timeout is reported but cannot stop the work. */
  private async inProcess(buf: Buffer, index: number): Promise<ImageAnalysis> {
    let timer: NodeJS.Timeout | undefined;
    const limit = this.timeoutMs + (this.inProcessWarm ? 0 : this.warmUpMs);
    const timeout = new Promise<ImageAnalysis>((resolve) => {
      timer = setTimeout(() => resolve(timedOut(index, buf, limit)), limit);
    });
    try {
      const result = await Promise.race([analyseImage(buf, index, this.opts), timeout]);
      this.inProcessWarm = true;
      return result;
    } finally {
      clearTimeout(timer);
    }
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.job) continue;
      const job = this.queue.shift() as Job;
      slot.job = job;
      const worker = slot.worker ?? this.spawn(slot);
      const limit = this.timeoutMs + (slot.warm ? 0 : this.warmUpMs);
      slot.timer = setTimeout(() => {
        // The thread may be stuck in synchronous code (a decoder, the model); only terminating it stops it.
        this.discard(slot);
        this.finish(slot, timedOut(job.index, job.buf, limit));
      }, limit);
      // A copy: the caller keeps its buffer, and the thread gets bytes it can own.
      const data = new Uint8Array(job.buf);
      worker.postMessage({ type: 'analyse', id: job.id, data, index: job.index, opts: this.opts, poolSize: this.threads } satisfies ToThread, [data.buffer]);
    }
  }

  private spawn(slot: Slot): Worker {
    // Compiled build: dist/media/thread.js; from sources, thread.ts through swc.
    const worker = startThread(__dirname, 'thread', { stdout: true, stderr: true });
    slot.worker = worker;
    slot.warm = false;
    worker.unref(); // a pending job's timer keeps the process alive, an idle pool does not
    // Model loaders print banners and tesseract prints warnings: each line goes to onThreadOutput (the JSON logger),
    // never raw into a stream that holds JSON (stdout may be a JSON stream, stderr is the JSON log).
    for (const stream of [worker.stdout, worker.stderr]) {
      createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
        if (line.trim()) this.onThreadOutput(line.trim());
      });
    }
    worker.on('message', (msg: FromThread) => {
      if (slot.worker !== worker || !slot.job || slot.job.id !== msg.id) return;
      slot.warm = true;
      if (msg.type === 'result') this.finish(slot, revive(msg.result));
      else this.fail(slot, Object.assign(new Error(msg.message), { stack: msg.stack }));
    });
    const lost = (why: string): void => {
      if (slot.worker !== worker) return;
      slot.worker = null;
      if (slot.job) this.finish(slot, failed(slot.job, `image.worker_failed: ${why}`));
    };
    worker.on('error', (err) => lost(err.message));
    worker.on('exit', (code) => lost(`thread exited with code ${code}`));
    return worker;
  }

  private discard(slot: Slot): void {
    const worker = slot.worker;
    slot.worker = null;
    if (worker) void worker.terminate();
  }

  private finish(slot: Slot, result: ImageAnalysis): void {
    const job = slot.job;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.job = null;
    job?.resolve(result);
    if (!this.closed) this.dispatch();
  }

  private fail(slot: Slot, err: Error): void {
    const job = slot.job;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.job = null;
    job?.reject(err);
    if (!this.closed) this.dispatch();
  }
}

/** Without a logger: one JSON line per message, the shape pino writes, so the log stream stays parseable. */
function jsonLineOnStderr(line: string): void {
  process.stderr.write(`${JSON.stringify({ level: 40, time: Date.now(), name: 'shenhe', source: 'image-thread', msg: line })}\n`);
}

/** Buffers arrive from the thread as plain Uint8Arrays. */
function revive(result: ImageAnalysis): ImageAnalysis {
  const v = result.variants;
  if (v) {
    result.variants = { stored: asBuffer(v.stored), storedFormat: v.storedFormat, thumb: asBuffer(v.thumb), blur: asBuffer(v.blur) };
  }
  return result;
}

function asBuffer(u: Uint8Array): Buffer {
  return Buffer.isBuffer(u) ? u : Buffer.from(u.buffer, u.byteOffset, u.byteLength);
}

function failed(job: Job, reason: string): ImageAnalysis {
  const result = emptyAnalysis(job.index, sniffImageFormat(job.buf) ?? 'unknown');
  result.findings.push(unverified(job.index, reason));
  return result;
}

function timedOut(index: number, buf: Buffer, ms: number): ImageAnalysis {
  const result = emptyAnalysis(index, sniffImageFormat(buf) ?? 'unknown');
  result.findings.push(unverified(index, `image.timeout: not finished within ${ms} ms`, 0.3));
  return result;
}
