/*
 * Entry point of the statistical text classifier. Loading reads the model file once; predict() is pure
 * and synchronous. Nothing here writes to stdout (the `shenhe screen` CLI prints JSON on it).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Cutter, JiebaMode } from './features';
import { decodeModel, LinearTextModel } from './model';
import type { TextModel } from './types';

export type { Prediction, TextModel } from './types';
export { LinearTextModel } from './model';

export const DEFAULT_MODEL_FILE = 'classifier.bin';

type Jieba = import('@node-rs/jieba').Jieba;
let sharedJieba: Jieba | null = null;
const cutters = new Map<JiebaMode, Cutter>();

/**
 * jieba with its default dictionary, loaded once per process (about 0.2 s). Mode (FeatureOptions.jieba):
 * 'default' (cut, no HMM), 'hmm' (cut with the HMM for unknown words), 'search' (cutForSearch: long
 * words are also split into their dictionary sub-words).
 */
export function jiebaCutter(mode: JiebaMode = 'default'): Cutter {
  let cut = cutters.get(mode);
  if (!cut) {
    if (!sharedJieba) {
      // Required lazily so importing this module costs nothing until a model is loaded.
      const { Jieba } = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
      const { dict } = require('@node-rs/jieba/dict') as typeof import('@node-rs/jieba/dict');
      sharedJieba = Jieba.withDict(dict);
    }
    const jieba = sharedJieba;
    cut =
      mode === 'hmm'
        ? (text: string) => jieba.cut(text, true)
        : mode === 'search'
          ? (text: string) => jieba.cutForSearch(text, false)
          : (text: string) => jieba.cut(text, false);
    cutters.set(mode, cut);
  }
  return cut;
}

export function loadModel(file: string): TextModel & LinearTextModel {
  const parts = decodeModel(fs.readFileSync(file));
  const f = parts.header.features;
  const cut = f.words || f.wordBigrams ? jiebaCutter(f.jieba) : null;
  return new LinearTextModel(parts, cut);
}

/**
 * Finds rules/model/<file> by walking up from this file, so it resolves both from the TypeScript
 * source (jest) and from dist/rules/classifier (the build does not copy the model).
 */
export function findModelFile(file = DEFAULT_MODEL_FILE, from = __dirname): string | null {
  let dir = from;
  for (;;) {
    const candidate = path.join(dir, 'rules', 'model', file);
    if (fs.existsSync(candidate)) return candidate;
    const up = path.dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
}

let defaultModel: (TextModel & LinearTextModel) | null | undefined;

/** The committed model, loaded once; null when the file is absent (the filter then runs rules only). */
export function loadDefaultModel(): (TextModel & LinearTextModel) | null {
  if (defaultModel === undefined) {
    const file = process.env.SHENHE_MODEL_FILE ?? findModelFile();
    defaultModel = file && fs.existsSync(file) ? loadModel(file) : null;
  }
  return defaultModel;
}
