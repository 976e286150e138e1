import { api, onUnauthorized, setCsrfToken } from './api';
import { lang, setLang } from './i18n';
import { createStore } from './store';
import type { SessionUser, UserSettings } from './types';

/** undefined while the page asks the server who is logged in; null when nobody is. */
export const session = createStore<SessionUser | null | undefined>(undefined);

onUnauthorized(() => {
  setCsrfToken(null);
  session.set(null);
});

function adopt(user: SessionUser, csrfToken: string): void {
  setCsrfToken(csrfToken);
  if (user.settings?.lang && user.settings.lang !== lang.get()) setLang(user.settings.lang);
  session.set(user);
}

export async function restoreSession(): Promise<void> {
  try {
    const r = await api.get<{ user: SessionUser | null; csrfToken?: string }>('/api/session');
    if (r.user && r.csrfToken) adopt(r.user, r.csrfToken);
    else session.set(null);
  } catch {
    session.set(null);
  }
}

export async function login(username: string, password: string): Promise<void> {
  const r = await api.post<{ user: SessionUser; csrfToken: string }>('/api/login', { username, password });
  setCsrfToken(r.csrfToken);
  // The login answer carries no settings; the session endpoint does.
  await restoreSession().catch(() => adopt(r.user, r.csrfToken));
}

export async function logout(): Promise<void> {
  await api.post('/api/logout').catch(() => undefined);
  setCsrfToken(null);
  session.set(null);
}

export async function saveSettings(patch: UserSettings): Promise<void> {
  const r = await api.put<{ settings: UserSettings }>('/api/me/settings', patch);
  const user = session.get();
  if (user) session.set({ ...user, settings: r.settings });
}

export function canReview(user: SessionUser): boolean {
  return user.role !== 'auditor';
}
