import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Express } from 'express';
import type { z } from 'zod';
import { ALL_ROUTES } from '../../api/openapi/routes';
import * as S from '../../api/openapi/schemas';
import { ROLES } from '../../store/rows';
import { TestSystem, type StaffClient, type TestTenant } from '../harness/system';
import { tempDir } from '../harness/temp';

type OpenApi = { openapi: string; paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>> };

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle: { stack?: Layer[] };
  rawPath?: unknown;
}

/** Every `METHOD /path` the express app routes, found by walking its router stack (sub-routers included). */
function registeredRoutes(app: Express): string[] {
  const found: string[] = [];
  const walk = (stack: Layer[], prefix: string): void => {
    for (const layer of stack) {
      if (layer.route) {
        // The review UI's catch-all is a regular expression (the single-page app), not an API route.
        if (typeof layer.route.path !== 'string') continue;
        for (const [method, on] of Object.entries(layer.route.methods))
          if (on && method !== '_all') found.push(`${method.toUpperCase()} ${prefix}${layer.route.path}`);
      } else if (layer.handle.stack) {
        walk(layer.handle.stack, prefix + (typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : ''));
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return [...new Set(found)].sort();
}

function documentedRoutes(doc: OpenApi): string[] {
  return Object.entries(doc.paths)
    .flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`))
    .sort();
}

/** Validates with @seriousme/openapi-schema-validator (ESM only, so in its own node process, via its CLI). */
function validate(doc: unknown): { valid: boolean; errors?: unknown } {
  const tmp = tempDir('shenhe-openapi-');
  try {
    const file = path.join(tmp.dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(doc));
    const cli = path.join(__dirname, '../../node_modules/@seriousme/openapi-schema-validator/bin/validate-api-cli.js');
    try {
      return JSON.parse(execFileSync(process.execPath, [cli, file], { encoding: 'utf8' })) as { valid: boolean };
    } catch (err) {
      return JSON.parse(String((err as { stdout?: string }).stdout)) as { valid: boolean; errors: unknown };
    }
  } finally {
    tmp.cleanup();
  }
}

describe('GET /openapi.json (CONTRACT §14)', () => {
  let sys: TestSystem;
  let tenant: TestTenant;
  let doc: OpenApi;

  beforeAll(async () => {
    sys = await TestSystem.start({ imageStage: null });
    tenant = await sys.tenant();
    const res = await fetch(`${sys.url}/openapi.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    doc = (await res.json()) as OpenApi;
  });
  afterAll(() => sys.close());

  it('is a valid OpenAPI 3.1 document', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(validate(doc)).toEqual({ valid: true });
  });

  it('the validator does reject a broken document (so the check above can fail)', () => {
    const broken = JSON.parse(JSON.stringify(doc)) as OpenApi;
    (broken.paths['/v1/contents'].post as unknown as Record<string, unknown>).responses = 'none';
    expect(validate(broken).valid).toBe(false);
  });

  it('documents every route the app serves, and nothing it does not', () => {
    const registered = registeredRoutes(sys.runtime.app as Express);
    expect(registered).toContain('POST /v1/contents');
    expect(registered).toContain('POST /api/review/leases/:leaseId/decision');
    expect(registered.length).toBeGreaterThan(50);
    expect(documentedRoutes(doc)).toEqual(registered);
    const ids = Object.values(doc.paths).flatMap((ops) => Object.values(ops).map((op) => (op as unknown as { operationId: string }).operationId));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('describes the ingest body from the zod schema the route validates with', () => {
    const post = doc.paths['/v1/contents'].post as unknown as {
      requestBody: { content: Record<string, { schema: { required: string[]; properties: Record<string, unknown> } }> };
    };
    const body = post.requestBody.content['application/json'].schema;
    expect(body.required).toEqual(['externalId']);
    expect(Object.keys(body.properties).sort()).toEqual(['author', 'externalId', 'images', 'kind', 'meta', 'text', 'title', 'url']);
    expect(Object.keys(post.requestBody.content)).toContain('multipart/form-data');
    expect(body.properties.title).toEqual({ anyOf: [{ type: 'string', maxLength: 500 }, { type: 'null' }] });
    const errors = doc.paths['/v1/contents'].post.responses['409'].content?.['application/json'].schema as {
      properties: { error: { properties: { code: { enum: string[] } } } };
    };
    expect(errors.properties.error.properties.code.enum).toEqual(['IDEMPOTENCY_CONFLICT']);
  });

  it('the documented limits are the enforced ones: maxLength counts characters as the API does', async () => {
    const title = (
      doc.paths['/v1/contents'].post as unknown as {
        requestBody: { content: Record<string, { schema: { properties: { title: { anyOf: Array<{ maxLength?: number }> } } } }> };
      }
    ).requestBody.content['application/json'].schema.properties.title.anyOf[0].maxLength as number;
    const atLimit = await sys.post(tenant, { externalId: `len-${Date.now()}-a`, title: '😀'.repeat(title) });
    expect(atLimit.status).toBe(202);
    const over = await sys.post(tenant, { externalId: `len-${Date.now()}-b`, title: '标'.repeat(title + 1) });
    expect(over.status).toBe(400);
    expect(over.body).toEqual({ error: { code: 'INVALID_BODY', message: expect.stringContaining('title') } });
  });

  it('the roles each route documents are the roles the server enforces', async () => {
    const clients = new Map<string, StaffClient>();
    for (const role of ROLES) clients.set(role, await sys.staff(role));
    const wrong: string[] = [];
    for (const route of ALL_ROUTES.filter((r) => r.auth === 'session')) {
      const url = route.path.replace(/:\w+/g, 'x');
      for (const role of ROLES) {
        const allowed = !route.roles || route.roles.includes(role);
        // Refusals are checked on every route; admissions only where a request changes nothing (GET).
        if (allowed && route.method !== 'get') continue;
        const client = clients.get(role)!;
        const res = await fetch(`${sys.url}${url}`, {
          method: route.method.toUpperCase(),
          headers: { cookie: client.cookie, 'x-csrf-token': client.csrfToken, 'content-type': 'application/json' },
          body: route.method === 'get' ? undefined : '{}',
        });
        const forbidden = res.status === 403 && ((await res.json()) as { error: { code: string } }).error.code === 'ROLE_FORBIDDEN';
        if (!forbidden) await res.body?.cancel();
        if (forbidden === allowed) wrong.push(`${route.method.toUpperCase()} ${route.path} as ${role}: ${allowed ? 'refused' : 'admitted'}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('real answers of the ingest and moderator API match their documented schemas', async () => {
    const matches = (schema: z.ZodType, body: unknown): void => {
      const r = schema.safeParse(body);
      expect(r.success ? null : { issues: r.error.issues, body }).toBeNull();
    };
    const posted = await sys.post(tenant, { externalId: `oa-${Date.now()}`, title: '标题', text: '你好，世界', author: { id: 'u-1' } });
    expect(posted.status).toBe(202);
    matches(S.acceptedSchema, posted.body);
    const id = String(posted.body.id);
    await sys.until(async () => (await sys.poll(tenant, id)).body.status === 'pending_review', 15_000, 'pending_review');
    matches(S.contentStateSchema, (await sys.poll(tenant, id)).body);

    const mod = await sys.staff('admin');
    const session = await mod.get('/api/session');
    matches(S.sessionSchema, session.body);
    matches(S.dashboardSchema, (await mod.get('/api/dashboard')).body);
    let claim = await mod.post<{ item: { id: string }; lease: { id: string } }>('/api/review/claim');
    while (claim.status === 200 && claim.body.item.id !== id) {
      await mod.post(`/api/review/leases/${claim.body.lease.id}/decision`, { action: 'approve' });
      claim = await mod.post('/api/review/claim');
    }
    expect(claim.status).toBe(200);
    matches(S.claimSchema, claim.body);
    matches(S.extendSchema, (await mod.post(`/api/review/leases/${claim.body.lease.id}/extend`)).body);
    const decided = await mod.post(`/api/review/leases/${claim.body.lease.id}/decision`, { action: 'reject', categories: ['advertising'] });
    matches(S.decisionAnswerSchema, decided.body);
    matches(S.contentStateSchema, (await sys.poll(tenant, id)).body);

    // An error answer: the documented error shape, with a code listed for that status on that route.
    const again = await mod.post(`/api/review/leases/${claim.body.lease.id}/decision`, { action: 'approve' });
    matches(S.errorSchema, again.body);
    const documented = doc.paths['/api/review/leases/{leaseId}/decision'].post.responses[String(again.status)].content?.['application/json'].schema as {
      properties: { error: { properties: { code: { enum: string[] } } } };
    };
    expect(documented.properties.error.properties.code.enum).toContain((again.body as { error: { code: string } }).error.code);
  });
});
