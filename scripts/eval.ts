/*
 * npm run eval [-- --compare-natural]
 *
 * Scores the committed model: accuracy, per-class precision/recall/F1 and items/s on COLD dev, then the
 * slices (COLD dev by topic, SWSR and SMS held-out folds, the hand-written slices).
 * `--compare-natural` also trains natural's BayesClassifier on the same character n-grams for comparison.
 * `--thresholds` adds COLD dev reviewed accuracy and v3/v4 accuracy and counter-speech flagged at
 * decision thresholds 0.30–0.70 (is 0.5, after Platt scaling and the stance gate, still the best one?).
 */
import * as path from 'node:path';
import { COUNTER_SPEECH, NEUTRAL_MENTIONS, OBVIOUS_INSULTS } from '../rules/classifier/eval-slices';
import { binaryMetrics, evaluate, f3, itemsPerSecond, offensiveScore, pct, type BinaryMetrics } from '../rules/classifier/evaluate';
import { findModelFile, loadModel } from '../rules/classifier/index';
import { buildModel } from '../rules/classifier/build';
import { buildData, HELD_OUT, loadCorpora, repoRoot, report, t2sPairs, VARIANTS } from './train';

function table(name: string, m: BinaryMetrics, classes: [string, string]): string {
  return [
    `${name}: n=${m.n} accuracy ${f3(m.accuracy)} (flagged ${pct(m.flagged)})`,
    `  ${classes[0].padEnd(10)} precision ${f3(m.precision[0])} recall ${f3(m.recall[0])} F1 ${f3(m.f1[0])}`,
    `  ${classes[1].padEnd(10)} precision ${f3(m.precision[1])} recall ${f3(m.recall[1])} F1 ${f3(m.f1[1])}`,
  ].join('\n');
}

function charGrams(text: string): string[] {
  const s = text.normalize('NFKC').toLowerCase();
  const out: string[] = [];
  for (let n = 1; n <= 3; n++) for (let i = 0; i + n <= s.length; i++) out.push(s.slice(i, i + n));
  return out;
}

function main(): void {
  const root = repoRoot();
  const file = findModelFile();
  if (!file) throw new Error('no model: run npm run train');
  const model = loadModel(file);
  const c = loadCorpora(root);
  const r = report(model, c);
  const out: string[] = [];
  out.push(`model ${model.version} (${path.relative(root, file)})`);
  out.push(table('COLD dev (offensive)', r.coldDev, ['safe', 'offensive']));
  out.push(
    `  by topic: ${Object.entries(r.coldDevByTopic)
      .map(([k, v]) => `${k} ${f3(v)}`)
      .join(', ')}`,
  );
  out.push(table('COLD dev, bias-talk comments reviewed by hand (rules/classifier/cold-reviewed.ts)', r.coldDevReviewed, ['safe', 'offensive']));
  const texts = c.coldDev.map((x) => x.text);
  out.push(
    `  speed: ${Math.round(itemsPerSecond(model, texts, 2000))} items/s (COLD dev comments, mean ${Math.round(texts.reduce((a, t) => a + t.length, 0) / texts.length)} chars, one process)`,
  );
  out.push(table('SWSR held-out 20% (sexism → offensive)', r.swsrTest, ['safe', 'sexist']));
  out.push(table('SMS held-out 20% (spam)', r.smsTest, ['ham', 'spam']));
  const heldOutTitles: Record<keyof typeof HELD_OUT, string> = {
    v2: 'held-out v2 (rules/classifier/heldout.ts, never trained on)',
    v3: 'held-out v3 (rules/classifier/heldout-v3.ts, naturalistic, another author, never trained on)',
    v4: 'held-out v4 (rules/classifier/heldout-v4.ts, naturalistic, a third author, final figures only)',
  };
  for (const v of ['v2', 'v3', 'v4'] as const) {
    const h = r.held[v];
    out.push(table(heldOutTitles[v], h.all, ['safe', 'offensive']));
    out.push(`  counter-speech flagged   ${pct(h.counterFlagged)} of ${HELD_OUT[v].counter.length}`);
    out.push(`  neutral mentions flagged ${pct(h.neutralFlagged)} of ${HELD_OUT[v].neutral.length}`);
    out.push(`  attacks caught           ${pct(h.attackRecall)} of ${HELD_OUT[v].attack.length}`);
  }
  const long = c.coldDev.map((x) => x.text).filter((t) => t.length >= 80 && t.length <= 120);
  out.push(
    `  speed: ${Math.round(itemsPerSecond(model, long, 2000))} items/s (COLD dev comments of 80–120 chars, mean ${Math.round(long.reduce((a, t) => a + t.length, 0) / long.length)})`,
  );
  if (process.argv.includes('--thresholds')) {
    const score = (texts: readonly string[]) => texts.map((t) => offensiveScore(model, t));
    const dev = c.coldDevReviewed.map((x) => ({ s: offensiveScore(model, x.text), y: x.label }));
    const held = (['v3', 'v4'] as const).map((v) => ({
      v,
      counter: score(HELD_OUT[v].counter),
      neutral: score(HELD_OUT[v].neutral),
      attack: score(HELD_OUT[v].attack),
    }));
    const share = (xs: number[], t: number) => xs.filter((x) => x >= t).length / Math.max(1, xs.length);
    out.push('decision threshold (COLD dev reviewed accuracy | v3, v4: accuracy, counter-speech flagged):');
    for (let i = 0; i <= 16; i++) {
      const t = 0.3 + 0.025 * i;
      const devAcc = dev.filter((d) => (d.s >= t ? 1 : 0) === d.y).length / dev.length;
      const cells = held.map((h) => {
        const n = h.counter.length + h.neutral.length + h.attack.length;
        const right = (1 - share(h.counter, t)) * h.counter.length + (1 - share(h.neutral, t)) * h.neutral.length + share(h.attack, t) * h.attack.length;
        return `${h.v} ${f3(right / n)} ${pct(share(h.counter, t))}`;
      });
      out.push(`  ${t.toFixed(3)}  ${devAcc.toFixed(4)} | ${cells.join(' | ')}`);
    }
  }
  if (process.argv.includes('--errors')) {
    for (const [name, texts, want] of [
      ['counter', HELD_OUT.v2.counter, 0],
      ['neutral', HELD_OUT.v2.neutral, 0],
      ['attack', HELD_OUT.v2.attack, 1],
      ['v3 counter', HELD_OUT.v3.counter, 0],
      ['v3 neutral', HELD_OUT.v3.neutral, 0],
      ['v3 attack', HELD_OUT.v3.attack, 1],
    ] as const) {
      for (const t of texts) {
        const s = offensiveScore(model, t);
        if ((s >= 0.5 ? 1 : 0) !== want) out.push(`  miss ${name} ${s.toFixed(2)} ${t}`);
      }
    }
  }
  out.push('hand-written slices v1 (rules/classifier/eval-slices.ts, never trained on):');
  out.push(`  counter-speech flagged   ${pct(r.counterFlagged)} of ${COUNTER_SPEECH.length}`);
  out.push(`  neutral mentions flagged ${pct(r.neutralFlagged)} of ${NEUTRAL_MENTIONS.length}`);
  out.push(`  obvious insults caught   ${pct(r.insultRecall)} of ${OBVIOUS_INSULTS.length}`);

  if (process.argv.includes('--compare-natural')) {
    // natural prints dotenv notices when required; keep them off stdout.
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = (() => true) as typeof process.stdout.write;
    const natural = require('natural') as typeof import('natural');
    process.stdout.write = write;
    // natural's Classifier turns every document into a dense 0/1 vector over the whole vocabulary with
    // indexOf per entry, so training and classifying cost O(vocabulary × length): on all of COLD train it
    // did not finish in 6 minutes. Compare on a subset both learners see identically.
    const nTrain = Number(process.env.NATURAL_DOCS ?? 1500);
    const sub = c.coldTrain.filter((_, i) => i % Math.floor(c.coldTrain.length / nTrain) === 0).slice(0, nTrain);
    const devSub = c.coldDev.filter((_, i) => i % 8 === 0);
    const t0 = Date.now();
    const nb = new natural.BayesClassifier();
    for (const x of sub) nb.addDocument(charGrams(x.text), String(x.label));
    nb.train();
    const trainS = (Date.now() - t0) / 1000;
    const t1 = process.hrtime.bigint();
    const pred = devSub.map((x) => (nb.classify(charGrams(x.text)) === '1' ? 1 : 0));
    const nbRate = devSub.length / (Number(process.hrtime.bigint() - t1) / 1e9);
    const m = binaryMetrics(
      devSub.map((x) => x.label),
      pred,
    );
    out.push(`comparison on ${sub.length} COLD train docs, char 1-3-grams, ${devSub.length} COLD dev docs:`);
    out.push(table(`  natural BayesClassifier (train ${trainS.toFixed(1)} s, ${Math.round(nbRate)} items/s)`, m, ['safe', 'offensive']));
    const t2 = Date.now();
    const lr = buildModel(
      buildData({ ...VARIANTS[0], name: 'subset' }, { ...c, coldTrain: sub }),
      { version: 'subset', features: VARIANTS[0].features, learn: VARIANTS[0].learn, fold: t2sPairs(), training: {} },
      null,
    );
    const trainLr = (Date.now() - t2) / 1000;
    const lrRate = itemsPerSecond(
      lr,
      devSub.map((x) => x.text),
      500,
    );
    out.push(
      table(
        `  hashed logistic regression (train ${trainLr.toFixed(1)} s incl. spam head, ${Math.round(lrRate)} items/s)`,
        evaluate(lr, devSub, offensiveScore),
        ['safe', 'offensive'],
      ),
    );
  }
  process.stdout.write(out.join('\n') + '\n');
}

main();
