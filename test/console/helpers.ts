import { randomBytes } from 'node:crypto';
import type { StaffClient, TestSystem, TestTenant } from '../harness/system';

/** Posts an item and waits until it waits for review (or for `status`). */
export async function pendingItem(sys: TestSystem, tenant: TestTenant, body: Record<string, unknown>, status = 'pending_review'): Promise<string> {
  const r = await sys.post<{ id: string }>(tenant, { externalId: `c-${randomBytes(6).toString('hex')}`, ...body });
  if (r.status !== 202) throw new Error(`ingest failed: ${r.status} ${JSON.stringify(r.body)}`);
  await sys.until(async () => (await sys.poll<{ status: string }>(tenant, r.body.id)).body.status === status, 15_000, status);
  return r.body.id;
}

/** Claims and approves everything the client may claim; returns the ids it was handed. */
export async function drain(client: StaffClient): Promise<string[]> {
  const seen: string[] = [];
  for (;;) {
    const r = await client.post<{ item: { id: string }; lease: { id: string } }>('/api/review/claim');
    if (r.status === 204) return seen;
    seen.push(r.body.item.id);
    await client.post(`/api/review/leases/${r.body.lease.id}/decision`, { action: 'approve' });
  }
}
