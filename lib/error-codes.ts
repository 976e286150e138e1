/**
 * The one catalogue of error codes the HTTP API answers with: status, the zh-CN and English message a client
 * sees, and the meaning the OpenAPI document and docs/api.md give. `AppError` takes its status and message from
 * here by code, so a throw site names only the code (a typo fails to compile) and perhaps a detail.
 * `test/docs/docs.test.ts` scans the source for every code thrown and fails when one is missing here or in
 * docs/api.md, so this list cannot fall behind the code.
 */
export interface ErrorCodeEntry {
  readonly status: number;
  /** The message, zh-CN: the review UI's and operators' first language. */
  readonly zh: string;
  /** The same in English, shown after the zh-CN text. */
  readonly en: string;
  /** What the code means, for the API reference. */
  readonly meaning: string;
}

export const ERROR_CODES = {
  // 400
  INVALID_REQUEST: {
    status: 400,
    zh: '请求无效',
    en: 'invalid request',
    meaning: 'the request could not be read (malformed JSON on /api routes, bad header)',
  },
  INVALID_BODY: {
    status: 400,
    zh: '请求体字段无效',
    en: 'a body field is missing or invalid',
    meaning: 'a body field is missing or invalid; the message names the field',
  },
  INVALID_JSON: { status: 400, zh: '请求体不是有效的 JSON', en: 'body is not valid JSON', meaning: 'the body is not valid JSON' },
  INVALID_ENCODING: { status: 400, zh: '请求体不是有效的 UTF-8', en: 'body is not valid UTF-8', meaning: 'the body is not valid UTF-8' },
  INVALID_MULTIPART: { status: 400, zh: 'multipart 请求格式错误', en: 'malformed multipart body', meaning: 'the multipart body is malformed' },
  EMPTY_CONTENT: {
    status: 400,
    zh: '至少需要 title、text 或 images 之一',
    en: 'one of title, text, images is required',
    meaning: 'none of title, text, images was given',
  },
  INVALID_QUERY: { status: 400, zh: '查询参数无效', en: 'invalid query parameter', meaning: 'a query parameter is invalid; the message names it' },
  INVALID_CALLBACK_URL: {
    status: 400,
    zh: '回调地址无效',
    en: 'invalid callback URL',
    meaning: 'the callback URL is not an http(s) URL or points at a private address',
  },
  INVALID_OFFICER: {
    status: 400,
    zh: '安全责任人信息无效',
    en: 'invalid security-officer details',
    meaning: "the security officer's name, phone or e-mail is invalid",
  },
  INVALID_PACK_NAME: {
    status: 400,
    zh: '规则包名称只能包含字母、数字、- 和 _',
    en: 'a pack name may hold letters, digits, - and _ only',
    meaning: 'a rule-pack name may hold letters, digits, - and _ only',
  },
  INVALID_PACK: {
    status: 400,
    zh: '规则包无效',
    en: 'invalid rule pack',
    meaning: 'the rule pack does not validate; the message names file, rule and reason',
  },
  NO_RULES_DIR: {
    status: 400,
    zh: '没有配置运营方规则目录 SHENHE_RULES_DIR',
    en: 'no operator rules folder configured',
    meaning: 'no operator rules folder (SHENHE_RULES_DIR) is configured',
  },
  RULE_NOT_EDITABLE: {
    status: 400,
    zh: '只能切换运营方规则目录中的规则',
    en: 'only rules of the operator rules folder can be switched',
    meaning: 'only rules of the first operator rules folder can be switched from the console',
  },
  SELF_LOCKOUT: {
    status: 400,
    zh: '不能停用自己或取消自己的管理员角色',
    en: 'you cannot lock yourself out',
    meaning: 'an admin cannot disable themself or drop their own admin role',
  },
  // 401
  UNAUTHORIZED: { status: 401, zh: '缺少或无效的凭据', en: 'missing or invalid credentials', meaning: 'missing or invalid API key (or metrics token)' },
  LOGIN_REQUIRED: { status: 401, zh: '请先登录', en: 'login required', meaning: 'no valid session; log in' },
  BAD_CREDENTIALS: {
    status: 401,
    zh: '用户名或密码错误',
    en: 'wrong username or password',
    meaning: 'wrong username or password, or the user is disabled',
  },
  // 403
  FORBIDDEN: { status: 403, zh: '无权执行此操作', en: 'forbidden', meaning: 'not allowed' },
  OFFICER_NOT_REGISTERED: {
    status: 403,
    zh: '租户尚未登记完整的信息安全责任人',
    en: 'no complete security-officer registration',
    meaning: 'the tenant has no complete security-officer registration (clause 19)',
  },
  TENANT_DISABLED: { status: 403, zh: '该租户已停用', en: 'tenant disabled', meaning: 'the tenant is disabled' },
  CSRF_FAILED: {
    status: 403,
    zh: 'CSRF 校验失败',
    en: 'missing or wrong X-CSRF-Token',
    meaning: 'missing or wrong X-CSRF-Token on a state-changing request',
  },
  ROLE_FORBIDDEN: { status: 403, zh: '当前角色无权访问', en: 'your role may not do this', meaning: "the user's role may not do this" },
  // 404
  NOT_FOUND: { status: 404, zh: '没有这个接口', en: 'no such endpoint', meaning: 'no such endpoint' },
  CONTENT_NOT_FOUND: { status: 404, zh: '内容不存在', en: 'content not found', meaning: 'no such item for this tenant' },
  ITEM_NOT_FOUND: { status: 404, zh: '条目不存在', en: 'item not found', meaning: 'no such item' },
  IMAGE_NOT_FOUND: { status: 404, zh: '图片不存在', en: 'image not found', meaning: 'no such item or image index' },
  IMAGE_NOT_AVAILABLE: {
    status: 404,
    zh: '图片尚未处理完成或无法显示',
    en: 'image not available',
    meaning: 'the image has not been screened yet, or could not be decoded',
  },
  LEASE_NOT_FOUND: { status: 404, zh: '租约不存在', en: 'lease not found', meaning: 'no such lease' },
  TENANT_NOT_FOUND: { status: 404, zh: '租户不存在', en: 'tenant not found', meaning: 'no such tenant' },
  USER_NOT_FOUND: { status: 404, zh: '用户不存在', en: 'user not found', meaning: 'no such user' },
  DELIVERY_NOT_FOUND: { status: 404, zh: '投递不存在', en: 'delivery not found', meaning: 'no such webhook delivery' },
  PACK_NOT_FOUND: { status: 404, zh: '规则包不存在', en: 'no such pack', meaning: 'no such rule pack' },
  RULE_NOT_FOUND: { status: 404, zh: '没有这条影子规则', en: 'no shadow rule with this id', meaning: 'no shadow rule with this id is in force' },
  INCIDENT_NOT_FOUND: { status: 404, zh: '事件不存在', en: 'incident not found', meaning: 'no such incident' },
  EXPORT_NOT_FOUND: { status: 404, zh: '导出不存在', en: 'export not found', meaning: 'no such export' },
  OFFICER_NOT_FOUND: { status: 404, zh: '联系人不存在', en: 'officer not found', meaning: 'no such officer or reviewer contact' },
  // 409
  CONFLICT: { status: 409, zh: '与当前状态冲突', en: 'conflict', meaning: 'the change conflicts with the current state' },
  IDEMPOTENCY_CONFLICT: {
    status: 409,
    zh: 'externalId 已用于不同的内容',
    en: 'externalId already used with a different body',
    meaning: 'the externalId was already used with a different body',
  },
  LEASE_EXPIRED: {
    status: 409,
    zh: '租约已结束或过期',
    en: 'lease expired or ended; claim again',
    meaning: 'the lease expired or ended (the claim was lost); nothing changed',
  },
  LEASE_NOT_YOURS: {
    status: 409,
    zh: '该租约属于其他审核员',
    en: 'lease belongs to someone else',
    meaning: 'the lease belongs to another moderator; nothing changed',
  },
  STATUS_GUARD: {
    status: 409,
    zh: '状态不允许此操作',
    en: 'the item is not in a state that allows this',
    meaning: 'the item is not in a state that allows this (e.g. no longer in review)',
  },
  ROLE_GUARD: { status: 409, zh: '此角色不能审核', en: 'this role may not decide', meaning: 'this role may not decide items' },
  HUMAN_APPROVAL_REQUIRED: {
    status: 409,
    zh: '没有记录在案的人工通过',
    en: 'no recorded human approval',
    meaning: 'store trigger: `approved` (and so `published`) needs a recorded human approval',
  },
  APPEND_ONLY: {
    status: 409,
    zh: '只能追加的记录不可修改或删除',
    en: 'append-only records are never changed or deleted',
    meaning: 'store trigger: audit rows, decisions, incident steps and closed incidents are never changed or deleted',
  },
  USERNAME_TAKEN: { status: 409, zh: '用户名已存在', en: 'username already exists', meaning: 'the username already exists' },
  LAST_ADMIN: {
    status: 409,
    zh: '至少保留一名启用的管理员',
    en: 'at least one enabled admin must remain',
    meaning: 'at least one enabled admin must remain',
  },
  NOT_FAILED: {
    status: 409,
    zh: '只有失败的投递可以重新投递',
    en: 'only failed deliveries can be replayed',
    meaning: 'only failed deliveries can be replayed',
  },
  INCIDENT_CLOSED: { status: 409, zh: '事件已关闭', en: 'incident is closed', meaning: 'the incident is closed' },
  INCIDENT_HOLD: {
    status: 409,
    zh: '与安全事件关联的条目须保持保全',
    en: 'items linked to an incident stay held',
    meaning: 'items linked to an open incident stay under legal hold',
  },
  APPEAL_NOT_ALLOWED: {
    status: 409,
    zh: '不能申诉',
    en: 'appeal not allowed',
    meaning: 'the item is not blocked or rejected, or was appealed before (once per item)',
  },
  APPEAL_GUARD: {
    status: 409,
    zh: '驳回该条目的审核员不能处理其申诉',
    en: 'the moderator who rejected an item may not review its appeal',
    meaning: 'the moderator who rejected an item may not claim or decide its appeal',
  },
  BACKTEST_BUSY: {
    status: 409,
    zh: '已有回测在运行，请稍后再试',
    en: 'a backtest is already running',
    meaning: 'a backtest is already running in this process; try again shortly',
  },
  // 413, 415, 429
  PAYLOAD_TOO_LARGE: { status: 413, zh: '请求体过大', en: 'payload too large', meaning: 'body, field or image over its limit' },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    zh: 'Content-Type 须为 application/json 或 multipart/form-data',
    en: 'unsupported Content-Type',
    meaning: 'Content-Type is not application/json or multipart/form-data',
  },
  UNSUPPORTED_CHARSET: {
    status: 415,
    zh: '只接受 UTF-8 编码的 JSON',
    en: 'only UTF-8 JSON is accepted',
    meaning: 'a JSON charset other than UTF-8 was declared',
  },
  UNSUPPORTED_IMAGE_TYPE: {
    status: 415,
    zh: '只接受 JPEG、PNG、WebP、GIF',
    en: 'only JPEG, PNG, WebP and GIF are accepted',
    meaning: 'an image is not JPEG, PNG, WebP or GIF (judged by its bytes)',
  },
  RATE_LIMITED: {
    status: 429,
    zh: '请求过于频繁，请稍后重试',
    en: 'rate limit exceeded',
    meaning: "over the tenant's rate limit; see Retry-After",
  },
  LOGIN_THROTTLED: {
    status: 429,
    zh: '登录失败次数过多，请稍后再试',
    en: 'too many failed logins',
    meaning: 'too many failed logins for this user or address; see Retry-After',
  },
  // 5xx
  INTERNAL: { status: 500, zh: '服务器内部错误', en: 'internal error', meaning: 'a bug; logged with the request' },
  STORE_UNAVAILABLE: {
    status: 503,
    zh: '暂时无法保存，请重试',
    en: 'could not store the item durably; nothing was stored',
    meaning: 'the item could not be stored durably; nothing was stored, retry',
  },
  UNAVAILABLE: { status: 503, zh: '暂时无法受理，请重试', en: 'temporarily unavailable', meaning: 'temporarily unavailable; retry' },
} as const satisfies Record<string, ErrorCodeEntry>;

export type ErrorCode = keyof typeof ERROR_CODES;

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_CODES, code);
}
