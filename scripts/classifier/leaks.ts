/*
 * Leak checks between hand-written training examples and the held-out sets (data/classifier/eval-v2..v4):
 * the authors are separate sessions of the same kind of model and sometimes write near-identical
 * sentences, so a training text too close to a held-out one is refused (assertNoLeak) or dropped
 * (withoutLeaks, for the v3 examples written in the same period as held-out v3/v4).
 */

function trigrams(s: string): Set<string> {
  const t = s.replace(/[\s，。？！、“”"?!,.]/g, '');
  const out = new Set<string>();
  for (let i = 0; i + 3 <= t.length; i++) out.add(t.slice(i, i + 3));
  return out;
}

/**
 * Throws if any training text equals a held-out text or shares more than `maxShare` of the held-out
 * text's character trigrams (a near copy). Run before every build.
 */
export function assertNoLeak(training: Array<{ text: string }>, held: readonly string[], maxShare = 0.6): void {
  const leaks = findLeaks(training, held, maxShare, false).map((l) => `${l.text} ≈ ${l.held}`);
  if (leaks.length) throw new Error(`training data overlaps the held-out set:\n${leaks.slice(0, 20).join('\n')}`);
}

/**
 * The training items that do not overlap any held-out text, and how many were dropped; the share is of
 * the shorter text's trigrams, so a short held-out text inside a long training one counts.
 */
export function withoutLeaks<T extends { text: string }>(training: T[], held: readonly string[], maxShare: number): { kept: T[]; dropped: number } {
  const bad = new Set(findLeaks(training, held, maxShare, true).map((l) => l.text));
  const kept = training.filter((x) => !bad.has(x.text));
  return { kept, dropped: training.length - kept.length };
}

function findLeaks(
  training: Array<{ text: string }>,
  heldTexts: readonly string[],
  maxShare: number,
  ofShorter: boolean,
): Array<{ text: string; held: string }> {
  const held = heldTexts.map((text) => ({ text, g: trigrams(text) }));
  const leaks: Array<{ text: string; held: string }> = [];
  for (const { text } of training) {
    const g = trigrams(text);
    if (g.size === 0) continue;
    for (const h of held) {
      if (h.g.size === 0) continue;
      let common = 0;
      for (const x of h.g) if (g.has(x)) common++;
      if (text === h.text || common / (ofShorter ? Math.min(h.g.size, g.size) : h.g.size) > maxShare) leaks.push({ text, held: h.text });
    }
  }
  return leaks;
}
