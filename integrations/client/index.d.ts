/**
 * Types of the shenhe Node.js client (index.js). Self-contained on purpose (the verdict's shapes repeat
 * rules/types.ts): a site copies or requires this folder without shenhe's TypeScript sources or build.
 */

export type ItemStatus = 'screening' | 'pending_review' | 'escalated' | 'in_review' | 'approved' | 'published' | 'blocked' | 'rejected' | 'appealed';

export interface ContentImage {
  name?: string;
  /** base64 of the image bytes (JPEG, PNG, WebP, GIF; at most 10 MiB decoded) */
  data: string;
}

/** The body of `POST /v1/contents`. At least one of `title`, `text`, `images`. */
export interface ContentInput {
  /** unique per tenant, at most 128 characters; the same id and body again is an idempotent retry */
  externalId: string;
  kind?: string;
  title?: string;
  text?: string;
  images?: ContentImage[];
  author?: { id: string; name?: string; ip?: string };
  /** the page: an absolute http(s) URL, or a path such as `/posts/1.html` when the tenant has a site URL */
  url?: string;
  meta?: Record<string, unknown>;
}

export interface SubmitResult {
  id: string;
  externalId: string;
  status: ItemStatus;
  /** false when shenhe already had this externalId with the same body (200 instead of 202) */
  created: boolean;
}

export interface Hit {
  rule: string;
  field: string;
  start: number;
  end: number;
  text: string;
}

export interface Verdict {
  id?: string;
  suggestion: 'block' | 'review' | 'pass';
  risk: number;
  labels: Array<{ category: string; label?: string; score: number; source?: string; hits: Hit[] }>;
  engine: { rules: string; model: string };
  [extra: string]: unknown;
}

export interface Decision {
  action: 'approve' | 'reject' | 'escalate';
  categories: string[];
  note: string | null;
  decidedAt: string;
}

export interface ContentRecord {
  id: string;
  externalId: string;
  status: ItemStatus;
  verdict?: Verdict;
  decision?: Decision;
  createdAt: string;
  updatedAt: string;
  [extra: string]: unknown;
}

export type WebhookEventType = 'content.approved' | 'content.rejected' | 'content.blocked' | 'content.appeal_rejected';

export interface WebhookEvent {
  type: WebhookEventType;
  id: string;
  externalId: string;
  status: ItemStatus;
  decision: Decision | null;
  appeal?: { id: string; reason: string };
  [extra: string]: unknown;
}

export interface ClientOptions {
  /** shenhe's base URL, e.g. `https://shenhe.example.cn` */
  url: string;
  /** the tenant's API key (`sk_…`) */
  apiKey: string;
  /** per request; default 10000 */
  timeoutMs?: number;
  /** extra attempts after a network error, 429 or 502–504; default 2 */
  retries?: number;
}

export class ShenheClient {
  constructor(options: ClientOptions);
  readonly baseUrl: URL;
  submit(content: ContentInput): Promise<SubmitResult>;
  get(id: string): Promise<ContentRecord>;
}

export function createClient(options: ClientOptions): ShenheClient;

/** Default tolerance of verifyWebhook: 300 seconds. */
export const DEFAULT_TOLERANCE_SECONDS: number;

/**
 * Verifies `X-Shenhe-Signature` over the raw body and returns the parsed event; throws ShenheWebhookError when the
 * signature is missing or wrong, or its timestamp is more than `toleranceSeconds` (default 300) from now.
 */
export function verifyWebhook(
  rawBody: string | Buffer,
  signatureHeader: string | string[] | undefined,
  secret: string,
  toleranceSeconds?: number,
  nowSeconds?: number,
): WebhookEvent;

/** A non-2xx answer from the API: `status` is the HTTP status, `code` the stable error code (e.g. `INVALID_BODY`). */
export class ShenheApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly retryAfterSeconds: number | undefined;
}

export class ShenheWebhookError extends Error {
  readonly code: 'SECRET_MISSING' | 'SIGNATURE_INVALID' | 'SIGNATURE_EXPIRED' | 'INVALID_BODY';
}
