import { useState } from 'preact/hooks';
import { api } from '../api';
import { categoryName } from '../categories';
import { formatTime, t } from '../i18n';
import { errorText, useLoad } from './use-load';

interface Learning {
  enabled: boolean;
  examples: number;
  approvals: number;
  rejections: Record<string, number>;
  memoryBytes: number;
  lastUpdate: string | null;
  resetAt: string | null;
}

/** What a site's moderators taught its filter (CONTRACT §11), and the admin's reset (audited `learning.reset`). */
export function LearningPanel({ tenantId, canReset }: { tenantId: string; canReset: boolean }) {
  const [version, setVersion] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  const path = `/api/console/learning/${encodeURIComponent(tenantId)}`;
  const { data, error } = useLoad<{ learning: Learning }>(path, version);
  const l = data?.learning;

  const reset = async (): Promise<void> => {
    if (!confirm(t('learningResetConfirm'))) return;
    try {
      await api.post(`${path}/reset`);
      setMessage(null);
      setVersion((v) => v + 1);
    } catch (err) {
      setMessage(errorText(err));
    }
  };

  return (
    <div class="row" aria-label={t('learning')}>
      <strong>{t('learning')}</strong>
      {l && !l.enabled && <span class="badge st-rejected">{t('learningOff')}</span>}
      {l && (
        <span class="muted small">
          {t('learningExamples', { n: l.examples, a: l.approvals })}
          {Object.entries(l.rejections).map(([c, n]) => ` · ${categoryName(c)} ${n}`)} · {t('learningMemory', { kb: Math.round(l.memoryBytes / 1024) })}
          {l.lastUpdate ? ` · ${t('learningLast')} ${formatTime(l.lastUpdate)}` : ''}
        </span>
      )}
      {canReset && (
        <button type="button" class="ghost" disabled={!l?.examples} onClick={() => void reset()}>
          {t('learningReset')}
        </button>
      )}
      {(message || error) && (
        <span class="error" role="alert">
          {message ?? error}
        </span>
      )}
    </div>
  );
}
