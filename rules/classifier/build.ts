/*
 * Turns labelled texts into a model (ModelParts). No file I/O: scripts/train.ts reads the datasets and
 * writes the result.
 */
/** A labelled training or calibration text (1 = offensive / sexist / spam; topic: race, region, gender or ''). */
export interface LabelledText {
  text: string;
  label: 0 | 1;
  topic: string;
  source: string;
}
import { FeatureExtractor, withDomainCopy, type Cutter, type FeatureOptions } from './features';
import { fitPlatt, trainLogistic, type Example, type LearnOptions } from './learner';
import { HEADS, LinearTextModel, type HeadHeader, type HeadName, type ModelHeader, type ModelParts } from './model';
import { Folder, type FoldPairs } from './normalise';

export interface BuildData {
  /**
   * Offensive head (label 1 = offensive or sexist); `weight` defaults to 1. An item with `domain` (a
   * nonzero hash seed) gets its features copied into that namespace for training (withDomainCopy).
   */
  offensive: Array<LabelledText & { weight?: number; domain?: number }>;
  /** Topic head: label 1 = race/region. */
  topic: Array<LabelledText & { weight?: number }>;
  /** Spam head. */
  spam: Array<LabelledText & { weight?: number }>;
  /** Optional stance head: label 1 = opposes discrimination. Absent: a three-head model. */
  stance?: Array<LabelledText & { weight?: number }>;
  /** Stance gate (HeadHeader.gate). */
  stanceGate?: number;
  /** Calibration sets (Platt): COLD dev for the offensive head, an SMS fold for spam. */
  calibrateOffensive: LabelledText[];
  calibrateSpam: LabelledText[];
}

export interface BuildConfig {
  version: string;
  features: FeatureOptions;
  learn: LearnOptions;
  fold: FoldPairs;
  training: Record<string, unknown>;
}

export function buildModel(data: BuildData, config: BuildConfig, cut: Cutter | null): LinearTextModel {
  const folder = new Folder(config.fold);
  const fx = new FeatureExtractor(config.features, cut);
  const cache = new Map<string, Int32Array>();
  const featurise = (text: string): Int32Array => {
    let v = cache.get(text);
    if (!v) {
      const k = fx.extract(folder.fold(text));
      v = fx.idx.slice(0, k);
      cache.set(text, v);
    }
    return v;
  };
  const toExamples = (items: Array<LabelledText & { weight?: number; domain?: number }>): Example[] =>
    items.map((x) => ({
      idx: x.domain ? withDomainCopy(featurise(x.text), x.domain, config.features.bits) : featurise(x.text),
      y: x.label,
      weight: x.weight ?? 1,
    }));

  const dim = 1 << config.features.bits;
  const { nb, nbStance, bag, ...learnOpts } = config.learn;
  const learn: LearnOptions = { ...learnOpts, normPower: config.features.normPower };
  // NB weighting (see LearnOptions.nb): the scale is folded into the weights, x_j·s_j·w_j = x_j·(s_j·w_j),
  // so prediction needs no table.
  const trainNb = (examples: Example[], bags: number): { w: Float32Array; bias: number } => {
    const scale = nb ? nbRatios(examples, dim, nb.alpha, nb.beta, nb.weighted ?? false, nb.power ?? 1) : undefined;
    const out = trainLogistic(examples, dim, learn, scale);
    for (let b = 1; b < bags; b++) {
      const more = trainLogistic(examples, dim, { ...learn, seed: learn.seed + 1000 * b }, scale);
      for (let j = 0; j < dim; j++) out.w[j] += more.w[j];
      out.bias += more.bias;
    }
    if (bags > 1) {
      for (let j = 0; j < dim; j++) out.w[j] /= bags;
      out.bias /= bags;
    }
    if (scale) for (let j = 0; j < dim; j++) out.w[j] *= scale[j];
    return out;
  };
  const offensive = trainNb(toExamples(data.offensive), bag ?? 1);
  const trained: Partial<Record<HeadName, { w: Float32Array; bias: number }>> = {
    offensive,
    ethnic: trainLogistic(toExamples(data.topic), dim, learn),
    spam: trainLogistic(toExamples(data.spam), dim, learn),
  };
  const names: HeadName[] = [...HEADS];
  if (data.stance) {
    trained.stance = nb && nbStance ? trainNb(toExamples(data.stance), 1) : trainLogistic(toExamples(data.stance), dim, learn);
    names.push('stance');
  }

  const H = names.length;
  const weights = new Int16Array(dim * H);
  const heads: HeadHeader[] = names.map((name, h) => {
    const t = trained[name];
    if (!t) throw new Error(`head ${name} not trained`);
    const w = t.w;
    let max = 1e-9;
    for (let i = 0; i < dim; i++) max = Math.max(max, Math.abs(w[i]));
    const scale = max / 32767;
    for (let i = 0; i < dim; i++) weights[i * H + h] = Math.round(w[i] / scale);
    const head: HeadHeader = { name, bias: t.bias, scale, plattA: 1, plattB: 0 };
    if (name === 'stance') head.gate = data.stanceGate ?? 0;
    return head;
  });

  const header: ModelHeader = {
    format: 'shenhe-classifier/1',
    version: config.version,
    features: config.features,
    heads,
    foldFrom: String.fromCharCode(...config.fold.map((p) => p[0])),
    foldTo: String.fromCharCode(...config.fold.map((p) => p[1])),
    training: config.training,
  };
  const parts: ModelParts = { header, weights };
  const uncalibrated = new LinearTextModel(parts, cut);
  // Calibrate on the quantised model so the threshold matches what ships.
  const z = new Float64Array(H);
  const calibrate = (items: LabelledText[], h: number): { a: number; b: number } => {
    const zs = new Float64Array(items.length);
    const ys = new Float64Array(items.length);
    items.forEach((x, i) => {
      uncalibrated.margins(x.text, z);
      zs[i] = z[h];
      ys[i] = x.label;
    });
    return fitPlatt(zs, ys);
  };
  const off = calibrate(data.calibrateOffensive, HEADS.indexOf('offensive'));
  const sp = calibrate(data.calibrateSpam, HEADS.indexOf('spam'));
  heads[HEADS.indexOf('offensive')].plattA = off.a;
  heads[HEADS.indexOf('offensive')].plattB = off.b;
  heads[HEADS.indexOf('spam')].plattA = sp.a;
  heads[HEADS.indexOf('spam')].plattB = sp.b;
  return new LinearTextModel(parts, cut);
}

/**
 * NB log-count ratios (NBSVM) per bucket over binarised documents: r = log((p/|p|₁)/(q/|q|₁)) with
 * p = alpha + Σ over offensive documents of 1[bucket present] (q likewise over safe ones). Returns the
 * per-bucket value scale (1 − beta) + beta·|r|: with zero-initialised weights the sign of the scale does
 * not change what is learned (w_j·s_j is), only its magnitude does (a per-bucket step and L2 prior).
 */
export function nbRatios(examples: Example[], dim: number, alpha: number, beta: number, weighted: boolean, power = 1): Float32Array {
  const p = new Float64Array(dim).fill(alpha);
  const q = new Float64Array(dim).fill(alpha);
  const seen = new Int32Array(dim).fill(-1);
  examples.forEach((ex, e) => {
    const t = ex.y === 1 ? p : q;
    for (let i = 0; i < ex.idx.length; i++) {
      const j = ex.idx[i];
      if (seen[j] === e) continue;
      seen[j] = e;
      t[j] += weighted ? ex.weight : 1;
    }
  });
  let sp = 0;
  let sq = 0;
  for (let j = 0; j < dim; j++) {
    sp += p[j];
    sq += q[j];
  }
  const out = new Float32Array(dim);
  for (let j = 0; j < dim; j++) out[j] = 1 - beta + beta * Math.abs(Math.log(p[j] / sp / (q[j] / sq))) ** power;
  return out;
}
