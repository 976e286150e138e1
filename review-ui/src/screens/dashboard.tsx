import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { ComplianceBanner } from '../components/compliance-banner';
import { formatDuration, formatTime, t, tx } from '../i18n';
import { canReview } from '../session';
import type { SessionUser } from '../types';

interface Snapshot {
  queue: { waiting: number; inReview: number; escalated: number; oldestWaitingSeconds: number };
  decisionsPerHour: number;
  sla: { seconds: number; breached: boolean };
  onDuty: Array<{ userId: string; username: string; role: string; since: string }>;
  alerts: Array<{ code: string; message: string }>;
  appeals?: AppealStats;
  at: string;
}

interface AppealRate {
  key: string;
  label: string;
  decided: number;
  overturned: number;
  overturnRate: number;
}

interface AppealStats {
  pending: number;
  approved: number;
  rejected: number;
  overturnRate: number;
  byModerator: AppealRate[];
  byRule: AppealRate[];
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
      {snap.appeals && <Appeals stats={snap.appeals} />}
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

/** Appeals and how often they overturn a decision: a moderator or a rule overturned often needs a look. */
function Appeals({ stats }: { stats: AppealStats }) {
  const pct = (r: number) => `${Math.round(r * 100)}%`;
  const table = (title: string, rows: AppealRate[]) =>
    rows.length > 0 && (
      <table class="appeal-rates">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{title}</th>
            <th scope="col">{t('appealsDecided')}</th>
            <th scope="col">{t('appealsOverturned')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, 5).map((r) => (
            <tr key={r.key}>
              <td>{r.label}</td>
              <td>{r.decided}</td>
              <td>
                {r.overturned} ({pct(r.overturnRate)})
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  return (
    <section class="appeals-stats" aria-label={t('appeal')}>
      <h2>{t('appeal')}</h2>
      <div class="tiles">
        <Tile label={t('appealsPending')} value={stats.pending} />
        <Tile label={t('appealsOverturnRate')} value={pct(stats.overturnRate)} hint={`${stats.approved} / ${stats.approved + stats.rejected}`} />
      </div>
      {table(t('appealsByModerator'), stats.byModerator)}
      {table(t('appealsByRule'), stats.byRule)}
    </section>
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
