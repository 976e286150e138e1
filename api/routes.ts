import { itemsList } from './console/items-list';
import { itemDetail } from './console/item-detail';
import { authorHistory } from './console/author-history';
import { bulkDecision } from './console/bulk-decision';
import { userSettings } from './console/settings';
import { duty } from './console/duty';
import { dashboardStream } from './console/dashboard-stream';
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
];
