/*
 * node dist/scripts/experiments/classifier-ladder.js [--variant='NAME'] [--seeds]
 *
 * The experiment ladder of the classifier (rules/classifier/README.md, v1 to v6 and cls-6): every
 * variant ever compared, each trained and scored on the same corpora; prints one summary per variant.
 * Nothing is written. Not part of the shipped tree: the shipped recipe is scripts/train.ts SHIPPED.
 * Rows trained before cls-6 were calibrated on COLD dev; the recipe code now calibrates every variant on
 * the COLD train fold, so old rows re-run here give slightly different figures from the README tables.
 */
import type { FeatureOptions } from '../../rules/classifier/features';
import type { LearnOptions } from '../../rules/classifier/learner';
import type { LinearTextModel } from '../../rules/classifier/model';
import type { Prediction, TextModel } from '../../rules/classifier/types';
import { itemsPerSecond } from '../classifier/metrics';
import { loadCorpora, repoRoot, report, t2sPairs, type Variant } from '../classifier/recipe';
import { SHIPPED, summary, train } from '../train';

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

/* cls-6 (README "cls-6"): what changed from cls-5, one step at a time, then the choices around it. */
const CLS6: Variant = { ...SHIPPED, name: 'cls-6', newsWeight: undefined };
VARIANTS.push(
  { ...V5FINAL, name: 'cls-6 ladder: cls-5 recipe, calibrated on the COLD train fold' },
  { ...V5FINAL, name: 'cls-6 ladder: + Latin letter runs as units', features: { ...V5FINAL.features, latinWords: true } },
  { ...V5FINAL, name: 'cls-6 ladder: + Chinese spam files x5', features: { ...V5FINAL.features, latinWords: true }, zhSpamWeight: 5 },
  { ...CLS6, name: 'cls-6: review flips A only', reviewed: 'flip-a', neutralSafeWeight: undefined },
  { ...CLS6, name: 'cls-6: review flips A and N', neutralSafeWeight: undefined },
  { ...CLS6, name: 'cls-6: no review flips', reviewed: undefined, neutralSafeWeight: undefined },
  { ...CLS6, name: 'cls-6: review drop A and N', reviewed: 'drop', neutralSafeWeight: undefined },
  { ...CLS6, name: 'cls-6: flip A, gate 0.7', reviewed: 'flip-a', neutralSafeWeight: undefined, stanceGate: 0.7 },
  { ...CLS6, name: 'cls-6: flip A, gate 0.3', reviewed: 'flip-a', neutralSafeWeight: undefined, stanceGate: 0.3 },
  { ...CLS6, name: 'cls-6: flip A, gate 1', reviewed: 'flip-a', neutralSafeWeight: undefined, stanceGate: 1 },
  { ...CLS6, name: 'cls-6: flip A, stance positives x6', reviewed: 'flip-a', neutralSafeWeight: undefined, stancePosWeight: 6 },
  { ...CLS6, name: 'cls-6: flip A and N, gate 0.3', reviewed: 'flip', neutralSafeWeight: undefined, stanceGate: 0.3 },
  { ...CLS6, name: 'cls-6: flip A, N safe at 0.5', reviewed: 'flip', neutralSafeWeight: 0.5 },
  { ...CLS6, name: 'cls-6: flip A, N safe at 0.5, calibrated as flip A', reviewed: 'flip', neutralSafeWeight: 0.5, calibrateAs: 'flip-a' },
  { ...CLS6, name: 'cls-6: flip A and N, calibrated as flip A', reviewed: 'flip', neutralSafeWeight: undefined, calibrateAs: 'flip-a' },
  { ...CLS6, name: 'cls-6: flip A and N, calibrated on original labels', reviewed: 'flip', neutralSafeWeight: undefined, calibrateAs: 'original' },
  { ...CLS6, name: 'cls-6: flip A, N safe at 0.7', reviewed: 'flip', neutralSafeWeight: 0.7 },
  { ...CLS6, name: 'cls-6: flip A, N safe at 0.8', reviewed: 'flip', neutralSafeWeight: 0.8 },
  { ...CLS6, name: 'cls-6: flip A, N safe at 0.9 (shipped)', reviewed: 'flip', neutralSafeWeight: 0.9 },
  { ...CLS6, name: 'cls-6: flip A, N safe at 0.8, seed 8', reviewed: 'flip', neutralSafeWeight: 0.8, learn: { ...CLS6.learn, seed: 8 } },
  { ...CLS6, name: 'cls-6: flip A and N, seed 8', reviewed: 'flip', neutralSafeWeight: undefined, learn: { ...CLS6.learn, seed: 8 } },
  {
    ...CLS6,
    name: 'cls-6: flip A, gate 1, stance NB',
    reviewed: 'flip-a',
    neutralSafeWeight: undefined,
    stanceGate: 1,
    learn: { ...CLS6.learn, nbStance: true },
  },
  {
    ...CLS6,
    name: 'cls-6: flip A, gate 1, stance NB, stance positives x6',
    reviewed: 'flip-a',
    neutralSafeWeight: undefined,
    stanceGate: 1,
    stancePosWeight: 6,
    learn: { ...CLS6.learn, nbStance: true },
  },
  { ...CLS6, name: 'cls-6: N safe at 0.9, gate 1, stance NB', stanceGate: 1, learn: { ...CLS6.learn, nbStance: true } },
  { ...CLS6, name: 'cls-6: Chinese spam x2', zhSpamWeight: 2 },
  { ...CLS6, name: 'cls-6: Chinese spam x10', zhSpamWeight: 10 },
  { ...CLS6, name: 'cls-6: seed 8', learn: { ...CLS6.learn, seed: 8 } },
  { ...CLS6, name: 'cls-6: seed 9', learn: { ...CLS6.learn, seed: 9 } },
);
/* cls-7 (README "cls-7"): news, court and police reports as safe examples. */
VARIANTS.push(
  { ...CLS6, name: 'cls-7: news reports x1', newsWeight: 1 },
  { ...CLS6, name: 'cls-7: news reports x3', newsWeight: 3 },
  { ...CLS6, name: 'cls-7: news reports x6', newsWeight: 6 },
);

function main(): void {
  const args = process.argv.slice(2);
  const corpora = loadCorpora(repoRoot());
  const fold = t2sPairs();
  const only = args.filter((a) => a.startsWith('--variant=')).map((a) => a.slice('--variant='.length));
  const prefix = args.find((a) => a.startsWith('--prefix='))?.slice('--prefix='.length);
  for (const v of VARIANTS) {
    if (only.length && !only.includes(v.name)) continue;
    if (prefix && !v.name.startsWith(prefix)) continue;
    const t = Date.now();
    const one = (x: Variant): LinearTextModel => train(x, corpora, fold);
    const model: TextModel = v.ensemble ? new AveragedModel([one(v), ...v.ensemble.map(one)]) : one(v);
    const speed = itemsPerSecond(
      model,
      corpora.coldDev.map((x) => x.text),
      1000,
    );
    process.stdout.write(`${summary(v.name, report(model, corpora))}
  ${Math.round(speed)} items/s on COLD dev, ${((Date.now() - t) / 1000).toFixed(1)} s\n`);
  }
}

if (require.main === module) main();
