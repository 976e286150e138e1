/*
 * What the classifier is trained on and how (scripts only; nothing on the screening path imports this).
 *
 * Data: the shared corpora (../shared/datasets: COLD train/dev, SWSR, English SMS spam) and the project's
 * JSON Lines files in data/classifier/ (see data/README.md). Splits are fixed by a hash of the text:
 *
 * - COLD train: 88% trains, 12% ("COLD cal") calibrates the offensive head (Platt) and is the validation
 *   set for choosing the recipe. COLD dev is never trained, calibrated or chosen on: it is the headline.
 * - SWSR 80/20, SMS 68/12/20 (train / calibration / test), as before.
 * - Chinese spam files: 70% train, 30% test; the spam head is calibrated on the SMS calibration fold plus
 *   the COLD cal fold as ordinary Chinese comments.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Converter } from 'opencc-js';
import { pinyin } from 'pinyin-pro';
import { mulberry32 } from '../../rules/classifier/learner';
import type { BuildData, ReportingHeadData } from '../../rules/classifier/build';
import type { FeatureOptions } from '../../rules/classifier/features';
import type { LearnOptions } from '../../rules/classifier/learner';
import { Folder, type FoldPairs } from '../../rules/classifier/normalise';
import { DISCUSSES_BIAS } from '../../rules/classifier/stance';
import type { TextModel } from '../../rules/classifier/types';
import { coldKey, datasetsDir, holdOut, readCold, readJsonl, readSms, readSwsr, type DataFile, type DataRow, type LabelledText } from './datasets';
import { assertNoLeak, withoutLeaks } from './leaks';
import { evaluate, findingScore, flaggedRate, harmScore, offensiveScore, pct, spamScore, type BinaryMetrics } from './metrics';
import { opposesBias } from './stance-rule';

/** v3 examples sharing more than this share of a held-out text's trigrams are dropped (stricter than assertNoLeak's 0.6). */
const V3_MAX_SHARE = 0.4;

export type Review = 'A' | 'N' | 'O';

/** A training item: a labelled text with its sample weight, stance (hand-written sets) and optional training-only namespace. */
export type Item = LabelledText & { weight?: number; domain?: number; stance?: string };

/** One recipe: which data at which weights, which features, which learner settings. */
export interface Variant {
  name: string;
  features: FeatureOptions;
  swsr: boolean;
  /** v1 hand-written examples (data/classifier/extra-v1.jsonl) and the v1 Chinese ad lures. */
  extra: boolean;
  extraWeight: number;
  /** Weight of COLD train items labelled offensive that talk about discrimination (see buildData). */
  discWeight: number;
  learn: LearnOptions;
  /** COLD train items the stance rule (stance-rule.ts opposesBias) calls anti-bias: keep, relabel 0, or drop. */
  relabel?: 'keep' | 'flip' | 'drop';
  /** v2 hand-written examples (extra-v2.jsonl), at extraWeight. */
  extraV2?: boolean;
  /** Train a stance head and let it lower the offensive score by up to this share (0: no head). */
  stanceGate?: number;
  /** Weight multiplier of the stance head's positive ("opposes discrimination") examples. */
  stancePosWeight?: number;
  /**
   * COLD comments labelled offensive that talk about bias, read one by one (cold-reviewed.jsonl):
   * 'flip': those judged anti-bias (A) or neutral (N) are relabelled safe; 'flip-a': only the A ones
   * (N keeps COLD's label, as COLD's own convention does); 'drop': A and N are removed. O keeps label 1
   * at full weight (not discWeight). Applies to training and to the calibration fold alike.
   */
  reviewed?: 'flip' | 'flip-a' | 'drop';
  /**
   * With reviewed 'flip': each reviewed neutral (N) comment counts as safe at this weight and as offensive
   * at 1 − this (a soft label between the policy's reading and COLD's); absent: safe at full weight.
   */
  neutralSafeWeight?: number;
  /** Labels of the calibration fold (default: as `reviewed`); 'original': COLD's own. */
  calibrateAs?: Variant['reviewed'] | 'original';
  /** v3 naturalistic hand-written examples (extra-v3a/b.jsonl) at this weight (0: none). */
  v3Weight?: number;
  /** Quote augmentation (ablation): attacks again in quotation marks, counter-speech again without (weights × this). */
  quoteAugment?: number;
  /** Weight of the SWSR training comments in the offensive head (default 1). */
  swsrWeight?: number;
  /** Ensemble (ablation only): members trained and calibrated on their own, calibrated scores averaged. */
  ensemble?: Variant[];
  /** Add SWSR's SexHateLex (read at training time, stored in the model header) as FeatureOptions.tokenLexicon. */
  sexHateLex?: boolean;
  /** SWSR domain copy (training only): SWSR comments get their features again in a namespace of their own. */
  swsrCopy?: boolean;
  /** v6 abbreviation/regional-slur examples (extra-v6.jsonl) at this weight (0: none). */
  v6Weight?: number;
  /** Class weight: every offensive-head training item labelled 1 has its weight multiplied by this (default 1). */
  positiveWeight?: number;
  /** Chinese spam files (zh-spam*.jsonl) in the spam head; ads weighted by this (0: none). */
  zhSpamWeight?: number;
  /** News, court and police reports of crimes and insults (news-v1.jsonl), safe, at this weight (0: none). */
  newsWeight?: number;
  /**
   * cls-10: the look-alikes of the harm and illicit files' training fold (cooking, games, news, hyperbole…)
   * as safe examples for the offensive head too, at this weight (0: none), so that 杀鱼, 四杀 and 热死人 are
   * not read as insults or hatred.
   */
  lookalikeSafeWeight?: number;
  /** cls-8: obscene_violent heads trained on harm-v1.jsonl (absent: none). See HarmOptions. */
  harm?: HarmOptions;
  /** cls-9: gambling, cult and fraud findings trained on illicit-v*.jsonl with the harm options (ILLICIT_GROUPS). */
  illicit?: boolean;
}

/**
 * The harm heads (cls-8): one reporting head, `harm`, learns every harmful post of harm-v1.jsonl against
 * every ordinary text and makes one obscene_violent finding; five label heads, one per family, learned
 * from the harmful posts alone, name it (violence, drugs, weapons, porn, terror). One pooled decision
 * generalised better than one decision per family on the calibration fold (77.6% vs 73.3% of harmful
 * posts flagged at the same 2.7% of look-alikes) and keeps the false alarms of one head, not five.
 */
export interface HarmOptions {
  /** Weight of harm-v1's harmful posts and of its ordinary hard negatives. */
  positiveWeight: number;
  hardNegativeWeight: number;
  /** Weight of the other ordinary texts (COLD non-offensive, SMS ham, news-v1, zh-spam ordinary rows). */
  ordinaryWeight: number;
  /** Share of COLD train's non-offensive comments used as ordinary training text (by position, every k-th). */
  coldShare: number;
  /** The most of the calibration fold's ordinary comments (COLD cal non-offensive) the harm finding may flag. */
  maxColdFlagged: number;
  /** The most of harm-v1's calibration-fold look-alikes the harm finding may flag. */
  maxLookalikeFlagged: number;
  /** Learner settings of the harm heads over the recipe's (default: the recipe's, no NB weighting). */
  learn?: Partial<LearnOptions>;
  /**
   * Weight of an obfuscated copy (obfuscatedCopy) of every harm-v1 training row, harmful and ordinary alike
   * (0: none), and of that many COLD non-offensive comments per harm-v1 row: spacing and pinyin then teach
   * nothing by themselves, while the words they hide keep their weight.
   */
  augment?: number;
  /** COLD cal non-offensive comments per harm-v1 fold look-alike in the Platt scaling set. */
  calibrationColdRatio: number;
  /** cls-9: shortOrdinary's strings as ordinary training text and as a guard (SHORT_MAX_FLAGGED). */
  shortOrdinary?: boolean;
}

/** Family of harm-v1.jsonl → the obscene_violent label its head reports (rules/labels.ts). */
export const HARM_FAMILIES: Record<string, string> = {
  threats: 'violence',
  drugs: 'drugs',
  weapons: 'weapons',
  porn: 'porn',
  terror: 'terror',
};

/**
 * cls-9: one finding per family of illicit-v1/v2.jsonl, each its own group (its own category), learnt like the
 * harm decision head: the family's posts against ordinary text, the files' look-alikes and every other family's
 * harmful posts (so a gambling invitation does not read as a cult's).
 */
export const ILLICIT_GROUPS: ReadonlyArray<{ family: string; category: string; label: string }> = [
  { family: 'gambling', category: 'obscene_violent', label: 'gambling' },
  { family: 'cult', category: 'religion_cult', label: 'cult' },
  { family: 'fraud', category: 'fraud_insult', label: 'fraud' },
];

/** The data files of data/classifier/ by role. Training-only files, the validation and evaluation-only sets. */
export const DATA_FILES = {
  extraV1: 'data/classifier/extra-v1.jsonl',
  extraV2: 'data/classifier/extra-v2.jsonl',
  extraV3a: 'data/classifier/extra-v3a.jsonl',
  extraV3b: 'data/classifier/extra-v3b.jsonl',
  extraV6: 'data/classifier/extra-v6.jsonl',
  spamLures: 'data/classifier/spam-lures-v1.jsonl',
  zhSpam: 'data/classifier/zh-spam.jsonl',
  zhSpamExtra: 'data/classifier/zh-spam-extra.jsonl',
  newsV1: 'data/classifier/news-v1.jsonl',
  harmV1: 'data/classifier/harm-v1.jsonl',
  harmV2: 'data/classifier/harm-v2.jsonl',
  harmV3: 'data/classifier/harm-v3.jsonl',
  illicitV1: 'data/classifier/illicit-v1.jsonl',
  illicitV2: 'data/classifier/illicit-v2.jsonl',
  reviews: 'data/classifier/cold-reviewed.jsonl',
  evalV1: 'data/classifier/eval-v1.jsonl',
  evalV2: 'data/classifier/eval-v2.jsonl',
  evalV3: 'data/classifier/eval-v3.jsonl',
  evalV4: 'data/classifier/eval-v4.jsonl',
} as const;
export type DataKey = keyof typeof DATA_FILES;

/** Files a checkout may lack (zh-spam.jsonl is not redistributable; the others came with later recipes). */
const OPTIONAL_FILES: ReadonlySet<DataKey> = new Set<DataKey>(['zhSpam', 'illicitV1', 'illicitV2', 'harmV3']);

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
  /** COLD train without the calibration fold. */
  coldTrain: LabelledText[];
  /** 12% of COLD train by text hash, original labels: calibration and validation. */
  coldCal: LabelledText[];
  coldDev: LabelledText[];
  swsrTrain: LabelledText[];
  swsrTest: LabelledText[];
  smsTrain: LabelledText[];
  smsCal: LabelledText[];
  smsTest: LabelledText[];
  /** Chinese spam rows (zh-spam.jsonl when present, zh-spam-extra.jsonl), 70% train / 30% test by text hash. */
  zhSpamTrain: DataRow[];
  zhSpamTest: DataRow[];
  /** harm-v1/v2/v3.jsonl (three authors), 80% train / 20% calibration of the harm heads by text hash. */
  harmTrain: DataRow[];
  harmCal: DataRow[];
  /** illicit-v1.jsonl and illicit-v2.jsonl (two authors), 80% train / 20% calibration by text hash. */
  illicitTrain: DataRow[];
  illicitCal: DataRow[];
  /** shortOrdinary's strings of COLD train and the SMS training fold. */
  short: string[];
  /** Review verdicts by coldKey(text). */
  reviews: Map<string, Review>;
  /** Every data/classifier file read, by key (absent optional files are left out). */
  files: Partial<Record<DataKey, DataFile>>;
}

export function loadCorpora(root: string): Corpora {
  const dir = datasetsDir(root);
  const swsr = holdOut(readSwsr(dir), 0.2, 'swsr');
  const sms = holdOut(readSms(dir), 0.2, 'sms');
  const smsCal = holdOut(sms.train, 0.15, 'sms-cal');
  const cold = holdOut(readCold(dir, 'train'), 0.12, 'cold-cal');
  const files: Partial<Record<DataKey, DataFile>> = {};
  for (const [key, file] of Object.entries(DATA_FILES) as Array<[DataKey, string]>) {
    if (OPTIONAL_FILES.has(key) && !fs.existsSync(path.join(root, file))) continue;
    files[key] = readJsonl(root, file);
  }
  const reviews = new Map<string, Review>();
  for (const r of files.reviews?.rows ?? []) if (r.review) reviews.set(coldKey(r.text), r.review);
  const zh = holdOut([...(files.zhSpam?.rows ?? []), ...(files.zhSpamExtra?.rows ?? [])], 0.3, 'zh-spam');
  // harm-v2's authors named two families differently (threat, terrorism).
  const v2Family: Record<string, string> = { threat: 'threats', terrorism: 'terror' };
  const harmV2 = (files.harmV2?.rows ?? []).map((r) => (r.label === 1 && r.family && v2Family[r.family] ? { ...r, family: v2Family[r.family] } : r));
  const harm = holdOut([...(files.harmV1?.rows ?? []), ...harmV2, ...(files.harmV3?.rows ?? [])], 0.2, 'harm');
  const illicit = holdOut([...(files.illicitV1?.rows ?? []), ...(files.illicitV2?.rows ?? [])], 0.2, 'illicit');
  return {
    coldTrain: cold.train,
    coldCal: cold.test,
    coldDev: readCold(dir, 'dev'),
    swsrTrain: swsr.train,
    swsrTest: swsr.test,
    smsTrain: smsCal.train,
    smsCal: smsCal.test,
    smsTest: sms.test,
    zhSpamTrain: zh.train,
    zhSpamTest: zh.test,
    harmTrain: harm.train,
    harmCal: harm.test,
    illicitTrain: illicit.train,
    illicitCal: illicit.test,
    short: shortOrdinary(cold.train, smsCal.train),
    reviews,
    files,
  };
}

/** Rows of a data file as training items (label, topic and stance from the file; source = the file). */
export function rowsOf(c: Corpora, key: DataKey): Item[] {
  const f = c.files[key];
  if (!f) return [];
  return f.rows.map((r) => ({ text: r.text, label: r.label, topic: r.topic ?? '', source: f.file, stance: r.stance }));
}

/** COLD comments with the reviewed bias-talk verdicts applied as `mode` says (see Variant.reviewed). */
export function withReviews(items: LabelledText[], reviews: Map<string, Review>, mode: Variant['reviewed']): LabelledText[] {
  if (!mode) return items;
  const out: LabelledText[] = [];
  for (const x of items) {
    const r = x.label === 1 ? reviews.get(coldKey(x.text)) : undefined;
    const safe = r === 'A' || (r === 'N' && mode !== 'flip-a');
    if (!safe) out.push(x);
    else if (mode !== 'drop') out.push({ ...x, label: 0 });
  }
  return out;
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

/** The hand-written training examples a variant uses, leak-checked against the held-out sets. */
export function handWritten(v: Variant, c: Corpora): Item[] {
  const held = heldOutTexts(c);
  const extra: Item[] = [
    ...[...(v.extra ? rowsOf(c, 'extraV1') : []), ...(v.extraV2 ? rowsOf(c, 'extraV2') : [])].map((x) => ({ ...x, weight: v.extraWeight })),
    ...(v.v6Weight ? rowsOf(c, 'extraV6').map((x) => ({ ...x, weight: v.v6Weight ?? 1 })) : []),
    ...(v.newsWeight ? rowsOf(c, 'newsV1').map((x) => ({ ...x, weight: v.newsWeight ?? 1 })) : []),
    ...(v.v3Weight
      ? withoutLeaks([...rowsOf(c, 'extraV3a'), ...rowsOf(c, 'extraV3b')], held, V3_MAX_SHARE).kept.map((x) => ({ ...x, weight: v.v3Weight ?? 1 }))
      : []),
  ];
  // Every hand-written training text is checked against the held-out sets before anything is trained.
  assertNoLeak(extra, held);
  return extra;
}

/** Texts of held-out v2, v3 and v4 (the leak check's reference). */
export function heldOutTexts(c: Corpora): string[] {
  return (['evalV2', 'evalV3', 'evalV4'] as const).flatMap((k) => c.files[k]?.rows.map((r) => r.text) ?? []);
}

export function buildData(v: Variant, c: Corpora): BuildData {
  const extra = handWritten(v, c);
  const relabel = v.relabel ?? 'keep';
  const cold: Array<Item & { weight: number; anti: boolean }> = [];
  for (const x of c.coldTrain) {
    const verdict = v.reviewed && x.label === 1 ? c.reviews.get(coldKey(x.text)) : undefined;
    const safe = verdict === 'A' || (verdict === 'N' && v.reviewed !== 'flip-a');
    if (verdict !== undefined && !safe) {
      cold.push({ ...x, weight: 1, anti: false });
      continue;
    }
    if (verdict !== undefined) {
      const w = verdict === 'N' && v.neutralSafeWeight !== undefined ? v.neutralSafeWeight : 1;
      if (v.reviewed !== 'drop') cold.push({ ...x, label: 0, weight: w, anti: verdict === 'A' });
      if (w < 1) cold.push({ ...x, weight: 1 - w, anti: false });
      continue;
    }
    const anti = relabel !== 'keep' && opposesBias(x.text);
    if (anti && relabel === 'drop') continue;
    if (anti) cold.push({ ...x, label: 0, weight: 1, anti });
    else cold.push({ ...x, weight: x.label === 1 && DISCUSSES_BIAS.test(x.text) ? v.discWeight : 1, anti });
  }
  const offensive: Item[] = [
    ...cold,
    ...(v.swsr ? c.swsrTrain.map((x) => ({ ...x, weight: v.swsrWeight ?? 1, domain: v.swsrCopy ? SWSR_DOMAIN : undefined })) : []),
    ...extra,
  ];
  const pos = v.positiveWeight ?? 1;
  if (pos !== 1)
    for (let i = 0; i < offensive.length; i++) if (offensive[i].label === 1) offensive[i] = { ...offensive[i], weight: (offensive[i].weight ?? 1) * pos };
  if (v.quoteAugment) offensive.push(...quoteAugmented(offensive, v.quoteAugment));
  const lw = v.lookalikeSafeWeight ?? 0;
  if (lw > 0) for (const r of [...c.harmTrain, ...c.illicitTrain]) if (r.label === 0) offensive.push(item(r.text, 0, 'harm/illicit look-alike', lw));
  const topic = [...c.coldTrain, ...(v.swsr ? c.swsrTrain : []), ...extra].map((x) => ({
    ...x,
    label: (x.topic === 'race' || x.topic === 'region' ? 1 : 0) as 0 | 1,
  }));
  const data: BuildData = {
    offensive,
    topic,
    spam: spamTraining(v, c),
    // Calibrate on held-out train comments labelled the way training was (reviewed labels would otherwise be
    // pulled straight back up by Platt scaling on COLD's original bias-talk labels).
    calibrateOffensive: v.calibrateAs === 'original' ? c.coldCal : withReviews(c.coldCal, c.reviews, v.calibrateAs ?? v.reviewed),
    calibrateSpam: spamCalibration(c),
  };
  if (v.harm) {
    // Every reporting head before the first label head (the model format's order).
    const [decision, ...labels] = harmHeads(v.harm, c);
    const illicit = v.illicit ? illicitHeads(v.harm, c) : [];
    data.reporting = [decision, ...illicit, ...labels];
    data.groupGuards = [...harmGuards(v.harm, c), ...(v.illicit ? illicitGuards(v.harm, c) : [])];
  }
  if (v.stanceGate) {
    // Stance head: "opposes discrimination" (1) against everything else that talks about groups or bias,
    // attacks first among them, so that bias vocabulary alone does not read as opposition.
    const pw = v.stancePosWeight ?? 1;
    data.stance = [
      ...extra.map((x) => (x.stance === 'counter' ? { ...x, label: 1 as const, weight: (x.weight ?? 1) * pw } : { ...x, label: 0 as const })),
      ...cold.filter((x) => x.anti).map((x) => ({ ...x, label: 1 as const, weight: pw })),
      ...cold.filter((x) => !x.anti && (x.label === 1 || DISCUSSES_BIAS.test(x.text))).map((x) => ({ ...x, label: 0 as const, weight: 1 })),
      ...cold.filter((x, i) => !x.anti && x.label === 0 && i % 3 === 0).map((x) => ({ ...x, label: 0 as const, weight: 1 })),
    ];
    data.stanceGate = v.stanceGate;
  }
  return data;
}

const item = (text: string, label: 0 | 1, source: string, weight: number) => ({ text, label, topic: '', source, weight });

/**
 * Short ordinary strings (cls-9): the Latin words of English SMS ham, every two-letter word, runs of one letter
 * (xxx, bbbb), Latin-and-Han tokens of COLD's comments (b站, up主, cp粉) and COLD's non-offensive comments of at most
 * six characters. A very short text has few features, each counting fully (1/√n), so without these a finding
 * learnt from posts that use Latin slang and placeholders (bc, bjl, qq xxx) scored abc, bbc and b站 as gambling.
 * Deterministic: sorted, distinct.
 */
export function shortOrdinary(coldTrain: readonly LabelledText[], smsTrain: readonly LabelledText[]): string[] {
  const out = new Set<string>();
  for (const x of smsTrain) if (x.label === 0) for (const w of x.text.toLowerCase().match(/[a-z]{1,10}/g) ?? []) out.add(w);
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  for (const a of letters) {
    for (const b of letters) out.add(a + b);
    for (let k = 3; k <= 6; k++) out.add(a.repeat(k));
  }
  for (const x of coldTrain) {
    if (x.label !== 0) continue;
    for (const m of x.text.match(/[A-Za-z]{1,5}[\u4e00-\u9fff]{1,2}/g) ?? []) out.add(m);
    if ([...x.text].length <= 6) out.add(x.text);
  }
  return [...out].sort();
}

/** Ordinary text every finding head learns against: COLD non-offensive, SMS ham, news-v1, zh-spam ordinary rows, shortOrdinary. */
function ordinaryText(o: HarmOptions, c: Corpora): Array<ReturnType<typeof item>> {
  const step = Math.max(1, Math.round(1 / o.coldShare));
  return [
    ...(o.shortOrdinary ? c.short : []).map((t) => item(t, 0, 'short', o.ordinaryWeight)),
    ...c.coldTrain
      .filter((x) => x.label === 0)
      .filter((_, i) => i % step === 0)
      .map((x) => item(x.text, 0, x.source, o.ordinaryWeight)),
    ...c.smsTrain.filter((x) => x.label === 0).map((x) => item(x.text, 0, x.source, o.ordinaryWeight)),
    ...(c.files.newsV1?.rows ?? []).map((r) => item(r.text, 0, 'news-v1', o.ordinaryWeight)),
    ...c.zhSpamTrain.filter((r) => r.label === 0).map((r) => item(r.text, 0, 'zh-spam', o.ordinaryWeight)),
  ];
}

/** Platt scaling set of a finding: the fold's posts of the family against its look-alikes plus calibrationColdRatio times as many COLD cal comments. */
function calibrationSet(o: HarmOptions, c: Corpora, fold: DataRow[], isFamily: (r: DataRow) => boolean, source: string): LabelledText[] {
  const coldCalOrdinary = c.coldCal.filter((x) => x.label === 0);
  const calLookalikes = fold.filter((r) => r.label === 0);
  const coldCount = Math.round(o.calibrationColdRatio * calLookalikes.length);
  const coldStep = Math.max(1, Math.floor(coldCalOrdinary.length / Math.max(1, coldCount)));
  return [
    ...fold.filter((r) => r.label === 1 && isFamily(r)).map((r) => item(r.text, 1, source, 1)),
    ...calLookalikes.map((r) => item(r.text, 0, source, 1)),
    ...coldCalOrdinary.filter((_, i) => i % coldStep === 0).slice(0, coldCount),
  ];
}

/** cls-9's gambling, cult and fraud findings (ILLICIT_GROUPS), one reporting head and group each. */
export function illicitHeads(o: HarmOptions, c: Corpora): ReportingHeadData[] {
  // Both files' look-alikes: short everyday Chinese posts are what these findings mistake most.
  const ordinary = [
    ...ordinaryText(o, c),
    ...c.illicitTrain.filter((r) => r.label === 0).map((r) => item(r.text, 0, 'illicit', o.hardNegativeWeight)),
    ...c.harmTrain.filter((r) => r.label === 0).map((r) => item(r.text, 0, 'harm', o.hardNegativeWeight)),
  ];
  const otherHarm = c.harmTrain.filter((r) => r.label === 1).map((r) => item(r.text, 0, 'harm', 1));
  const copies = o.augment
    ? c.illicitTrain.flatMap((r) => {
        const copy = obfuscatedCopy(r.text);
        return copy === r.text ? [] : [{ ...r, text: copy }];
      })
    : [];
  const harmful = c.illicitTrain.filter((r) => r.label === 1);
  return ILLICIT_GROUPS.map((g) => {
    const own = (r: DataRow) => r.label === 1 && r.family === g.family;
    return {
      name: g.family,
      category: g.category as ReportingHeadData['category'],
      label: g.label,
      group: g.family,
      learn: o.learn,
      train: [
        ...harmful.map((r) => item(r.text, own(r) ? 1 : 0, 'illicit', own(r) ? o.positiveWeight : 1)),
        ...copies.map((r) => item(r.text, own(r) ? 1 : 0, 'illicit+obfuscated', o.augment ?? 1)),
        ...ordinary,
        ...otherHarm,
      ],
      calibrate: calibrationSet(o, c, c.illicitCal, own, 'illicit'),
    };
  });
}

/** The most of shortOrdinary's strings a finding may flag (a guard, as the look-alike caps). */
const SHORT_MAX_FLAGGED = 0.002;

/** Each illicit finding may flag this fraction of the harm group's look-alike share (three findings share it). */
const ILLICIT_LOOKALIKE_SHARE = 4;

/**
 * Each illicit finding's false-alarm caps: COLD cal as harm's, and a quarter of harm's look-alike cap on both
 * files' calibration look-alikes and on the zh-spam files' ordinary notices, so the three findings together
 * stay below the harm group's one.
 */
export function illicitGuards(o: HarmOptions, c: Corpora): NonNullable<BuildData['groupGuards']> {
  const lookalikes = [...c.illicitCal, ...c.harmCal].filter((r) => r.label === 0).map((r) => r.text);
  // Ordinary Chinese notices and messages (bank, delivery, appointments): what a fraud script imitates.
  const notices = c.zhSpamTrain.filter((r) => r.label === 0).map((r) => r.text);
  return ILLICIT_GROUPS.flatMap((g) => [
    { group: g.family, texts: c.coldCal.filter((x) => x.label === 0).map((x) => x.text), maxFlagged: o.maxColdFlagged },
    { group: g.family, texts: lookalikes, maxFlagged: o.maxLookalikeFlagged / ILLICIT_LOOKALIKE_SHARE },
    { group: g.family, texts: notices, maxFlagged: o.maxLookalikeFlagged / ILLICIT_LOOKALIKE_SHARE },
    ...(o.shortOrdinary ? [{ group: g.family, texts: c.short, maxFlagged: SHORT_MAX_FLAGGED }] : []),
  ]);
}

/** The harm heads' training and calibration data (HarmOptions); the decision head first. */
export function harmHeads(o: HarmOptions, c: Corpora): ReportingHeadData[] {
  const coldOrdinary = c.coldTrain.filter((x) => x.label === 0);
  const ordinary = [...ordinaryText(o, c), ...c.harmTrain.filter((r) => r.label === 0).map((r) => item(r.text, 0, 'harm', o.hardNegativeWeight))];
  const familyOf = new Map(c.harmTrain.map((r) => [r.text, r.family]));
  const augmented: Array<ReturnType<typeof item> & { family?: string }> = [];
  if (o.augment) {
    const rows = c.harmTrain.map((r) => ({ text: r.text, label: r.label, source: 'harm' }));
    const extra = coldOrdinary.filter((_, i) => i % 7 === 3).slice(0, Math.round(rows.length / 2));
    for (const r of [...rows, ...extra.map((x) => ({ text: x.text, label: 0 as const, source: x.source }))]) {
      const copy = obfuscatedCopy(r.text);
      if (copy !== r.text) augmented.push({ ...item(copy, r.label, `${r.source}+obfuscated`, o.augment), family: familyOf.get(r.text) });
    }
  }
  const harmful = c.harmTrain.filter((r) => r.label === 1);
  const augmentedHarmful = augmented.filter((x) => x.label === 1);
  const decision: ReportingHeadData = {
    name: 'harm',
    category: 'obscene_violent',
    label: 'violence',
    group: 'harm',
    learn: o.learn,
    train: [...harmful.map((r) => item(r.text, 1, 'harm', o.positiveWeight)), ...ordinary, ...augmented],
    // Platt on the fold's harmful posts against its look-alikes plus COLD comments: that balance sets where
    // 0.5 falls, and the guards (harmGuards) then cap the false alarms.
    calibrate: calibrationSet(o, c, c.harmCal, () => true, 'harm'),
  };
  // Label heads: which family a harmful post belongs to, learned from the harmful posts alone.
  const labels = Object.entries(HARM_FAMILIES).map(([family, label]) => ({
    name: `harm-${label}`,
    label,
    labelFor: 'harm',
    learn: o.learn,
    train: [
      ...harmful.map((r) => item(r.text, r.family === family ? 1 : 0, 'harm', 1)),
      ...augmentedHarmful.map((x) => ({ ...x, label: (x.family === family ? 1 : 0) as 0 | 1, weight: 1 })),
    ],
  }));
  return [decision, ...labels];
}

const SEPARATORS = [' ', '.', '-', '*', '/', '_', '~', '|', '😊', '🙏', '，', '·'];
const EMOJI = ['🔥', '😏', '👉', '💯', '🙈', '😂', '✨', '👀'];

/**
 * One deterministic obfuscated spelling of a text, chosen by its hash: separators between the characters,
 * some Chinese characters as pinyin or pinyin initials, or emoji dropped in. The same for harmful and
 * ordinary text (HarmOptions.augment).
 */
export function obfuscatedCopy(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  const rand = mulberry32(h >>> 0);
  const chars = [...text];
  const han = (ch: string) => /\p{Script=Han}/u.test(ch);
  switch ((h >>> 0) % 4) {
    case 0:
    case 1: {
      const sep = SEPARATORS[Math.floor(rand() * SEPARATORS.length)];
      return chars.join(sep);
    }
    case 2:
      return chars
        .map((ch) => {
          if (!han(ch) || rand() > 0.35) return ch;
          const full = rand() < 0.6;
          return pinyin(ch, { toneType: 'none', ...(full ? {} : { pattern: 'first' as const }) });
        })
        .join('');
    default:
      return chars.map((ch) => (rand() < 0.2 ? `${ch}${EMOJI[Math.floor(rand() * EMOJI.length)]}` : ch)).join('');
  }
}

/** The harm group's false-alarm caps on the calibration fold (HarmOptions.maxColdFlagged, maxLookalikeFlagged). */
export function harmGuards(o: HarmOptions, c: Corpora): NonNullable<BuildData['groupGuards']> {
  return [
    { group: 'harm', texts: c.coldCal.filter((x) => x.label === 0).map((x) => x.text), maxFlagged: o.maxColdFlagged },
    { group: 'harm', texts: c.harmCal.filter((r) => r.label === 0).map((r) => r.text), maxFlagged: o.maxLookalikeFlagged },
    ...(o.shortOrdinary ? [{ group: 'harm', texts: c.short, maxFlagged: SHORT_MAX_FLAGGED }] : []),
  ];
}

/**
 * Spam head: English SMS, Chinese comments as ham (so the English-trained head does not fire on any
 * Chinese text), the v1 ad lures, and the Chinese spam files' training fold (ads at zhSpamWeight).
 */
function spamTraining(v: Variant, c: Corpora): Item[] {
  const zhHam = [...c.coldTrain.filter((_, i) => i % 4 === 0), ...c.swsrTrain.filter((_, i) => i % 3 === 0)].map((x) => ({ ...x, label: 0 as const }));
  const zw = v.zhSpamWeight ?? 0;
  const zh: Item[] = zw
    ? c.zhSpamTrain.map((r) => ({ text: r.text, label: r.label, topic: '', source: 'zh-spam', weight: r.label === 1 ? zw : Math.max(1, zw / 2) }))
    : [];
  return [...c.smsTrain, ...zhHam, ...(v.extra ? rowsOf(c, 'spamLures') : []), ...zh];
}

/** Spam calibration: the SMS calibration fold plus the COLD calibration fold as ordinary Chinese comments. */
function spamCalibration(c: Corpora): LabelledText[] {
  return [...c.smsCal, ...c.coldCal.map((x) => ({ ...x, label: 0 as const }))];
}

const QUOTE_MARKS = /[“”「」『』"]/g;
/** Hash seed of the SWSR domain copy (Variant.swsrCopy). */
const SWSR_DOMAIN = 0x5a17c0de;

/** See Variant.quoteAugment. */
function quoteAugmented(items: Item[], scale: number): Item[] {
  const out: Item[] = [];
  items.forEach((x, i) => {
    const w = (x.weight ?? 1) * scale;
    if (x.label === 1) {
      // Alternate between quoting the whole text and quoting its second half (a quoted claim after a lead-in).
      const cut = Math.floor(x.text.length / 2);
      out.push({ ...x, text: i % 2 === 0 ? `“${x.text}”` : `${x.text.slice(0, cut)}“${x.text.slice(cut)}”`, weight: w, source: `${x.source}+quoted` });
    } else if (x.stance === 'counter' && QUOTE_MARKS.test(x.text)) {
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

/* ---------------------------------------------------------------- evaluation */

/** A held-out set by slice (counter-speech and neutral mentions are safe, attacks offensive). */
export interface HeldOutSet {
  counter: string[];
  neutral: string[];
  attack: string[];
}

/** eval-v1 (slices), eval-v2 (mine), eval-v3 (validation of cls-3..5), eval-v4 (report only). */
export function heldOutSet(c: Corpora, key: 'evalV1' | 'evalV2' | 'evalV3' | 'evalV4'): HeldOutSet {
  const rows = c.files[key]?.rows ?? [];
  const of = (s: string) => rows.filter((r) => r.stance === s).map((r) => r.text);
  return { counter: of('counter'), neutral: of('neutral'), attack: of('attack') };
}

export interface HeldOutReport {
  all: BinaryMetrics;
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

/** Offensive-head figures on one COLD fold: original labels, reviewed labels, and by review verdict. */
export interface ColdReport {
  original: BinaryMetrics;
  /** Share flagged of the comments COLD labels safe ("ordinary comments flagged"). */
  safeFlagged: number;
  /** With the reviewed A/N comments relabelled safe (cold-reviewed.jsonl): the second, explained figure. */
  reviewed: BinaryMetrics;
  /** Share flagged of the reviewed comments judged anti-bias (A), neutral (N), offensive (O), and their counts. */
  antiBiasFlagged: number;
  neutralBiasTalkFlagged: number;
  offensiveBiasTalkCaught: number;
  counts: Record<Review, number>;
  byTopic: Record<string, number>;
}

export function coldReport(model: TextModel, items: LabelledText[], reviews: Map<string, Review>): ColdReport {
  const scores = items.map((x) => offensiveScore(model, x.text));
  const flagged = (pick: (x: LabelledText) => boolean) => {
    let n = 0;
    let k = 0;
    items.forEach((x, i) => {
      if (!pick(x)) return;
      n++;
      if (scores[i] >= 0.5) k++;
    });
    return { rate: k / Math.max(1, n), n };
  };
  const verdict = (x: LabelledText) => (x.label === 1 ? reviews.get(coldKey(x.text)) : undefined);
  const a = flagged((x) => verdict(x) === 'A');
  const n = flagged((x) => verdict(x) === 'N');
  const o = flagged((x) => verdict(x) === 'O');
  const byTopic: Record<string, number> = {};
  for (const topic of ['race', 'region', 'gender']) {
    byTopic[topic] = evaluate(
      model,
      items.filter((x) => x.topic === topic),
      offensiveScore,
    ).accuracy;
  }
  return {
    original: evaluate(model, items, offensiveScore),
    safeFlagged: flagged((x) => x.label === 0).rate,
    reviewed: evaluate(model, withReviews(items, reviews, 'flip'), offensiveScore),
    antiBiasFlagged: a.rate,
    neutralBiasTalkFlagged: n.rate,
    offensiveBiasTalkCaught: o.rate,
    counts: { A: a.n, N: n.n, O: o.n },
    byTopic,
  };
}

/** Spam-head figures on the Chinese spam test fold and on ordinary comments. */
export interface SpamReport {
  /** English SMS held-out 20%. */
  smsTest: BinaryMetrics;
  /** Chinese spam test fold (30% of zh-spam*.jsonl by text hash). */
  zhTest: BinaryMetrics;
  zhOrdinarySmsFlagged: number;
  zhOrdinaryPostsFlagged: number;
  zhCounts: { ads: number; ordinarySms: number; ordinaryPosts: number };
  /** COLD dev comments (none of them advertising) flagged as spam. */
  coldDevFlagged: number;
  /** The advertising helper's template-disjoint set (ZH_SPAM_EVAL_FILE), when present: recall, precision, ordinary SMS/posts flagged. */
  zhDev?: { n: number; recall: number; precision: number; ordinarySmsFlagged: number; ordinaryPostsFlagged: number };
}

/**
 * Chinese advertising written by the advertising-rules helper from templates disjoint from those of
 * zh-spam.jsonl (its rule-tuning set; evaluation only here, never trained or chosen on). Read only by
 * evaluation, and only when present (it arrives with the advertising branch); SHENHE_ZH_SPAM_EVAL overrides.
 */
export const ZH_SPAM_EVAL_FILE = 'data/tuning/zh-ads-dev.jsonl';

function zhDevReport(model: TextModel): SpamReport['zhDev'] {
  const root = repoRoot();
  const file = process.env.SHENHE_ZH_SPAM_EVAL ?? path.join(root, ZH_SPAM_EVAL_FILE);
  if (!fs.existsSync(file)) return undefined;
  const rows = readJsonl(path.dirname(file), path.basename(file)).rows;
  const m = evaluate(model, rows, spamScore);
  const ordinary = (ch: string) => rows.filter((r) => r.label === 0 && channelOf(r) === ch).map((r) => r.text);
  return {
    n: rows.length,
    recall: m.recall[1],
    precision: m.precision[1],
    ordinarySmsFlagged: flaggedRate(model, ordinary('sms'), spamScore),
    ordinaryPostsFlagged: flaggedRate(model, ordinary('post'), spamScore),
  };
}

export function spamReport(model: TextModel, c: Corpora): SpamReport {
  const ordinary = (ch: string) => c.zhSpamTest.filter((r) => r.label === 0 && channelOf(r) === ch).map((r) => r.text);
  const sms = ordinary('sms');
  const posts = ordinary('post');
  return {
    smsTest: evaluate(model, c.smsTest, spamScore),
    zhTest: evaluate(model, c.zhSpamTest, spamScore),
    zhOrdinarySmsFlagged: flaggedRate(model, sms, spamScore),
    zhOrdinaryPostsFlagged: flaggedRate(model, posts, spamScore),
    zhCounts: { ads: c.zhSpamTest.filter((r) => r.label === 1).length, ordinarySms: sms.length, ordinaryPosts: posts.length },
    coldDevFlagged: flaggedRate(
      model,
      c.coldDev.map((x) => x.text),
      spamScore,
    ),
    zhDev: zhDevReport(model),
  };
}

/** sms or post (DataRow.channel). */
export function channelOf(r: DataRow): 'sms' | 'post' {
  return r.channel === 'post' || (r.channel === undefined && r.kind === 'comment') ? 'post' : 'sms';
}

export interface Report {
  /** COLD dev: never trained, calibrated or chosen on. The headline. */
  coldDev: ColdReport;
  /** COLD calibration fold (12% of train): calibration and validation. */
  coldCal: ColdReport;
  swsrTest: BinaryMetrics;
  held: Record<'v1' | 'v2' | 'v3' | 'v4', HeldOutReport>;
  /** v3 attacks wrapped whole in quotation marks (“…”): quoting must not be a way past the classifier. */
  quotedAttackRecall: number;
  spam: SpamReport;
  harm: HarmReport;
  illicit: IllicitReport;
}

/** cls-9's gambling, cult and fraud findings: their calibration fold and ordinary text they never trained on. */
export interface IllicitReport {
  /** Of the fold's posts of each family, the share its own finding flags; `all` over every family. */
  foldRecall: Record<string, number>;
  foldPosts: number;
  /** Any of the three findings on the fold's look-alikes, on COLD cal / dev non-offensive, zh-spam ordinary rows, SMS ham, harm fold look-alikes. */
  foldLookalikesFlagged: number;
  foldLookalikes: number;
  coldCalSafeFlagged: number;
  coldDevSafeFlagged: number;
  zhOrdinaryFlagged: number;
  smsHamFlagged: number;
  harmLookalikesFlagged: number;
}

export function illicitReport(model: TextModel, c: Corpora): IllicitReport {
  const scores = ILLICIT_GROUPS.map((g) => findingScore(g.category, g.label));
  const anyScore = (m: TextModel, text: string) => Math.max(...scores.map((f) => f(m, text)));
  const foldRecall: Record<string, number> = {};
  let hit = 0;
  let posts = 0;
  ILLICIT_GROUPS.forEach((g, i) => {
    const own = c.illicitCal.filter((r) => r.label === 1 && r.family === g.family).map((r) => r.text);
    foldRecall[g.family] = flaggedRate(model, own, scores[i]);
    hit += foldRecall[g.family] * own.length;
    posts += own.length;
  });
  const texts = (xs: Array<{ text: string }>) => xs.map((x) => x.text);
  const lookalikes = texts(c.illicitCal.filter((r) => r.label === 0));
  return {
    foldRecall: { ...foldRecall, all: hit / Math.max(1, posts) },
    foldPosts: posts,
    foldLookalikesFlagged: flaggedRate(model, lookalikes, anyScore),
    foldLookalikes: lookalikes.length,
    coldCalSafeFlagged: flaggedRate(model, texts(c.coldCal.filter((x) => x.label === 0)), anyScore),
    coldDevSafeFlagged: flaggedRate(model, texts(c.coldDev.filter((x) => x.label === 0)), anyScore),
    zhOrdinaryFlagged: flaggedRate(model, texts(c.zhSpamTest.filter((r) => r.label === 0)), anyScore),
    smsHamFlagged: flaggedRate(model, texts(c.smsTest.filter((x) => x.label === 0)), anyScore),
    harmLookalikesFlagged: flaggedRate(model, texts(c.harmCal.filter((r) => r.label === 0)), anyScore),
  };
}

/** Harm-head (obscene_violent) figures: its calibration fold and ordinary text it never trained on. */
export interface HarmReport {
  /** harm-v1's 20% calibration fold: harmful posts flagged, by family and in all. */
  foldRecall: Record<string, number>;
  foldHarmful: number;
  /** Of the fold's flagged harmful posts, the share given the label of their own family. */
  foldRightLabel: number;
  /** harm-v1 fold look-alikes (news, cooking, games, …) flagged. */
  foldLookalikesFlagged: number;
  foldLookalikes: number;
  /** COLD cal non-offensive (the guard) and COLD dev non-offensive / all (never seen) flagged as harm. */
  coldCalSafeFlagged: number;
  coldDevSafeFlagged: number;
  coldDevFlagged: number;
  /** Chinese ordinary SMS and posts of the zh-spam test fold, English SMS ham of the test fold. */
  zhOrdinaryFlagged: number;
  smsHamFlagged: number;
}

export function harmReport(model: TextModel, c: Corpora): HarmReport {
  const foldRecall: Record<string, number> = {};
  const harmful = c.harmCal.filter((r) => r.label === 1);
  for (const family of Object.keys(HARM_FAMILIES))
    foldRecall[family] = flaggedRate(
      model,
      harmful.filter((r) => r.family === family).map((r) => r.text),
      harmScore,
    );
  let flagged = 0;
  let right = 0;
  for (const r of harmful) {
    const p = model.predict(r.text).find((x) => x.category === 'obscene_violent');
    if (!p || p.score < 0.5) continue;
    flagged++;
    if (p.label === HARM_FAMILIES[r.family ?? '']) right++;
  }
  const lookalikes = c.harmCal.filter((r) => r.label === 0).map((r) => r.text);
  const texts = (xs: LabelledText[]) => xs.map((x) => x.text);
  return {
    foldRecall: { ...foldRecall, all: flagged / Math.max(1, harmful.length) },
    foldHarmful: harmful.length,
    foldRightLabel: right / Math.max(1, flagged),
    foldLookalikesFlagged: flaggedRate(model, lookalikes, harmScore),
    foldLookalikes: lookalikes.length,
    coldCalSafeFlagged: flaggedRate(model, texts(c.coldCal.filter((x) => x.label === 0)), harmScore),
    coldDevSafeFlagged: flaggedRate(model, texts(c.coldDev.filter((x) => x.label === 0)), harmScore),
    coldDevFlagged: flaggedRate(model, texts(c.coldDev), harmScore),
    zhOrdinaryFlagged: flaggedRate(
      model,
      c.zhSpamTest.filter((r) => r.label === 0).map((r) => r.text),
      harmScore,
    ),
    smsHamFlagged: flaggedRate(model, texts(c.smsTest.filter((x) => x.label === 0)), harmScore),
  };
}

export function report(model: TextModel, c: Corpora): Report {
  const v3 = heldOutSet(c, 'evalV3');
  return {
    coldDev: coldReport(model, c.coldDev, c.reviews),
    coldCal: coldReport(model, c.coldCal, c.reviews),
    swsrTest: evaluate(model, c.swsrTest, offensiveScore),
    held: {
      v1: heldOutReport(model, heldOutSet(c, 'evalV1')),
      v2: heldOutReport(model, heldOutSet(c, 'evalV2')),
      v3: heldOutReport(model, v3),
      v4: heldOutReport(model, heldOutSet(c, 'evalV4')),
    },
    quotedAttackRecall: flaggedRate(
      model,
      v3.attack.map((t) => `“${t}”`),
      offensiveScore,
    ),
    spam: spamReport(model, c),
    harm: harmReport(model, c),
    illicit: illicitReport(model, c),
  };
}

/** cls-9's gambling, cult and fraud findings (also printed by scripts/eval.ts). */
export function illicitLine(r: Report): string {
  const x = r.illicit;
  return (
    `  gambling / cult / fraud: fold posts flagged ${pct(x.foldRecall.all ?? 0)} of ${x.foldPosts} (` +
    Object.entries(x.foldRecall)
      .filter(([k]) => k !== 'all')
      .map(([k, v]) => `${k} ${pct(v)}`)
      .join(', ') +
    `); any of them on: fold look-alikes ${pct(x.foldLookalikesFlagged)} of ${x.foldLookalikes}, COLD cal safe ${pct(x.coldCalSafeFlagged)}, ` +
    `COLD dev safe ${pct(x.coldDevSafeFlagged)}, zh ordinary ${pct(x.zhOrdinaryFlagged)}, SMS ham ${pct(x.smsHamFlagged)}, harm fold look-alikes ${pct(x.harmLookalikesFlagged)}`
  );
}
