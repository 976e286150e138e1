import type { RouteModule } from './server';

/**
 * Route modules beyond the core of CONTRACT §3 and §5 (console, lists, compliance), mounted under `/api`.
 * Each area adds one line here.
 */
export const EXTRA_ROUTES: RouteModule[] = [];
