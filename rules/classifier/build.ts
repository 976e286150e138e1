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
import type { Category } from '../categories';
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
  /** Reporting heads (cls-8 on), after the core heads in this order. */
  reporting?: ReportingHeadData[];
  /**
   * Caps on a group's false alarms, applied after Platt scaling and the heads' own guards: if more than
   * `maxFlagged` of the texts reach 0.5 on any head of the group, every head of the group has its
   * calibrated logit lowered by the same amount until no more than that share does. (One shift for the
   * whole group keeps the heads comparable, so the likeliest family still names the label.)
   */
  groupGuards?: Array<{ group: string; texts: string[]; maxFlagged: number }>;
}

/**
 * A head that predict() reports as its own finding (HeadHeader.category), e.g. harm; or, with `labelFor`,
 * one that only names the finding of that group (HeadHeader.labelFor; not calibrated, no category).
 */
export interface ReportingHeadData {
  name: string;
  category?: Category;
  label: string;
  group?: string;
  labelFor?: string;
  /** Learner settings of this head (default: the model's, without NB weighting). */
  learn?: Partial<LearnOptions>;
  train: Array<LabelledText & { weight?: number }>;
  /** Platt scaling set: 0.5 is the decision threshold on it (reporting heads only). */
  calibrate?: LabelledText[];
  /**
   * After Platt scaling, for each guard: if more than `maxFlagged` of its ordinary texts score ≥ 0.5, the
   * threshold is raised (plattB lowered) until no more than that share does — a cap on false alarms that
   * the calibration set's class balance cannot guarantee by itself. Guards only ever raise the threshold.
   */
  guards?: Array<{ texts: string[]; maxFlagged: number }>;
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
  // `own`: a reporting head's settings over the model's, NB weighting only if it asks for it.
  const trainNb = (examples: Example[], bags: number, own?: Partial<LearnOptions>): { w: Float32Array; bias: number } => {
    const opts: LearnOptions = { ...learn, ...own, normPower: learn.normPower };
    const ratios = own ? own.nb : nb;
    const scale = ratios ? nbRatios(examples, dim, ratios.alpha, ratios.beta, ratios.weighted ?? false, ratios.power ?? 1) : undefined;
    const out = trainLogistic(examples, dim, opts, scale);
    for (let b = 1; b < bags; b++) {
      const more = trainLogistic(examples, dim, { ...opts, seed: opts.seed + 1000 * b }, scale);
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
  const trained: Record<string, { w: Float32Array; bias: number } | undefined> = {
    offensive,
    ethnic: trainLogistic(toExamples(data.topic), dim, learn),
    spam: trainLogistic(toExamples(data.spam), dim, learn),
  };
  const names: HeadName[] = [...HEADS];
  if (data.stance) {
    trained.stance = nb && nbStance ? trainNb(toExamples(data.stance), 1) : trainLogistic(toExamples(data.stance), dim, learn);
    names.push('stance');
  }
  const reporting = data.reporting ?? [];
  for (const r of reporting) {
    if (names.includes(r.name)) throw new Error(`duplicate head ${r.name}`);
    trained[r.name] = r.learn ? trainNb(toExamples(r.train), r.learn.bag ?? 1, r.learn) : trainLogistic(toExamples(r.train), dim, learn);
    names.push(r.name);
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
    const r = reporting.find((x) => x.name === name);
    if (r) {
      if (r.category !== undefined) head.category = r.category;
      head.label = r.label;
      if (r.group !== undefined) head.group = r.group;
      if (r.labelFor !== undefined) head.labelFor = r.labelFor;
    }
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
  for (const r of reporting) {
    if (r.category === undefined || !r.calibrate) continue;
    const h = names.indexOf(r.name);
    const { a, b } = calibrate(r.calibrate, h);
    heads[h].plattA = a;
    let bias = b;
    if (a > 0) for (const g of r.guards ?? []) bias = guardedBias(a, bias, margins(g.texts, h), g.maxFlagged);
    heads[h].plattB = bias;
  }
  for (const g of data.groupGuards ?? []) {
    const members = heads.map((x, i) => ({ x, i })).filter(({ x }) => x.category !== undefined && (x.group ?? x.name) === g.group);
    if (members.length === 0) throw new Error(`no head in group ${g.group}`);
    // The group's calibrated logit per text is the largest of its heads'; the shift puts 0.5 above all but maxFlagged of them.
    const logits = new Float64Array(g.texts.length).fill(-Infinity);
    for (const { x, i } of members) {
      const m = margins(g.texts, i);
      for (let t = 0; t < m.length; t++) logits[t] = Math.max(logits[t], x.plattA * m[t] + x.plattB);
    }
    const shift = -guardedBias(1, 0, logits, g.maxFlagged);
    if (shift > 0) for (const { x } of members) x.plattB -= shift;
  }
  return new LinearTextModel(parts, cut);

  function margins(texts: string[], h: number): Float64Array {
    const out = new Float64Array(texts.length);
    texts.forEach((t, i) => {
      uncalibrated.margins(t, z);
      out[i] = z[h];
    });
    return out;
  }
}

/**
 * The Platt intercept, lowered if needed so that at most `maxFlagged` of the guard margins reach 0.5
 * (a·z + b ≥ 0): the new threshold sits halfway between the last margin allowed and the first one not.
 */
export function guardedBias(a: number, b: number, guard: Float64Array, maxFlagged: number): number {
  const sorted = Float64Array.from(guard).sort().reverse();
  const allowed = Math.floor(maxFlagged * sorted.length);
  if (allowed >= sorted.length) return b;
  const first = sorted[allowed];
  if (a * first + b < 0) return b;
  const last = allowed > 0 ? sorted[allowed - 1] : first + 1;
  const threshold = last > first ? (first + last) / 2 : first + 1e-6;
  return -a * threshold;
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
