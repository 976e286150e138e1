/*
 * npm run eval [-- --thresholds] [-- --errors]
 *
 * Scores the committed model. Headline: COLD dev with its original labels (never trained, calibrated or
 * chosen on), with the share of the reviewed anti-bias comments it flags; then COLD dev with the reviewed
 * labels (second figure), the COLD calibration fold, SWSR/SMS held-out folds, the hand-written held-out
 * sets (data/classifier/eval-v*.jsonl), the Chinese spam test fold, the obscene_violent (harm) heads on
 * harm-v1's calibration fold and on ordinary text, and items/s.
 * `--thresholds`: COLD dev accuracy (original and reviewed) and v4 counter-speech flagged at decision
 * thresholds 0.30–0.70. `--errors`: the held-out v2/v3 misses.
 */
import * as path from 'node:path';
import { findModelFile, loadModel } from '../rules/classifier/index';
import { f3, itemsPerSecond, offensiveScore, pct, type BinaryMetrics } from './classifier/metrics';
import { heldOutSet, illicitLine, loadCorpora, repoRoot, report, withReviews, type ColdReport } from './classifier/recipe';

function table(name: string, m: BinaryMetrics, classes: [string, string]): string {
  return [
    `${name}: n=${m.n} accuracy ${f3(m.accuracy)} (flagged ${pct(m.flagged)})`,
    `  ${classes[0].padEnd(10)} precision ${f3(m.precision[0])} recall ${f3(m.recall[0])} F1 ${f3(m.f1[0])}`,
    `  ${classes[1].padEnd(10)} precision ${f3(m.precision[1])} recall ${f3(m.recall[1])} F1 ${f3(m.f1[1])}`,
  ].join('\n');
}

function cold(name: string, r: ColdReport): string[] {
  return [
    table(`${name}, original labels`, r.original, ['safe', 'offensive']),
    `  comments labelled safe, flagged: ${pct(r.safeFlagged)}; by topic: ${Object.entries(r.byTopic)
      .map(([k, v]) => `${k} ${f3(v)}`)
      .join(', ')}`,
    `  reviewed bias talk (cold-reviewed.jsonl): anti-bias (A, ${r.counts.A}) flagged ${pct(r.antiBiasFlagged)}, ` +
      `neutral (N, ${r.counts.N}) flagged ${pct(r.neutralBiasTalkFlagged)}, offensive (O, ${r.counts.O}) caught ${pct(r.offensiveBiasTalkCaught)}`,
    table(`${name}, reviewed labels (A and N relabelled safe)`, r.reviewed, ['safe', 'offensive']),
  ];
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
  out.push(...cold('COLD dev (headline: never trained, calibrated or chosen on)', r.coldDev));
  out.push(...cold('COLD train 12% fold (calibration and validation)', r.coldCal));
  out.push(table('SWSR held-out 20% (sexism → offensive)', r.swsrTest, ['safe', 'sexist']));
  const titles = {
    v1: 'eval-v1 (hand-written slices, validation of cls-1/2)',
    v2: 'eval-v2 (held-out v2, one author)',
    v3: 'eval-v3 (held-out v3, validation of cls-3..5)',
    v4: 'eval-v4 (held-out v4, report only)',
  } as const;
  for (const v of ['v1', 'v2', 'v3', 'v4'] as const) {
    const h = r.held[v];
    out.push(table(titles[v], h.all, ['safe', 'offensive']));
    out.push(`  counter-speech flagged ${pct(h.counterFlagged)}, neutral flagged ${pct(h.neutralFlagged)}, attacks caught ${pct(h.attackRecall)}`);
  }
  out.push(`  v3 attacks wrapped in quotation marks caught: ${pct(r.quotedAttackRecall)}`);
  out.push(table('SMS held-out 20% (English spam)', r.spam.smsTest, ['ham', 'spam']));
  out.push(table(`Chinese spam test fold (30% of zh-spam*.jsonl; ${r.spam.zhCounts.ads} ads)`, r.spam.zhTest, ['ordinary', 'ad']));
  out.push(
    `  ordinary SMS flagged ${pct(r.spam.zhOrdinarySmsFlagged)} of ${r.spam.zhCounts.ordinarySms}, ordinary posts flagged ${pct(r.spam.zhOrdinaryPostsFlagged)} of ${r.spam.zhCounts.ordinaryPosts}; ` +
      `COLD dev comments flagged as spam ${pct(r.spam.coldDevFlagged)}`,
  );
  const d = r.spam.zhDev;
  if (d) {
    out.push(
      `Chinese spam, template-disjoint set (${d.n} rows, the advertising helper's; evaluation only): recall ${pct(d.recall)} precision ${pct(d.precision)}, ` +
        `ordinary SMS flagged ${pct(d.ordinarySmsFlagged)}, ordinary posts flagged ${pct(d.ordinaryPostsFlagged)}`,
    );
  }
  const h = r.harm;
  out.push(
    `obscene_violent (harm heads, cls-8 on): harm-v1 calibration fold (20% by text hash), harmful flagged ${pct(h.foldRecall.all ?? 0)} of ${h.foldHarmful} (` +
      Object.entries(h.foldRecall)
        .filter(([k]) => k !== 'all')
        .map(([k, x]) => `${k} ${pct(x)}`)
        .join(', ') +
      `), given their own family's label ${pct(h.foldRightLabel)}; the fold's look-alikes flagged ${pct(h.foldLookalikesFlagged)} of ${h.foldLookalikes}`,
    `  ordinary text flagged as obscene_violent: COLD cal safe ${pct(h.coldCalSafeFlagged)}, COLD dev safe ${pct(h.coldDevSafeFlagged)} (all COLD dev ${pct(h.coldDevFlagged)}), ` +
      `Chinese ordinary SMS/posts (zh-spam test fold) ${pct(h.zhOrdinaryFlagged)}, English SMS ham (test) ${pct(h.smsHamFlagged)}`,
  );
  out.push(illicitLine(r).trim());
  const texts = c.coldDev.map((x) => x.text);
  const long = texts.filter((t) => t.length >= 80 && t.length <= 120);
  out.push(
    `speed: ${Math.round(itemsPerSecond(model, texts, 2000))} items/s (COLD dev comments, mean ${Math.round(texts.reduce((a, t) => a + t.length, 0) / texts.length)} chars), ` +
      `${Math.round(itemsPerSecond(model, long, 2000))} items/s (80–120 chars); one process`,
  );
  if (process.argv.includes('--thresholds')) {
    const dev = c.coldDev.map((x) => ({ s: offensiveScore(model, x.text), y: x.label }));
    const devReviewed = withReviews(c.coldDev, c.reviews, 'flip').map((x) => x.label);
    const v4 = heldOutSet(c, 'evalV4').counter.map((t) => offensiveScore(model, t));
    out.push('decision threshold: COLD dev accuracy original | reviewed | v4 counter-speech flagged');
    for (let i = 0; i <= 16; i++) {
      const t = 0.3 + 0.025 * i;
      const acc = dev.filter((d) => (d.s >= t ? 1 : 0) === d.y).length / dev.length;
      const accR = dev.filter((d, j) => (d.s >= t ? 1 : 0) === devReviewed[j]).length / dev.length;
      out.push(`  ${t.toFixed(3)}  ${acc.toFixed(4)} | ${accR.toFixed(4)} | ${pct(v4.filter((s) => s >= t).length / Math.max(1, v4.length))}`);
    }
  }
  if (process.argv.includes('--errors')) {
    for (const v of ['evalV2', 'evalV3'] as const) {
      const set = heldOutSet(c, v);
      for (const [name, texts, want] of [
        ['counter', set.counter, 0],
        ['neutral', set.neutral, 0],
        ['attack', set.attack, 1],
      ] as const) {
        for (const t of texts) {
          const s = offensiveScore(model, t);
          if ((s >= 0.5 ? 1 : 0) !== want) out.push(`  miss ${v} ${name} ${s.toFixed(2)} ${t}`);
        }
      }
    }
  }
  process.stdout.write(out.join('\n') + '\n');
}

main();
