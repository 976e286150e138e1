import { useState } from 'preact/hooks';
import { api } from '../api';
import { formatTime, t, tx } from '../i18n';
import { ROLES } from '../../../lib/roles';
import type { Role, SessionUser } from '../types';
import { errorText, useLoad } from './use-load';

interface Staff {
  id: string;
  username: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
}

/** Staff accounts and roles (admins). */
export function Users({ user }: { user: SessionUser }) {
  const [version, setVersion] = useState(0);
  const { data, error } = useLoad<{ users: Staff[] }>('/api/console/users', version);
  const [form, setForm] = useState({ username: '', password: '', role: 'moderator' as Role });
  const [message, setMessage] = useState<string | null>(null);

  const run = async (fn: () => Promise<unknown>): Promise<void> => {
    setMessage(null);
    try {
      await fn();
      setMessage(t('saved'));
      setVersion((v) => v + 1);
    } catch (err) {
      setMessage(errorText(err));
    }
  };

  const roleSelect = (value: Role, onChange: (r: Role) => void, label: string) => (
    <select aria-label={label} value={value} onChange={(e) => onChange(e.currentTarget.value as Role)}>
      {ROLES.map((r) => (
        <option key={r} value={r}>
          {tx('r_', r)}
        </option>
      ))}
    </select>
  );

  return (
    <>
      <section>
        <h2>
          {t('create')} · {t('c_users')}
        </h2>
        <form
          class="row"
          onSubmit={(e) => {
            e.preventDefault();
            void run(async () => {
              await api.post('/api/console/users', form);
              setForm({ username: '', password: '', role: 'moderator' });
            });
          }}
        >
          <label class="inline">
            {t('username')} <input required autocomplete="off" value={form.username} onInput={(e) => setForm({ ...form, username: e.currentTarget.value })} />
          </label>
          <label class="inline">
            {t('password')}{' '}
            <input
              required
              type="password"
              autocomplete="new-password"
              minLength={8}
              value={form.password}
              onInput={(e) => setForm({ ...form, password: e.currentTarget.value })}
            />
          </label>
          {roleSelect(form.role, (role) => setForm({ ...form, role }), t('role'))}
          <button type="submit" class="primary">
            {t('create')}
          </button>
        </form>
        {(message || error) && <p role="status">{message ?? error}</p>}
      </section>
      <section>
        <table>
          <thead>
            <tr>
              <th>{t('username')}</th>
              <th>{t('role')}</th>
              <th>{t('status')}</th>
              <th>{t('createdAt')}</th>
              <th>{t('setPassword')}</th>
            </tr>
          </thead>
          <tbody>
            {data?.users.map((u) => (
              <tr key={u.id}>
                <td>{u.username}</td>
                <td>
                  {user.role === 'admin'
                    ? roleSelect(u.role, (role) => void run(() => api.patch(`/api/console/users/${u.id}`, { role })), `${t('role')} ${u.username}`)
                    : tx('r_', u.role)}
                </td>
                <td>
                  {u.disabled ? t('disabled') : t('enabled')}{' '}
                  {user.role === 'admin' && u.id !== user.id && (
                    <button type="button" class="ghost" onClick={() => void run(() => api.patch(`/api/console/users/${u.id}`, { disabled: !u.disabled }))}>
                      {u.disabled ? t('enable') : t('disable')}
                    </button>
                  )}
                </td>
                <td class="small">{formatTime(u.createdAt)}</td>
                <td>{user.role === 'admin' && <PasswordReset id={u.id} run={run} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}

function PasswordReset({ id, run }: { id: string; run: (fn: () => Promise<unknown>) => Promise<void> }) {
  const [pw, setPw] = useState('');
  return (
    <form
      class="row"
      onSubmit={(e) => {
        e.preventDefault();
        void run(async () => {
          await api.patch(`/api/console/users/${id}`, { password: pw });
          setPw('');
        });
      }}
    >
      <input type="password" aria-label={t('newPassword')} autocomplete="new-password" minLength={8} value={pw} onInput={(e) => setPw(e.currentTarget.value)} />
      <button type="submit" disabled={pw.length < 8}>
        {t('setPassword')}
      </button>
    </form>
  );
}
