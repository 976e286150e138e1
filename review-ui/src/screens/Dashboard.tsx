import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { ComplianceBanner } from '../components/ComplianceBanner';
import { formatDuration, formatTime, t, tx } from '../i18n';
import { canReview } from '../session';
import type { SessionUser } from '../types';

interface Snapshot {
  queue: { waiting: number; inReview: number; escalated: number; oldestWaitingSeconds: number };
  decisionsPerHour: number;
  sla: { seconds: number; breached: boolean };
  onDuty: Array<{ userId: string; username: string; role: string; since: string }>;
  alerts: Array<{ code: string; message: string }>;
  at: string;
}

/** 人工值班实时监控: the queue and the duty roster, pushed by the server every two seconds (SSE). */
export function Dashboard({ user }: { user: SessionUser }) {
  const [snap, setSnap] = useState<Snapshot | null>(null);
  const [connected, setConnected] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const source = new EventSource('/api/dashboard/stream');
    source.addEventListener('snapshot', (e) => {
      setConnected(true);
      setSnap(JSON.parse((e as MessageEvent<string>).data) as Snapshot);
    });
    source.onerror = () => setConnected(false);
    return () => source.close();
  }, []);

  const onDuty = !!snap?.onDuty.some((s) => s.userId === user.id);
  const clock = async (dir: 'in' | 'out'): Promise<void> => {
    setError(null);
    try {
      await api.post(`/api/duty/clock-${dir}`);
      setSnap(await api.get<Snapshot>('/api/dashboard/live'));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  if (!snap) return <main class="dashboard">{t('loading')}</main>;
  const q = snap.queue;
  return (
    <main class="dashboard">
      <header class="dash-head">
        <h1>{t('navDashboard')}</h1>
        <span class={connected ? 'live-dot on' : 'live-dot'} aria-live="polite">
          {connected ? t('live') : t('disconnected')}
        </span>
        <span class="muted small">{formatTime(snap.at)}</span>
      </header>
      <ComplianceBanner role={user.role} />
      {snap.alerts.map((a) => (
        <div key={a.code} class="banner alert" role="alert" data-code={a.code}>
          {a.code === 'SLA_BREACHED' ? t('slaBreached') : a.code === 'NOBODY_ON_DUTY' ? t('noDutyAlert') : a.code} — {a.message}
        </div>
      ))}
      <section class="tiles">
        <Tile label={t('waiting')} value={q.waiting} />
        <Tile label={t('inReview')} value={q.inReview} />
        <Tile label={t('escalatedCount')} value={q.escalated} />
        <Tile
          label={t('oldestWaiting')}
          value={formatDuration(q.oldestWaitingSeconds)}
          warn={snap.sla.breached}
          hint={`SLA ${formatDuration(snap.sla.seconds)}`}
        />
        <Tile label={t('decisionsPerHour')} value={snap.decisionsPerHour} />
      </section>
      <section class="duty">
        <h2>
          {t('onDuty')} ({snap.onDuty.length})
        </h2>
        {canReview(user) && (
          <p>
            {onDuty ? (
              <>
                <span class="badge ok">{t('youAreOnDuty')}</span>{' '}
                <button type="button" onClick={() => void clock('out')}>
                  {t('clockOut')}
                </button>
              </>
            ) : (
              <button type="button" class="primary" onClick={() => void clock('in')}>
                {t('clockIn')}
              </button>
            )}
          </p>
        )}
        {error && <p class="error">{error}</p>}
        {snap.onDuty.length ? (
          <ul>
            {snap.onDuty.map((s) => (
              <li key={s.userId}>
                {s.username}{' '}
                <span class="muted">
                  · {tx('r_', s.role)} · {formatTime(s.since)}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">{t('nobodyOnDuty')}</p>
        )}
      </section>
    </main>
  );
}

function Tile({ label, value, warn, hint }: { label: string; value: string | number; warn?: boolean; hint?: string }) {
  return (
    <div class={`tile${warn ? ' warn' : ''}`}>
      <div class="tile-value">{value}</div>
      <div class="tile-label">{label}</div>
      {hint && <div class="muted small">{hint}</div>}
    </div>
  );
}
