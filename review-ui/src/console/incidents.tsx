import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { complianceVersion } from '../components/compliance-banner';
import { formatDuration, formatTime, t, tx } from '../i18n';
import type { SessionUser } from '../types';
import { errorText, useLoad } from './use-load';

interface Incident {
  id: string;
  title: string;
  description: string | null;
  status: 'open' | 'closed';
  openedAt: string;
  deadlineAt: string;
  openedBy: { id: string | null; name: string | null };
  closedAt: string | null;
  closedBy: { id: string | null; name: string | null } | null;
  reportReference: string | null;
  reportSummary: string | null;
  overdue: boolean;
  dueSoon: boolean;
  remainingSeconds: number;
}

interface Detail extends Incident {
  items: Array<{ itemId: string; addedAt: string; status: string | null; legalHold: boolean }>;
  steps: Array<{ seq: number; at: string; kind: string; actor: { id: string | null; name: string | null }; text: string }>;
  alarms: Array<{ kind: string; dueAt: string; sentAt: string | null; result: string | null }>;
}

const DUE_SOON_S = 6 * 3600;

/** Item ids typed or pasted one per line, or separated by commas or spaces. */
function parseIds(text: string): string[] {
  return [...new Set(text.split(/[\s,，、]+/).filter(Boolean))];
}

/** A clock that ticks every second, for the deadline countdowns. */
function useNow(): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** Time to the 24-hour deadline with the overdue / due-soon marker, recomputed every second. */
function Deadline({ incident, now }: { incident: Incident; now: number }) {
  if (incident.status === 'closed') return <span class="badge ok">{t('incClosed')}</span>;
  const left = Math.round((Date.parse(incident.deadlineAt) - now) / 1000);
  if (left <= 0)
    return (
      <span class="badge st-rejected" data-flag="overdue">
        {t('overdue')} {formatDuration(-left)}
      </span>
    );
  return (
    <span class={`badge${left <= DUE_SOON_S ? ' st-escalated' : ''}`} data-flag={left <= DUE_SOON_S ? 'due-soon' : undefined}>
      {left <= DUE_SOON_S ? `${t('dueSoon')} · ` : ''}
      {t('remaining')} {formatDuration(left)}
    </span>
  );
}

/** Clause 17 security incidents: open ones first with their 24-hour countdown, the timeline, closing with the report reference. */
export function Incidents({ user }: { user: SessionUser }) {
  const canWrite = user.role !== 'auditor';
  const [version, setVersion] = useState(0);
  const { data, error } = useLoad<{ incidents: Array<Incident & { itemCount: number }> }>('/api/incidents', version);
  const [openId, setOpenId] = useState<string | null>(null);
  const [form, setForm] = useState({ title: '', description: '', itemIds: '' });
  const [message, setMessage] = useState<string | null>(null);
  const now = useNow();

  const changed = (): void => {
    setVersion((v) => v + 1);
    complianceVersion.set(complianceVersion.get() + 1);
  };

  const create = async (e: Event): Promise<void> => {
    e.preventDefault();
    setMessage(null);
    try {
      const inc = await api.post<Incident>('/api/incidents', {
        title: form.title,
        description: form.description.trim() || null,
        itemIds: parseIds(form.itemIds),
      });
      setForm({ title: '', description: '', itemIds: '' });
      setOpenId(inc.id);
      changed();
    } catch (err) {
      setMessage(errorText(err));
    }
  };

  return (
    <>
      {canWrite && (
        <section>
          <h2>{t('openIncident')}</h2>
          <form class="console-form" onSubmit={(e) => void create(e)}>
            <label>
              {t('incTitle')}
              <input required maxLength={200} value={form.title} onInput={(e) => setForm({ ...form, title: e.currentTarget.value })} />
            </label>
            <label>
              {t('incDescription')}
              <textarea rows={3} maxLength={5000} value={form.description} onInput={(e) => setForm({ ...form, description: e.currentTarget.value })} />
            </label>
            <label>
              {t('incItemIds')}
              <textarea rows={2} value={form.itemIds} onInput={(e) => setForm({ ...form, itemIds: e.currentTarget.value })} />
            </label>
            <button type="submit" class="primary">
              {t('openIncident')}
            </button>
          </form>
        </section>
      )}
      {(message || error) && (
        <p class="error" role="alert">
          {message ?? error}
        </p>
      )}
      <section>
        <div class="row">
          <h2>{t('c_incidents')}</h2>
          <button type="button" class="ghost" aria-label={t('refresh')} onClick={() => setVersion((v) => v + 1)}>
            ↻
          </button>
        </div>
        {data && !data.incidents.length ? (
          <p class="muted">{t('noIncidents')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>{t('incTitle')}</th>
                <th>{t('status')}</th>
                <th>{t('deadline')}</th>
                <th>{t('openedAt')}</th>
                <th>{t('incItems')}</th>
              </tr>
            </thead>
            <tbody>
              {data?.incidents.map((i) => (
                <tr key={i.id} class={openId === i.id ? 'selected' : undefined}>
                  <td>
                    <button type="button" class="ghost link" aria-expanded={openId === i.id} onClick={() => setOpenId(openId === i.id ? null : i.id)}>
                      {i.title}
                    </button>
                    <div class="muted small">{i.id}</div>
                  </td>
                  <td>{i.status === 'open' ? t('incOpen') : t('incClosed')}</td>
                  <td>
                    <Deadline incident={i} now={now} />
                    <div class="muted small">{formatTime(i.deadlineAt)}</div>
                  </td>
                  <td class="small">
                    {formatTime(i.openedAt)}
                    <div class="muted">{i.openedBy.name}</div>
                  </td>
                  <td>{i.itemCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {openId && <IncidentDetail key={openId} id={openId} canWrite={canWrite} now={now} version={version} changed={changed} />}
    </>
  );
}

function IncidentDetail({ id, canWrite, now, version, changed }: { id: string; canWrite: boolean; now: number; version: number; changed: () => void }) {
  const base = `/api/incidents/${encodeURIComponent(id)}`;
  const { data: inc, error } = useLoad<Detail>(base, version);
  const [step, setStep] = useState('');
  const [items, setItems] = useState('');
  const [close, setClose] = useState({ reportReference: '', summary: '' });
  const [message, setMessage] = useState<string | null>(null);

  const run = async (fn: () => Promise<unknown>): Promise<void> => {
    setMessage(null);
    try {
      await fn();
      changed();
    } catch (err) {
      setMessage(errorText(err));
    }
  };

  if (!inc) return error ? <p class="error">{error}</p> : null;
  const writable = canWrite && inc.status === 'open';
  return (
    <section class="card" aria-label={`${t('incident')} ${inc.title}`}>
      <h2>{inc.title}</h2>
      <p class="row small">
        <Deadline incident={inc} now={now} />
        <span class="muted">
          {inc.id} · {t('openedAt')} {formatTime(inc.openedAt)} · {inc.openedBy.name} · {t('deadline')} {formatTime(inc.deadlineAt)}
        </span>
        <a href={`${base}/report`} target="_blank" rel="noopener noreferrer">
          {t('incReport')}
        </a>
      </p>
      {inc.description && <p class="prewrap">{inc.description}</p>}
      {inc.status === 'closed' && (
        <p>
          {t('closedAt')} {formatTime(inc.closedAt)} · {inc.closedBy?.name} · {t('reportReference')}: <strong>{inc.reportReference}</strong>
          {inc.reportSummary && <span class="prewrap"> — {inc.reportSummary}</span>}
        </p>
      )}
      {message && (
        <p class="error" role="alert">
          {message}
        </p>
      )}

      <h3>{t('incItems')}</h3>
      {inc.items.length ? (
        <ul aria-label={t('incItems')}>
          {inc.items.map((i) => (
            <li key={i.itemId}>
              {i.itemId} <span class="muted small">{tx('s_', i.status) || '—'}</span> {i.legalHold && <span class="badge">{t('legalHold')}</span>}{' '}
              <span class="muted small">{formatTime(i.addedAt)}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">—</p>
      )}
      {writable && (
        <form
          class="row"
          onSubmit={(e) => {
            e.preventDefault();
            void run(async () => {
              await api.post(`${base}/items`, { itemIds: parseIds(items) });
              setItems('');
            });
          }}
        >
          <label class="inline">
            {t('addItems')} <input value={items} onInput={(e) => setItems(e.currentTarget.value)} />
          </label>
          <button type="submit" disabled={!parseIds(items).length}>
            {t('addItemsSubmit')}
          </button>
        </form>
      )}

      <h3>{t('timeline')}</h3>
      <ol class="timeline" aria-label={t('timeline')}>
        {inc.steps.map((s) => (
          <li key={s.seq}>
            <span class="muted small">
              {formatTime(s.at)} · {tx('step_', s.kind)} · {s.actor.name ?? t('system')}
            </span>
            <div class="prewrap">{s.text}</div>
          </li>
        ))}
      </ol>
      {writable && (
        <form
          class="console-form"
          onSubmit={(e) => {
            e.preventDefault();
            void run(async () => {
              await api.post(`${base}/steps`, { text: step });
              setStep('');
            });
          }}
        >
          <label>
            {t('stepText')}
            <textarea required rows={3} maxLength={5000} value={step} onInput={(e) => setStep(e.currentTarget.value)} />
          </label>
          <button type="submit">{t('addStep')}</button>
        </form>
      )}

      {inc.alarms.length > 0 && (
        <>
          <h3>{t('alarms')}</h3>
          <table>
            <thead>
              <tr>
                <th>{t('kind')}</th>
                <th>{t('dueAt')}</th>
                <th>{t('sentAt')}</th>
                <th>{t('result')}</th>
              </tr>
            </thead>
            <tbody>
              {inc.alarms.map((a) => (
                <tr key={a.kind}>
                  <td>{a.kind}</td>
                  <td class="small">{formatTime(a.dueAt)}</td>
                  <td class="small">{a.sentAt ? formatTime(a.sentAt) : '—'}</td>
                  <td class="small">{a.result ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}

      {writable && (
        <form
          class="console-form"
          aria-label={t('closeIncident')}
          onSubmit={(e) => {
            e.preventDefault();
            void run(() => api.post(`${base}/close`, { reportReference: close.reportReference, summary: close.summary.trim() || null }));
          }}
        >
          <h3>{t('closeIncident')}</h3>
          <label>
            {t('reportReference')}
            <input required maxLength={200} value={close.reportReference} onInput={(e) => setClose({ ...close, reportReference: e.currentTarget.value })} />
          </label>
          <label>
            {t('reportSummary')}
            <textarea rows={2} maxLength={5000} value={close.summary} onInput={(e) => setClose({ ...close, summary: e.currentTarget.value })} />
          </label>
          <button type="submit" class="reject">
            {t('closeIncident')}
          </button>
        </form>
      )}
    </section>
  );
}
