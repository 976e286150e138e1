import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Request, Response } from 'express';
import { buildOpenApi, jsonSchema } from './document';
import { ALL_ROUTES, TAGS } from './routes';
import { webhookSchema } from './schemas';

/** The package version, from source or from dist/ (the nearest package.json up the tree). */
function packageVersion(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version ?? '0.0.0';
  }
  return '0.0.0';
}

/** The OpenAPI 3.1 document of every route the app serves, plus the webhook it sends (CONTRACT §4). */
export function openApiDocument(): Record<string, unknown> {
  const doc = buildOpenApi(
    ALL_ROUTES,
    {
      title: 'shenhe 审核 API',
      version: packageVersion(),
      description:
        'Ingest API for customer sites (CONTRACT §3), webhooks (§4), moderator API (§5) and the console, compliance and operations extensions. ' +
        'Readable reference: docs/api.md in the repository. Every error is `{"error":{"code","message"}}` with a stable code.',
    },
    TAGS,
  );
  const header = (description: string) => ({ description, required: true, schema: { type: 'string' } });
  doc.webhooks = {
    contentDecided: {
      post: {
        summary: "审核结果回调 Outcome of an item, POSTed to the tenant's callback URL",
        description:
          'Sent on approval, rejection and automatic block. Verify X-Shenhe-Signature (HMAC-SHA256 over "<t>.<raw body>" with the webhook secret) before trusting it; answer 2xx once stored. Non-2xx and timeouts (10 s) are retried with exponential backoff for 48 hours.',
        parameters: [
          { name: 'X-Shenhe-Delivery', in: 'header', ...header('unique delivery id, the same on every retry of this event') },
          { name: 'X-Shenhe-Event', in: 'header', ...header('the event type, as `type` in the body') },
          { name: 'X-Shenhe-Signature', in: 'header', ...header('t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">') },
        ],
        requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(webhookSchema) } } },
        responses: { '2XX': { description: 'received; the delivery is done (an approved item becomes published)' } },
      },
    },
  };
  return doc;
}

/** `GET /openapi.json`: built once per process from the declarations and the zod schemas. */
export function openApiEndpoint() {
  let body: string | null = null;
  return (_req: Request, res: Response): void => {
    body ??= JSON.stringify(openApiDocument());
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.end(body);
  };
}
