import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import { api, qs } from '../api';
import { formatTime, t } from '../i18n';
import type { SessionUser } from '../types';
import { errorText, useLoad } from './use-load';

interface Delivery {
  id: string;
  tenantId: string;
  itemId: string;
  type: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

interface Attempt {
  attempt: number;
  attemptedAt: string;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

/** The webhook delivery log, with the attempts of one delivery and replay of failed ones. */
export function Deliveries({ user }: { user: SessionUser }) {
  const [status, setStatus] = useState('');
  const [version, setVersion] = useState(0);
  const { data, error } = useLoad<{ deliveries: Delivery[] }>(`/api/console/deliveries${qs({ status, limit: 200 })}`, version);
  const [openId, setOpenId] = useState<string | null>(null);
  const detail = useLoad<{ attempts: Attempt[] }>(openId ? `/api/console/deliveries/${encodeURIComponent(openId)}` : null, version);
  const [message, setMessage] = useState<string | null>(null);

  const replay = async (id: string): Promise<void> => {
    setMessage(null);
    try {
      await api.post(`/api/console/deliveries/${encodeURIComponent(id)}/replay`);
      setVersion((v) => v + 1);
    } catch (err) {
      setMessage(errorText(err));
    }
  };

  return (
    <section>
      <div class="row">
        <label class="inline">
          {t('status')}
          <select value={status} onChange={(e) => setStatus(e.currentTarget.value)}>
            <option value="">—</option>
            <option value="pending">pending</option>
            <option value="delivered">delivered</option>
            <option value="failed">failed</option>
          </select>
        </label>
        <button type="button" class="ghost" onClick={() => setVersion((v) => v + 1)}>
          ↻
        </button>
      </div>
      {(error || message) && <p class="error">{error ?? message}</p>}
      <table>
        <thead>
          <tr>
            <th>{t('delivery')}</th>
            <th>{t('type')}</th>
            <th>{t('status')}</th>
            <th>{t('attempts')}</th>
            <th>{t('lastStatus')}</th>
            <th>{t('createdAt')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {data?.deliveries.map((d) => (
            <Fragment key={d.id}>
              <tr>
                <td class="small">
                  <button type="button" class="ghost" onClick={() => setOpenId(openId === d.id ? null : d.id)}>
                    {d.id}
                  </button>
                  <div class="muted">
                    {d.tenantId} · {d.itemId}
                  </div>
                </td>
                <td>{d.type}</td>
                <td>
                  <span class={`badge ${d.status === 'delivered' ? 'ok' : d.status === 'failed' ? 'st-rejected' : ''}`}>{d.status}</span>
                </td>
                <td>{d.attempts}</td>
                <td class="small">
                  {d.lastStatusCode ?? ''} {d.lastError ?? ''}
                </td>
                <td class="small">{formatTime(d.createdAt)}</td>
                <td>
                  {d.status === 'failed' && user.role !== 'auditor' && (
                    <button type="button" onClick={() => void replay(d.id)}>
                      {t('replay')}
                    </button>
                  )}
                </td>
              </tr>
              {openId === d.id && (
                <tr>
                  <td colSpan={7}>
                    <ol>
                      {detail.data?.attempts.map((a) => (
                        <li key={a.attempt}>
                          {formatTime(a.attemptedAt)} · {a.statusCode ?? '—'} {a.error ?? ''} · {a.durationMs} ms
                        </li>
                      ))}
                    </ol>
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
    </section>
  );
}
