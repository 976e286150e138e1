import { randomBytes } from 'node:crypto';
import { hashPassword } from '../../lib/passwords';
import { createTenant } from '../../domain/tenants';
import { Runtime, type RuntimeOptions, type WorkerQueue } from '../../cli/runtime';
import { loadConfig } from '../../lib/config';
import { masterKey } from '../../lib/data-dir';
import { newId, nowIso } from '../../lib/ids';
import { createLogger } from '../../lib/logger';
import { SecretBox } from '../../lib/secrets';
import type { Role } from '../../store/rows';
import { tempDir } from './temp';

export interface HttpResult<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

async function toResult<T>(res: Response): Promise<HttpResult<T>> {
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON */
  }
  return { status: res.status, headers: res.headers, body: body as T };
}

/** A logged-in staff member: session cookie plus CSRF token, as the review UI holds them. */
export class StaffClient {
  constructor(
    readonly baseUrl: string,
    readonly cookie: string,
    readonly csrfToken: string,
    readonly user: { id: string; username: string; role: Role },
  ) {}

  static async login(baseUrl: string, username: string, password: string): Promise<StaffClient> {
    const res = await fetch(`${baseUrl}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    const body = (await res.json()) as { user: { id: string; username: string; role: Role }; csrfToken: string };
    if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(body)}`);
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
    return new StaffClient(baseUrl, cookie, body.csrfToken, body.user);
  }

  async request<T = Record<string, unknown>>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpResult<T>> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { cookie: this.cookie, 'x-csrf-token': this.csrfToken, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    return toResult<T>(res);
  }

  post<T = Record<string, unknown>>(path: string, body?: unknown): Promise<HttpResult<T>> {
    return this.request<T>('POST', path, body ?? {});
  }

  get<T = Record<string, unknown>>(path: string): Promise<HttpResult<T>> {
    return this.request<T>('GET', path);
  }
}

export interface TestTenant {
  id: string;
  apiKey: string;
  webhookSecret: string;
}

/** A whole shenhe (API + workers) in this process, on a temp data dir and a private queue prefix. */
export class TestSystem {
  readonly runtime: Runtime;

  private constructor(
    runtime: Runtime,
    readonly dataDir: string,
    private readonly cleanup: () => void,
  ) {
    this.runtime = runtime;
  }

  static async start(
    options: { env?: Record<string, string>; workers?: WorkerQueue[]; api?: boolean; dataDir?: string } & Partial<RuntimeOptions> = {},
  ): Promise<TestSystem> {
    const tmp = options.dataDir ? { dir: options.dataDir, cleanup: () => undefined } : tempDir('shenhe-sys-');
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      SHENHE_DATA_DIR: tmp.dir,
      REDIS_URL: process.env.SHENHE_TEST_REDIS_URL,
      SHENHE_QUEUE_PREFIX: `{t${randomBytes(6).toString('hex')}}`,
      SHENHE_WEBHOOK_ALLOW_PRIVATE: 'true',
      SHENHE_RATE_LIMIT_PER_TENANT: '0',
      LOG_LEVEL: process.env.SHENHE_TEST_LOG ?? 'silent',
      ...options.env,
    });
    const runtime = new Runtime({
      config,
      api: options.api ?? true,
      workers: options.workers ?? ['screen', 'publish', 'housekeeping'],
      logger: createLogger(config.logLevel),
      retry: options.retry ?? { baseMs: 100, maxMs: 1000 },
      reconcileIntervalMs: options.reconcileIntervalMs ?? 500,
      reconcileFullEveryMs: options.reconcileFullEveryMs,
      imageStage: options.imageStage,
      routes: options.routes,
    });
    await runtime.start();
    return new TestSystem(runtime, tmp.dir, tmp.cleanup);
  }

  get url(): string {
    return this.runtime.url as string;
  }

  get store() {
    return this.runtime.store;
  }

  /** A tenant with a complete security-officer registration (unless `officer: false`). */
  async tenant(options: { callbackUrl?: string | null; siteUrl?: string | null; officer?: boolean } = {}): Promise<TestTenant> {
    const t = await createTenant(
      this.store,
      new SecretBox(masterKey(this.dataDir)),
      `site-${randomBytes(3).toString('hex')}`,
      options.callbackUrl ?? null,
      undefined,
      options.siteUrl ?? null,
    );
    if (options.officer ?? true) {
      const now = nowIso();
      await this.store.registerOfficer(
        {
          id: newId('of'),
          tenantId: t.id,
          kind: 'security_officer',
          name: '张三',
          phone: '13800138000',
          email: 'officer@example.cn',
          createdAt: now,
          updatedAt: now,
        },
        { type: 'cli', id: null, name: 'test', ip: null },
      );
    }
    return t;
  }

  async user(role: Role): Promise<{ username: string; password: string }> {
    const username = `${role}-${randomBytes(4).toString('hex')}`;
    const password = `pw-${randomBytes(8).toString('hex')}`;
    await this.store.createUser({ id: newId('us'), username, role, disabled: false, settings: {}, createdAt: nowIso() }, await hashPassword(password), {
      type: 'cli',
      id: null,
      name: 'test',
      ip: null,
    });
    return { username, password };
  }

  async staff(role: Role): Promise<StaffClient> {
    const u = await this.user(role);
    return StaffClient.login(this.url, u.username, u.password);
  }

  /** POST /v1/contents as a tenant. */
  async post<T = Record<string, unknown>>(tenant: TestTenant, body: unknown, headers: Record<string, string> = {}): Promise<HttpResult<T>> {
    const res = await fetch(`${this.url}/v1/contents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tenant.apiKey}`, 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body),
    });
    return toResult<T>(res);
  }

  async poll<T = Record<string, unknown>>(tenant: TestTenant, id: string): Promise<HttpResult<T>> {
    return toResult<T>(await fetch(`${this.url}/v1/contents/${id}`, { headers: { authorization: `Bearer ${tenant.apiKey}` } }));
  }

  /** Waits until `check` returns a truthy value (polling), or fails after `timeoutMs`. */
  async until<T>(check: () => Promise<T | null | undefined | false>, timeoutMs = 20_000, what = 'condition'): Promise<T> {
    return waitFor(check, timeoutMs, what);
  }

  async close(): Promise<void> {
    await this.runtime.close();
    this.cleanup();
  }
}

export async function waitFor<T>(check: () => Promise<T | null | undefined | false>, timeoutMs = 20_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
