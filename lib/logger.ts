import pino, { type Logger } from 'pino';

export type { Logger };

/** Keys whose values never reach a log line, wherever they appear. */
const REDACT = [
  'password',
  '*.password',
  'apiKey',
  '*.apiKey',
  'webhookSecret',
  '*.webhookSecret',
  'secret',
  '*.secret',
  'token',
  '*.token',
  'csrfToken',
  '*.csrfToken',
  'authorization',
  '*.authorization',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'headers.authorization',
];

/** Structured JSON logs on stderr (stdout is reserved for machine-readable CLI output). */
export function createLogger(level: string, name = 'shenhe'): Logger {
  return pino({ name, level, redact: { paths: REDACT, censor: '[redacted]' } }, pino.destination(2));
}
