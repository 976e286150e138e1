import { z } from 'zod';
import type { Role } from '../../lib/roles';
import { ERROR_CODES, type ErrorCode } from '../../lib/error-codes';
import { errorSchema } from './schemas';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** How a route authenticates: tenant API key, staff session cookie (+ X-CSRF-Token on changes), metrics token, none. */
export type Auth = 'apiKey' | 'session' | 'metricsToken' | 'none';

export interface ResponseDoc {
  description: string;
  /** JSON body; omit for answers without a body (204) or with `content`. */
  schema?: z.ZodType;
  /** Non-JSON answers: media type → JSON Schema of the body. */
  content?: Record<string, Record<string, unknown>>;
  headers?: Record<string, string>;
}

/**
 * One HTTP route as the express app registers it. To document a new route, add one of these to a list in
 * `api/openapi/routes.ts`; a test fails while a registered route has no declaration or a declaration no route.
 */
export interface RouteDoc {
  method: Method;
  /** Express path, e.g. `/v1/contents/:id`. */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  auth: Auth;
  /** Roles allowed (session routes); none = any logged-in user. */
  roles?: readonly Role[];
  /** The zod schema the route validates its query string with. */
  query?: z.ZodObject;
  /** The code a bad query gets (default INVALID_QUERY; the compliance routes answer INVALID_BODY). */
  queryError?: ErrorCode;
  /** The zod schema the route validates its JSON body with. */
  body?: z.ZodType;
  /** Extra request media types (e.g. multipart) → JSON Schema. */
  bodyAlternatives?: Record<string, Record<string, unknown>>;
  responses: Record<number, ResponseDoc>;
  /** Error codes the route itself may answer (auth, CSRF, role and body errors are added from `auth`/`roles`/`body`). */
  errors?: readonly ErrorCode[];
}

/** JSON Schema (2020-12, as OpenAPI 3.1 uses) of a zod schema, as a client sends or receives it. */
export function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const out = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  delete out.$schema;
  return out;
}

function implicitErrors(route: RouteDoc): ErrorCode[] {
  const codes: ErrorCode[] = [];
  if (route.auth === 'apiKey') codes.push('UNAUTHORIZED', 'TENANT_DISABLED', 'RATE_LIMITED');
  if (route.auth === 'metricsToken') codes.push('UNAUTHORIZED');
  if (route.auth === 'session') {
    codes.push('LOGIN_REQUIRED');
    if (route.method !== 'get') codes.push('CSRF_FAILED');
    if (route.roles) codes.push('ROLE_FORBIDDEN');
  }
  if (route.body) codes.push('INVALID_BODY');
  if (route.query) codes.push(route.queryError ?? 'INVALID_QUERY');
  return codes;
}

function errorResponses(codes: readonly ErrorCode[]): Record<string, unknown> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of new Set(codes)) {
    const { status } = ERROR_CODES[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const out: Record<string, unknown> = {};
  for (const [status, list] of [...byStatus].sort((a, b) => a[0] - b[0])) {
    const schema = jsonSchema(errorSchema);
    const error = (schema.properties as Record<string, { properties: Record<string, Record<string, unknown>> }>).error;
    error.properties.code = { type: 'string', enum: list };
    out[String(status)] = {
      description: list.map((c) => `\`${c}\`: ${ERROR_CODES[c].meaning}`).join('; '),
      ...(status === 429 ? { headers: { 'Retry-After': { description: 'seconds to wait', schema: { type: 'integer' } } } } : {}),
      content: { 'application/json': { schema } },
    };
  }
  return out;
}

function pathParams(path: string): Array<Record<string, unknown>> {
  return [...path.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
}

function queryParams(query: z.ZodObject | undefined): Array<Record<string, unknown>> {
  if (!query) return [];
  const schema = jsonSchema(query);
  const required = new Set((schema.required as string[] | undefined) ?? []);
  return Object.entries((schema.properties ?? {}) as Record<string, Record<string, unknown>>).map(([name, s]) => ({
    name,
    in: 'query',
    required: required.has(name),
    schema: s,
    ...(typeof s.description === 'string' ? { description: s.description } : {}),
  }));
}

/** `/v1/contents/:id` → `/v1/contents/{id}`. */
export function openApiPath(expressPath: string): string {
  return expressPath.replace(/:(\w+)/g, '{$1}');
}

function operation(route: RouteDoc): Record<string, unknown> {
  const security = { apiKey: [{ apiKey: [] }], session: [{ session: [] }], metricsToken: [{ metricsToken: [] }], none: [] }[route.auth];
  const responses: Record<string, unknown> = {};
  for (const [status, r] of Object.entries(route.responses)) {
    responses[status] = {
      description: r.description,
      ...(r.headers ? { headers: Object.fromEntries(Object.entries(r.headers).map(([h, d]) => [h, { description: d, schema: { type: 'string' } }])) } : {}),
      ...(r.schema
        ? { content: { 'application/json': { schema: jsonSchema(r.schema) } } }
        : r.content
          ? { content: Object.fromEntries(Object.entries(r.content).map(([t, s]) => [t, { schema: s }])) }
          : {}),
    };
  }
  Object.assign(responses, errorResponses([...implicitErrors(route), ...(route.errors ?? [])]));
  const roles = route.roles ? `\n\nRoles: ${route.roles.join(', ')}.` : '';
  return {
    operationId: `${route.method}${route.path.replace(/[/:]+(\w)/g, (_m, c: string) => c.toUpperCase()).replace(/[^A-Za-z0-9]/g, '')}`,
    tags: [route.tag],
    summary: route.summary,
    ...(route.description || roles ? { description: `${route.description ?? ''}${roles}`.trim() } : {}),
    security,
    ...(route.roles ? { 'x-roles': route.roles } : {}),
    parameters: [...pathParams(route.path), ...queryParams(route.query)],
    ...(route.body || route.bodyAlternatives
      ? {
          requestBody: {
            required: true,
            content: {
              ...(route.body ? { 'application/json': { schema: jsonSchema(route.body) } } : {}),
              ...Object.fromEntries(Object.entries(route.bodyAlternatives ?? {}).map(([t, s]) => [t, { schema: s }])),
            },
          },
        }
      : {}),
    responses,
  };
}

export interface DocumentInfo {
  title: string;
  version: string;
  description: string;
}

/** The OpenAPI 3.1 document of `routes`. */
export function buildOpenApi(
  routes: readonly RouteDoc[],
  info: DocumentInfo,
  tags: ReadonlyArray<{ name: string; description: string }>,
): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const p = (paths[openApiPath(route.path)] ??= {});
    if (p[route.method]) throw new Error(`OpenAPI: ${route.method.toUpperCase()} ${route.path} declared twice`);
    p[route.method] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: { ...info, license: { name: 'Apache-2.0', identifier: 'Apache-2.0' } },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    tags,
    paths,
    components: {
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'The tenant API key from `shenhe tenant create` (`sk_…`).' },
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'shenhe_sid',
          description: 'Session cookie from POST /api/login; state-changing requests also carry the `X-CSRF-Token` header from the login answer.',
        },
        metricsToken: { type: 'http', scheme: 'bearer', description: 'SHENHE_METRICS_TOKEN, when set.' },
      },
    },
  };
}
