import type { z } from 'zod';
import { ERROR_CODES, type ErrorCode } from './error-codes';

export { ERROR_CODES, isErrorCode, type ErrorCode, type ErrorCodeEntry } from './error-codes';

export interface AppErrorOptions {
  /** What exactly went wrong, e.g. the failing field (`title: at most 500 characters`). */
  detail?: string;
  headers?: Record<string, string>;
}

/** `中文 (english)`, after the detail when there is one: clients read the failing field from the start of the message. */
function messageOf(code: ErrorCode, detail: string | undefined): string {
  const { zh, en } = ERROR_CODES[code];
  const base = `${zh} (${en})`;
  return detail ? `${detail} — ${base}` : base;
}

/**
 * Errors with stable codes. Anything thrown at the HTTP edge that is an `AppError` becomes
 * `{"error":{"code","message"}}` with the status the catalogue (lib/error-codes.ts) gives its code; anything
 * else is a 500 and a bug.
 */
export class AppError extends Error {
  readonly status: number;
  readonly headers: Record<string, string>;
  /** The English text alone, for callers that show one language. */
  readonly messageEn: string;

  constructor(
    readonly code: ErrorCode,
    options: AppErrorOptions = {},
  ) {
    super(messageOf(code, options.detail));
    this.name = new.target.name;
    this.status = ERROR_CODES[code].status;
    this.headers = options.headers ?? {};
    this.messageEn = options.detail ? `${options.detail} — ${ERROR_CODES[code].en}` : ERROR_CODES[code].en;
  }
}

/** `throw appError('INVALID_BODY', 'title: too long')`: the short form of `new AppError(code, { detail })`. */
export function appError(code: ErrorCode, detail?: string): AppError {
  return new AppError(code, { detail });
}

/** 429 with `Retry-After` in whole seconds (at least 1). */
export function rateLimited(code: 'RATE_LIMITED' | 'LOGIN_THROTTLED', retryAfterSeconds: number): AppError {
  return new AppError(code, { headers: { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))) } });
}

/** `field.path: problem` of a zod error's first issue: the detail of an INVALID_BODY / INVALID_QUERY. */
export function zodDetail(error: z.ZodError): string {
  const issue = error.issues[0];
  return `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`;
}

/** zod at the edge: the parsed value, or the first problem (naming the field) as a 400 with `code`. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, code: 'INVALID_BODY' | 'INVALID_QUERY' = 'INVALID_BODY'): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw appError(code, zodDetail(parsed.error));
}
