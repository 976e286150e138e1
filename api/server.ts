import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dashboard } from './dashboard';
import type { ApiDeps } from './deps';
import { errorHandler, notFound } from './errors';
import { healthz, readyz } from './health';
import { metricsEndpoint } from './metrics';
import { openApiEndpoint } from './openapi/endpoint';
import { currentSession, login, logout } from './auth/login';
import { loadSession, requireRole, requireUser } from './auth/session';
import { createAppeal } from './ingest/appeal';
import { createContent } from './ingest/create';
import { getContent } from './ingest/get';
import { tenantAuth } from './ingest/tenant-auth';
import { getImage } from './items/image';
import { claim } from './review/claim';
import { decide } from './review/decide';
import { extend } from './review/extend';
import { REVIEWER_ROLES } from '../lib/roles';
import http from 'node:http';
import path from 'node:path';
import express, { type Express, type RequestHandler, type Router } from 'express';
import helmet from 'helmet';

/** Where the built review UI lives (review-ui/dist), from source or from dist/. */
export function findUiDir(): string | null {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'review-ui', 'dist');
    if (existsSync(path.join(candidate, 'index.html'))) return candidate;
  }
  return null;
}

/**
 * Extra routes (console, lists, compliance) plug in here without touching the core. The router is mounted
 * under `/api` after the session is loaded; `guards.staff` = logged in (+ CSRF on state changes); combine with
 * `requireRole(...)` from api/auth/session.ts.
 */
export type RouteModule = (router: Router, deps: ApiDeps, guards: { staff: RequestHandler[] }) => void;

export function createApp(deps: ApiDeps, extraRoutes: RouteModule[] = []): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  // Behind a TLS proxy (SHENHE_TRUST_PROXY): req.ip is the real client (login throttle, audit) and req.secure the original scheme.
  app.set('trust proxy', deps.config.trustProxy);
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'blob:', 'data:'],
          connectSrc: ["'self'"],
          fontSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'none'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      crossOriginEmbedderPolicy: false,
      strictTransportSecurity: false,
    }),
  );

  // HSTS only for requests that really came over HTTPS (directly, or via a trusted proxy's X-Forwarded-Proto).
  app.use((req, res, next) => {
    if (req.secure) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    next();
  });

  // Ingest API (CONTRACT §3): API-key auth, then the tenant's rate limit, then the body. First after the headers: it
  // takes most of the traffic, and every route ahead of it costs each request a match.
  const v1 = express.Router();
  v1.use(tenantAuth({ store: deps.store, ratePerSecond: deps.config.rateLimitPerTenant }));
  v1.post('/contents', createContent(deps));
  v1.get('/contents/:id', getContent(deps));
  v1.post('/contents/:id/appeals', express.json({ limit: '16kb' }), createAppeal(deps));
  app.use('/v1', v1, notFound);

  app.get('/healthz', healthz());
  app.get('/readyz', readyz(deps));
  app.get('/metrics', metricsEndpoint(deps.metrics, deps.config.metricsToken));
  app.get('/openapi.json', openApiEndpoint());

  // Moderator API (CONTRACT §5): session cookie + CSRF token on every state change.
  const api = express.Router();
  api.use(express.json({ limit: '1mb' }));
  api.use(loadSession(deps.store));
  api.post('/login', login(deps));
  api.get('/session', currentSession());
  api.post('/logout', requireUser, logout(deps));
  const reviewer = [requireUser, requireRole(...REVIEWER_ROLES)];
  const staff = [requireUser];
  api.post('/review/claim', ...reviewer, claim(deps));
  api.post('/review/leases/:leaseId/extend', ...reviewer, extend(deps));
  api.post('/review/leases/:leaseId/decision', ...reviewer, decide(deps));
  api.get('/items/:id/images/:index', ...staff, getImage(deps));
  api.get('/dashboard', ...staff, dashboard(deps));
  for (const mod of extraRoutes) mod(api, deps, { staff });
  app.use('/api', api, notFound);

  const uiDir = findUiDir();
  if (uiDir) {
    app.use(express.static(uiDir, { index: 'index.html', maxAge: '1h' }));
    app.get(/^\/(?!api\/|v1\/).*/, (_req, res) => res.sendFile(path.join(uiDir, 'index.html')));
  }
  app.use(notFound);
  app.use(errorHandler(deps.logger));
  return app;
}

/** The HTTP server with an explicit `close()` that finishes in-flight requests. */
export class ApiServer {
  private server: http.Server | null = null;

  constructor(private readonly app: Express) {}

  async listen(port: number, host: string): Promise<{ port: number; url: string }> {
    const server = http.createServer(this.app);
    server.keepAliveTimeout = 5000;
    server.headersTimeout = 30_000;
    server.requestTimeout = 120_000;
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    const actual = (server.address() as AddressInfo).port;
    const shownHost = host.includes(':') ? `[${host}]` : host;
    return { port: actual, url: `http://${shownHost}:${actual}` };
  }

  /** Stops accepting connections and waits (up to `graceMs`) for in-flight requests. */
  async close(graceMs = 10_000): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    const done = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const timer = setTimeout(() => server.closeAllConnections(), graceMs);
    await done;
    clearTimeout(timer);
  }
}
