import type { ComponentChildren } from 'preact';
import { categoryName, labelName } from '../categories';
import { t } from '../i18n';

/** One keyword hit placed in a field, with the explanation shown on hover and in the side panel. */
export interface PlacedHit {
  /** Position in the item's list of all hits (J/K order). */
  n: number;
  rule: string;
  category: string;
  label?: string;
  score: number;
  start: number;
  end: number;
  /** The matched text as the filter reported it (user content: render as text only). */
  text: string;
}

export function explain(h: PlacedHit): string {
  return `${t('rule')} ${h.rule} · ${t('category')} ${categoryName(h.category)}${h.label ? `/${labelName(h.label)}` : ''} · ${t('score')} ${h.score.toFixed(2)}`;
}

/**
 * Renders user text with every hit wrapped in `<mark>`. The text only ever becomes text nodes (Preact escapes
 * strings), so markup in it shows as characters. Overlapping hits split into segments, each marked with all the
 * hits that cover it.
 */
export function Highlighted({ text, hits, active }: { text: string; hits: PlacedHit[]; active: number | null }) {
  const valid = hits.filter((h) => Number.isInteger(h.start) && Number.isInteger(h.end) && h.start >= 0 && h.end <= text.length && h.start < h.end);
  if (!valid.length) return <>{text}</>;
  const cuts = new Set<number>([0, text.length]);
  for (const h of valid) {
    cuts.add(h.start);
    cuts.add(h.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: ComponentChildren[] = [];
  const firstSegmentOf = new Set<number>();
  for (let i = 0; i < points.length - 1; i++) {
    const a = points[i];
    const b = points[i + 1];
    const piece = text.slice(a, b);
    const covering = valid.filter((h) => h.start <= a && h.end >= b);
    if (!covering.length) {
      out.push(piece);
      continue;
    }
    const first = covering.find((h) => h.start === a && !firstSegmentOf.has(h.n));
    if (first) firstSegmentOf.add(first.n);
    out.push(
      <mark
        key={a}
        id={first ? `hit-${first.n}` : undefined}
        class={covering.some((h) => h.n === active) ? 'hit active' : 'hit'}
        title={covering.map(explain).join('\n')}
        data-category={covering[0].category}
      >
        {piece}
      </mark>,
    );
  }
  return <>{out}</>;
}
