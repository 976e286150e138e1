import { categoryName } from '../categories';
import { t, tx } from '../i18n';
import type { Appeal, Verdict } from '../types';

/**
 * An appeal on the review screen: what the site asks, beside the decision it is asked against and the filter's
 * verdict at the time, so the senior judges the item itself rather than trusting either.
 */
export function AppealPanel({ appeal, verdict }: { appeal: Appeal; verdict: Verdict | null }) {
  const o = appeal.original;
  const rules = [...new Set(verdict?.labels.flatMap((l) => l.hits.map((h) => h.rule)) ?? [])];
  return (
    <section class="appeal" aria-label={t('appeal')}>
      <div class="appeal-col">
        <h3>{t('appealReason')}</h3>
        <p class="appeal-reason">{appeal.reason}</p>
      </div>
      <div class="appeal-col">
        <h3>{t('appealOriginal')}</h3>
        {o && (
          <p>
            {tx('a_', o.action)} · {o.categories.map(categoryName).join('、')}
            <br />
            {t('appealBy')}: {o.by ?? t('appealFilter')}
            {o.note && (
              <>
                <br />“{o.note}”
              </>
            )}
          </p>
        )}
      </div>
      <div class="appeal-col">
        <h3>{t('appealVerdict')}</h3>
        <p>
          {tx('sugg_', verdict?.suggestion)} · {(verdict?.risk ?? 0).toFixed(2)}
          <br />
          <span class="muted small">{rules.join(', ')}</span>
        </p>
      </div>
    </section>
  );
}
