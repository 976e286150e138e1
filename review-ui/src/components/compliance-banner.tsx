import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { formatDuration, t } from '../i18n';
import { navigate } from '../router';
import { createStore, useStore } from '../store';
import { ROLES_OF } from '../../../lib/roles';
import type { Role } from '../types';

interface Banner {
  incidents: { open: number; overdue: number; dueSoon: number; nextDeadlineSeconds: number | null };
  overdue: boolean;
  dueSoon: boolean;
  officerReviewDue: number;
}

/** Bumped by the incident pages after a change, so the banner does not wait for its next poll. */
export const complianceVersion = createStore(0);

const POLL_MS = 30_000;
const INCIDENT_READERS: readonly Role[] = ROLES_OF.incidentRead;

/**
 * `GET /api/compliance/banner` (counts only, every staff role) at the top of the console and the duty monitor, in
 * the SLA banner's style: incidents past their 24-hour deadline or due within 6 hours, and officer contact details
 * due for review. Nothing is shown when all is well, or when the request fails.
 */
export function ComplianceBanner({ role }: { role: Role }) {
  const version = useStore(complianceVersion);
  const [banner, setBanner] = useState<Banner | null>(null);

  useEffect(() => {
    let live = true;
    const load = (): void => {
      api.get<Banner>('/api/compliance/banner').then(
        (b) => live && setBanner(b),
        () => undefined,
      );
    };
    load();
    const timer = setInterval(load, POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [version]);

  if (!banner) return null;
  const inc = banner.incidents;
  const link = INCIDENT_READERS.includes(role) && (
    <>
      {' '}
      <a
        href="/console/incidents"
        onClick={(e) => {
          e.preventDefault();
          navigate('/console/incidents');
        }}
      >
        {t('viewIncidents')}
      </a>
    </>
  );
  return (
    <>
      {inc.overdue > 0 && (
        <div class="banner alert" role="alert" data-code="INCIDENT_OVERDUE">
          {t('bannerOverdue', { n: inc.overdue })}
          {link}
        </div>
      )}
      {inc.dueSoon > 0 && (
        <div class="banner warn" role="alert" data-code="INCIDENT_DUE_SOON">
          {t('bannerDueSoon', { n: inc.dueSoon })}
          {inc.nextDeadlineSeconds !== null && inc.nextDeadlineSeconds > 0 && ` — ${t('nextDeadline')} ${formatDuration(inc.nextDeadlineSeconds)}`}
          {link}
        </div>
      )}
      {banner.officerReviewDue > 0 && (
        <div class="banner warn" role="alert" data-code="OFFICER_REVIEW_DUE">
          {t('bannerOfficerReview', { n: banner.officerReviewDue })}
        </div>
      )}
    </>
  );
}
