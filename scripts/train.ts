/*
 * npm run train [-- --ablate]
 *
 * Trains the classifier from COLD train (+ SWSR + the hand-written examples), calibrates on COLD dev,
 * and writes rules/model/classifier.bin with its version, command and figures in the header.
 * `--ablate` trains every variant of the ladder and prints what each addition does; nothing is written.
 * Data: ../shared/datasets (override with SHENHE_DATASETS_DIR).
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Converter } from 'opencc-js';
import type { BuildData } from '../rules/classifier/build';
import { buildModel } from '../rules/classifier/build';
import { datasetsDir, holdOut, readCold, readSms, readSwsr, type LabelledText } from '../rules/classifier/data';
import { COUNTER_SPEECH, NEUTRAL_MENTIONS, OBVIOUS_INSULTS } from '../rules/classifier/eval-slices';
import { HELDOUT_ATTACK, HELDOUT_COUNTER, HELDOUT_NEUTRAL } from '../rules/classifier/heldout';
import { HELDOUT3_ATTACK, HELDOUT3_COUNTER, HELDOUT3_NEUTRAL } from '../rules/classifier/heldout-v3';
import { HELDOUT4_ATTACK, HELDOUT4_COUNTER, HELDOUT4_NEUTRAL } from '../rules/classifier/heldout-v4';
import { evaluate, f3, flaggedRate, itemsPerSecond, offensiveScore, pct, spamScore } from '../rules/classifier/evaluate';
import { extraOffensiveExamples, extraSpamExamples, extraV2Examples } from '../rules/classifier/extra';
import { extraV3aExamples } from '../rules/classifier/extra-v3a';
import { extraV3bExamples } from '../rules/classifier/extra-v3b';
import { extraV6Examples } from '../rules/classifier/extra-v6';
import type { FeatureOptions } from '../rules/classifier/features';
import { assertNoLeak, withoutLeaks } from '../rules/classifier/heldout';
import { coldKey, coldReviews } from '../rules/classifier/cold-reviewed';

/** v3 examples sharing more than this share of a held-out text's trigrams are dropped (stricter than assertNoLeak's 0.6). */
const V3_MAX_SHARE = 0.4;
import { DISCUSSES_BIAS, opposesBias } from '../rules/classifier/stance';
import { jiebaCutter } from '../rules/classifier/index';
import type { LearnOptions } from '../rules/classifier/learner';
import { encodeModel, type LinearTextModel } from '../rules/classifier/model';
import { Folder, type FoldPairs } from '../rules/classifier/normalise';
import type { Prediction, TextModel } from '../rules/classifier/types';

export const MODEL_VERSION_BASE = 'cls-5';

export interface Variant {
  name: string;
  features: FeatureOptions;
  swsr: boolean;
  extra: boolean;
  extraWeight: number;
  /** Weight of COLD train items labelled offensive that talk about discrimination (see buildData). */
  discWeight: number;
  learn: LearnOptions;
  /** COLD train items the stance rule (stance.ts opposesBias) calls anti-bias: keep, relabel 0, or drop. */
  relabel?: 'keep' | 'flip' | 'drop';
  /** v2 hand-written examples (extra.ts extraV2Examples), at extraWeight. */
  extraV2?: boolean;
  /** Train a stance head and let it lower the offensive score by up to this share (0: no head). */
  stanceGate?: number;
  /** Weight multiplier of the stance head's positive ("opposes discrimination") examples. */
  stancePosWeight?: number;
  /**
   * COLD train comments labelled offensive that talk about bias, read one by one (cold-reviewed.ts):
   * those judged anti-bias or neutral are relabelled safe ('flip') or dropped ('drop'); those judged
   * offensive keep label 1 at full weight (not discWeight).
   */
  reviewed?: 'flip' | 'drop';
  /** v3 naturalistic hand-written examples (extra-v3a.ts, extra-v3b.ts, two more authors) at this weight (0: none). */
  v3Weight?: number;
  /**
   * Quote invariance: offensive training texts are added again wrapped in quotation marks, and
   * counter-speech again with its quotation marks removed (weights scaled by this; 0: off). Most
   * hand-written counter-speech quotes the stereotype it rejects, so without this the model learns
   * "quotation marks ⇒ safe" and an attack in quotes gets through.
   */
  quoteAugment?: number;
  /** Weight of the SWSR training comments in the offensive head (default 1). */
  swsrWeight?: number;
  /**
   * Ensemble (ablation only): the variant's model and these members, each trained and calibrated on its
   * own, score by averaging their calibrated predictions category by category.
   */
  ensemble?: Variant[];
  /** Add SWSR's SexHateLex (read at training time, stored in the model header) as FeatureOptions.tokenLexicon. */
  sexHateLex?: boolean;
  /**
   * SWSR domain copy: SWSR training comments get their features again in a namespace of their own in the
   * offensive head (training only; prediction never emits it), so what is peculiar to SWSR's data and
   * labelling is absorbed by the copy instead of the shared weights.
   */
  swsrCopy?: boolean;
  /** v6 abbreviation/regional-slur examples (extra-v6.ts) at this weight (0: none). */
  v6Weight?: number;
  /** Class weight: every offensive-head training item labelled 1 has its weight multiplied by this (default 1). */
  positiveWeight?: number;
}

/** Averages the members' calibrated predictions (same categories, same order). */
export class AveragedModel implements TextModel {
  readonly version: string;
  constructor(private readonly members: TextModel[]) {
    this.version = members.map((m) => m.version).join(' + ');
  }
  predict(text: string): Prediction[] {
    const out = this.members[0].predict(text).map((p) => ({ ...p }));
    for (let m = 1; m < this.members.length; m++) {
      const q = this.members[m].predict(text);
      for (let i = 0; i < out.length; i++) out[i].score += q[i].score;
    }
    for (const p of out) p.score /= this.members.length;
    return out;
  }
}

const LEARN: LearnOptions = { epochs: 6, lr: 0.2, l2: 1e-6, seed: 7 };
const CHARS: FeatureOptions = { bits: 20, charOrders: [1, 2, 3], words: false, wordBigrams: false, cues: false };
const WORDS: FeatureOptions = { ...CHARS, words: true, wordBigrams: true };
const CUES: FeatureOptions = { ...WORDS, cues: true };
const LEX: FeatureOptions = { ...CUES, lexicon: true };
const NOJIEBA: FeatureOptions = { ...LEX, words: false, wordBigrams: false };

export const VARIANTS: Variant[] = [
  { name: 'chars', features: CHARS, swsr: false, extra: false, extraWeight: 1, discWeight: 1, learn: LEARN },
  { name: '+words', features: WORDS, swsr: false, extra: false, extraWeight: 1, discWeight: 1, learn: LEARN },
  { name: '+cues', features: CUES, swsr: false, extra: false, extraWeight: 1, discWeight: 1, learn: LEARN },
  { name: '+swsr', features: CUES, swsr: true, extra: false, extraWeight: 1, discWeight: 1, learn: LEARN },
  { name: '+extra', features: CUES, swsr: true, extra: true, extraWeight: 1, discWeight: 1, learn: LEARN },
];
VARIANTS.push(
  { name: '+lexicon', features: LEX, swsr: true, extra: true, extraWeight: 1, discWeight: 1, learn: LEARN },
  { name: '+extra x3', features: LEX, swsr: true, extra: true, extraWeight: 3, discWeight: 1, learn: LEARN },
  { name: '+disc 0.3', features: LEX, swsr: true, extra: true, extraWeight: 3, discWeight: 0.3, learn: LEARN },
  { name: '+disc 0.1', features: LEX, swsr: true, extra: true, extraWeight: 3, discWeight: 0.1, learn: LEARN },
  { name: 'no jieba (char cues)', features: NOJIEBA, swsr: true, extra: true, extraWeight: 3, discWeight: 0.3, learn: LEARN },
  { name: 'no jieba, char 1-4', features: { ...NOJIEBA, charOrders: [1, 2, 3, 4] }, swsr: true, extra: true, extraWeight: 3, discWeight: 0.3, learn: LEARN },
  { name: 'extra x10 disc 0.3', features: LEX, swsr: true, extra: true, extraWeight: 10, discWeight: 0.3, learn: LEARN },
  { name: 'extra x10 disc 0.3 l2 1e-5', features: LEX, swsr: true, extra: true, extraWeight: 10, discWeight: 0.3, learn: { ...LEARN, l2: 1e-5 } },
  { name: 'extra x10 disc 0.3 3ep', features: LEX, swsr: true, extra: true, extraWeight: 10, discWeight: 0.3, learn: { ...LEARN, epochs: 3 } },
);
const V1: Variant = VARIANTS[9];
VARIANTS.push(
  { ...V1, name: 'v2: +stance relabel (flip)', relabel: 'flip' },
  { ...V1, name: 'v2: +stance relabel (drop)', relabel: 'drop' },
  { ...V1, name: 'v2: +extra v2', relabel: 'flip', extraV2: true },
  { ...V1, name: 'v2: +stance head gate 0.5', relabel: 'flip', extraV2: true, stanceGate: 0.5 },
  { ...V1, name: 'v2: +stance head gate 0.8', relabel: 'flip', extraV2: true, stanceGate: 0.8 },
  { ...V1, name: 'v2: drop +extra v2', relabel: 'drop', extraV2: true },
  { ...V1, name: 'v2: drop +extra v2 +gate 0.8', relabel: 'drop', extraV2: true, stanceGate: 0.8 },
  { ...V1, name: 'v2: drop +extra v2 x6 +gate 0.8', relabel: 'drop', extraV2: true, extraWeight: 6, stanceGate: 0.8 },
  { ...V1, name: 'v2: flip +extra v2 x6 +gate 0.8', relabel: 'flip', extraV2: true, extraWeight: 6, stanceGate: 0.8 },
);
const V2BASE: Variant = { ...V1, relabel: 'drop', extraV2: true, stanceGate: 0.8, name: '' };
const LEX2: FeatureOptions = { ...NOJIEBA, lexicon2: true };
const META: FeatureOptions = { ...LEX2, metaCues: true };
VARIANTS.push(
  { ...V2BASE, name: 'v2: +lexicon v2', features: LEX2 },
  { ...V2BASE, name: 'v2: +meta cues', features: META },
  { ...V2BASE, name: 'v2: +meta cues x6', features: META, extraWeight: 6 },
  { ...V2BASE, name: 'v2: +meta cues gate 1', features: META, stanceGate: 1 },
  { ...V2BASE, name: 'v2: +critique cues, reported speech', features: META, stanceGate: 1 },
  { ...V2BASE, name: 'v2: +critique cues x6', features: META, stanceGate: 1, extraWeight: 6 },
  { ...V2BASE, name: 'v2: cue repeat 3', features: { ...META, cueRepeat: 3 }, stanceGate: 1 },
  { ...V2BASE, name: 'v2: cue repeat 3 x6', features: { ...META, cueRepeat: 3 }, stanceGate: 1, extraWeight: 6 },
  { ...V2BASE, name: 'v2: stance positives x3', features: { ...META, cueRepeat: 3 }, stanceGate: 1, extraWeight: 6, stancePosWeight: 3 },
  { ...V2BASE, name: 'v2: stance positives x3, extra x3', features: { ...META, cueRepeat: 3 }, stanceGate: 1, stancePosWeight: 3 },
);
const V2FINAL = VARIANTS[VARIANTS.length - 1];
VARIANTS.push(
  { ...V2FINAL, name: 'v3: +v3 examples x1', v3Weight: 1 },
  { ...V2FINAL, name: 'v3: +v3 examples x3', v3Weight: 3 },
  { ...V2FINAL, name: 'v3: +v3 examples x6', v3Weight: 6 },
  { ...V2FINAL, name: 'v3: +v3 examples x3, quote augment 1', v3Weight: 3, quoteAugment: 1 },
  { ...V2FINAL, name: 'v3: +v3 examples x3, quote augment 0.5', v3Weight: 3, quoteAugment: 0.5 },
  { ...V2FINAL, name: 'v3: +v3 examples x1, drop quotes', v3Weight: 1, features: { ...V2FINAL.features, dropQuotes: true } },
  { ...V2FINAL, name: 'v3: +v3 examples x3, drop quotes', v3Weight: 3, features: { ...V2FINAL.features, dropQuotes: true } },
  { ...V2FINAL, name: 'v3: +v3 examples x6, drop quotes', v3Weight: 6, features: { ...V2FINAL.features, dropQuotes: true } },
  { ...V2FINAL, name: 'v3: +v3 examples x3, drop quotes, stance x6', v3Weight: 3, stancePosWeight: 6, features: { ...V2FINAL.features, dropQuotes: true } },
  {
    ...V2FINAL,
    name: 'v3: +v3 examples x3, drop quotes, char 1-4',
    v3Weight: 3,
    features: { ...V2FINAL.features, dropQuotes: true, charOrders: [1, 2, 3, 4] },
  },
  {
    ...V2FINAL,
    name: 'v3: +v3 examples x3, drop quotes, 10 epochs',
    v3Weight: 3,
    features: { ...V2FINAL.features, dropQuotes: true },
    learn: { ...V2FINAL.learn, epochs: 10 },
  },
  { ...V2FINAL, name: 'v3: +v3 examples x3, drop quotes, gate 0.5', v3Weight: 3, stanceGate: 0.5, features: { ...V2FINAL.features, dropQuotes: true } },
  { ...V2FINAL, name: 'v3: +v3 examples x3, drop quotes, no stance head', v3Weight: 3, stanceGate: 0, features: { ...V2FINAL.features, dropQuotes: true } },
  { ...V2FINAL, name: 'v3: +v3 examples x3, drop quotes, stance x1', v3Weight: 3, stancePosWeight: 1, features: { ...V2FINAL.features, dropQuotes: true } },
);
const V3FINAL = VARIANTS.find((x) => x.name === 'v3: +v3 examples x3, drop quotes') as Variant;
VARIANTS.push(
  { ...V3FINAL, name: 'v4: reviewed COLD flip', reviewed: 'flip' },
  { ...V3FINAL, name: 'v4: reviewed COLD drop', reviewed: 'drop' },
  { ...V3FINAL, name: 'v4: reviewed COLD flip, v3 examples x1', reviewed: 'flip', v3Weight: 1 },
  { ...V3FINAL, name: 'v4: reviewed COLD flip, no stance head', reviewed: 'flip', stanceGate: 0 },
  { ...V3FINAL, name: 'v4: reviewed COLD flip, gate 0.5', reviewed: 'flip', stanceGate: 0.5 },
  { ...V3FINAL, name: 'v4: reviewed COLD flip, gate 0.3', reviewed: 'flip', stanceGate: 0.3 },
  { ...V3FINAL, name: 'v4: reviewed COLD flip, gate 0.7', reviewed: 'flip', stanceGate: 0.7 },
  { ...V3FINAL, name: 'v4: reviewed COLD flip, gate 0.5, v3 examples x1', reviewed: 'flip', stanceGate: 0.5, v3Weight: 1 },
  { ...V3FINAL, name: 'v4: reviewed COLD flip, gate 0.5, v3 examples x6', reviewed: 'flip', stanceGate: 0.5, v3Weight: 6 },
  { ...V3FINAL, name: 'v4: reviewed COLD flip, gate 0.5, stance x1', reviewed: 'flip', stanceGate: 0.5, stancePosWeight: 1 },
  { ...V3FINAL, name: 'v4: gate 0.5, +jieba words', reviewed: 'flip', stanceGate: 0.5, features: { ...V3FINAL.features, words: true, wordBigrams: true } },
  { ...V3FINAL, name: 'v4: gate 0.5, char 1-4', reviewed: 'flip', stanceGate: 0.5, features: { ...V3FINAL.features, charOrders: [1, 2, 3, 4] } },
  { ...V3FINAL, name: 'v4: gate 0.5, 2^21 buckets', reviewed: 'flip', stanceGate: 0.5, features: { ...V3FINAL.features, bits: 21 } },
);
const JIEBA = { ...V3FINAL.features, words: true, wordBigrams: true };
VARIANTS.push(
  { ...V3FINAL, name: 'v4: jieba, gate 0.7', reviewed: 'flip', stanceGate: 0.7, features: JIEBA },
  { ...V3FINAL, name: 'v4: jieba, gate 0.3', reviewed: 'flip', stanceGate: 0.3, features: JIEBA },
  { ...V3FINAL, name: 'v4: jieba, gate 0.5, 8 epochs', reviewed: 'flip', stanceGate: 0.5, features: JIEBA, learn: { ...V3FINAL.learn, epochs: 8 } },
  { ...V3FINAL, name: 'v4: jieba, gate 0.5, l2 1e-7', reviewed: 'flip', stanceGate: 0.5, features: JIEBA, learn: { ...V3FINAL.learn, l2: 1e-7 } },
  { ...V3FINAL, name: 'v4: jieba, gate 0.5, v3 examples x6', reviewed: 'flip', stanceGate: 0.5, features: JIEBA, v3Weight: 6 },
);
const V4FINAL = VARIANTS.find((x) => x.name === 'v4: gate 0.5, +jieba words') as Variant;
/* v5 (see README "v5"): the learner, NB weighting, ensembles, and a bias-talk copy of the features. */
const L4 = V4FINAL.learn;
const NB = (alpha: number, beta: number, more: Partial<LearnOptions> = {}, weighted = false): LearnOptions => ({
  ...L4,
  ...more,
  nb: { alpha, beta, weighted },
});
const NB05: Variant = { ...V4FINAL, name: 'v5: NB alpha 1, beta 0.5', learn: NB(1, 0.5) };
const F4 = V4FINAL.features;
const F5 = NB05.features;
const COPY: FeatureOptions = { ...F5, biasTalkCopy: true };
const COPY_NGRAMS: FeatureOptions = { ...F5, biasTalkCopy: 'ngrams' };
const CHAR24: FeatureOptions = { ...V3FINAL.features, charOrders: [2, 3, 4] };
VARIANTS.push(
  // Seed noise of the cls-4 recipe (shuffle order only).
  { ...V4FINAL, name: 'v5: cls-4, seed 8', learn: { ...L4, seed: 8 } },
  { ...V4FINAL, name: 'v5: cls-4, seed 9', learn: { ...L4, seed: 9 } },
  // Learner hyper-parameters.
  { ...V4FINAL, name: 'v5: lr 0.1', learn: { ...L4, lr: 0.1 } },
  { ...V4FINAL, name: 'v5: lr 0.4', learn: { ...L4, lr: 0.4 } },
  { ...V4FINAL, name: 'v5: 3 epochs', learn: { ...L4, epochs: 3 } },
  { ...V4FINAL, name: 'v5: 4 epochs', learn: { ...L4, epochs: 4 } },
  { ...V4FINAL, name: 'v5: l2 1e-5', learn: { ...L4, l2: 1e-5 } },
  { ...V4FINAL, name: 'v5: averaged SGD', learn: { ...L4, averageFrom: 0 } },
  { ...V4FINAL, name: 'v5: averaged SGD from epoch 3', learn: { ...L4, averageFrom: 3 } },
  { ...V4FINAL, name: 'v5: averaged SGD, 10 epochs', learn: { ...L4, averageFrom: 0, epochs: 10 } },
  { ...V4FINAL, name: 'v5: averaged SGD, lr 0.4', learn: { ...L4, averageFrom: 0, lr: 0.4 } },
  { ...V4FINAL, name: 'v5: bag 3 seeds', learn: { ...L4, bag: 3 } },
  { ...V4FINAL, name: 'v5: binary n-grams', features: { ...F4, binary: true } },
  // NB weighting: smoothing, interpolation, counting.
  { ...V4FINAL, name: 'v5: NB alpha 1', learn: NB(1, 1) },
  { ...V4FINAL, name: 'v5: NB alpha 1, seed 8', learn: NB(1, 1, { seed: 8 }) },
  { ...V4FINAL, name: 'v5: NB alpha 1, seed 9', learn: NB(1, 1, { seed: 9 }) },
  { ...V4FINAL, name: 'v5: NB alpha 0.5', learn: NB(0.5, 1) },
  { ...V4FINAL, name: 'v5: NB alpha 2', learn: NB(2, 1) },
  { ...V4FINAL, name: 'v5: NB alpha 5', learn: NB(5, 1) },
  { ...V4FINAL, name: 'v5: NB alpha 1, beta 0.75', learn: NB(1, 0.75) },
  NB05,
  { ...V4FINAL, name: 'v5: NB alpha 1, beta 0.5, seed 8', learn: NB(1, 0.5, { seed: 8 }) },
  { ...V4FINAL, name: 'v5: NB alpha 1, beta 0.5, seed 9', learn: NB(1, 0.5, { seed: 9 }) },
  { ...V4FINAL, name: 'v5: NB alpha 1, beta 0.25', learn: NB(1, 0.25) },
  { ...V4FINAL, name: 'v5: NB alpha 2, beta 0.5', learn: NB(2, 0.5) },
  { ...V4FINAL, name: 'v5: NB alpha 5, beta 0.5', learn: NB(5, 0.5) },
  { ...V4FINAL, name: 'v5: NB alpha 1, weighted', learn: NB(1, 1, {}, true) },
  { ...V4FINAL, name: 'v5: NB beta 0.75, weighted', learn: NB(1, 0.75, {}, true) },
  { ...V4FINAL, name: 'v5: NB beta 0.75, weighted, seed 8', learn: NB(1, 0.75, { seed: 8 }, true) },
  { ...V4FINAL, name: 'v5: NB beta 0.75, weighted, seed 9', learn: NB(1, 0.75, { seed: 9 }, true) },
  { ...V4FINAL, name: 'v5: NB alpha 1, beta 0.5, weighted', learn: NB(1, 0.5, {}, true) },
  { ...V4FINAL, name: 'v5: NB sqrt r', learn: { ...L4, nb: { alpha: 1, beta: 1, power: 0.5 } } },
  { ...V4FINAL, name: 'v5: NB sqrt r, seed 8', learn: { ...L4, seed: 8, nb: { alpha: 1, beta: 1, power: 0.5 } } },
  { ...V4FINAL, name: 'v5: NB beta 1, stance NB', learn: NB(1, 1, { nbStance: true }) },
  { ...V4FINAL, name: 'v5: NB beta 0.5, stance NB', learn: NB(1, 0.5, { nbStance: true }) },
  { ...V4FINAL, name: 'v5: NB beta 1, gate 0.7', learn: NB(1, 1), stanceGate: 0.7 },
  { ...V4FINAL, name: 'v5: NB beta 1, v3 examples x6', learn: NB(1, 1), v3Weight: 6 },
  { ...V4FINAL, name: 'v5: NB beta 1, lr 0.4', learn: NB(1, 1, { lr: 0.4 }) },
  // NB beta 0.5 with other learner and feature settings.
  { ...NB05, name: 'v5: NB beta 0.5, lr 0.4', learn: NB(1, 0.5, { lr: 0.4 }) },
  { ...NB05, name: 'v5: NB beta 0.5, 10 epochs', learn: NB(1, 0.5, { epochs: 10 }) },
  { ...NB05, name: 'v5: NB beta 0.5, averaged from epoch 3', learn: NB(1, 0.5, { averageFrom: 3 }) },
  { ...NB05, name: 'v5: NB beta 0.5, bag 3 seeds', learn: NB(1, 0.5, { bag: 3 }) },
  { ...NB05, name: 'v5: NB beta 0.5, gate 0.3', stanceGate: 0.3 },
  { ...NB05, name: 'v5: NB beta 0.5, gate 0.7', stanceGate: 0.7 },
  { ...NB05, name: 'v5: NB beta 0.5, char 1-4', features: { ...F5, charOrders: [1, 2, 3, 4] } },
  { ...NB05, name: 'v5: NB beta 0.5, 2^21 buckets', features: { ...F5, bits: 21 } },
  { ...NB05, name: 'v5: NB beta 0.5, binary n-grams', features: { ...F5, binary: true } },
  { ...NB05, name: 'v5: NB beta 0.5, binary, 2^21', features: { ...F5, binary: true, bits: 21 } },
  { ...NB05, name: 'v5: NB beta 0.5, norm n^-0.4', features: { ...F5, normPower: 0.4 } },
  { ...NB05, name: 'v5: NB beta 0.5, norm n^-0.6', features: { ...F5, normPower: 0.6 } },
  { ...NB05, name: 'v5: NB beta 0.5, norm n^-0.75', features: { ...F5, normPower: 0.75 } },
  { ...NB05, name: 'v5: NB beta 0.5, cues x1', features: { ...F5, cueRepeat: 1 } },
  { ...NB05, name: 'v5: NB beta 0.5, cues x5', features: { ...F5, cueRepeat: 5 } },
  { ...NB05, name: 'v5: NB beta 0.5, jieba HMM', features: { ...F5, jieba: 'hmm' } },
  { ...NB05, name: 'v5: NB beta 0.5, jieba search mode', features: { ...F5, jieba: 'search' } },
  { ...V4FINAL, name: 'v5: skip-bigrams gap 2', features: { ...F4, skipGaps: [2] } },
  { ...NB05, name: 'v5: NB beta 0.5, skip-bigrams gap 2', features: { ...F5, skipGaps: [2] } },
  { ...NB05, name: 'v5: NB beta 0.5, skip-bigrams gaps 2-3', features: { ...F5, skipGaps: [2, 3] } },
  { ...NB05, name: 'v5: NB beta 0.5, SexHateLex cue', sexHateLex: true },
  { ...V4FINAL, name: 'v5: SWSR x0.5', swsrWeight: 0.5 },
  { ...NB05, name: 'v5: NB beta 0.5, SWSR x0.3', swsrWeight: 0.3 },
  { ...NB05, name: 'v5: NB beta 0.5, SWSR x0.5', swsrWeight: 0.5 },
  { ...NB05, name: 'v5: NB beta 0.5, SWSR x0.5, seed 8', swsrWeight: 0.5, learn: NB(1, 0.5, { seed: 8 }) },
  { ...NB05, name: 'v5: NB beta 0.5, SWSR x0.5, seed 9', swsrWeight: 0.5, learn: NB(1, 0.5, { seed: 9 }) },
  { ...NB05, name: 'v5: NB beta 0.5, SWSR x0.7', swsrWeight: 0.7 },
  { ...NB05, name: 'v5: NB beta 0.5, SWSR x0.5, 2^21', swsrWeight: 0.5, features: { ...F5, bits: 21 } },
  // Ensembles: members trained and calibrated separately, calibrated scores averaged.
  { ...NB05, name: 'v5: ensemble NB 0.5 + NB 0.5 char 1-3 (no jieba)', ensemble: [{ ...NB05, features: V3FINAL.features }] },
  { ...NB05, name: 'v5: ensemble NB 0.5 + NB 0.5 char 2-4 (no jieba)', ensemble: [{ ...NB05, features: CHAR24 }] },
  { ...NB05, name: 'v5: ensemble NB 0.5 + NB 1', ensemble: [{ ...NB05, learn: NB(1, 1) }] },
  {
    ...NB05,
    name: 'v5: ensemble NB 0.5 + NB 0.5 char 2-4 + NB 0.5 binary',
    ensemble: [
      { ...NB05, features: CHAR24 },
      { ...NB05, features: { ...F5, binary: true } },
    ],
  },
  // Bias-talk copy of the features (FeatureOptions.biasTalkCopy).
  { ...V4FINAL, name: 'v5: bias-talk feature copy', features: { ...F4, biasTalkCopy: true } },
  { ...NB05, name: 'v5: NB beta 0.5, bias-talk feature copy', features: COPY },
  { ...NB05, name: 'v5: NB 0.5, copy, seed 8', features: COPY, learn: NB(1, 0.5, { seed: 8 }) },
  { ...NB05, name: 'v5: NB 0.5, copy, seed 9', features: COPY, learn: NB(1, 0.5, { seed: 9 }) },
  { ...NB05, name: 'v5: NB 0.5, copy, gate 0.7', features: COPY, stanceGate: 0.7 },
  { ...NB05, name: 'v5: NB 0.5, copy, stance x6', features: COPY, stancePosWeight: 6 },
  { ...NB05, name: 'v5: NB 0.5, copy, extra x6', features: COPY, extraWeight: 6 },
  { ...NB05, name: 'v5: NB 0.5, copy, v3 examples x4', features: COPY, v3Weight: 4 },
  { ...NB05, name: 'v5: NB 0.5, copy, v3 examples x6', features: COPY, v3Weight: 6 },
  { ...NB05, name: 'v5: NB 0.5, copy, v3 examples x6, seed 8', features: COPY, v3Weight: 6, learn: NB(1, 0.5, { seed: 8 }) },
  { ...NB05, name: 'v5: NB 0.5, copy, v3 examples x6, seed 9', features: COPY, v3Weight: 6, learn: NB(1, 0.5, { seed: 9 }) },
  { ...NB05, name: 'v5: NB 0.5, copy, v3 examples x6, gate 0.7', features: COPY, v3Weight: 6, stanceGate: 0.7 },
  { ...V4FINAL, name: 'v5: copy, v3 examples x6 (no NB)', features: { ...F4, biasTalkCopy: true }, v3Weight: 6 },
  { ...NB05, name: 'v5: NB 0.5, copy n-grams only', features: COPY_NGRAMS },
  { ...NB05, name: 'v5: NB 0.5, copy n-grams only, v3 examples x6', features: COPY_NGRAMS, v3Weight: 6 },
  { ...NB05, name: 'v5: NB 0.5, copy n-grams only, v3 examples x6, seed 8', features: COPY_NGRAMS, v3Weight: 6, learn: NB(1, 0.5, { seed: 8 }) },
  { ...NB05, name: 'v5: NB 0.5, copy n-grams only, v3 examples x6, seed 9', features: COPY_NGRAMS, v3Weight: 6, learn: NB(1, 0.5, { seed: 9 }) },
);
const V5FINAL = VARIANTS.find((x) => x.name === 'v5: NB 0.5, copy n-grams only, v3 examples x6') as Variant;
/* Tried after cls-5 (README "Tried after cls-5"): each at seeds 7, 8, 9. */
const seeds = (name: string, v: Partial<Variant>): Variant[] =>
  [7, 8, 9].map((seed) => ({ ...V5FINAL, ...v, name: `${name}, seed ${seed}`, learn: { ...(v.learn ?? V5FINAL.learn), seed } }));
VARIANTS.push(
  ...seeds('v6: offensive class weight 1.25', { positiveWeight: 1.25 }),
  ...seeds('v6: offensive class weight 0.8', { positiveWeight: 0.8 }),
  ...seeds('v6: SWSR domain copy', { swsrCopy: true }),
  ...seeds('v6: abbreviation and regional-slur examples x3', { v6Weight: 3 }),
);
export const FINAL = 'v5: NB 0.5, copy n-grams only, v3 examples x6';

/*
 * COLD's train and dev labels mark most comments that *discuss* discrimination as offensive (91% of the
 * train comments that say "反对…歧视", "不要…地域黑" and the like are labelled 1), while the policy here
 * (and COLD's manually labelled test split) treats opposing discrimination as safe. Those labels are
 * therefore down-weighted rather than trusted.
 */

export function repoRoot(from = __dirname): string {
  let dir = from;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'rules'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error('repository root not found');
    dir = up;
  }
}

export interface Corpora {
  coldTrain: LabelledText[];
  coldDev: LabelledText[];
  /** COLD dev with the hand-reviewed bias-talk comments relabelled under the project's policy (cold-reviewed.ts). */
  coldDevReviewed: LabelledText[];
  swsrTrain: LabelledText[];
  swsrTest: LabelledText[];
  smsTrain: LabelledText[];
  smsCal: LabelledText[];
  smsTest: LabelledText[];
}

export function loadCorpora(root: string): Corpora {
  const dir = datasetsDir(root);
  const swsr = holdOut(readSwsr(dir), 0.2, 'swsr');
  const sms = holdOut(readSms(dir), 0.2, 'sms');
  const smsCal = holdOut(sms.train, 0.15, 'sms-cal');
  const coldDev = readCold(dir, 'dev');
  const reviews = coldReviews();
  return {
    coldTrain: readCold(dir, 'train'),
    coldDev,
    coldDevReviewed: coldDev.map((x) => {
      const r = x.label === 1 ? reviews.get(coldKey(x.text)) : undefined;
      return r === 'A' || r === 'N' ? { ...x, label: 0 as const } : x;
    }),
    swsrTrain: swsr.train,
    swsrTest: swsr.test,
    smsTrain: smsCal.train,
    smsCal: smsCal.test,
    smsTest: sms.test,
  };
}

export function t2sPairs(): FoldPairs {
  const convert = Converter({ from: 'tw', to: 'cn' });
  const pairs: FoldPairs = [];
  const ranges: Array<[number, number]> = [
    [0x3400, 0x4dbf],
    [0x4e00, 0x9fff],
    [0xf900, 0xfaff],
  ];
  for (const [lo, hi] of ranges) {
    for (let c = lo; c <= hi; c++) {
      const ch = String.fromCharCode(c);
      const out = convert(ch);
      if (out !== ch && out.length === 1) pairs.push([c, out.charCodeAt(0)]);
    }
  }
  return pairs;
}

export function buildData(v: Variant, c: Corpora): BuildData {
  const extra = [
    ...[...(v.extra ? extraOffensiveExamples() : []), ...(v.extraV2 ? extraV2Examples() : [])].map((x) => ({ ...x, weight: v.extraWeight })),
    ...(v.v6Weight ? extraV6Examples().map((x) => ({ ...x, weight: v.v6Weight ?? 1 })) : []),
    ...(v.v3Weight ? withoutLeaks([...extraV3aExamples(), ...extraV3bExamples()], V3_MAX_SHARE).kept.map((x) => ({ ...x, weight: v.v3Weight ?? 1 })) : []),
  ];
  // Every hand-written training text is checked against the held-out set before anything is trained.
  assertNoLeak(extra);
  const relabel = v.relabel ?? 'keep';
  const cold: Array<LabelledText & { weight: number; anti: boolean }> = [];
  const review = v.reviewed ? coldReviews() : null;
  for (const x of c.coldTrain) {
    const verdict = review !== null && x.label === 1 ? review.get(coldKey(x.text)) : undefined;
    if (verdict === 'O') {
      cold.push({ ...x, weight: 1, anti: false });
      continue;
    }
    if (verdict !== undefined) {
      if (v.reviewed === 'flip') cold.push({ ...x, label: 0, weight: 1, anti: verdict === 'A' });
      continue;
    }
    const anti = relabel !== 'keep' && opposesBias(x.text);
    if (anti && relabel === 'drop') continue;
    if (anti) cold.push({ ...x, label: 0, weight: 1, anti });
    else cold.push({ ...x, weight: x.label === 1 && DISCUSSES_BIAS.test(x.text) ? v.discWeight : 1, anti });
  }
  const offensive = [
    ...cold,
    ...(v.swsr ? c.swsrTrain.map((x) => ({ ...x, weight: v.swsrWeight ?? 1, domain: v.swsrCopy ? SWSR_DOMAIN : undefined })) : []),
    ...extra,
  ];
  const pos = v.positiveWeight ?? 1;
  if (pos !== 1) for (let i = 0; i < offensive.length; i++) if (offensive[i].label === 1) offensive[i] = { ...offensive[i], weight: offensive[i].weight * pos };
  if (v.quoteAugment) offensive.push(...quoteAugmented(offensive, v.quoteAugment));
  const topic = [...c.coldTrain, ...(v.swsr ? c.swsrTrain : []), ...extra].map((x) => ({
    ...x,
    label: (x.topic === 'race' || x.topic === 'region' ? 1 : 0) as 0 | 1,
  }));
  // Chinese comments as ham keep the English-trained spam head from firing on any Chinese text.
  const zhHam = [...c.coldTrain.filter((_, i) => i % 4 === 0), ...c.swsrTrain.filter((_, i) => i % 3 === 0)].map((x) => ({ ...x, label: 0 as const }));
  const spam = [...c.smsTrain, ...zhHam, ...(v.extra ? extraSpamExamples() : [])];
  // Calibrate on dev labelled the way training was: reviewed training with original dev labels would
  // pull the bias-talk scores straight back up.
  const data: BuildData = { offensive, topic, spam, calibrateOffensive: v.reviewed ? c.coldDevReviewed : c.coldDev, calibrateSpam: c.smsCal };
  if (v.stanceGate) {
    // Stance head: "opposes discrimination" (1) against everything else that talks about groups or bias,
    // attacks first among them, so that bias vocabulary alone does not read as opposition.
    const isCounter = (s: string) => /counter|slogan/.test(s);
    const pw = v.stancePosWeight ?? 1;
    const stance: Array<LabelledText & { weight?: number }> = [
      ...extra.map((x) => (isCounter(x.source) ? { ...x, label: 1 as const, weight: x.weight * pw } : { ...x, label: 0 as const })),
      ...cold.filter((x) => x.anti).map((x) => ({ ...x, label: 1 as const, weight: pw })),
      ...cold.filter((x) => !x.anti && (x.label === 1 || DISCUSSES_BIAS.test(x.text))).map((x) => ({ ...x, label: 0 as const, weight: 1 })),
      ...cold.filter((x, i) => !x.anti && x.label === 0 && i % 3 === 0).map((x) => ({ ...x, label: 0 as const, weight: 1 })),
    ];
    data.stance = stance;
    data.stanceGate = v.stanceGate;
  }
  return data;
}

const QUOTE_MARKS = /[“”「」『』"]/g;
/** Hash seed of the SWSR domain copy (Variant.swsrCopy). */
const SWSR_DOMAIN = 0x5a17c0de;

/** See Variant.quoteAugment. */
function quoteAugmented(items: Array<LabelledText & { weight?: number }>, scale: number): Array<LabelledText & { weight: number }> {
  const out: Array<LabelledText & { weight: number }> = [];
  items.forEach((x, i) => {
    const w = (x.weight ?? 1) * scale;
    if (x.label === 1) {
      // Alternate between quoting the whole text and quoting its second half (a quoted claim after a lead-in).
      const cut = Math.floor(x.text.length / 2);
      out.push({ ...x, text: i % 2 === 0 ? `“${x.text}”` : `${x.text.slice(0, cut)}“${x.text.slice(cut)}”`, weight: w, source: `${x.source}+quoted` });
    } else if (/counter/.test(x.source) && QUOTE_MARKS.test(x.text)) {
      out.push({ ...x, text: x.text.replace(QUOTE_MARKS, ''), weight: w, source: `${x.source}+unquoted` });
    }
    QUOTE_MARKS.lastIndex = 0;
  });
  return out;
}

/** SWSR's SexHateLex (../shared/datasets/swsr), folded like the texts it is matched against; [] when absent. */
export function sexHateLex(fold: FoldPairs): string[] {
  const file = path.join(datasetsDir(repoRoot()), 'swsr', 'SexHateLex.txt');
  if (!fs.existsSync(file)) return [];
  const folder = new Folder(fold);
  const words = fs
    .readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .map((w) => folder.fold(w.trim()))
    .filter((w) => w.length > 0);
  return [...new Set(words)];
}

/** The variant's feature options with anything read from the datasets filled in. */
export function featuresOf(v: Variant, fold: FoldPairs): FeatureOptions {
  return v.sexHateLex ? { ...v.features, tokenLexicon: sexHateLex(fold) } : v.features;
}

/** A held-out set by slice (counter-speech and neutral mentions are safe, attacks offensive). */
export interface HeldOutSet {
  counter: readonly string[];
  neutral: readonly string[];
  attack: readonly string[];
}

/**
 * v2 (rules/classifier/heldout.ts): mine, never trained on, written before the v2 examples; v3
 * (heldout-v3.ts): naturalistic comments by another author, the validation set of v3 onwards; v4
 * (heldout-v4.ts): a third author, for the final figures only, never used to choose.
 */
export const HELD_OUT: Record<'v2' | 'v3' | 'v4', HeldOutSet> = {
  v2: { counter: HELDOUT_COUNTER, neutral: HELDOUT_NEUTRAL, attack: HELDOUT_ATTACK },
  v3: { counter: HELDOUT3_COUNTER, neutral: HELDOUT3_NEUTRAL, attack: HELDOUT3_ATTACK },
  v4: { counter: HELDOUT4_COUNTER, neutral: HELDOUT4_NEUTRAL, attack: HELDOUT4_ATTACK },
};

export interface HeldOutReport {
  all: ReturnType<typeof evaluate>;
  counterFlagged: number;
  neutralFlagged: number;
  attackRecall: number;
}

function heldOutReport(model: TextModel, set: HeldOutSet): HeldOutReport {
  const items = [
    ...set.counter.map((text) => ({ text, label: 0 })),
    ...set.neutral.map((text) => ({ text, label: 0 })),
    ...set.attack.map((text) => ({ text, label: 1 })),
  ];
  return {
    all: evaluate(model, items, offensiveScore),
    counterFlagged: flaggedRate(model, set.counter, offensiveScore),
    neutralFlagged: flaggedRate(model, set.neutral, offensiveScore),
    attackRecall: flaggedRate(model, set.attack, offensiveScore),
  };
}

export interface Report {
  coldDev: ReturnType<typeof evaluate>;
  coldDevReviewed: ReturnType<typeof evaluate>;
  coldDevByTopic: Record<string, number>;
  swsrTest: ReturnType<typeof evaluate>;
  smsTest: ReturnType<typeof evaluate>;
  counterFlagged: number;
  neutralFlagged: number;
  insultRecall: number;
  held: Record<keyof typeof HELD_OUT, HeldOutReport>;
  /** v3 attacks wrapped whole in quotation marks (“…”): quoting must not be a way past the classifier. */
  quotedAttackRecall: number;
}

export function report(model: TextModel, c: Corpora): Report {
  const byTopic: Record<string, number> = {};
  for (const topic of ['race', 'region', 'gender']) {
    byTopic[topic] = evaluate(
      model,
      c.coldDev.filter((x) => x.topic === topic),
      offensiveScore,
    ).accuracy;
  }
  return {
    coldDev: evaluate(model, c.coldDev, offensiveScore),
    coldDevReviewed: evaluate(model, c.coldDevReviewed, offensiveScore),
    coldDevByTopic: byTopic,
    swsrTest: evaluate(model, c.swsrTest, offensiveScore),
    smsTest: evaluate(model, c.smsTest, spamScore),
    counterFlagged: flaggedRate(model, COUNTER_SPEECH, offensiveScore),
    neutralFlagged: flaggedRate(model, NEUTRAL_MENTIONS, offensiveScore),
    insultRecall: flaggedRate(model, OBVIOUS_INSULTS, offensiveScore),
    held: { v2: heldOutReport(model, HELD_OUT.v2), v3: heldOutReport(model, HELD_OUT.v3), v4: heldOutReport(model, HELD_OUT.v4) },
    quotedAttackRecall: flaggedRate(
      model,
      HELDOUT3_ATTACK.map((t) => `“${t}”`),
      offensiveScore,
    ),
  };
}

const heldOutCells = (h: HeldOutReport): string => `${f3(h.all.accuracy)} | ${pct(h.counterFlagged)} | ${pct(h.neutralFlagged)} | ${pct(h.attackRecall)} | `;

export function reportRow(name: string, r: Report): string {
  return (
    `| ${name} | ${f3(r.coldDev.accuracy)} | ${f3(r.coldDev.f1[1])} | ${f3(r.coldDevReviewed.accuracy)} | ${f3(r.swsrTest.accuracy)} | ` +
    `${pct(r.counterFlagged)} | ${pct(r.neutralFlagged)} | ${pct(r.insultRecall)} | ` +
    heldOutCells(r.held.v2) +
    heldOutCells(r.held.v3) +
    `${pct(r.quotedAttackRecall)} | ` +
    heldOutCells(r.held.v4) +
    `${f3(r.smsTest.f1[1])} |`
  );
}
export const REPORT_HEAD =
  '| variant | COLD dev acc | COLD dev F1(off) | COLD dev reviewed acc | SWSR held-out acc | v1 counter flagged | v1 neutral flagged | v1 insults caught | ' +
  'v2 held-out acc | v2 counter flagged | v2 neutral flagged | v2 attacks caught | ' +
  'v3 held-out acc | v3 counter flagged | v3 neutral flagged | v3 attacks caught | v3 attacks in quotes caught | ' +
  'v4 held-out acc | v4 counter flagged | v4 neutral flagged | v4 attacks caught | SMS spam F1 |\n' +
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |';

function main(): void {
  const args = process.argv.slice(2);
  const root = repoRoot();
  const t0 = Date.now();
  const corpora = loadCorpora(root);
  const fold = t2sPairs();
  const only = args.find((a) => a.startsWith('--variant='))?.slice('--variant='.length);

  if (args.includes('--ablate')) {
    process.stdout.write(`${REPORT_HEAD}\n`);
    for (const v of VARIANTS) {
      if (only && v.name !== only) continue;
      const t = Date.now();
      const one = (x: Variant): LinearTextModel =>
        buildModel(
          buildData(x, corpora),
          { version: x.name, features: featuresOf(x, fold), learn: x.learn, fold, training: {} },
          jiebaCutter(x.features.jieba),
        );
      const model: TextModel = v.ensemble ? new AveragedModel([one(v), ...v.ensemble.map(one)]) : one(v);
      if (v.ensemble) {
        const texts = corpora.coldDev.map((x) => x.text);
        process.stderr.write(`${v.name}: ${Math.round(itemsPerSecond(model, texts, 2000))} items/s on COLD dev\n`);
      }
      process.stdout.write(`${reportRow(v.name, report(model, corpora))}  (${((Date.now() - t) / 1000).toFixed(1)} s)\n`);
    }
    return;
  }

  const v = VARIANTS.find((x) => x.name === (only ?? FINAL));
  if (!v) throw new Error(`unknown variant ${only ?? FINAL}`);
  const model = buildModel(
    buildData(v, corpora),
    { version: 'pending', features: featuresOf(v, fold), learn: v.learn, fold, training: {} },
    jiebaCutter(v.features.jieba),
  );
  const r = report(model, corpora);
  const header = model.header;
  header.training = {
    command: 'npm run train',
    variant: v.name,
    learn: v.learn,
    data: {
      'cold/train.csv': corpora.coldTrain.length,
      'swsr/SexComment.csv (80% by text hash)': v.swsr ? corpora.swsrTrain.length : 0,
      'sms_spam_en (68% by text hash)': corpora.smsTrain.length,
      'rules/classifier/extra.ts': v.extra ? extraOffensiveExamples().length + extraSpamExamples().length : 0,
      'rules/classifier/extra.ts v2': v.extraV2 ? extraV2Examples().length : 0,
      'cold/train.csv anti-bias by stance rule': `${corpora.coldTrain.filter((x) => opposesBias(x.text)).length} (${v.relabel ?? 'keep'})`,
    },
    stanceHead: v.stanceGate ? { gate: v.stanceGate, positiveWeight: v.stancePosWeight ?? 1 } : null,
    calibration: 'Platt on cold/dev.csv (offensive), 12% SMS fold (spam)',
    eval: r,
  };
  const bytes = encodeModel({ header, weights: model.quantised });
  const digest = crypto.createHash('sha256').update(bytes).digest('hex').slice(0, 10);
  header.version = `${MODEL_VERSION_BASE}+${digest}`;
  const file = path.join(root, 'rules', 'model', 'classifier.bin');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, encodeModel({ header, weights: model.quantised }));
  process.stdout.write(`${REPORT_HEAD}\n${reportRow(v.name, r)}\n`);
  process.stdout.write(`wrote ${path.relative(root, file)} version ${header.version} in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
}

if (require.main === module) main();
