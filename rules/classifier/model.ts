/*
 * The linear model and its file format. Pure: parsing takes bytes, prediction takes a string; the file
 * is read once by index.ts.
 *
 * File layout: "SHCL" | u32 LE header length | header JSON (UTF-8) | zero padding to a multiple of 4 |
 * i16 LE weights, interleaved by bucket (bucket * heads + head) so one pass over a text's features
 * scores every head while touching one cache line per feature.
 */
import type { Category } from '../categories';
import type { Prediction, TextModel } from './types';
import { FeatureExtractor, type Cutter, type FeatureOptions } from './features';
import { Folder } from './normalise';

export const MAGIC = 'SHCL';

/** The heads predict() combines by name; any other head must say what it reports (HeadHeader.category). */
export type CoreHeadName = 'offensive' | 'ethnic' | 'spam' | 'stance';
/** A head's name: a core head, or any name of a reporting head (cls-8: harm-violence, harm-drugs, …). */
export type HeadName = CoreHeadName | (string & {});
/** Heads every model has; a model may add 'stance' and reporting heads (see LinearTextModel.predict). */
export const HEADS: CoreHeadName[] = ['offensive', 'ethnic', 'spam'];

export interface HeadHeader {
  name: HeadName;
  /** Raw margin is bias + scale * Σ q[i] / sqrt(n) (n^normPower when the features set it); q are the stored int16 weights. */
  bias: number;
  scale: number;
  /** Platt scaling of the raw margin: p = σ(a·z + b), fitted so that p = 0.5 is the decision threshold. */
  plattA: number;
  plattB: number;
  /**
   * Stance head only: how much an "opposes discrimination" probability s may remove from the offensive
   * score, p' = p·(1 − gate·s). It can only lower the score, never raise it.
   */
  gate?: number;
  /**
   * Reporting head (cls-8 on): predict() reports its calibrated score as this category and label, e.g.
   * obscene_violent / violence. The reporting heads of one `group` make one finding, scored by the
   * likeliest of them. Models before cls-8 have none.
   */
  category?: Category;
  label?: string;
  group?: string;
  /**
   * Label head: takes part in naming the finding of group `labelFor` — the finding gets the `label` of
   * the label head with the largest raw margin (no calibration: only the order matters). A group
   * without label heads is labelled by its likeliest reporting head.
   */
  labelFor?: string;
}

export interface ModelHeader {
  format: 'shenhe-classifier/1';
  version: string;
  /** Models before cls-6 recorded their creation time; cls-6 leaves it out so the file is reproducible. */
  created?: string;
  features: FeatureOptions;
  heads: HeadHeader[];
  /** Traditional→simplified folds as two equal-length strings (from[i] → to[i]). */
  foldFrom: string;
  foldTo: string;
  /** Free-form provenance: training command, data, figures. */
  training: Record<string, unknown>;
}

export interface ModelParts {
  header: ModelHeader;
  weights: Int16Array;
}

export function encodeModel(parts: ModelParts): Buffer {
  const json = Buffer.from(JSON.stringify(parts.header), 'utf8');
  const pre = 8 + json.length;
  const pad = (4 - (pre % 4)) % 4;
  const out = Buffer.alloc(pre + pad + parts.weights.length * 2);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(json.length, 4);
  json.copy(out, 8);
  const w = parts.weights;
  let o = pre + pad;
  for (let i = 0; i < w.length; i++, o += 2) out.writeInt16LE(w[i], o);
  return out;
}

export function decodeModel(bytes: Uint8Array): ModelParts {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 8 || buf.toString('latin1', 0, 4) !== MAGIC) throw new Error('not a shenhe classifier model');
  const len = buf.readUInt32LE(4);
  const header = JSON.parse(buf.toString('utf8', 8, 8 + len)) as ModelHeader;
  if (header.format !== 'shenhe-classifier/1') throw new Error(`unsupported model format ${String(header.format)}`);
  const pre = 8 + len;
  const start = pre + ((4 - (pre % 4)) % 4);
  const count = (1 << header.features.bits) * header.heads.length;
  if (buf.length < start + count * 2) throw new Error('model file is truncated');
  const weights = new Int16Array(count);
  for (let i = 0, o = start; i < count; i++, o += 2) weights[i] = buf.readInt16LE(o);
  return { header, weights };
}

export function foldPairs(header: ModelHeader): Array<[number, number]> {
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < header.foldFrom.length; i++) pairs.push([header.foldFrom.charCodeAt(i), header.foldTo.charCodeAt(i)]);
  return pairs;
}

/** Raw margins for every head, for training-time evaluation and calibration. */
export interface Scorer {
  margins(text: string, out: Float64Array): number;
}

export class LinearTextModel implements TextModel, Scorer {
  readonly version: string;
  readonly header: ModelHeader;
  /** The stored int16 weights (kept so training can write the model it evaluated). */
  readonly quantised: Int16Array;
  /** The stored int16 weights, interleaved by bucket; each head's sum is scaled once (scale below). */
  private readonly w: Int16Array;
  private readonly scale: Float64Array;
  private readonly h: number;
  private readonly folder: Folder;
  private readonly fx: FeatureExtractor;
  private readonly z: Float64Array;
  private readonly off: number;
  private readonly eth: number;
  private readonly spam: number;
  /** Index of the stance head, -1 when the model has none. */
  private readonly stance: number;
  private readonly gate: number;
  /** Value per feature occurrence is n^−normPower (FeatureOptions.normPower, 0.5 when absent). */
  private readonly normPower: number;
  /** Findings of the reporting heads (HeadHeader.category) by group: reporting and label head indices. */
  private readonly groups: Array<{ report: number[]; label: number[] }>;
  /** Heads before the first label head: what primaryMargins computes. */
  private readonly primary: number;

  constructor(parts: ModelParts, cut: Cutter | null) {
    const { header, weights } = parts;
    this.header = header;
    this.quantised = weights;
    this.version = header.version;
    this.h = header.heads.length;
    // A head's margin is scale · Σ w over the text's buckets, so the int16 weights are summed as stored and
    // scaled once per head: no float copy of the weights (13 heads × 2^20 buckets would be 54 MB a process).
    this.w = weights;
    this.scale = Float64Array.from(header.heads, (x) => x.scale);
    this.folder = new Folder(foldPairs(header));
    this.fx = new FeatureExtractor(header.features, cut);
    this.off = header.heads.findIndex((x) => x.name === 'offensive');
    this.eth = header.heads.findIndex((x) => x.name === 'ethnic');
    this.spam = header.heads.findIndex((x) => x.name === 'spam');
    this.stance = header.heads.findIndex((x) => x.name === 'stance');
    this.gate = this.stance >= 0 ? Math.min(1, Math.max(0, header.heads[this.stance].gate ?? 0)) : 0;
    this.z = new Float64Array(this.h);
    this.normPower = header.features.normPower ?? 0.5;
    if (this.off < 0 || this.eth < 0 || this.spam < 0) throw new Error('model lacks a head');
    const byGroup = new Map<string, { report: number[]; label: number[] }>();
    const groupOf = (key: string) => {
      let g = byGroup.get(key);
      if (!g) byGroup.set(key, (g = { report: [], label: [] }));
      return g;
    };
    header.heads.forEach((x, i) => {
      if (x.category !== undefined) groupOf(x.group ?? x.name).report.push(i);
      else if (x.labelFor !== undefined) groupOf(x.labelFor).label.push(i);
    });
    this.groups = [...byGroup.values()].filter((g) => g.report.length > 0);
    const firstLabel = header.heads.findIndex((x) => x.labelFor !== undefined);
    this.primary = firstLabel < 0 ? this.h : firstLabel;
    // primaryMargins stops at the first label head, so every reporting head must come before it.
    if (header.heads.some((x, i) => i >= this.primary && x.labelFor === undefined)) throw new Error('label heads must come last');
  }

  /** Fills out[head] with the uncalibrated margin; returns the feature count (0: nothing to judge). */
  margins(text: string, out: Float64Array): number {
    const n = this.primaryMargins(text, out);
    this.labelMargins(n, out);
    return n;
  }

  /**
   * Margins of the heads before the first label head (HeadHeader.labelFor) only; the label heads are
   * left for labelMargins, which prediction calls only when a finding is likely enough to need a name.
   */
  private primaryMargins(text: string, out: Float64Array): number {
    const folded = this.folder.fold(typeof text === 'string' ? text : String(text));
    const n = this.fx.extract(folded);
    const idx = this.fx.idx;
    const w = this.w;
    const H = this.h;
    const P = this.primary;
    for (let j = 0; j < H; j++) out[j] = 0;
    if (H === 3) {
      let a = 0;
      let b = 0;
      let c = 0;
      for (let i = 0; i < n; i++) {
        const base = idx[i] * 3;
        a += w[base];
        b += w[base + 1];
        c += w[base + 2];
      }
      out[0] = a;
      out[1] = b;
      out[2] = c;
    } else if (H === 4) {
      let a = 0;
      let b = 0;
      let c = 0;
      let d = 0;
      for (let i = 0; i < n; i++) {
        const base = idx[i] << 2;
        a += w[base];
        b += w[base + 1];
        c += w[base + 2];
        d += w[base + 3];
      }
      out[0] = a;
      out[1] = b;
      out[2] = c;
      out[3] = d;
    } else {
      for (let i = 0; i < n; i++) {
        const base = idx[i] * H;
        for (let j = 0; j < P; j++) out[j] += w[base + j];
      }
    }
    this.finish(out, n, 0, P);
    return n;
  }

  /** The label heads' margins over the features of the last primaryMargins call (n of them). */
  private labelMargins(n: number, out: Float64Array): void {
    const H = this.h;
    if (this.primary === H) return;
    const idx = this.fx.idx;
    const w = this.w;
    for (let i = 0; i < n; i++) {
      const base = idx[i] * H;
      for (let j = this.primary; j < H; j++) out[j] += w[base + j];
    }
    this.finish(out, n, this.primary, H);
  }

  /** Heads [from, to): the summed int16 weights of n features → scaled, normalised margin plus bias. */
  private finish(out: Float64Array, n: number, from: number, to: number): void {
    const norm = n > 0 ? (this.normPower === 0.5 ? 1 / Math.sqrt(n) : n ** -this.normPower) : 0;
    for (let j = from; j < to; j++) out[j] = out[j] * this.scale[j] * norm + this.header.heads[j].bias;
  }

  predict(text: string): Prediction[] {
    const z = this.z;
    const n = this.primaryMargins(text, z);
    const heads = this.header.heads;
    if (n === 0) {
      return [
        { category: 'ethnic_hatred', score: 0 },
        { category: 'fraud_insult', label: 'insult', score: 0 },
        { category: 'advertising', label: 'spam', score: 0 },
        ...this.groups.map((g) => reported(heads[g.report[0]], heads[g.label[0] ?? g.report[0]].label, 0)),
      ];
    }
    const ho = heads[this.off];
    const hs = heads[this.spam];
    let pOff = sigmoid(ho.plattA * z[this.off] + ho.plattB);
    // The stance head ("this opposes discrimination") can only take score away, never add it.
    if (this.stance >= 0 && this.gate > 0) pOff *= 1 - this.gate * sigmoid(z[this.stance]);
    const t = sigmoid(z[this.eth]);
    const pSpam = sigmoid(hs.plattA * z[this.spam] + hs.plattB);
    // The topic head only splits the offensive score between the two categories: whichever topic is
    // likelier keeps the full score, so max(ethnic, insult) is always the calibrated offensive score.
    const out: Prediction[] = [
      { category: 'ethnic_hatred', score: pOff * Math.min(1, 2 * t) },
      { category: 'fraud_insult', label: 'insult', score: pOff * Math.min(1, 2 * (1 - t)) },
      { category: 'advertising', label: 'spam', score: pSpam },
    ];
    let labelled = false;
    for (const g of this.groups) {
      let best = g.report[0];
      let pBest = -1;
      for (const j of g.report) {
        const p = sigmoid(heads[j].plattA * z[j] + heads[j].plattB);
        if (p > pBest) {
          pBest = p;
          best = j;
        }
      }
      let label = heads[best].label;
      // Naming a finding far below the threshold is not worth a second pass over the features.
      if (g.label.length > 0 && pBest >= LABEL_FROM) {
        if (!labelled) this.labelMargins(n, z);
        labelled = true;
        let zBest = -Infinity;
        for (const j of g.label) {
          if (z[j] > zBest) {
            zBest = z[j];
            label = heads[j].label;
          }
        }
      }
      out.push(reported(heads[best], label, pBest));
    }
    return out;
  }
}

/** A reporting head's finding (HeadHeader.category). */
function reported(head: HeadHeader, label: string | undefined, score: number): Prediction {
  const p: Prediction = { category: head.category ?? 'obscene_violent', score };
  if (label !== undefined) p.label = label;
  return p;
}

/**
 * A finding scored below this gets its group's default label (its reporting head's) without the label
 * heads being computed; from here on, the label heads name it. Far below the 0.5 threshold on purpose,
 * so any finding a consumer sees (≥ 0.5) is named by the label heads.
 */
export const LABEL_FROM = 0.05;

export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}
