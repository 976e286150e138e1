import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { categoryName } from '../categories';
import { t } from '../i18n';

interface Similar {
  id: string;
  externalId: string;
  title: string | null;
  text: string;
  risk: number;
}

/**
 * A spam wave (CONTRACT §11): the near-duplicates of the item under review still waiting in its site's queue, shown
 * as one group ("相似 37 条"). The moderator looks through them and decides them with one confirmation through
 * `/api/review/bulk`, which claims and decides each on its own lease (one decision and audit row per item).
 */
export function SimilarGroup({ itemId, categories }: { itemId: string; categories: string[] }) {
  const [items, setItems] = useState<Similar[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let live = true;
    api.get<{ items: Similar[] }>(`/api/review/similar/${encodeURIComponent(itemId)}`).then(
      (r) => live && setItems(r.items),
      () => live && setItems([]),
    );
    return () => {
      live = false;
    };
  }, [itemId, version]);

  if (!items.length) return message ? <p role="status">{message}</p> : null;

  const decideAll = async (action: 'approve' | 'reject'): Promise<void> => {
    const label = action === 'approve' ? t('similarApproveAll') : `${t('similarRejectAll')} (${categories.map(categoryName).join('、')})`;
    if (!confirm(t('similarConfirm', { n: items.length, action: label }))) return;
    const r = await api.post<{ decided: number }>('/api/review/bulk', {
      itemIds: items.map((i) => i.id),
      action,
      ...(action === 'reject' ? { categories } : {}),
    });
    setMessage(`${t('bulkDone')}: ${r.decided}`);
    setVersion((v) => v + 1);
  };

  return (
    <section class="similar-group" aria-label={t('similarGroup', { n: items.length })}>
      <details>
        <summary>
          <strong>{t('similarGroup', { n: items.length })}</strong>
        </summary>
        <p class="muted small">{t('similarGroupHint')}</p>
        <ol>
          {items.map((i) => (
            <li key={i.id}>
              <span class="muted small">{i.externalId}</span> {i.title ? <strong>{i.title} </strong> : null}
              {i.text}
            </li>
          ))}
        </ol>
        <div class="row">
          <button type="button" class="approve" onClick={() => void decideAll('approve')}>
            {t('similarApproveAll')}
          </button>
          <button type="button" class="reject" disabled={!categories.length} onClick={() => void decideAll('reject')}>
            {t('similarRejectAll')}
          </button>
        </div>
      </details>
      {message && <p role="status">{message}</p>}
    </section>
  );
}
