/**
 * Porn classifier: nsfwjs (MobileNetV2, 224×224) on @tensorflow/tfjs. The model's topology and
 * weights ship inside the nsfwjs package as JS modules that nsfwjs `require`s, and the wasm backend's
 * binaries ship in @tensorflow/tfjs-backend-wasm; both are loaded from node_modules by file path, so
 * nothing is fetched at run time. Loaded lazily, once per thread.
 */
import path from 'node:path';
import type * as Tf from '@tensorflow/tfjs';
import type { NSFWJS } from 'nsfwjs';
import type { RawImage } from './decode';

export const NSFW_INPUT = 224;

/** A pluggable image classifier: class name → probability. */
export interface ImageClassifier {
  readonly name: string;
  classify(img: RawImage): Promise<Record<string, number>>;
}

let loading: Promise<ImageClassifier> | null = null;

/** The thread's nsfwjs classifier, loaded on first use. */
export function nsfwClassifier(): Promise<ImageClassifier> {
  loading ??= load().catch((err: unknown) => {
    loading = null; // let a later image retry instead of caching the failure
    throw err;
  });
  return loading;
}

async function load(): Promise<ImageClassifier> {
  return quiet(async () => {
    const tf = require('@tensorflow/tfjs') as typeof Tf;
    let backend = 'wasm';
    try {
      const wasm = require('@tensorflow/tfjs-backend-wasm') as { setWasmPaths(prefix: string): void };
      wasm.setWasmPaths(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm')) + path.sep);
      if (!(await tf.setBackend('wasm'))) throw new Error('wasm backend refused');
    } catch {
      backend = 'cpu'; // ~25× slower per image, but needs nothing beyond tfjs itself
      await tf.setBackend('cpu');
    }
    await tf.ready();
    tf.enableProdMode();
    const nsfwjs = require('nsfwjs') as typeof import('nsfwjs');
    const model: NSFWJS = await nsfwjs.load('MobileNetV2');
    const classifier: ImageClassifier = {
      name: `nsfwjs-mobilenet_v2/${backend}`,
      async classify(img: RawImage): Promise<Record<string, number>> {
        if (img.channels !== 3) throw new RangeError('nsfw classifier needs RGB pixels');
        const input = tf.tensor3d(Int32Array.from(img.data), [img.height, img.width, 3], 'int32');
        try {
          const predictions = await model.classify(input, 5);
          const scores: Record<string, number> = {};
          for (const p of predictions) scores[p.className] = Math.round(p.probability * 1e4) / 1e4;
          return scores;
        } finally {
          input.dispose();
        }
      },
    };
    return classifier;
  });
}

/** tfjs and nsfwjs print banners while loading; stdout must stay clean for JSON-emitting commands. */
async function quiet<T>(fn: () => Promise<T>): Promise<T> {
  const saved = { log: console.log, info: console.info, warn: console.warn };
  const noop = (): void => undefined;
  console.log = noop;
  console.info = noop;
  console.warn = noop;
  try {
    return await fn();
  } finally {
    Object.assign(console, saved);
  }
}

export interface PornThresholds {
  review: number;
  block: number;
}

/** Probability that the picture is sexual: explicit photos plus explicit drawings. */
export function pornScore(scores: Record<string, number>): number {
  return (scores.Porn ?? 0) + (scores.Hentai ?? 0);
}
