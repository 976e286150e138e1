/**
 * Worker-thread entry. Runs the image stage for one message at a time; models stay loaded for the
 * thread's life. Compiled to dist/media/thread.js; under jest it is loaded through an swc hook (see
 * image-analyser.ts).
 */
import { parentPort } from 'node:worker_threads';
import { analyseImage, configureSharp } from './analyse';
import { closeOcr } from './ocr';
import type { ImageAnalysis, ResolvedOptions } from './types';

export type ToThread = { type: 'analyse'; id: number; data: Uint8Array; index: number; opts: ResolvedOptions; poolSize: number } | { type: 'close' };

export type FromThread = { type: 'result'; id: number; result: ImageAnalysis } | { type: 'error'; id: number; message: string; stack?: string };

if (!parentPort) throw new Error('media/thread must run in a worker thread');
const port = parentPort;

port.on('message', (msg: ToThread) => {
  if (msg.type === 'close') {
    void closeOcr().finally(() => port.close());
    return;
  }
  configureSharp(msg.poolSize);
  const buf = Buffer.from(msg.data.buffer, msg.data.byteOffset, msg.data.byteLength);
  analyseImage(buf, msg.index, msg.opts).then(
    (result) => port.postMessage({ type: 'result', id: msg.id, result } satisfies FromThread),
    (err: unknown) => {
      const e = err instanceof Error ? err : new Error(String(err));
      port.postMessage({ type: 'error', id: msg.id, message: e.message, stack: e.stack } satisfies FromThread);
    },
  );
});
