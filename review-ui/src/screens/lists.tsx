import { useEffect, useState } from 'preact/hooks';
import { api, qs } from '../api';
import { CATEGORY_KEYS, categoryName } from '../categories';
import { Highlighted } from '../components/highlighted';
import { SpamWaves } from '../components/spam-waves';
import { formatDuration, formatTime, t, tx, type MessageKey } from '../i18n';
import { canReview } from '../session';
import type { ItemSummary, ReviewItem, SessionUser } from '../types';

const TABS = ['pending', 'escalated', 'blocked', 'approved', 'rejected', 'published'] as const;
type Tab = (typeof TABS)[number];

interface Filters {
  tenant: string;
  category: string;
  riskMin: string;
  riskMax: string;
  olderThanMinutes: string;
  author: string;
  q: string;
}

const NO_FILTERS: Filters = { tenant: '', category: '', riskMin: '', riskMax: '', olderThanMinutes: '', author: '', q: '' };
const PAGE_SIZE = 50;

interface Page {
  items: ItemSummary[];
  total: number;
  page: number;
  pageSize: number;
}

interface BulkResult {
  itemId: string;
  ok: boolean;
  error?: { code: string; message: string };
}

export function Lists({ user }: { user: SessionUser }) {
  const [tab, setTab] = useState<Tab>('pending');
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [page, setPage] = useState(1);
  const [data, setData] = useState<Page | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [rejectCategory, setRejectCategory] = useState('');
  const [bulkMessage, setBulkMessage] = useState<string | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const [reload, setReload] = useState(0);

  const canBulk = canReview(user) && (tab === 'pending' || tab === 'escalated');

  useEffect(() => {
    let live = true;
    setError(null);
    api.get<Page>(`/api/items${qs({ status: tab, page, pageSize: PAGE_SIZE, ...filters })}`).then(
      (r) => live && setData(r),
      (err: unknown) => live && setError(err instanceof Error ? err.message : String(err)),
    );
    return () => {
      live = false;
    };
  }, [tab, page, filters, reload]);

  useEffect(() => setSelected(new Set()), [tab, page, filters]);

  const toggle = (id: string): void => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelected(next);
  };
  const selectable = (data?.items ?? []).filter((i) => i.status !== 'in_review');
  const allSelected = selectable.length > 0 && selectable.every((i) => selected.has(i.id));

  const bulk = async (action: 'approve' | 'reject'): Promise<void> => {
    if (!selected.size) return;
    if (action === 'reject' && !rejectCategory) {
      setBulkMessage(t('chooseCategory'));
      return;
    }
    setBulkMessage(null);
    try {
      const r = await api.post<{ results: BulkResult[]; decided: number }>('/api/review/bulk', {
        itemIds: [...selected],
        action,
        categories: action === 'reject' ? [rejectCategory] : [],
      });
      const failed = r.results.filter((x) => !x.ok);
      setBulkMessage(`${t('bulkDone')}: ${r.decided}${failed.length ? ` · ${t('bulkFailed')}: ${failed.length} (${failed[0].error?.message ?? ''})` : ''}`);
      setSelected(new Set());
      setReload((n) => n + 1);
    } catch (err) {
      setBulkMessage(err instanceof Error ? err.message : String(err));
    }
  };

  const field = (name: keyof Filters, label: MessageKey, numeric = false) => {
    const onInput = (e: { currentTarget: HTMLInputElement }): void => setDraft({ ...draft, [name]: e.currentTarget.value });
    return (
      <label>
        {t(label)}
        {numeric ? (
          <input type="number" step="any" min={0} value={draft[name]} onInput={onInput} />
        ) : (
          <input type="search" value={draft[name]} onInput={onInput} />
        )}
      </label>
    );
  };

  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;

  return (
    <main class="lists">
      <nav class="tabs" aria-label={t('status')}>
        {TABS.map((s) => (
          <button
            type="button"
            key={s}
            role="tab"
            aria-selected={tab === s}
            onClick={() => {
              setTab(s);
              setPage(1);
            }}
          >
            {tx('s_', s)}
          </button>
        ))}
      </nav>
      <form
        class="filters"
        aria-label={t('filters')}
        onSubmit={(e) => {
          e.preventDefault();
          setPage(1);
          setFilters(draft);
        }}
      >
        {field('q', 'search')}
        {field('tenant', 'tenant')}
        <label>
          {t('category')}
          <select value={draft.category} onChange={(e) => setDraft({ ...draft, category: e.currentTarget.value })}>
            <option value="">{t('allCategories')}</option>
            {CATEGORY_KEYS.map((c) => (
              <option key={c} value={c}>
                {categoryName(c)}
              </option>
            ))}
          </select>
        </label>
        {field('riskMin', 'riskMin', true)}
        {field('riskMax', 'riskMax', true)}
        {field('olderThanMinutes', 'olderThan', true)}
        {field('author', 'author')}
        <button type="submit" class="primary">
          {t('apply')}
        </button>
        <button
          type="button"
          class="ghost"
          onClick={() => {
            setDraft(NO_FILTERS);
            setFilters(NO_FILTERS);
            setPage(1);
          }}
        >
          {t('reset')}
        </button>
      </form>

      {canBulk && (
        <div class="bulk-bar" role="group" aria-label={t('bulkApprove')}>
          <span>
            {t('select')}: {selected.size}
          </span>
          <button type="button" class="approve" disabled={!selected.size} onClick={() => void bulk('approve')}>
            {t('bulkApprove')}
          </button>
          <select aria-label={t('category')} value={rejectCategory} onChange={(e) => setRejectCategory(e.currentTarget.value)}>
            <option value="">{t('category')}…</option>
            {CATEGORY_KEYS.map((c) => (
              <option key={c} value={c}>
                {categoryName(c)}
              </option>
            ))}
          </select>
          <button type="button" class="reject" disabled={!selected.size} onClick={() => void bulk('reject')}>
            {t('bulkReject')}
          </button>
          {bulkMessage && <span role="status">{bulkMessage}</span>}
        </div>
      )}

      {canBulk && tab === 'pending' && <SpamWaves tenant={filters.tenant} version={reload} onSelect={(ids) => setSelected(new Set(ids))} />}

      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {data && (
        <>
          <table class="item-table">
            <thead>
              <tr>
                {canBulk && (
                  <th>
                    <input
                      type="checkbox"
                      aria-label={t('selectAll')}
                      checked={allSelected}
                      onChange={() => setSelected(allSelected ? new Set() : new Set(selectable.map((i) => i.id)))}
                    />
                  </th>
                )}
                <th>{t('title')}</th>
                <th>{t('risk')}</th>
                <th>{t('category')}</th>
                <th>{t('author')}</th>
                <th>{t('tenant')}</th>
                <th>{t('createdAt')}</th>
                <th>{t('status')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {data.items.map((i) => (
                <tr key={i.id} class={selected.has(i.id) ? 'selected' : ''}>
                  {canBulk && (
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`${t('select')} ${i.externalId}`}
                        disabled={i.status === 'in_review'}
                        checked={selected.has(i.id)}
                        onChange={() => toggle(i.id)}
                      />
                    </td>
                  )}
                  <td class="cell-text">
                    <div class="cell-title">{i.title}</div>
                    <div class="snippet">{i.snippet}</div>
                    {i.imageCount > 0 && <span class="muted small">🖼 {i.imageCount}</span>}
                  </td>
                  <td>{i.risk.toFixed(2)}</td>
                  <td>{[...new Set([...i.categories, ...(i.decision?.categories ?? [])])].map(categoryName).join('、')}</td>
                  <td>{i.author.name ?? i.author.id ?? ''}</td>
                  <td class="small" title={i.tenantId}>
                    {i.tenantName ?? i.tenantId}
                  </td>
                  <td class="small" title={`${t('waited')} ${formatDuration((Date.now() - Date.parse(i.createdAt)) / 1000)}`}>
                    <time dateTime={i.createdAt}>{formatTime(i.createdAt)}</time>
                  </td>
                  <td>
                    <span class={`badge st-${i.status}`}>{tx('s_', i.status)}</span>
                  </td>
                  <td>
                    <button type="button" class="ghost" onClick={() => setOpenId(openId === i.id ? null : i.id)}>
                      {t('open')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {!data.items.length && <p class="muted">{t('empty')}</p>}
          <div class="pager">
            <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>
              {t('prev')}
            </button>
            <span>
              {t('page')} {page} / {pages} · {t('total')} {data.total}
            </span>
            <button type="button" disabled={page >= pages} onClick={() => setPage(page + 1)}>
              {t('next')}
            </button>
          </div>
        </>
      )}
      {openId && <ItemDrawer id={openId} onClose={() => setOpenId(null)} />}
    </main>
  );
}

interface Detail {
  item: ReviewItem;
  decisions: Array<{ id: string; action: string; categories: string[]; note: string | null; decidedAt: string; userId: string | null }>;
}

/** Read-only view of one item from a list; deciding happens by claiming, never from here. */
export function ItemDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const [d, setD] = useState<Detail | null>(null);
  useEffect(() => {
    api.get<Detail>(`/api/items/${encodeURIComponent(id)}`).then(setD, () => setD(null));
  }, [id]);
  if (!d) return null;
  const hitsFor = (field: string) =>
    (d.item.verdict?.labels ?? []).flatMap((l, li) =>
      l.hits
        .filter((h) => h.field === field)
        .map((h, hi) => ({ n: li * 1000 + hi, rule: h.rule, category: l.category, label: l.label, score: l.score, start: h.start, end: h.end, text: h.text })),
    );
  return (
    <aside class="drawer" aria-label={d.item.externalId}>
      <button type="button" class="ghost close" onClick={onClose}>
        {t('close')}
      </button>
      <h2>
        <Highlighted text={d.item.title ?? ''} hits={hitsFor('title')} active={null} />
      </h2>
      <div class="item-text">
        <Highlighted text={d.item.text ?? ''} hits={hitsFor('text')} active={null} />
      </div>
      <h3>{t('details')}</h3>
      <ul>
        {d.decisions.map((x) => (
          <li key={x.id}>
            {formatTime(x.decidedAt)} · {tx('a_', x.action)} {x.categories.map(categoryName).join('、')} {x.note ? `— ${x.note}` : ''}
          </li>
        ))}
      </ul>
    </aside>
  );
}
