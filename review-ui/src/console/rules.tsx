import { useState } from 'preact/hooks';
import { api } from '../api';
import { categoryName } from '../categories';
import { Highlighted, type PlacedHit } from '../components/highlighted';
import { t, tx } from '../i18n';
import type { SessionUser, Verdict } from '../types';
import { errorText, useLoad } from './use-load';

interface PackRow {
  name: string;
  file: string;
  source: 'shipped' | 'operator';
  editable: boolean;
  loaded: { version: string; rules: number; category: string } | null;
}

interface RulesInfo {
  engine: { rules: string; model: string };
  counts: Record<string, number>;
  terms: number;
  operatorDir: string | null;
  packs: PackRow[];
}

interface BacktestReport {
  items: number;
  changed: Record<string, number>;
  byRule: Record<string, { hits: number; approved: number; rejected: number }>;
}

/** Rule packs: what is in force, a tester that shows the hits, and editing of operator packs with validation. */
export function Rules({ user }: { user: SessionUser }) {
  const [version, setVersion] = useState(0);
  const { data, error } = useLoad<RulesInfo>('/api/console/rules', version);
  const canEdit = user.role === 'officer' || user.role === 'admin';
  const [editing, setEditing] = useState<{ name: string; yaml: string } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [backtest, setBacktest] = useState<BacktestReport | 'running' | null>(null);

  /** What the edited pack would do to the stored items; run on demand and before every save. */
  const runBacktest = async (): Promise<boolean> => {
    if (!editing) return false;
    setBacktest('running');
    try {
      setBacktest(await api.post<BacktestReport>(`/api/console/rules/packs/${encodeURIComponent(editing.name)}/backtest`, { yaml: editing.yaml }));
      return true;
    } catch (err) {
      setBacktest(null);
      setMessage(errorText(err));
      return false;
    }
  };

  const open = async (name: string): Promise<void> => {
    setMessage(null);
    try {
      const r = await api.get<{ yaml: string }>(`/api/console/rules/packs/${encodeURIComponent(name)}`);
      setEditing({ name, yaml: r.yaml });
    } catch (err) {
      setMessage(errorText(err));
    }
  };

  const save = async (): Promise<void> => {
    if (!editing) return;
    setMessage(null);
    if (!(await runBacktest())) return;
    try {
      const r = await api.put<{ rules: number; hash: string }>(`/api/console/rules/packs/${encodeURIComponent(editing.name)}`, { yaml: editing.yaml });
      setMessage(`${t('saved')}: ${editing.name} (${r.rules} ${t('rulesCount')}, ${r.hash.slice(0, 12)})`);
      setVersion((v) => v + 1);
    } catch (err) {
      setMessage(errorText(err));
    }
  };

  return (
    <>
      {user.role !== 'auditor' && <RuleTester />}
      <ShadowRules canEdit={canEdit} onChange={() => setVersion((v) => v + 1)} version={version} />
      <section>
        <h2>{t('packs')}</h2>
        {error && <p class="error">{error}</p>}
        {data && (
          <>
            <p class="muted small">
              {data.engine.rules} · model {data.engine.model} · {data.terms} terms
            </p>
            {!data.operatorDir && <p class="muted">{t('noOperatorDir')}</p>}
            <table>
              <thead>
                <tr>
                  <th>{t('packFile')}</th>
                  <th>{t('category')}</th>
                  <th>{t('version')}</th>
                  <th>{t('rulesCount')}</th>
                  <th>{t('source')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {data.packs.map((p) => (
                  <tr key={`${p.source}/${p.file}`}>
                    <td>{p.file}</td>
                    <td>{p.loaded ? categoryName(p.loaded.category) : ''}</td>
                    <td>{p.loaded?.version ?? '—'}</td>
                    <td>{p.loaded?.rules ?? '—'}</td>
                    <td>{p.source === 'shipped' ? t('shipped') : t('operator')}</td>
                    <td>
                      <button type="button" class="ghost" onClick={() => void open(p.name)}>
                        {p.editable && canEdit ? t('edit') : t('open')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {canEdit && data.operatorDir && (
              <button
                type="button"
                onClick={() => setEditing({ name: 'operator-new', yaml: 'category: advertising\nrules:\n  - id: op.example\n    terms: [示例词]\n' })}
              >
                {t('newPack')}
              </button>
            )}
          </>
        )}
      </section>
      {editing && (
        <section aria-label={editing.name}>
          <label>
            {t('packName')} <input value={editing.name} onInput={(e) => setEditing({ ...editing, name: e.currentTarget.value })} />
          </label>
          <textarea class="code" spellcheck={false} value={editing.yaml} onInput={(e) => setEditing({ ...editing, yaml: e.currentTarget.value })} />
          <div class="row">
            {canEdit && (
              <button type="button" onClick={() => void runBacktest()}>
                {t('backtest')}
              </button>
            )}
            {canEdit && data?.operatorDir && (
              <button type="button" class="primary" onClick={() => void save()}>
                {t('validateSave')}
              </button>
            )}
            <button type="button" class="ghost" onClick={() => setEditing(null)}>
              {t('close')}
            </button>
          </div>
          {backtest && <BacktestResult report={backtest} />}
        </section>
      )}
      {message && <p role="status">{message}</p>}
    </>
  );
}

interface ShadowRule {
  id: string;
  category: string;
  pack: string;
  editable: boolean;
  items: number;
  hits: number;
  approved: number;
  rejected: number;
  undecided: number;
}

/** Shadow rules on live traffic (last 30 days) with the decisions on the items they hit; switched live here. */
function ShadowRules({ canEdit, onChange, version }: { canEdit: boolean; onChange: () => void; version: number }) {
  const { data, error } = useLoad<{ rules: ShadowRule[] }>('/api/console/rules/shadow', version);
  const [message, setMessage] = useState<string | null>(null);
  const goLive = async (id: string): Promise<void> => {
    setMessage(null);
    try {
      await api.post(`/api/console/rules/shadow/${encodeURIComponent(id)}/live`);
      setMessage(`${t('shadowLive')}: ${id}`);
      onChange();
    } catch (err) {
      setMessage(errorText(err));
    }
  };
  return (
    <section aria-label={t('shadowRules')}>
      <h2>{t('shadowRules')}</h2>
      {error && <p class="error">{error}</p>}
      {data && data.rules.length === 0 && <p class="muted">{t('shadowNone')}</p>}
      {data && data.rules.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('rule')}</th>
              <th scope="col">{t('category')}</th>
              <th scope="col">{t('shadowItems')}</th>
              <th scope="col">{t('backtestApproved')}</th>
              <th scope="col">{t('backtestRejected')}</th>
              <th scope="col">{t('shadowUndecided')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {data.rules.map((r) => (
              <tr key={r.id}>
                <td>
                  {r.id} <span class="muted small">{r.pack}</span>
                </td>
                <td>{categoryName(r.category)}</td>
                <td>{r.items}</td>
                <td>{r.approved}</td>
                <td>{r.rejected}</td>
                <td>{r.undecided}</td>
                <td>
                  {canEdit && r.editable && (
                    <button type="button" onClick={() => void goLive(r.id)}>
                      {t('shadowGoLive')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {message && <p role="status">{message}</p>}
    </section>
  );
}

function BacktestResult({ report }: { report: BacktestReport | 'running' }) {
  if (report === 'running') return <p aria-live="polite">{t('backtestRunning')}</p>;
  const changed = Object.entries(report.changed);
  return (
    <section class="backtest" aria-label={t('backtest')}>
      <h3>
        {t('backtestTitle')} · {report.items} {t('backtestItems')}
      </h3>
      <p>
        {changed.length === 0
          ? t('backtestNoChange')
          : `${t('backtestChanged')}: ${changed
              .map(([k, n]) => {
                const [from, to] = k.split('->');
                return `${tx('sugg_', from)} → ${tx('sugg_', to)} ${n}`;
              })
              .join('，')}`}
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('rule')}</th>
            <th scope="col">{t('backtestHits')}</th>
            <th scope="col">{t('backtestApproved')}</th>
            <th scope="col">{t('backtestRejected')}</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(report.byRule).map(([rule, o]) => (
            <tr key={rule}>
              <td>{rule}</td>
              <td>{o.hits}</td>
              <td>{o.approved}</td>
              <td>{o.rejected}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function RuleTester() {
  const [text, setText] = useState('');
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [tested, setTested] = useState('');
  const [error, setError] = useState<string | null>(null);
  const test = async (e: Event): Promise<void> => {
    e.preventDefault();
    setError(null);
    try {
      const r = await api.post<{ verdict: Verdict }>('/api/console/rules/test', { text });
      setTested(text);
      setVerdict(r.verdict);
    } catch (err) {
      setError(errorText(err));
    }
  };
  const hits: PlacedHit[] = (verdict?.labels ?? []).flatMap((l, li) =>
    l.hits
      .filter((h) => h.field === 'text')
      .map((h, hi) => ({ n: li * 1000 + hi, rule: h.rule, category: l.category, label: l.label, score: l.score, start: h.start, end: h.end, text: h.text })),
  );
  return (
    <section aria-label={t('testText')}>
      <h2>{t('testText')}</h2>
      <form onSubmit={test} class="console-form">
        <textarea aria-label={t('testText')} rows={4} maxLength={50_000} value={text} onInput={(e) => setText(e.currentTarget.value)} />
        <button type="submit" class="primary" disabled={!text.trim()}>
          {t('runTest')}
        </button>
      </form>
      {error && <p class="error">{error}</p>}
      {verdict && (
        <div class="rule-test-result">
          <p>
            {t('suggestion')}: <span class={`badge sugg-${verdict.suggestion}`}>{tx('sugg_', verdict.suggestion)}</span> · {t('risk')} {verdict.risk.toFixed(2)}
          </p>
          <p class="item-text">
            <Highlighted text={tested} hits={hits} active={null} />
          </p>
          <table>
            <thead>
              <tr>
                <th>{t('rule')}</th>
                <th>{t('category')}</th>
                <th>{t('score')}</th>
                <th>{t('hits')}</th>
              </tr>
            </thead>
            <tbody>
              {verdict.labels.map((l, i) => (
                <tr key={i}>
                  <td>{[...new Set(l.hits.map((h) => h.rule))].join(', ') || l.reason || '—'}</td>
                  <td>
                    {categoryName(l.category)}
                    {l.label ? ` / ${l.label}` : ''}
                  </td>
                  <td>{l.score.toFixed(2)}</td>
                  <td>{l.hits.map((h) => `「${h.text}」`).join(' ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
