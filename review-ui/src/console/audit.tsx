import { useEffect, useState } from 'preact/hooks';
import { api, qs } from '../api';
import { formatTime, t } from '../i18n';
import type { SessionUser } from '../types';
import { errorText, useLoad } from './use-load';

interface Entry {
  seq: number;
  at: string;
  actorType: string;
  actorName: string | null;
  ip: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown>;
}

type Verify = { ok: true; count: number } | { ok: false; count: number; brokenSeq: number; reason: string };

/** The append-only audit log, newest first, with the hash chain's verification status. */
export function Audit(_props: { user: SessionUser }) {
  const verify = useLoad<Verify>('/api/console/audit/verify');
  const [entries, setEntries] = useState<Entry[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [filter, setFilter] = useState({ targetType: '', targetId: '' });
  const [applied, setApplied] = useState(filter);
  const [error, setError] = useState<string | null>(null);

  const load = async (before: number | null, reset: boolean): Promise<void> => {
    try {
      const r = await api.get<{ entries: Entry[]; next: number | null }>(`/api/console/audit${qs({ before, limit: 100, ...applied })}`);
      setEntries((prev) => (reset ? r.entries : [...prev, ...r.entries]));
      setNext(r.next);
    } catch (err) {
      setError(errorText(err));
    }
  };

  useEffect(() => {
    void load(null, true);
  }, [applied]);

  const v = verify.data;
  return (
    <section>
      {v && (
        <p role="status" class={v.ok ? 'badge ok' : 'banner alert'}>
          {v.ok ? `${t('auditIntact')} (${v.count})` : `${t('auditBroken')}: #${v.brokenSeq} ${v.reason}`}
        </p>
      )}
      <form
        class="row"
        onSubmit={(e) => {
          e.preventDefault();
          setApplied(filter);
        }}
      >
        <label class="inline">
          {t('target')}{' '}
          <input placeholder="item / user / tenant" value={filter.targetType} onInput={(e) => setFilter({ ...filter, targetType: e.currentTarget.value })} />
        </label>
        <input aria-label="id" placeholder="id" value={filter.targetId} onInput={(e) => setFilter({ ...filter, targetId: e.currentTarget.value })} />
        <button type="submit">{t('apply')}</button>
      </form>
      {error && <p class="error">{error}</p>}
      <table>
        <thead>
          <tr>
            <th>#</th>
            <th>{t('at')}</th>
            <th>{t('actor')}</th>
            <th>{t('action')}</th>
            <th>{t('target')}</th>
            <th>{t('details')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.seq}>
              <td>{e.seq}</td>
              <td class="small">{formatTime(e.at)}</td>
              <td class="small">
                {e.actorName ?? e.actorType} {e.ip ? `(${e.ip})` : ''}
              </td>
              <td>{e.action}</td>
              <td class="small">
                {e.targetType} {e.targetId}
              </td>
              <td>
                <pre class="details">{Object.keys(e.details).length ? JSON.stringify(e.details) : ''}</pre>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {next && (
        <button type="button" onClick={() => void load(next, false)}>
          {t('loadMore')}
        </button>
      )}
    </section>
  );
}
