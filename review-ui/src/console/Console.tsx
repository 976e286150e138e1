import { ComplianceBanner } from '../components/ComplianceBanner';
import { navigate } from '../router';
import { t, type MessageKey } from '../i18n';
import type { Role, SessionUser } from '../types';
import { Audit } from './Audit';
import { Deliveries } from './Deliveries';
import { Exports } from './Exports';
import { Incidents } from './Incidents';
import { Rules } from './Rules';
import { Tenants } from './Tenants';
import { Users } from './Users';

interface Section {
  id: string;
  label: MessageKey;
  roles: Role[];
  view: (props: { user: SessionUser }) => preact.JSX.Element;
}

/** The console's pages and who may open them; the server enforces the same roles on every endpoint. */
const SECTIONS: Section[] = [
  { id: 'tenants', label: 'c_tenants', roles: ['officer', 'admin'], view: Tenants },
  { id: 'users', label: 'c_users', roles: ['admin'], view: Users },
  { id: 'rules', label: 'c_rules', roles: ['senior', 'officer', 'admin'], view: Rules },
  { id: 'incidents', label: 'c_incidents', roles: ['officer', 'admin', 'auditor'], view: Incidents },
  { id: 'exports', label: 'c_exports', roles: ['officer', 'admin', 'auditor'], view: Exports },
  { id: 'deliveries', label: 'c_deliveries', roles: ['officer', 'admin'], view: Deliveries },
  { id: 'audit', label: 'c_audit', roles: ['officer', 'admin', 'auditor'], view: Audit },
];

export function consoleSections(user: SessionUser): Section[] {
  return SECTIONS.filter((s) => s.roles.includes(user.role));
}

export function Console({ user, path }: { user: SessionUser; path: string }) {
  const sections = consoleSections(user);
  const active = sections.find((s) => path === `/console/${s.id}`) ?? sections[0];
  if (!active) return <main class="console">{t('forbidden')}</main>;
  const View = active.view;
  return (
    <main class="console">
      <ComplianceBanner role={user.role} />
      <nav class="tabs" aria-label={t('navConsole')}>
        {sections.map((s) => (
          <a
            key={s.id}
            href={`/console/${s.id}`}
            aria-current={s === active ? 'page' : undefined}
            onClick={(e) => {
              e.preventDefault();
              navigate(`/console/${s.id}`);
            }}
          >
            {t(s.label)}
          </a>
        ))}
      </nav>
      <View user={user} />
    </main>
  );
}
