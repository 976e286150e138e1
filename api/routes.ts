import { itemsList } from './console/items-list';
import { itemDetail } from './console/item-detail';
import { authorHistory } from './console/author-history';
import { bulkDecision } from './console/bulk-decision';
import { userSettings } from './console/settings';
import { duty } from './console/duty';
import { dashboardStream } from './console/dashboard-stream';
import { tenants } from './console/tenants';
import { learning } from './console/learning';
import { similarItems } from './console/similar-items';
import { users } from './console/users';
import { rules } from './console/rules';
import { shadowRules } from './console/shadow-rules';
import { deliveries } from './console/deliveries';
import { audit } from './console/audit';
import { incidentRoutes } from '../compliance/http/incidents';
import { incidentStepRoutes } from '../compliance/http/incident-steps';
import { incidentCloseRoutes } from '../compliance/http/incident-close';
import { incidentReportRoutes } from '../compliance/http/incident-report';
import { exportRoutes } from '../compliance/http/exports';
import { officerRoutes } from '../compliance/http/officers';
import { personalDataRoutes } from '../compliance/http/personal-data';
import { legalHoldRoutes } from '../compliance/http/legal-hold';
import { auditRoutes } from '../compliance/http/audit-log';
import { bannerRoutes } from '../compliance/http/banner';
import { retentionRoutes } from '../compliance/http/retention';
import { heldLeases } from './review/held';
import type { RouteModule } from './server';

/**
 * Route modules beyond the core of CONTRACT §3 and §5 (console, lists, compliance), mounted under `/api`.
 * Each area adds one line here.
 */
export const EXTRA_ROUTES: RouteModule[] = [
  itemsList,
  itemDetail,
  authorHistory,
  bulkDecision,
  userSettings,
  duty,
  dashboardStream,
  tenants,
  learning,
  similarItems,
  users,
  rules,
  shadowRules,
  deliveries,
  audit,
  incidentRoutes,
  incidentStepRoutes,
  incidentCloseRoutes,
  incidentReportRoutes,
  exportRoutes,
  officerRoutes,
  personalDataRoutes,
  legalHoldRoutes,
  auditRoutes,
  bannerRoutes,
  retentionRoutes,
  heldLeases,
];
