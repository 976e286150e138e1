import { useState } from 'preact/hooks';
import { api } from '../api';
import { formatTime, t } from '../i18n';
import type { SessionUser } from '../types';
import { errorText, useLoad } from './use-load';

interface ExportRecord {
  id: string;
  createdAt: string;
  actor: { type: string; id: string | null; name: string | null };
  requester: string | null;
  reason: string | null;
  filters: { from: string; to: string; tenantId: string | null; authorId: string | null; keyword: string | null };
  rows: number;
  bytes: number;
  sha256: string;
}

interface Created {
  id: string;
  manifest: { rows: number; bytes: number; sha256: string };
  download: string;
}

const EMPTY = { from: '', to: '', tenantId: '', authorId: '', keyword: '', reason: '', requester: '' };

/** Today as a UTC calendar day, the form's upper bound (export dates are UTC days). */
const todayUtc = (): string => new Date().toISOString().slice(0, 10);

/**
 * Clause 16 lawful export: items of a UTC date range (optionally one site, one author, a keyword) as JSON Lines,
 * registered with row count and SHA-256. The legal basis is required. Downloading is audited; auditors see the
 * register and the manifests but cannot download the files (they hold personal data).
 */
export function Exports({ user }: { user: SessionUser }) {
  const canWrite = user.role !== 'auditor';
  const [version, setVersion] = useState(0);
  const { data, error } = useLoad<{ exports: ExportRecord[] }>('/api/exports', version);
  // The site list is an officer/admin endpoint, which is also who may create exports.
  const tenants = useLoad<{ tenants: Array<{ id: string; name: string }> }>(canWrite ? '/api/console/tenants' : null);
  const [form, setForm] = useState(EMPTY);
  const [created, setCreated] = useState<Created | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const set = (key: keyof typeof EMPTY) => (e: { currentTarget: { value: string } }) => setForm({ ...form, [key]: e.currentTarget.value });

  const create = async (e: Event): Promise<void> => {
    e.preventDefault();
    setMessage(null);
    setCreated(null);
    try {
      const opt = (v: string): string | null => v.trim() || null;
      setCreated(
        await api.post<Created>('/api/exports', {
          from: form.from,
          to: form.to,
          tenantId: opt(form.tenantId),
          authorId: opt(form.authorId),
          keyword: opt(form.keyword),
          reason: form.reason,
          requester: opt(form.requester),
        }),
      );
      setForm({ ...EMPTY, from: form.from, to: form.to });
      setVersion((v) => v + 1);
    } catch (err) {
      setMessage(errorText(err));
    }
  };

  return (
    <>
      {canWrite && (
        <section>
          <h2>{t('createExport')}</h2>
          <form class="console-form" onSubmit={(e) => void create(e)}>
            <div class="row">
              <label class="inline">
                {t('fromDate')} <input type="date" required max={form.to || todayUtc()} value={form.from} onInput={set('from')} />
              </label>
              <label class="inline">
                {t('toDate')} <input type="date" required min={form.from || undefined} value={form.to} onInput={set('to')} />
              </label>
              <span class="muted small">UTC</span>
            </div>
            <label>
              {t('tenant')}
              <select value={form.tenantId} onChange={set('tenantId')}>
                <option value="">{t('allTenants')}</option>
                {tenants.data?.tenants.map((tn) => (
                  <option key={tn.id} value={tn.id}>
                    {tn.name} ({tn.id})
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('authorId')}
              <input maxLength={200} value={form.authorId} onInput={set('authorId')} />
            </label>
            <label>
              {t('keyword')}
              <input maxLength={200} value={form.keyword} onInput={set('keyword')} />
            </label>
            <label>
              {t('legalBasis')}
              <textarea required rows={2} maxLength={1000} value={form.reason} onInput={set('reason')} />
            </label>
            <label>
              {t('requester')}
              <input maxLength={1000} value={form.requester} onInput={set('requester')} />
            </label>
            <button type="submit" class="primary">
              {t('createExport')}
            </button>
          </form>
          {created && (
            <div role="status">
              <p>
                {t('exportCreated', { rows: created.manifest.rows })} <code class="hash">{created.manifest.sha256}</code>
              </p>
              <a href={created.download} download>
                {t('download')} {created.id}
              </a>
            </div>
          )}
        </section>
      )}
      {(message || error) && (
        <p class="error" role="alert">
          {message ?? error}
        </p>
      )}
      <section>
        <div class="row">
          <h2>{t('c_exports')}</h2>
          <button type="button" class="ghost" aria-label={t('refresh')} onClick={() => setVersion((v) => v + 1)}>
            ↻
          </button>
        </div>
        {data && !data.exports.length ? (
          <p class="muted">{t('noExports')}</p>
        ) : (
          <table aria-label={t('c_exports')}>
            <thead>
              <tr>
                <th>{t('createdAt')}</th>
                <th>{t('filters')}</th>
                <th>{t('legalBasis')}</th>
                <th>{t('rows')}</th>
                <th>SHA-256</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {data?.exports.map((x) => (
                <tr key={x.id}>
                  <td class="small">
                    {formatTime(x.createdAt)}
                    <div class="muted">
                      {x.actor.name ?? x.actor.type} · {x.id}
                    </div>
                  </td>
                  <td class="small">
                    {x.filters.from} – {x.filters.to}
                    {x.filters.tenantId && <div>{`${t('tenant')}: ${x.filters.tenantId}`}</div>}
                    {x.filters.authorId && <div>{`${t('authorId')}: ${x.filters.authorId}`}</div>}
                    {x.filters.keyword && <div>{`${t('keyword')}: ${x.filters.keyword}`}</div>}
                  </td>
                  <td class="small">
                    <span class="prewrap">{x.reason ?? '—'}</span>
                    {x.requester && <div class="muted">{`${t('requester')}: ${x.requester}`}</div>}
                  </td>
                  <td>
                    {x.rows}
                    <div class="muted small">{x.bytes} B</div>
                  </td>
                  <td>
                    <code class="hash">{x.sha256}</code>
                  </td>
                  <td class="small">
                    {canWrite && (
                      <a href={`/api/exports/${encodeURIComponent(x.id)}/file`} download aria-label={`${t('download')} ${x.id}`}>
                        {t('download')}
                      </a>
                    )}{' '}
                    <a
                      href={`/api/exports/${encodeURIComponent(x.id)}/manifest`}
                      target="_blank"
                      rel="noopener noreferrer"
                      aria-label={`${t('manifest')} ${x.id}`}
                    >
                      {t('manifest')}
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
