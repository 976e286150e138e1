import { TestSystem } from '../harness/system';

describe('decisions suggest an incident for national_security, constitution and malware rejections', () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await TestSystem.start({ workers: ['screen', 'housekeeping'] });
  });
  afterAll(async () => {
    await sys.close();
  });

  it.each([
    [{ action: 'reject', categories: ['malware'] }, true],
    [{ action: 'reject', categories: ['advertising', 'national_security'] }, true],
    [{ action: 'reject', categories: ['advertising'] }, false],
    [{ action: 'approve' }, false],
  ])('%j → suggestIncident %s', async (decision, suggest) => {
    const tenant = await sys.tenant();
    const { body } = await sys.post<{ id: string }>(tenant, { externalId: `s-${Math.random()}`, text: '普通的评论' });
    await sys.until(async () => (await sys.poll<{ status: string }>(tenant, body.id)).body.status === 'pending_review', 15_000);
    const mod = await sys.staff('moderator');
    const claimed = await sys.until(async () => {
      const c = await mod.post<{ item: { id: string }; lease: { id: string } }>('/api/review/claim');
      return c.status === 200 ? c : null;
    }, 15_000);
    const r = await mod.post<{ suggestIncident: boolean }>(`/api/review/leases/${claimed.body.lease.id}/decision`, decision);
    expect(r.status).toBe(200);
    expect(r.body.suggestIncident).toBe(suggest);
  });
});
