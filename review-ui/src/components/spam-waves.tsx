import { useEffect, useState } from 'preact/hooks';
import { api, qs } from '../api';
import { t } from '../i18n';

interface Wave {
  tenantId: string;
  size: number;
  sample: { id: string; externalId: string; title: string | null; text: string };
  itemIds: string[];
}

/**
 * Waiting spam waves in the lists (CONTRACT §11): each group of near-duplicates as one row ("相似 37 条"); choosing a
 * group selects its items for the bulk bar, whose one approve or reject decides each item on its own lease.
 */
export function SpamWaves({ tenant, version, onSelect }: { tenant: string; version: number; onSelect: (ids: string[]) => void }) {
  const [waves, setWaves] = useState<Wave[]>([]);
  useEffect(() => {
    let live = true;
    api.get<{ waves: Wave[] }>(`/api/review/waves${qs({ tenant })}`).then(
      (r) => live && setWaves(r.waves),
      () => live && setWaves([]),
    );
    return () => {
      live = false;
    };
  }, [tenant, version]);
  if (!waves.length) return null;
  return (
    <section class="similar-group" aria-label={t('spamWaves')}>
      <h3>{t('spamWaves')}</h3>
      <ul>
        {waves.map((w) => (
          <li key={w.sample.id}>
            <strong>{t('similarGroup', { n: w.size })}</strong> <span class="muted small">{w.tenantId}</span> {w.sample.title ? `${w.sample.title} · ` : ''}
            {w.sample.text}{' '}
            <button type="button" onClick={() => onSelect(w.itemIds)}>
              {t('selectGroup')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
