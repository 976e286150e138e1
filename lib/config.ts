import path from 'node:path';
import ipaddr from 'ipaddr.js';
import { z } from 'zod';
import { shownValue } from './redact';

/**
 * The one place that reads the environment (CONTRACT §2). Everything else receives a `Config`.
 * A bad value stops start-up with a message naming the variable.
 */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** SHENHE_DATABASE_URL: the PostgreSQL store shared by every process (CONTRACT §10); null = SQLite in the data dir. */
  databaseUrl: string | null;
  redisUrl: string | null;
  rulesDirs: string[];
  retentionDays: number;
  reviewLeaseSeconds: number;
  adminPassword: string | null;
  rateLimitPerTenant: number;
  webhookAllowPrivate: boolean;
  /** Extensions (README): how long an item may wait before the SLA banner, in seconds. */
  reviewSlaSeconds: number;
  logLevel: string;
  /** Extension (README): BullMQ key prefix, so several deployments can share one Redis. Keep the braces for Redis Cluster. */
  queuePrefix: string;
  /** Extension (README): first webhook retry delay in ms; doubles per attempt up to an hour. */
  webhookRetryBaseMs: number;
  /** Extensions (README): the image stage — worker threads, OCR and the porn classifier on or off. */
  imageThreads: number;
  imageOcr: boolean;
  imageClassifier: boolean;
  /** Compliance (docs/compliance.md): webhook for incident reminders and deadline alarms. */
  officerAlertUrl: string | null;
  /** Compliance: SMTP server for incident alarm e-mail (`smtp://user:pass@host:587?from=addr`). */
  smtpUrl: string | null;
  /** Compliance: comma-separated alarm e-mail recipients (default: the tenants' registered security officers). */
  officerAlertEmail: string[];
  /** Compliance: officer contact details older than this many days get a review reminder. */
  officerReviewDays: number;
  /** Operations (docs/api.md): when set, `GET /metrics` requires `Authorization: Bearer <token>`. */
  metricsToken: string | null;
  /** Learning from moderators (CONTRACT §11) on or off (SHENHE_LEARNING, default true). */
  learning: boolean;
  /** Extension (README): how often a screen worker reads new decisions of a tenant, in ms (default 30,000). */
  learningRefreshMs: number;
  /**
   * Extension (README, "Behind a reverse proxy"): express's `trust proxy` — which peers may set X-Forwarded-For and
   * X-Forwarded-Proto. `false` (default): none, the socket's address and protocol count.
   */
  trustProxy: boolean | number | string[];
}

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`${variable}: ${reason}`);
    this.name = 'ConfigError';
  }
}

/** express `trust proxy` names for address ranges, besides addresses and CIDRs. */
const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

const trustProxy = z.string().transform((v, ctx): boolean | number | string[] => {
  const s = v.trim();
  if (s === 'false' || s === '0') return false;
  if (s === 'true') return true;
  if (/^[1-9]\d?$/.test(s)) return Number(s);
  const list = s.split(',').map((e) => e.trim());
  for (const e of list) {
    if (!(PROXY_NAMES.has(e) || ipaddr.isValid(e) || isCidr(e))) {
      ctx.addIssue({
        code: 'custom',
        message: `must be true, false, a hop count, or addresses/CIDRs/loopback/linklocal/uniquelocal separated by commas (bad entry ${JSON.stringify(e)})`,
      });
      return z.NEVER;
    }
  }
  return list;
});

function isCidr(s: string): boolean {
  try {
    ipaddr.parseCIDR(s);
    return true;
  } catch {
    return false;
  }
}

const intIn = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => ['true', '1', 'yes'].includes(v));

const schema = {
  PORT: intIn(0, 65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  SHENHE_DATA_DIR: z.string().min(1).default('./var'),
  SHENHE_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// URL')
    .optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .optional(),
  SHENHE_RULES_DIR: z.string().optional(),
  SHENHE_RETENTION_DAYS: z.coerce
    .number()
    .int('must be a whole number of days')
    .min(60, 'must be at least 60 (clause 16 requires records for at least 60 days)')
    .max(36500)
    .default(60),
  SHENHE_REVIEW_LEASE_SECONDS: intIn(5, 86400).default(300),
  SHENHE_ADMIN_PASSWORD: z.string().min(1).optional(),
  SHENHE_RATE_LIMIT_PER_TENANT: intIn(0, 1_000_000).default(200),
  SHENHE_WEBHOOK_ALLOW_PRIVATE: bool.default(false),
  SHENHE_REVIEW_SLA_SECONDS: intIn(1, 7 * 86400).default(3600),
  SHENHE_QUEUE_PREFIX: z
    .string()
    .regex(/^\{[A-Za-z0-9_-]{1,40}\}$/, 'must look like {name}')
    .default('{shenhe}'),
  SHENHE_WEBHOOK_RETRY_BASE_MS: intIn(10, 600_000).default(5000),
  SHENHE_OFFICER_ALERT_URL: z
    .string()
    .regex(/^https?:\/\/\S+$/, 'must be an http:// or https:// URL')
    .optional(),
  SHENHE_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/\S+$/, 'must start with smtp:// or smtps://')
    .optional(),
  SHENHE_OFFICER_ALERT_EMAIL: z
    .string()
    .regex(/^[^\s@,]+@[^\s@,]+(?:\s*,\s*[^\s@,]+@[^\s@,]+)*$/, 'must be e-mail addresses separated by commas')
    .optional(),
  SHENHE_OFFICER_REVIEW_DAYS: intIn(1, 3650).default(180),
  SHENHE_IMAGE_THREADS: intIn(1, 16).default(2),
  SHENHE_IMAGE_OCR: bool.default(true),
  SHENHE_IMAGE_CLASSIFIER: bool.default(true),
  SHENHE_METRICS_TOKEN: z
    .string()
    .regex(/^[\x21-\x7e]{16,512}$/, 'must be 16 to 512 printable ASCII characters without spaces')
    .optional(),
  SHENHE_LEARNING: bool.default(true),
  SHENHE_LEARNING_REFRESH_MS: intIn(100, 30_000).default(30_000),
  SHENHE_TRUST_PROXY: trustProxy.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
} as const;

type Key = keyof typeof schema;

/** Every environment variable shenhe reads (docs/api.md lists each; a test checks). */
export const CONFIG_VARIABLES = Object.keys(schema) as Key[];

function read<K extends Key>(env: NodeJS.ProcessEnv, key: K): z.output<(typeof schema)[K]> {
  const raw = env[key];
  const result = schema[key].safeParse(raw === '' ? undefined : raw);
  if (!result.success) {
    const reason = result.error.issues[0]?.message ?? 'invalid value';
    // Never the raw value: it may hold credentials (smtp://user:password@…).
    throw new ConfigError(key, `${reason} (got ${shownValue(key, raw)})`);
  }
  return result.data as z.output<(typeof schema)[K]>;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const rulesDir = read(env, 'SHENHE_RULES_DIR');
  return {
    port: read(env, 'PORT'),
    host: read(env, 'HOST'),
    dataDir: path.resolve(read(env, 'SHENHE_DATA_DIR')),
    databaseUrl: read(env, 'SHENHE_DATABASE_URL') ?? null,
    redisUrl: read(env, 'REDIS_URL') ?? null,
    rulesDirs: rulesDir
      ? rulesDir
          .split(':')
          .filter(Boolean)
          .map((d) => path.resolve(d))
      : [],
    retentionDays: read(env, 'SHENHE_RETENTION_DAYS'),
    reviewLeaseSeconds: read(env, 'SHENHE_REVIEW_LEASE_SECONDS'),
    adminPassword: read(env, 'SHENHE_ADMIN_PASSWORD') ?? null,
    rateLimitPerTenant: read(env, 'SHENHE_RATE_LIMIT_PER_TENANT'),
    webhookAllowPrivate: read(env, 'SHENHE_WEBHOOK_ALLOW_PRIVATE'),
    reviewSlaSeconds: read(env, 'SHENHE_REVIEW_SLA_SECONDS'),
    logLevel: read(env, 'LOG_LEVEL'),
    queuePrefix: read(env, 'SHENHE_QUEUE_PREFIX'),
    webhookRetryBaseMs: read(env, 'SHENHE_WEBHOOK_RETRY_BASE_MS'),
    imageThreads: read(env, 'SHENHE_IMAGE_THREADS'),
    imageOcr: read(env, 'SHENHE_IMAGE_OCR'),
    imageClassifier: read(env, 'SHENHE_IMAGE_CLASSIFIER'),
    officerAlertUrl: read(env, 'SHENHE_OFFICER_ALERT_URL') ?? null,
    smtpUrl: read(env, 'SHENHE_SMTP_URL') ?? null,
    officerAlertEmail: (read(env, 'SHENHE_OFFICER_ALERT_EMAIL') ?? '')
      .split(',')
      .map((e) => e.trim())
      .filter(Boolean),
    officerReviewDays: read(env, 'SHENHE_OFFICER_REVIEW_DAYS'),
    metricsToken: read(env, 'SHENHE_METRICS_TOKEN') ?? null,
    learning: read(env, 'SHENHE_LEARNING'),
    learningRefreshMs: read(env, 'SHENHE_LEARNING_REFRESH_MS'),
    trustProxy: read(env, 'SHENHE_TRUST_PROXY'),
  };
}
