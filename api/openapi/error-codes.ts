/**
 * Every error code the HTTP API answers with, its status and meaning: the source of the OpenAPI error
 * responses. `test/docs/docs.test.ts` scans the code for every code thrown and fails when one is missing here
 * or in docs/api.md, so this list cannot fall behind the code.
 */
export const ERROR_CODES = {
  // 400
  INVALID_REQUEST: { status: 400, meaning: 'the request could not be read (malformed JSON on /api routes, bad header)' },
  INVALID_BODY: { status: 400, meaning: 'a body field is missing or invalid; the message names the field' },
  INVALID_JSON: { status: 400, meaning: 'the body is not valid JSON' },
  INVALID_ENCODING: { status: 400, meaning: 'the body is not valid UTF-8' },
  INVALID_MULTIPART: { status: 400, meaning: 'the multipart body is malformed' },
  EMPTY_CONTENT: { status: 400, meaning: 'none of title, text, images was given' },
  INVALID_QUERY: { status: 400, meaning: 'a query parameter is invalid; the message names it' },
  INVALID_CALLBACK_URL: { status: 400, meaning: 'the callback URL is not an http(s) URL or points at a private address' },
  INVALID_OFFICER: { status: 400, meaning: "the security officer's name, phone or e-mail is invalid" },
  INVALID_PACK_NAME: { status: 400, meaning: 'a rule-pack name may hold letters, digits, - and _ only' },
  INVALID_PACK: { status: 400, meaning: 'the rule pack does not validate; the message names file, rule and reason' },
  NO_RULES_DIR: { status: 400, meaning: 'no operator rules folder (SHENHE_RULES_DIR) is configured' },
  RULE_NOT_EDITABLE: { status: 400, meaning: 'only rules of the first operator rules folder can be switched from the console' },
  SELF_LOCKOUT: { status: 400, meaning: 'an admin cannot disable themself or drop their own admin role' },
  // 401
  UNAUTHORIZED: { status: 401, meaning: 'missing or invalid API key (or metrics token)' },
  LOGIN_REQUIRED: { status: 401, meaning: 'no valid session; log in' },
  BAD_CREDENTIALS: { status: 401, meaning: 'wrong username or password, or the user is disabled' },
  // 403
  FORBIDDEN: { status: 403, meaning: 'not allowed' },
  OFFICER_NOT_REGISTERED: { status: 403, meaning: 'the tenant has no complete security-officer registration (clause 19)' },
  TENANT_DISABLED: { status: 403, meaning: 'the tenant is disabled' },
  CSRF_FAILED: { status: 403, meaning: 'missing or wrong X-CSRF-Token on a state-changing request' },
  ROLE_FORBIDDEN: { status: 403, meaning: "the user's role may not do this" },
  // 404
  NOT_FOUND: { status: 404, meaning: 'no such endpoint' },
  CONTENT_NOT_FOUND: { status: 404, meaning: 'no such item for this tenant' },
  ITEM_NOT_FOUND: { status: 404, meaning: 'no such item' },
  IMAGE_NOT_FOUND: { status: 404, meaning: 'no such item or image index' },
  IMAGE_NOT_AVAILABLE: { status: 404, meaning: 'the image has not been screened yet, or could not be decoded' },
  LEASE_NOT_FOUND: { status: 404, meaning: 'no such lease' },
  TENANT_NOT_FOUND: { status: 404, meaning: 'no such tenant' },
  USER_NOT_FOUND: { status: 404, meaning: 'no such user' },
  DELIVERY_NOT_FOUND: { status: 404, meaning: 'no such webhook delivery' },
  PACK_NOT_FOUND: { status: 404, meaning: 'no such rule pack' },
  RULE_NOT_FOUND: { status: 404, meaning: 'no shadow rule with this id is in force' },
  INCIDENT_NOT_FOUND: { status: 404, meaning: 'no such incident' },
  EXPORT_NOT_FOUND: { status: 404, meaning: 'no such export' },
  OFFICER_NOT_FOUND: { status: 404, meaning: 'no such officer or reviewer contact' },
  // 409
  CONFLICT: { status: 409, meaning: 'the change conflicts with the current state' },
  IDEMPOTENCY_CONFLICT: { status: 409, meaning: 'the externalId was already used with a different body' },
  LEASE_EXPIRED: { status: 409, meaning: 'the lease expired or ended (the claim was lost); nothing changed' },
  LEASE_NOT_YOURS: { status: 409, meaning: 'the lease belongs to another moderator; nothing changed' },
  STATUS_GUARD: { status: 409, meaning: 'the item is not in a state that allows this (e.g. no longer in review)' },
  ROLE_GUARD: { status: 409, meaning: 'this role may not decide items' },
  USERNAME_TAKEN: { status: 409, meaning: 'the username already exists' },
  LAST_ADMIN: { status: 409, meaning: 'at least one enabled admin must remain' },
  NOT_FAILED: { status: 409, meaning: 'only failed deliveries can be replayed' },
  INCIDENT_CLOSED: { status: 409, meaning: 'the incident is closed' },
  INCIDENT_HOLD: { status: 409, meaning: 'items linked to an open incident stay under legal hold' },
  APPEAL_NOT_ALLOWED: { status: 409, meaning: 'the item is not blocked or rejected, or was appealed before (once per item)' },
  APPEAL_GUARD: { status: 409, meaning: 'the moderator who rejected an item may not claim or decide its appeal' },
  BACKTEST_BUSY: { status: 409, meaning: 'a backtest is already running in this process; try again shortly' },
  // 413, 415, 429
  PAYLOAD_TOO_LARGE: { status: 413, meaning: 'body, field or image over its limit' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, meaning: 'Content-Type is not application/json or multipart/form-data' },
  UNSUPPORTED_CHARSET: { status: 415, meaning: 'a JSON charset other than UTF-8 was declared' },
  UNSUPPORTED_IMAGE_TYPE: { status: 415, meaning: 'an image is not JPEG, PNG, WebP or GIF (judged by its bytes)' },
  RATE_LIMITED: { status: 429, meaning: "over the tenant's rate limit; see Retry-After" },
  LOGIN_THROTTLED: { status: 429, meaning: 'too many failed logins for this user or address; see Retry-After' },
  // 5xx
  INTERNAL: { status: 500, meaning: 'a bug; logged with the request' },
  STORE_UNAVAILABLE: { status: 503, meaning: 'the item could not be stored durably; nothing was stored, retry' },
  UNAVAILABLE: { status: 503, meaning: 'temporarily unavailable; retry' },
} as const satisfies Record<string, { status: number; meaning: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;
