import { ComplianceBanner } from '../components/compliance-banner';
import { navigate } from '../router';
import { t, type MessageKey } from '../i18n';
import { ADMIN_ROLES, MANAGER_ROLES, OVERSIGHT_ROLES, RULE_TESTER_ROLES } from '../../../lib/roles';
import type { Role, SessionUser } from '../types';
import { Audit } from './audit';
import { Deliveries } from './deliveries';
import { Exports } from './exports';
import { Incidents } from './incidents';
import { Rules } from './rules';
import { Tenants } from './tenants';
import { Users } from './users';

interface Section {
  id: string;
  label: MessageKey;
  roles: readonly Role[];
  view: (props: { user: SessionUser }) => preact.JSX.Element;
}

/** The console's pages and who may open them; the server enforces the same roles on every endpoint. */
const SECTIONS: Section[] = [
  { id: 'tenants', label: 'c_tenants', roles: MANAGER_ROLES, view: Tenants },
  { id: 'users', label: 'c_users', roles: ADMIN_ROLES, view: Users },
  { id: 'rules', label: 'c_rules', roles: RULE_TESTER_ROLES, view: Rules },
  { id: 'incidents', label: 'c_incidents', roles: OVERSIGHT_ROLES, view: Incidents },
  { id: 'exports', label: 'c_exports', roles: OVERSIGHT_ROLES, view: Exports },
  { id: 'deliveries', label: 'c_deliveries', roles: MANAGER_ROLES, view: Deliveries },
  { id: 'audit', label: 'c_audit', roles: OVERSIGHT_ROLES, view: Audit },
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
