import { useEffect } from 'preact/hooks';
import { lang, setLang, t, tx } from './i18n';
import { navigate, route } from './router';
import { Dashboard } from './screens/dashboard';
import { Lists } from './screens/lists';
import { Login } from './screens/login';
import { Review } from './screens/review';
import { Settings } from './screens/settings';
import { Console, consoleSections } from './console/console';
import { canReview, logout, restoreSession, saveSettings, session } from './session';
import { useStore } from './store';
import type { SessionUser } from './types';

interface Screen {
  path: string;
  label: () => string;
  allowed: (u: SessionUser) => boolean;
}

const SCREENS: Screen[] = [
  { path: '/review', label: () => t('navReview'), allowed: canReview },
  { path: '/lists', label: () => t('navLists'), allowed: () => true },
  { path: '/dashboard', label: () => t('navDashboard'), allowed: () => true },
  { path: '/console', label: () => t('navConsole'), allowed: (u) => consoleSections(u).length > 0 },
  { path: '/settings', label: () => t('navSettings'), allowed: () => true },
];

function homeOf(user: SessionUser): string {
  return canReview(user) ? '/review' : '/dashboard';
}

export function App() {
  const user = useStore(session);
  const path = useStore(route);
  const currentLang = useStore(lang);

  useEffect(() => {
    void restoreSession();
  }, []);

  if (user === undefined) return <p class="loading">{t('loading')}</p>;
  if (user === null) return <Login />;

  const screen = SCREENS.find((s) => path === s.path || path.startsWith(`${s.path}/`));
  if (!screen || !screen.allowed(user)) {
    queueMicrotask(() => navigate(homeOf(user)));
    return null;
  }

  const toggleLang = (): void => {
    const next = currentLang === 'en' ? 'zh-CN' : 'en';
    setLang(next);
    void saveSettings({ lang: next }).catch(() => undefined);
  };

  return (
    <div class="shell">
      <header class="topbar">
        <span class="brand">{t('appName')}</span>
        <nav aria-label="main">
          {SCREENS.filter((s) => s.allowed(user)).map((s) => (
            <a
              key={s.path}
              href={s.path}
              aria-current={s === screen ? 'page' : undefined}
              onClick={(e) => {
                e.preventDefault();
                navigate(s.path);
              }}
            >
              {s.label()}
            </a>
          ))}
        </nav>
        <span class="spacer" />
        <span class="who">
          {user.username} · {tx('r_', user.role)}
        </span>
        <button type="button" class="ghost" onClick={toggleLang} lang={currentLang === 'en' ? 'zh-CN' : 'en'}>
          {t('switchLang')}
        </button>
        <button type="button" class="ghost" onClick={() => void logout()}>
          {t('logout')}
        </button>
      </header>
      {screen.path === '/review' && <Review key="review" />}
      {screen.path === '/lists' && <Lists user={user} />}
      {screen.path === '/dashboard' && <Dashboard user={user} />}
      {screen.path === '/console' && <Console user={user} path={path} />}
      {screen.path === '/settings' && <Settings user={user} />}
    </div>
  );
}
