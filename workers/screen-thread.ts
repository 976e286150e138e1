import type { Worker } from 'node:worker_threads';
import { closeThread, startThread } from '../lib/worker-thread';
import type { ActionLabel, Filter, ScreenInput, Verdict } from '../rules/types';

/** Perceptual hashes of an item's analysed images, for the image rules. */
export interface ImageHash {
  index: number;
  phash: string;
}

export interface ScreenThreadData {
  /** Operator rule folders (SHENHE_RULES_DIR); the thread reloads them as the main thread does. */
  dirs: string[];
  classifier?: boolean;
}

export type ToScreenThread = { type: 'screen'; id: number; input: ScreenInput; images: ImageHash[]; extra: ActionLabel[] } | { type: 'close' };
export type FromScreenThread = { type: 'verdict'; id: number; verdict: Verdict } | { type: 'error'; id: number; message: string };

/** The filter's part of screening one item: text rules and classifier, image-hash rules, and labels found elsewhere. */
export function verdictFor(filter: Filter, input: ScreenInput, images: ImageHash[], extra: ActionLabel[]): Verdict {
  const labels = [...extra];
  for (const img of images) labels.push(...filter.matchImage(img.index, img.phash));
  const verdict = filter.screen(input);
  return labels.length ? filter.addLabels(verdict, labels) : verdict;
}

const CLOSE_GRACE_MS = 5_000;

/**
 * Runs the filter in a worker thread, so screening never holds the event loop that serves HTTP (in `shenhe start`
 * the API and the workers share a process): however long one item takes, /healthz and the review API answer.
 * The thread builds and hot-reloads its own filter from the same folders. A thread that dies fails the items it
 * had (BullMQ retries them) and is replaced on the next item.
 */
export class ScreenThread {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, { resolve(v: Verdict): void; reject(e: Error): void }>();
  private nextId = 1;
  private closed = false;

  constructor(private readonly data: ScreenThreadData) {}

  verdict(input: ScreenInput, images: ImageHash[], extra: ActionLabel[]): Promise<Verdict> {
    if (this.closed) return Promise.reject(new Error('ScreenThread is closed'));
    const worker = this.worker ?? this.spawn();
    const id = this.nextId++;
    return new Promise<Verdict>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ type: 'screen', id, input, images, extra } satisfies ToScreenThread);
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const worker = this.worker;
    this.worker = null;
    this.failAll('ScreenThread closed');
    if (worker) await closeThread(worker, { type: 'close' } satisfies ToScreenThread, CLOSE_GRACE_MS);
  }

  private spawn(): Worker {
    const worker = startThread(__dirname, 'screen-thread-entry', { workerData: this.data });
    this.worker = worker;
    worker.on('message', (msg: FromScreenThread) => {
      const waiting = this.pending.get(msg.id);
      if (!waiting) return;
      this.pending.delete(msg.id);
      if (msg.type === 'verdict') waiting.resolve(msg.verdict);
      else waiting.reject(new Error(msg.message));
    });
    const lost = (why: string): void => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.failAll(`screen thread lost: ${why}`);
    };
    worker.on('error', (err) => lost(err.message));
    worker.on('exit', (code) => lost(`exited with code ${code}`));
    return worker;
  }

  private failAll(why: string): void {
    for (const { reject } of this.pending.values()) reject(new Error(why));
    this.pending.clear();
  }
}
