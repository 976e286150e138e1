/*
 * npm run train
 *
 * Trains the shipped classifier recipe (SHIPPED below) and writes rules/model/classifier.bin, whose
 * header states exactly what it was trained and calibrated on: every data file with its SHA-256 and row
 * count, the splits, seeds, feature and learner settings, and the figures of scripts/eval.ts's report.
 * The same manifest is written next to it as classifier.json for reading. The version is
 * `cls-6+<hash of data and settings>`, so the same data and recipe always give the same version (and,
 * training being deterministic for a seed, the same bytes).
 *
 * Data: ../shared/datasets (or SHENHE_DATASETS_DIR) and data/classifier/*.jsonl (data/README.md).
 * Experiments (the variant ladder, ablations) are in scripts/experiments/classifier-ladder.ts.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildModel } from '../rules/classifier/build';
import { jiebaCutter } from '../rules/classifier/index';
import { encodeModel, type LinearTextModel } from '../rules/classifier/model';
import type { FoldPairs } from '../rules/classifier/normalise';
import { datasetsDir, sha256File, type DataFile } from './classifier/datasets';
import { f3, pct } from './classifier/metrics';
import {
  buildData,
  featuresOf,
  illicitLine,
  loadCorpora,
  repoRoot,
  report,
  t2sPairs,
  type Corpora,
  type DataKey,
  type Report,
  type Variant,
} from './classifier/recipe';

export const MODEL_VERSION_BASE = 'cls-10';

/**
 * The shipped recipe. cls-5 (rules/classifier/README.md, v5) plus: Latin letter runs as units
 * (features.latinWords, so "sb" inside "usb" is not the insult), the Chinese spam files in the spam head,
 * calibration on a fold of COLD train instead of COLD dev, and only the reviewed anti-bias (A) comments
 * relabelled safe (see README "cls-6"); cls-7 adds news, court and police reports of crimes as safe
 * examples (data/classifier/news-v1.jsonl, weight 3; README "cls-7"); cls-8 adds the obscene_violent
 * harm heads (data/classifier/harm-v1.jsonl; README "cls-8"), leaving the other heads' training as it was;
 * cls-9 the gambling, cult and fraud findings (illicit-v1/v2.jsonl); cls-10 a third author's harm data
 * (harm-v3.jsonl) and the harm and illicit files' look-alikes as safe examples for the offensive head
 * (lookalikeSafeWeight; README "cls-10").
 */
export const SHIPPED: Variant = {
  name: 'cls-10',
  features: {
    bits: 20,
    charOrders: [1, 2, 3],
    words: true,
    wordBigrams: true,
    cues: true,
    lexicon: true,
    lexicon2: true,
    metaCues: true,
    cueRepeat: 3,
    dropQuotes: true,
    biasTalkCopy: 'ngrams',
    latinWords: true,
  },
  swsr: true,
  extra: true,
  extraWeight: 3,
  discWeight: 0.3,
  relabel: 'drop',
  extraV2: true,
  stanceGate: 0.5,
  stancePosWeight: 3,
  v3Weight: 6,
  reviewed: 'flip',
  neutralSafeWeight: 0.9,
  zhSpamWeight: 5,
  newsWeight: 3,
  lookalikeSafeWeight: 0.15,
  illicit: true,
  harm: {
    positiveWeight: 2,
    hardNegativeWeight: 2,
    ordinaryWeight: 1,
    coldShare: 1,
    maxColdFlagged: 0.003,
    maxLookalikeFlagged: 0.02,
    calibrationColdRatio: 5,
    augment: 1,
    shortOrdinary: true,
    learn: { epochs: 20 },
  },
  learn: { epochs: 6, lr: 0.2, l2: 1e-6, seed: 7, nb: { alpha: 1, beta: 0.5, weighted: false } },
};

/** What the model was trained and calibrated on, for the model header and classifier.json. */
export function manifest(v: Variant, c: Corpora, root: string, fold: FoldPairs): Record<string, unknown> {
  const shared = datasetsDir(root);
  const sharedFiles = ['cold/train.csv', 'cold/dev.csv', 'swsr/SexComment.csv', 'sms_spam_en/SMSSpamCollection'];
  return {
    recipe: v,
    data: {
      files: (Object.entries(c.files) as Array<[DataKey, DataFile]>).map(([key, f]) => ({
        file: f.file,
        sha256: f.sha256,
        rows: f.rows.length,
        use: fileUse(v, key),
      })),
      shared: sharedFiles.map((f) => ({ file: `../shared/datasets/${f}`, sha256: sha256File(path.join(shared, f)) })),
    },
    splits: {
      offensive: `COLD train 88% by text hash (${c.coldTrain.length}) + SWSR 80% (${c.swsrTrain.length}) + hand-written files`,
      calibration: `offensive: Platt on COLD train's 12% fold by text hash (${c.coldCal.length}, reviewed like training); spam: SMS 12% fold (${c.smsCal.length}) + the same COLD fold as ordinary comments`,
      spam: `SMS 68% (${c.smsTrain.length}) + Chinese comments as ordinary + zh-spam files 70% by text hash (${c.zhSpamTrain.length})`,
      harm: `harm-v1, v2 and v3 80% by text hash (${c.harmTrain.length}), each family's head against ordinary text: COLD train non-offensive, SMS ham, news-v1, zh-spam ordinary rows of the training fold, their look-alikes; calibration: Platt on their 20% fold (${c.harmCal.length}) plus as many COLD cal non-offensive comments as it has look-alikes, then the threshold raised until at most maxColdFlagged of COLD cal non-offensive and maxLookalikeFlagged of the fold's look-alikes reach 0.5`,
      illicit: v.illicit
        ? `illicit-v1 and illicit-v2 80% by text hash (${c.illicitTrain.length}): one finding per family (gambling, cult, fraud), its posts against the harm heads' ordinary text, the files' look-alikes, the other families' posts and harm's posts; calibration and guards as harm's, on the files' 20% fold (${c.illicitCal.length})`
        : 'none',
      untouched: 'COLD dev (never trained, calibrated or chosen on), SWSR 20%, SMS 20%, zh-spam 30%, data/classifier/eval-v*.jsonl',
    },
    foldPairs: fold.length,
  };
}

/** cls-10: the training fold's look-alikes are safe examples for the offensive head too. */
function lookalikesSafe(v: Variant): string {
  return v.lookalikeSafeWeight ? `; the training fold's look-alikes also safe examples for the offensive head, weight ${v.lookalikeSafeWeight}` : '';
}

/** What the recipe does with each data file (stated in the manifest). */
export function fileUse(v: Variant, key: DataKey): string {
  switch (key) {
    case 'extraV1':
      return v.extra ? `training, weight ${v.extraWeight}` : 'not used';
    case 'extraV2':
      return v.extraV2 ? `training, weight ${v.extraWeight}` : 'not used';
    case 'extraV3a':
    case 'extraV3b':
      return v.v3Weight ? `training, weight ${v.v3Weight}, near-copies of held-out texts dropped` : 'not used';
    case 'extraV6':
      return v.v6Weight ? `training, weight ${v.v6Weight}` : 'not used (experiment only)';
    case 'newsV1':
      return (
        [v.newsWeight ? `training, weight ${v.newsWeight}` : '', v.harm ? `harm heads: ordinary text, weight ${v.harm.ordinaryWeight}` : '']
          .filter((x) => x)
          .join('; ') || 'not used'
      );
    case 'illicitV1':
    case 'illicitV2':
      return v.harm && v.illicit
        ? `gambling, cult and fraud findings: 80% training (posts of the family weight ${v.harm.positiveWeight}, look-alikes ${v.harm.hardNegativeWeight}, other families' posts 1), 20% by text hash calibration and guard${lookalikesSafe(v)}`
        : 'not used';
    case 'harmV1':
    case 'harmV2':
    case 'harmV3':
      return v.harm
        ? `harm heads: 80% training (harmful weight ${v.harm.positiveWeight}, look-alikes ${v.harm.hardNegativeWeight}), 20% by text hash calibration and guard${lookalikesSafe(v)}`
        : 'not used';
    case 'spamLures':
      return v.extra ? 'training (spam head)' : 'not used';
    case 'zhSpam':
    case 'zhSpamExtra':
      return v.zhSpamWeight ? `spam head: 70% training (ads weight ${v.zhSpamWeight}), 30% test` : 'not used';
    case 'reviews':
      return v.reviewed ? `COLD train rows: training and calibration labels (${v.reviewed}); COLD dev rows: evaluation only` : 'evaluation only';
    case 'evalV1':
    case 'evalV2':
    case 'evalV3':
    case 'evalV4':
      return 'evaluation only (and the leak check of hand-written training text)';
  }
}

/** Deterministic version: a hash of the data files' and corpora's hashes, the recipe and the folds. */
export function versionOf(m: Record<string, unknown>): string {
  return `${MODEL_VERSION_BASE}+${crypto.createHash('sha256').update(JSON.stringify(m)).digest('hex').slice(0, 10)}`;
}

/** The figures kept in the model header: the headline first. */
export function figures(r: Report): Record<string, unknown> {
  const round = (x: number) => Math.round(x * 1e4) / 1e4;
  return {
    command: 'npm run train (figures as printed by npm run eval)',
    coldDevOriginal: { accuracy: round(r.coldDev.original.accuracy), f1Offensive: round(r.coldDev.original.f1[1]), safeFlagged: round(r.coldDev.safeFlagged) },
    coldDevAntiBiasFlagged: round(r.coldDev.antiBiasFlagged),
    coldDevReviewed: { accuracy: round(r.coldDev.reviewed.accuracy) },
    coldCalOriginal: { accuracy: round(r.coldCal.original.accuracy), antiBiasFlagged: round(r.coldCal.antiBiasFlagged) },
    heldOutV4: { accuracy: round(r.held.v4.all.accuracy), counterFlagged: round(r.held.v4.counterFlagged), attackRecall: round(r.held.v4.attackRecall) },
    swsrTestAccuracy: round(r.swsrTest.accuracy),
    smsTestSpamF1: round(r.spam.smsTest.f1[1]),
    zhSpamTest: {
      recall: round(r.spam.zhTest.recall[1]),
      precision: round(r.spam.zhTest.precision[1]),
      ordinarySmsFlagged: round(r.spam.zhOrdinarySmsFlagged),
      ordinaryPostsFlagged: round(r.spam.zhOrdinaryPostsFlagged),
    },
    coldDevFlaggedAsSpam: round(r.spam.coldDevFlagged),
    harm: {
      foldRecall: Object.fromEntries(Object.entries(r.harm.foldRecall).map(([k, x]) => [k, round(x)])),
      foldRightLabel: round(r.harm.foldRightLabel),
      foldLookalikesFlagged: round(r.harm.foldLookalikesFlagged),
      coldCalSafeFlagged: round(r.harm.coldCalSafeFlagged),
      coldDevSafeFlagged: round(r.harm.coldDevSafeFlagged),
      zhOrdinaryFlagged: round(r.harm.zhOrdinaryFlagged),
      smsHamFlagged: round(r.harm.smsHamFlagged),
    },
    illicit: {
      foldRecall: Object.fromEntries(Object.entries(r.illicit.foldRecall).map(([k, x]) => [k, round(x)])),
      foldLookalikesFlagged: round(r.illicit.foldLookalikesFlagged),
      coldCalSafeFlagged: round(r.illicit.coldCalSafeFlagged),
      coldDevSafeFlagged: round(r.illicit.coldDevSafeFlagged),
      zhOrdinaryFlagged: round(r.illicit.zhOrdinaryFlagged),
      smsHamFlagged: round(r.illicit.smsHamFlagged),
      harmLookalikesFlagged: round(r.illicit.harmLookalikesFlagged),
    },
  };
}

export function summary(name: string, r: Report): string {
  return [
    `${name}`,
    `  COLD dev (original labels, headline): accuracy ${f3(r.coldDev.original.accuracy)}, anti-bias flagged ${pct(r.coldDev.antiBiasFlagged)} of ${r.coldDev.counts.A}, ` +
      `safe comments flagged ${pct(r.coldDev.safeFlagged)}; reviewed labels ${f3(r.coldDev.reviewed.accuracy)}`,
    `  COLD cal fold (validation): accuracy ${f3(r.coldCal.original.accuracy)}, anti-bias flagged ${pct(r.coldCal.antiBiasFlagged)} of ${r.coldCal.counts.A}, reviewed ${f3(r.coldCal.reviewed.accuracy)}`,
    `  held-out v3 ${f3(r.held.v3.all.accuracy)} (counter flagged ${pct(r.held.v3.counterFlagged)}), v4 ${f3(r.held.v4.all.accuracy)} (counter flagged ${pct(r.held.v4.counterFlagged)}, attacks ${pct(r.held.v4.attackRecall)}), SWSR ${f3(r.swsrTest.accuracy)}`,
    `  spam: SMS F1 ${f3(r.spam.smsTest.f1[1])}; zh test recall ${pct(r.spam.zhTest.recall[1])} precision ${pct(r.spam.zhTest.precision[1])}, ` +
      `ordinary SMS flagged ${pct(r.spam.zhOrdinarySmsFlagged)}, ordinary posts ${pct(r.spam.zhOrdinaryPostsFlagged)}, COLD dev as spam ${pct(r.spam.coldDevFlagged)}`,
    ...(r.spam.zhDev
      ? [
          `  zh spam, template-disjoint set (${r.spam.zhDev.n}): recall ${pct(r.spam.zhDev.recall)} precision ${pct(r.spam.zhDev.precision)}, ` +
            `ordinary SMS flagged ${pct(r.spam.zhDev.ordinarySmsFlagged)}, ordinary posts ${pct(r.spam.zhDev.ordinaryPostsFlagged)}`,
        ]
      : []),
    harmLine(r),
    illicitLine(r),
  ].join('\n');
}

function harmLine(r: Report): string {
  const h = r.harm;
  return (
    `  harm (obscene_violent): fold harmful flagged ${pct(h.foldRecall.all)} of ${h.foldHarmful} (` +
    Object.entries(h.foldRecall)
      .filter(([k]) => k !== 'all')
      .map(([k, x]) => `${k} ${pct(x)}`)
      .join(', ') +
    `), right label ${pct(h.foldRightLabel)}; fold look-alikes flagged ${pct(h.foldLookalikesFlagged)} of ${h.foldLookalikes}; ` +
    `COLD cal safe ${pct(h.coldCalSafeFlagged)}, COLD dev safe ${pct(h.coldDevSafeFlagged)} (all ${pct(h.coldDevFlagged)}), zh ordinary ${pct(h.zhOrdinaryFlagged)}, SMS ham ${pct(h.smsHamFlagged)}`
  );
}

export function train(v: Variant, c: Corpora, fold: FoldPairs, version = v.name): LinearTextModel {
  return buildModel(buildData(v, c), { version, features: featuresOf(v, fold), learn: v.learn, fold, training: {} }, jiebaCutter(v.features.jieba));
}

function main(): void {
  const root = repoRoot();
  const t0 = Date.now();
  const corpora = loadCorpora(root);
  const fold = t2sPairs();
  const m = manifest(SHIPPED, corpora, root, fold);
  const version = versionOf(m);
  const model = train(SHIPPED, corpora, fold, version);
  const r = report(model, corpora);
  const header = model.header;
  header.training = { ...m, eval: figures(r) };
  const file = path.join(root, 'rules', 'model', 'classifier.bin');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const bytes = encodeModel({ header, weights: model.quantised });
  fs.writeFileSync(file, bytes);
  const sidecar = { version, modelSha256: crypto.createHash('sha256').update(bytes).digest('hex'), ...header.training };
  fs.writeFileSync(path.join(root, 'rules', 'model', 'classifier.json'), JSON.stringify(sidecar, null, 2) + '\n');
  process.stdout.write(`${summary(SHIPPED.name, r)}\n`);
  process.stdout.write(`wrote ${path.relative(root, file)} version ${version} in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
}

if (require.main === module) main();
