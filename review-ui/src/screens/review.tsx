import { AppealPanel } from '../components/appeal-panel';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api } from '../api';
import { CATEGORY_KEYS, categoryDescription, categoryIndexOfKey, categoryKey, categoryName, labelName } from '../categories';
import { explain, Highlighted, type PlacedHit } from '../components/highlighted';
import { ImageCard } from '../components/image-card';
import { LeaseTimer } from '../components/lease-timer';
import { SimilarGroup } from '../components/similar-group';
import { ItemDrawer } from './lists';
import { formatTime, t, tx } from '../i18n';
import { ReviewSession } from '../review-session';
import { session } from '../session';
import { useStore } from '../store';
import type { ItemSummary, ReviewItem } from '../types';

type Mode = 'none' | 'reject' | 'escalate';

/** Every hit of the verdict, numbered in reading order: title, text, then images. */
function placeHits(item: ReviewItem): Map<string, PlacedHit[]> {
  const byField = new Map<string, PlacedHit[]>();
  const all: Array<Omit<PlacedHit, 'n'> & { field: string }> = [];
  for (const label of item.verdict?.labels ?? []) {
    for (const h of label.hits ?? []) {
      all.push({ field: h.field, rule: h.rule, category: label.category, label: label.label, score: label.score, start: h.start, end: h.end, text: h.text });
    }
  }
  const fieldOrder = (f: string): number => (f === 'title' ? 0 : f === 'text' ? 1 : 2);
  all.sort((a, b) => fieldOrder(a.field) - fieldOrder(b.field) || a.field.localeCompare(b.field) || a.start - b.start);
  all.forEach((h, n) => {
    const list = byField.get(h.field) ?? [];
    list.push({ ...h, n });
    byField.set(h.field, list);
  });
  return byField;
}

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
}

/** Where a hit was found, for people: 标题, 正文, 图片 1, 图片 1 文字. */
function fieldName(field: string): string {
  const image = /^images\[(\d+)\](\.ocr)?$/.exec(field);
  if (image) return `${t('image')} ${Number(image[1]) + 1}${image[2] ? ` ${t('ocrText')}` : ''}`;
  return field === 'title' ? t('title') : field === 'text' ? t('text') : field;
}

/**
 * A decision button: its accessible name stays exactly the CONTRACT §9 name (通过, 驳回, 上报); the key shows beside
 * it, hidden from assistive technology, which learns the key from aria-keyshortcuts instead.
 */
function KeyHint({ k }: { k: string }) {
  return (
    <kbd class="key-hint" aria-hidden="true">
      {k}
    </kbd>
  );
}

export function Review() {
  const user = useStore(session);
  const settings = user?.settings ?? {};
  const undoSeconds = settings.undoSeconds ?? 2;
  const undoRef = useRef(undoSeconds);
  undoRef.current = undoSeconds;
  const reviewSession = useMemo(() => new ReviewSession(() => undoRef.current * 1000), []);
  const state = useStore(reviewSession.state);
  const [mode, setMode] = useState<Mode>('none');
  const [chosen, setChosen] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [help, setHelp] = useState(false);
  const [activeHit, setActiveHit] = useState<number | null>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);

  const item = state.current?.item ?? null;
  const hits = useMemo(() => (item ? placeHits(item) : new Map<string, PlacedHit[]>()), [item?.id]);
  const hitCount = useMemo(() => [...hits.values()].reduce((n, l) => n + l.length, 0), [hits]);

  // A layout effect, so the reset lands in the same task as the render that shows the new item: with
  // a plain effect, a key pressed right after the item appears (R) could be undone by the reset.
  useLayoutEffect(() => {
    setMode('none');
    setChosen([]);
    setNote('');
    setActiveHit(null);
  }, [item?.id]);

  useEffect(() => {
    const leave = (): void => reviewSession.flush(true);
    addEventListener('pagehide', leave);
    return () => {
      removeEventListener('pagehide', leave);
      reviewSession.dispose();
    };
  }, [reviewSession]);

  useEffect(() => {
    if (mode === 'escalate') noteRef.current?.focus();
  }, [mode]);

  const approve = (): void => reviewSession.decide({ action: 'approve' });
  const reject = (categories: string[]): void => {
    if (!categories.length) return;
    reviewSession.decide({ action: 'reject', categories, note: note.trim() || null });
  };
  const escalate = (): void => reviewSession.decide({ action: 'escalate', note: note.trim() || null });

  const moveHit = (delta: number): void => {
    if (!hitCount) return;
    const next = activeHit === null ? (delta > 0 ? 0 : hitCount - 1) : (activeHit + delta + hitCount) % hitCount;
    setActiveHit(next);
    document.getElementById(`hit-${next}`)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  };

  const keyState = { mode, chosen, item, hitCount, activeHit, state };
  const keyRef = useRef(keyState);
  keyRef.current = keyState;

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      reviewSession.touch();
      const k = keyRef.current;
      if (e.ctrlKey || e.metaKey || e.altKey) {
        if (k.mode === 'escalate' && e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          escalate();
        }
        return;
      }
      if (e.key === 'Escape') {
        setMode('none');
        setHelp(false);
        return;
      }
      if (isTyping(e.target)) return;
      const key = e.key.toLowerCase();
      if (e.key === '?') {
        setHelp((h) => !h);
        return;
      }
      if (k.mode === 'reject') {
        const d = categoryIndexOfKey(e);
        if (d !== null && d < CATEGORY_KEYS.length) {
          e.preventDefault();
          const cat = CATEGORY_KEYS[d];
          if (e.shiftKey) setChosen((c) => (c.includes(cat) ? c.filter((x) => x !== cat) : [...c, cat]));
          else reject([...new Set([...k.chosen, cat])]);
        } else if (e.key === 'Enter') {
          e.preventDefault();
          reject(k.chosen);
        }
        return;
      }
      if (key === 'u' || key === 'z') return reviewSession.undo();
      if (key === 'n') return void reviewSession.claim();
      if (!k.item) return;
      if (key === 'a') {
        e.preventDefault();
        approve();
      } else if (key === 'r') {
        e.preventDefault();
        setMode('reject');
      } else if (key === 'e') {
        e.preventDefault();
        setMode('escalate');
      } else if (key === 'j') moveHit(1);
      else if (key === 'k') moveHit(-1);
    };
    const onActivity = (): void => reviewSession.touch();
    addEventListener('keydown', onKey);
    addEventListener('pointerdown', onActivity);
    return () => {
      removeEventListener('keydown', onKey);
      removeEventListener('pointerdown', onActivity);
    };
  }, [reviewSession]);

  return (
    <main class="review">
      <div class="review-toolbar" role="toolbar" aria-label={t('navReview')}>
        <button type="button" class="primary" onClick={() => void reviewSession.claim()} disabled={state.phase === 'claiming'} aria-keyshortcuts="N">
          领取 <KeyHint k="N" />
        </button>
        <button type="button" class="approve" onClick={approve} disabled={!item} aria-keyshortcuts="A" title={`${t('keyA')} (A)`}>
          通过 <KeyHint k="A" />
        </button>
        <button
          type="button"
          class="reject"
          onClick={() => setMode(mode === 'reject' ? 'none' : 'reject')}
          disabled={!item}
          aria-keyshortcuts="R"
          aria-expanded={mode === 'reject'}
          title={`${t('keyR')} (R)`}
        >
          驳回 <KeyHint k="R" />
        </button>
        <button
          type="button"
          class="escalate"
          onClick={() => setMode(mode === 'escalate' ? 'none' : 'escalate')}
          disabled={!item}
          aria-keyshortcuts="E"
          aria-expanded={mode === 'escalate'}
          title={`${t('keyE')} (E)`}
        >
          上报 <KeyHint k="E" />
        </button>
        <span class="spacer" />
        {state.current && <LeaseTimer expiresAt={state.current.lease.expiresAt} />}
        <button type="button" class="ghost" onClick={() => setHelp(!help)} aria-keyshortcuts="?" aria-expanded={help}>
          {t('help')} (?)
        </button>
      </div>

      {state.pending && <PendingBar session={reviewSession} />}
      {state.suggestIncident && (
        <div class="banner warn" role="alert" data-code="SUGGEST_INCIDENT">
          {t('suggestIncident')} ({state.suggestIncident.externalId} · {state.suggestIncident.itemId})
          {user && ['officer', 'admin'].includes(user.role) && (
            <a href={`/console/incidents?item=${encodeURIComponent(state.suggestIncident.itemId)}`}> {t('openIncident')}</a>
          )}
          <button type="button" class="ghost" onClick={() => reviewSession.dismissIncidentSuggestion()}>
            {t('dismiss')}
          </button>
        </div>
      )}
      {state.error && (
        <p class="error" role="alert">
          {state.error}
        </p>
      )}
      {help && <HelpPanel onClose={() => setHelp(false)} />}

      {mode === 'reject' && item && (
        <section class="chooser" aria-label={t('chooseCategory')}>
          <h2>{t('chooseCategory')}</h2>
          <p class="muted small">{t('rejectKeys')}</p>
          <div class="category-grid">
            {CATEGORY_KEYS.map((cat, i) => {
              const digit = categoryKey(i);
              const suggested = item.verdict?.labels.some((l) => l.category === cat);
              return (
                <button
                  type="button"
                  key={cat}
                  class={`category${chosen.includes(cat) ? ' chosen' : ''}${suggested ? ' suggested' : ''}`}
                  title={categoryDescription(cat)}
                  aria-keyshortcuts={digit}
                  aria-pressed={chosen.includes(cat)}
                  onClick={(e) =>
                    e.shiftKey ? setChosen((c) => (c.includes(cat) ? c.filter((x) => x !== cat) : [...c, cat])) : reject([...new Set([...chosen, cat])])
                  }
                >
                  <kbd>{digit}</kbd> {categoryName(cat)}
                </button>
              );
            })}
          </div>
          <label class="inline">
            {t('note')} <input value={note} maxLength={2000} onInput={(e) => setNote(e.currentTarget.value)} />
          </label>
          <button type="button" class="reject" disabled={!chosen.length} onClick={() => reject(chosen)}>
            {t('rejectSelected')}
          </button>
          <button type="button" class="ghost" onClick={() => setMode('none')}>
            {t('cancel')}
          </button>
        </section>
      )}

      {mode === 'escalate' && item && (
        <section class="chooser" aria-label={t('escalateNote')}>
          <label for="escalate-note">{t('escalateNote')}</label>
          <textarea id="escalate-note" ref={noteRef} rows={3} maxLength={2000} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
          <button type="button" class="escalate" onClick={escalate}>
            {t('escalateSubmit')} (Ctrl+Enter)
          </button>
          <button type="button" class="ghost" onClick={() => setMode('none')}>
            {t('cancel')}
          </button>
        </section>
      )}

      {item ? (
        <ItemView item={item} hits={hits} activeHit={activeHit} greyscale={!!settings.greyscale} chosen={chosen} />
      ) : (
        <section class="empty-state" aria-live="polite">
          {state.phase === 'claiming' ? t('loading') : state.phase === 'empty' ? t('nothingWaiting') : t('claimPrompt')}
        </section>
      )}
    </main>
  );
}

function PendingBar({ session: s }: { session: ReviewSession }) {
  const state = useStore(s.state);
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, []);
  const p = state.pending;
  if (!p) return null;
  const left = Math.max(0, Math.ceil((p.sendAt - now) / 1000));
  const cats = p.decision.categories?.map(categoryName).join('、');
  return (
    <div class="pending-bar" role="status">
      <span>
        {t('pendingDecision')} {left}s: <strong>{tx('a_', p.decision.action)}</strong>
        {cats ? ` (${cats})` : ''} — {p.claimed.item.title ?? p.claimed.item.externalId}
      </span>
      <button type="button" onClick={() => s.undo()} aria-keyshortcuts="U">
        {t('undo')} (U)
      </button>
      <button type="button" class="ghost" onClick={() => s.flush()}>
        {t('sendNow')}
      </button>
    </div>
  );
}

function HelpPanel({ onClose }: { onClose: () => void }) {
  const rows: Array<[string, string]> = [
    ['A', `通过 — ${t('keyA')}`],
    ['R', `驳回 — ${t('keyR')}`],
    ['E', `上报 — ${t('keyE')}`],
    ['1–9, 0, -, =', t('keyDigits')],
    ['Shift + 1…=', t('keyShiftDigits')],
    ['J / K', t('keyJK')],
    ['N', `领取 — ${t('keyN')}`],
    ['U', t('keyU')],
    ['?', t('keyQ')],
  ];
  return (
    <section class="help" aria-label={t('helpTitle')}>
      <h2>{t('helpTitle')}</h2>
      <dl>
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>
              <kbd>{k}</kbd>
            </dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <button type="button" class="ghost" onClick={onClose}>
        {t('close')}
      </button>
    </section>
  );
}

function ItemView({
  item,
  hits,
  activeHit,
  greyscale,
  chosen,
}: {
  item: ReviewItem;
  hits: Map<string, PlacedHit[]>;
  activeHit: number | null;
  greyscale: boolean;
  /** Categories picked for a rejection so far; a spam wave's "reject all" uses them. */
  chosen: string[];
}) {
  const verdict = item.verdict;
  const [similarOpen, setSimilarOpen] = useState<string | null>(null);
  const ocr = new Map((verdict?.images ?? []).map((i) => [i.index, i.ocrText ?? '']));
  const allHits = [...hits.entries()].flatMap(([field, list]) => list.map((h) => ({ ...h, field })));
  return (
    <div class="item-layout">
      <article class="item" aria-label={item.title ?? item.externalId}>
        {item.appeal && <AppealPanel appeal={item.appeal} verdict={verdict} />}
        <header class="item-head">
          <span class={`badge sugg-${verdict?.suggestion ?? 'none'}`}>
            {t('suggestion')}: {tx('sugg_', verdict?.suggestion ?? item.suggestion)}
          </span>
          <span class="badge risk" title={t('risk')}>
            {t('risk')} {(verdict?.risk ?? item.risk).toFixed(2)}
          </span>
          <span class="muted">{item.kind}</span>
        </header>
        <h2 class="item-title" data-field="title">
          <Highlighted text={item.title ?? ''} hits={hits.get('title') ?? []} active={activeHit} />
        </h2>
        <div class="item-text" data-field="text">
          {item.text ? <Highlighted text={item.text} hits={hits.get('text') ?? []} active={activeHit} /> : <span class="muted">{t('noText')}</span>}
        </div>
        {item.images.length > 0 && (
          <section class="images" aria-label={t('images')}>
            {item.images.map((img) => (
              <ImageCard
                key={img.index}
                itemId={item.id}
                index={img.index}
                name={img.name}
                greyscale={greyscale}
                ocrText={ocr.get(img.index)}
                ocrHits={hits.get(`images[${img.index}].ocr`) ?? []}
                activeHit={activeHit}
              />
            ))}
          </section>
        )}
        <details class="meta" open>
          <summary>{t('meta')}</summary>
          <dl>
            <dt>{t('tenant')}</dt>
            <dd title={item.tenantId}>{item.tenantName ?? item.tenantId}</dd>
            <dt>{t('externalId')}</dt>
            <dd>{item.externalId}</dd>
            <dt>{t('author')}</dt>
            <dd>
              {item.author.name ?? ''} {item.author.id ? `(${item.author.id})` : ''}
            </dd>
            <dt>{t('url')}</dt>
            <dd class="url">{item.url ?? ''}</dd>
            <dt>{t('createdAt')}</dt>
            <dd>{formatTime(item.createdAt)}</dd>
            {item.meta && (
              <>
                <dt>meta</dt>
                <dd>
                  <pre>{JSON.stringify(item.meta, null, 2)}</pre>
                </dd>
              </>
            )}
          </dl>
        </details>
      </article>
      <aside class="side">
        <section class="hits-panel" aria-label={t('hits')}>
          <h3>
            {t('hits')} ({allHits.length})
          </h3>
          {!verdict?.labels.length && <p class="muted">{t('noHits')}</p>}
          {verdict?.labels.map((l, i) => (
            <div class="label" key={i}>
              <div class="label-head">
                <strong title={categoryDescription(l.category)}>{categoryName(l.category)}</strong>
                {l.label ? (
                  <span class="muted" title={l.label}>
                    {' '}
                    / {labelName(l.label)}
                  </span>
                ) : null}
                <span class="score">{l.score.toFixed(2)}</span>
              </div>
              {l.reason && <p class="muted small">{l.reason}</p>}
              {l.source === 'learned' && l.similarTo && (
                <button type="button" class="link small" onClick={() => setSimilarOpen(l.similarTo ?? null)}>
                  {t('learnedSimilarLink')}
                </button>
              )}
              <ul>
                {allHits
                  .filter((h) => h.category === l.category && h.label === l.label)
                  .map((h) => (
                    <li key={h.n} class={h.n === activeHit ? 'active' : ''} title={explain(h)}>
                      「{h.text}」 <span class="muted">{fieldName(h.field)}</span>{' '}
                      <code class="muted small" title={t('rule')}>
                        {h.rule}
                      </code>
                    </li>
                  ))}
              </ul>
            </div>
          ))}
          {verdict?.engine && <p class="muted small">{verdict.engine.rules}</p>}
          <SimilarGroup itemId={item.id} categories={chosen.length ? chosen : (verdict?.labels ?? []).map((l) => l.category).slice(0, 1)} />
          {similarOpen && <ItemDrawer id={similarOpen} onClose={() => setSimilarOpen(null)} />}
        </section>
        <AuthorHistory itemId={item.id} />
      </aside>
    </div>
  );
}

function AuthorHistory({ itemId }: { itemId: string }) {
  const [data, setData] = useState<{ items: ItemSummary[]; outcomes: Record<string, number> } | null>(null);
  useEffect(() => {
    let live = true;
    setData(null);
    api.get<{ items: ItemSummary[]; outcomes: Record<string, number> }>(`/api/items/${encodeURIComponent(itemId)}/author-history?limit=10`).then(
      (r) => live && setData(r),
      () => live && setData({ items: [], outcomes: {} }),
    );
    return () => {
      live = false;
    };
  }, [itemId]);
  return (
    <section class="history" aria-label={t('authorHistory')}>
      <h3>{t('authorHistory')}</h3>
      {!data ? (
        <p class="muted">{t('loading')}</p>
      ) : !data.items.length ? (
        <p class="muted">{t('noHistory')}</p>
      ) : (
        <>
          <p class="outcomes">
            {Object.entries(data.outcomes).map(([s, n]) => (
              <span key={s} class={`badge st-${s}`}>
                {tx('s_', s)} {n}
              </span>
            ))}
          </p>
          <ul>
            {data.items.map((h) => (
              <li key={h.id}>
                <span class={`badge st-${h.status}`}>{tx('s_', h.status)}</span> <span class="snippet">{h.title || h.snippet}</span>
                <span class="muted small"> {formatTime(h.createdAt)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
