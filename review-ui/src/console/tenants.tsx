import { useState } from 'preact/hooks';
import { api } from '../api';
import { formatTime, t } from '../i18n';
import type { SessionUser } from '../types';
import { LearningPanel } from './learning-panel';
import { errorText, useLoad } from './use-load';

interface Tenant {
  id: string;
  name: string;
  callbackUrl: string | null;
  siteUrl: string | null;
  apiKeyHint: string;
  disabled: boolean;
  createdAt: string;
  officer: { name: string; phone: string; email: string } | null;
  officerComplete: boolean;
}

/** Customer sites: create, callback URL, key and secret rotation, and the security officer (clauses 18–19). */
export function Tenants({ user }: { user: SessionUser }) {
  const [version, setVersion] = useState(0);
  const { data, error } = useLoad<{ tenants: Tenant[] }>('/api/console/tenants', version);
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [site, setSite] = useState('');
  const [secret, setSecret] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const run = async (fn: () => Promise<string | null>): Promise<void> => {
    setMessage(null);
    setSecret(null);
    try {
      setSecret(await fn());
      setVersion((v) => v + 1);
    } catch (err) {
      setMessage(errorText(err));
    }
  };

  const create = (e: Event): void => {
    e.preventDefault();
    void run(async () => {
      const r = await api.post<{ id: string; apiKey: string; webhookSecret: string }>('/api/console/tenants', {
        name,
        callbackUrl: url || null,
        siteUrl: site || null,
      });
      setName('');
      setUrl('');
      setSite('');
      return `id=${r.id}\napiKey=${r.apiKey}\nwebhookSecret=${r.webhookSecret}`;
    });
  };

  return (
    <>
      <section>
        <h2>
          {t('create')} · {t('c_tenants')}
        </h2>
        <form class="console-form" onSubmit={create}>
          <label>
            {t('name')}
            <input required maxLength={200} value={name} onInput={(e) => setName(e.currentTarget.value)} />
          </label>
          <label>
            {t('callbackUrl')}
            <input type="url" value={url} onInput={(e) => setUrl(e.currentTarget.value)} placeholder="https://" />
          </label>
          <label>
            {t('siteUrl')}
            <input type="url" value={site} onInput={(e) => setSite(e.currentTarget.value)} placeholder="https://" />
          </label>
          <button type="submit" class="primary">
            {t('create')}
          </button>
        </form>
        {secret && (
          <div role="status">
            <p>{t('secretOnce')}</p>
            <pre class="secret">{secret}</pre>
          </div>
        )}
        {(message || error) && (
          <p class="error" role="alert">
            {message ?? error}
          </p>
        )}
      </section>
      {data?.tenants.map((tn) => (
        <TenantCard key={tn.id} tenant={tn} run={run} isAdmin={user.role === 'admin'} />
      ))}
    </>
  );
}

function TenantCard({ tenant, run, isAdmin }: { tenant: Tenant; run: (fn: () => Promise<string | null>) => Promise<void>; isAdmin: boolean }) {
  const [url, setUrl] = useState(tenant.callbackUrl ?? '');
  const [site, setSite] = useState(tenant.siteUrl ?? '');
  const [officer, setOfficer] = useState({ name: tenant.officer?.name ?? '', phone: tenant.officer?.phone ?? '', email: tenant.officer?.email ?? '' });
  const base = `/api/console/tenants/${encodeURIComponent(tenant.id)}`;
  return (
    <section class="card" aria-label={tenant.name}>
      <h3>
        {tenant.name} <span class="muted small">{tenant.id}</span> {tenant.disabled && <span class="badge st-rejected">{t('disabled')}</span>}
      </h3>
      <p class="muted small">
        API key …{tenant.apiKeyHint} · {formatTime(tenant.createdAt)} · {t('officer')}:{' '}
        {tenant.officerComplete ? <span class="badge ok">{t('registered')}</span> : <span class="badge st-rejected">{t('notRegistered')}</span>}
      </p>
      <div class="row">
        <label class="inline">
          {t('callbackUrl')} <input type="url" size={40} value={url} onInput={(e) => setUrl(e.currentTarget.value)} />
        </label>
        <label class="inline">
          {t('siteUrl')} <input type="url" size={30} value={site} onInput={(e) => setSite(e.currentTarget.value)} />
        </label>
        <button type="button" onClick={() => void run(async () => (await api.patch(base, { callbackUrl: url || null, siteUrl: site || null }), null))}>
          {t('save')}
        </button>
        <button type="button" onClick={() => void run(async () => `apiKey=${(await api.post<{ apiKey: string }>(`${base}/rotate-key`)).apiKey}`)}>
          {t('rotateKey')}
        </button>
        <button
          type="button"
          onClick={() => void run(async () => `webhookSecret=${(await api.post<{ webhookSecret: string }>(`${base}/rotate-secret`)).webhookSecret}`)}
        >
          {t('rotateSecret')}
        </button>
        <button type="button" class="ghost" onClick={() => void run(async () => (await api.patch(base, { disabled: !tenant.disabled }), null))}>
          {tenant.disabled ? t('enable') : t('disable')}
        </button>
      </div>
      <form
        class="row"
        aria-label={t('officer')}
        onSubmit={(e) => {
          e.preventDefault();
          void run(async () => (await api.put(`${base}/officer`, officer), null));
        }}
      >
        <strong>{t('officer')}</strong>
        <label class="inline">
          {t('officerName')} <input required value={officer.name} onInput={(e) => setOfficer({ ...officer, name: e.currentTarget.value })} />
        </label>
        <label class="inline">
          {t('phone')} <input required type="tel" value={officer.phone} onInput={(e) => setOfficer({ ...officer, phone: e.currentTarget.value })} />
        </label>
        <label class="inline">
          {t('email')} <input required type="email" value={officer.email} onInput={(e) => setOfficer({ ...officer, email: e.currentTarget.value })} />
        </label>
        <button type="submit">{t('register')}</button>
      </form>
      <LearningPanel tenantId={tenant.id} canReset={isAdmin} />
    </section>
  );
}
