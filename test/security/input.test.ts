import { ConfigError, loadConfig } from '../../lib/config';
import { redactUrl } from '../../lib/redact';
import { isPublicAddress, validateCallbackUrl } from '../../workers/webhook-sender';
import { TestSystem, type TestTenant } from '../harness/system';

/** Issue 14, findings 8, 9 and 10: deep `meta`, credentials in config messages, IPv6 address forms in callbacks. */
describe('meta nested thousands deep (finding 8)', () => {
  let sys: TestSystem;
  let tenant: TestTenant;
  beforeAll(async () => {
    sys = await TestSystem.start({ workers: [] });
    tenant = await sys.tenant();
  });
  afterAll(() => sys.close());

  const deep = (n: number): string => '{"a":'.repeat(n) + '1' + '}'.repeat(n);

  it('is a 400 INVALID_BODY naming meta, for JSON bodies', async () => {
    const res = await sys.post(tenant, `{"externalId":"deep-1","text":"hi","meta":${deep(20000)}}`);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'INVALID_BODY', message: expect.stringMatching(/^meta: .*levels deep/) } });
  });

  it('is a 400 INVALID_BODY for multipart bodies too', async () => {
    const form = new FormData();
    form.append('externalId', 'deep-2');
    form.append('text', 'hi');
    form.append('meta', deep(20000));
    const res = await fetch(`${sys.url}/v1/contents`, { method: 'POST', headers: { authorization: `Bearer ${tenant.apiKey}` }, body: form });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('INVALID_BODY');
  });

  it('still accepts meta four levels deep and refuses five', async () => {
    expect((await sys.post(tenant, { externalId: 'deep-3', text: 'hi', meta: { a: { b: { c: { d: 1 } } } } })).status).toBe(202);
    expect((await sys.post(tenant, { externalId: 'deep-4', text: 'hi', meta: { a: { b: { c: { d: { e: 1 } } } } } })).status).toBe(400);
  });
});

describe('invalid configuration never echoes credentials (finding 9)', () => {
  const message = (env: Record<string, string>): string => {
    try {
      loadConfig(env);
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      return (e as Error).message;
    }
    throw new Error('config was accepted');
  };

  it.each([
    ['SHENHE_SMTP_URL', 'smtpx://user:S3cretPW@mail.example.cn:587'],
    ['SHENHE_SMTP_URL', 'smtp:/user:S3cretPW@mail.example.cn'],
    ['REDIS_URL', 'http://:S3cretPW@redis.internal:6379'],
    ['REDIS_URL', 'default:S3cretPW@redis.internal:6379'],
    ['SHENHE_OFFICER_ALERT_URL', 'ftp://ops:S3cretPW@alerts.example.cn/hook?token=S3cretPW'],
  ])('%s=%s names the variable but not the password', (variable, value) => {
    const text = message({ [variable]: value });
    expect(text).toContain(variable);
    expect(text).not.toContain('S3cretPW');
  });

  it('redacts userinfo and secret query parameters in any text', () => {
    expect(redactUrl('redis://:pw123@127.0.0.1:6379/0')).toBe('redis://***@127.0.0.1:6379/0');
    expect(redactUrl('see https://h.example.cn/x?a=1&token=abc&b=2')).toBe('see https://h.example.cn/x?a=1&token=***&b=2');
  });
});

describe('callback addresses that are not public unicast (finding 10)', () => {
  it.each([
    '::7f00:1', // IPv4-compatible ::127.0.0.1
    '::a00:1', // ::10.0.0.1
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
    '64:ff9b::a00:1', // NAT64 of 10.0.0.1
    '64:ff9b::808:808', // NAT64 of a public address: the real target is not ours to see
    '2002:a00:1::1', // 6to4 of 10.0.0.1
    '2002:7f00:1::1', // 6to4 of 127.0.0.1
    '2001::1', // Teredo
    '100::1', // discard
    '::', // unspecified
    'fe80::1',
    'fc00::1',
    'ff02::1',
    '2001:db8::1', // documentation
    '::1',
    '198.18.0.1', // benchmarking
    '255.255.255.255',
  ])('refuses %s', (addr) => {
    expect(isPublicAddress(addr)).toBe(false);
  });

  it.each(['8.8.8.8', '::ffff:8.8.8.8', '2400:3200::1', '240e::1'])('allows public unicast %s', (addr) => {
    expect(isPublicAddress(addr)).toBe(true);
  });

  it.each(['http://[::127.0.0.1]/', 'http://[::ffff:7f00:1]/', 'http://[64:ff9b::7f00:1]/', 'https://[2002:c0a8:101::1]/hook'])(
    'refuses the callback URL %s',
    (url) => {
      expect(validateCallbackUrl(url, false)).toMatch(/refused/);
    },
  );
});

describe('the CLI on an invalid configuration (finding 9)', () => {
  it('names the variable and exits 1 without printing the password', async () => {
    const { ShenheProcess } = await import('../harness/processes');
    const { tempDir } = await import('../harness/temp');
    const tmp = tempDir('shenhe-cfg-');
    const proc = new ShenheProcess(['start'], { SHENHE_DATA_DIR: tmp.dir, SHENHE_SMTP_URL: 'smtpx://user:S3cretPW@mail.example.cn:587', REDIS_URL: '' });
    const code = await proc.exit();
    tmp.cleanup();
    expect(code).toBe(1);
    expect(proc.stderr).toContain('SHENHE_SMTP_URL');
    expect(proc.stderr + proc.stdout).not.toContain('S3cretPW');
  });
});

describe('a real API process on deep meta (finding 8)', () => {
  it('answers 400 INVALID_BODY and logs no error or stack trace', async () => {
    const { ShenheProcess } = await import('../harness/processes');
    const { tempDir } = await import('../harness/temp');
    const { SqliteStore } = await import('../../store/sqlite/sqlite-store');
    const { createTenant } = await import('../../domain/tenants');
    const { SecretBox } = await import('../../lib/secrets');
    const { masterKey } = await import('../../lib/data-dir');
    const tmp = tempDir('shenhe-deep-');
    const store = new SqliteStore(tmp.dir);
    const t = await createTenant(store, new SecretBox(masterKey(tmp.dir)), 'site', null);
    await store.registerOfficer(
      {
        id: 'of_deep',
        tenantId: t.id,
        kind: 'security_officer',
        name: '李四',
        phone: '010-12345678',
        email: 'li@example.cn',
        createdAt: new Date().toISOString(),
        updatedAt: new Date().toISOString(),
      },
      { type: 'cli', id: null, name: 'test', ip: null },
    );
    await store.close();
    const proc = new ShenheProcess(['api'], { REDIS_URL: process.env.SHENHE_TEST_REDIS_URL as string, SHENHE_DATA_DIR: tmp.dir, PORT: '0', LOG_LEVEL: 'info' });
    try {
      const url = await proc.listening();
      const deep = '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000);
      for (let i = 0; i < 3; i++) {
        const res = await fetch(`${url}/v1/contents`, {
          method: 'POST',
          headers: { authorization: `Bearer ${t.apiKey}`, 'content-type': 'application/json' },
          body: `{"externalId":"deep-${i}","text":"hi","meta":${deep}}`,
        });
        expect(res.status).toBe(400);
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe('INVALID_BODY');
      }
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      expect(proc.stderr).not.toMatch(/unhandled error|RangeError|Maximum call stack|"level":50/);
    } finally {
      await proc.kill('SIGTERM');
      tmp.cleanup();
    }
  });
});
