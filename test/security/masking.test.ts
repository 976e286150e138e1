import { TestSystem, type TestTenant } from '../harness/system';
import { sqliteOf } from '../harness/fixtures';

/** Issue 14, finding 6: author data as docs/compliance.md promises it ("Personal data (clause 14)"). */
describe('author data in review and item responses (finding 6)', () => {
  let sys: TestSystem;
  let tenant: TestTenant;
  let itemId: string;
  beforeAll(async () => {
    sys = await TestSystem.start({ workers: ['screen'], imageStage: null });
    tenant = await sys.tenant();
    const res = await sys.post<{ id: string }>(tenant, {
      externalId: 'pii-1',
      text: '请帮我看看这条评论',
      author: { id: 'author-42', name: '张三丰', ip: '203.0.113.9' },
    });
    itemId = res.body.id;
    await sys.until(async () => (await sys.store.getItem(itemId))?.status === 'pending_review', 20_000, 'pending review');
  });
  afterAll(() => sys.close());

  const leaks = (body: unknown): string[] => ['张三丰', '三丰', '203.0.113.9'].filter((s) => JSON.stringify(body).includes(s));

  it('claim answers carry the masked name and no address, whatever the role', async () => {
    const moderator = await sys.staff('moderator');
    const res = await moderator.post<{ item: { id: string; author: { id: string; name: string } } }>('/api/review/claim', {});
    expect(res.status).toBe(200);
    expect(res.body.item.id).toBe(itemId);
    expect(res.body.item.author).toEqual({ id: 'author-42', name: '张**' });
    expect(leaks(res.body)).toEqual([]);
  });

  it.each(['moderator', 'senior', 'admin'] as const)('item detail, item list and author history are masked for %s', async (role) => {
    const staff = await sys.staff(role);
    for (const path of [`/api/items/${itemId}`, '/api/items?status=pending&author=author-42', `/api/items/${itemId}/author-history`]) {
      const res = await staff.get(path);
      expect(res.status).toBe(200);
      expect(leaks(res.body)).toEqual([]);
      expect(JSON.stringify(res.body)).toContain('张**');
    }
  });

  it('shows the unmasked data to an officer only through the audited personal-data view', async () => {
    const officer = await sys.staff('officer');
    const res = await officer.get<{ author: { name: string; ip: string } }>(`/api/items/${itemId}/personal-data`);
    expect(res.status).toBe(200);
    expect(res.body.author).toMatchObject({ name: '张三丰', ip: '203.0.113.9' });
    const audits = sqliteOf(sys.store).db.prepare("SELECT COUNT(*) AS n FROM audit WHERE action = 'pii.view'").get() as { n: number };
    expect(audits.n).toBeGreaterThan(0);
    expect((await (await sys.staff('moderator')).get(`/api/items/${itemId}/personal-data`)).status).toBe(403);
  });
});
