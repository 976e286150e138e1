/**
 * Credentials out of messages and logs. A configuration value or URL may carry a password in its userinfo
 * (`smtp://user:pw@host`, `redis://:pw@host`) or in a query parameter; neither is ever echoed, even when the
 * value is too malformed to parse as a URL.
 */

/** Variables whose whole value is a secret: never shown at all. */
const SECRET_NAME = /PASSWORD|SECRET|TOKEN|(?:^|_)KEY(?:$|_)/i;

/** Everything before the last `@` of a URL-ish token (userinfo), with or without a scheme. */
const USERINFO = /([a-z][a-z0-9+.-]*:\/\/)?[^\s@/]*(?:\/[^\s@/]*)*@/gi;
const SECRET_PARAM = /([?&;](?:password|pass|pwd|secret|token|key|apikey|api_key|auth|access_token)=)[^&;#\s]*/gi;

/** The text with URL userinfo and secret-looking query parameters replaced by `***`. */
export function redactUrl(text: string): string {
  return text.replace(USERINFO, (_m, scheme: string | undefined) => `${scheme ?? ''}***@`).replace(SECRET_PARAM, '$1***');
}

/** How a configuration value may appear in a message: quoted and redacted, or not at all for secrets. */
export function shownValue(variable: string, raw: string | undefined): string {
  if (raw === undefined) return 'unset';
  if (SECRET_NAME.test(variable)) return '[redacted]';
  return JSON.stringify(redactUrl(raw));
}
