import { TestSystem } from '../harness/system';
import { sqliteOf } from '../harness/fixtures';

describe('tenant site URL: ingest `url` may be a path on the site', () => {
  let sys: TestSystem;

  beforeAll(async () => {
    sys = await TestSystem.start({ workers: [] });
  });
  afterAll(() => sys.close());

  const storedUrl = async (id: string): Promise<string | null | undefined> => (await sys.store.getItem(id))?.url;

  it('resolves a path against the site URL and stores the absolute page URL', async () => {
    const tenant = await sys.tenant({ siteUrl: 'https://blog.example.cn/' });
    const res = await sys.post<{ id: string }>(tenant, { externalId: 'p-1', text: '你好', url: '/posts/1.html?lang=zh#c2' });
    expect(res.status).toBe(202);
    expect(await storedUrl(res.body.id)).toBe('https://blog.example.cn/posts/1.html?lang=zh#c2');
  });

  it('keeps an absolute URL as given, site URL or not', async () => {
    const tenant = await sys.tenant({ siteUrl: 'https://blog.example.cn' });
    const res = await sys.post<{ id: string }>(tenant, { externalId: 'p-2', text: '你好', url: 'https://other.example.cn/a' });
    expect(res.status).toBe(202);
    expect(await storedUrl(res.body.id)).toBe('https://other.example.cn/a');
  });

  it('answers 400 naming url to a path from a tenant without a site URL, and stores nothing', async () => {
    const tenant = await sys.tenant();
    const res = await sys.post(tenant, { externalId: 'p-3', text: '你好', url: '/posts/1.html' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'INVALID_BODY', message: expect.stringMatching(/^url: .*site URL/) } });
    expect(sqliteOf(sys.store).db.prepare('SELECT COUNT(*) AS n FROM items WHERE tenant_id = ?').get(tenant.id)).toEqual({ n: 0 });
  });

  it('refuses a protocol-relative `//host/path`, which would name another site', async () => {
    const tenant = await sys.tenant({ siteUrl: 'https://blog.example.cn' });
    const res = await sys.post(tenant, { externalId: 'p-4', text: '你好', url: '//evil.example.com/x' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'INVALID_BODY', message: expect.stringMatching(/^url: /) } });
  });

  it('lets an admin set and clear the site URL in the console API, refusing a non-http one', async () => {
    const admin = await sys.staff('admin');
    const created = await admin.post<{ id: string; tenant: { siteUrl: string | null } }>('/api/console/tenants', {
      name: '博客',
      siteUrl: 'https://blog.example.cn',
    });
    expect(created.status).toBe(201);
    expect(created.body.tenant.siteUrl).toBe('https://blog.example.cn');
    const bad = await admin.request('PATCH', `/api/console/tenants/${created.body.id}`, { siteUrl: 'ftp://x.example.cn' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { code: 'INVALID_BODY', message: expect.stringMatching(/^siteUrl: /) } });
    const cleared = await admin.request<{ tenant: { siteUrl: string | null } }>('PATCH', `/api/console/tenants/${created.body.id}`, { siteUrl: null });
    expect(cleared.body.tenant.siteUrl).toBeNull();
  });
});
