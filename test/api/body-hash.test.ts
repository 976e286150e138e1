import { createHash } from 'node:crypto';
import { TestSystem, type TestTenant } from '../harness/system';
import { sqliteOf } from '../harness/fixtures';

/**
 * Stored items keep the hash their first post had; a retry after an upgrade must hash the same body to the same
 * value, or it would get a 409 instead of its item. The canonical form is pinned here, written out by hand.
 */
describe('ingest: the idempotency hash of a body', () => {
  let sys: TestSystem;
  let tenant: TestTenant;

  beforeAll(async () => {
    sys = await TestSystem.start({ workers: [] });
    tenant = await sys.tenant();
  });
  afterAll(() => sys.close());

  const stored = (id: string): string => (sqliteOf(sys.store).db.prepare('SELECT body_hash AS h FROM items WHERE id = ?').get(id) as { h: string }).h;
  const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

  it('is the SHA-256 of every field as JSON with the keys of every object sorted', async () => {
    const res = await sys.post<{ id: string }>(tenant, {
      url: 'https://example.cn/p/1',
      text: '你好',
      meta: { z: 1, a: { y: [{ b: 1, a: 2 }], x: null } },
      author: { name: '张三', id: 'u1' },
      externalId: 'hash-1',
      kind: 'comment',
    });
    expect(res.status).toBe(202);
    const canonical =
      '{"author":{"id":"u1","name":"张三"},"externalId":"hash-1","images":[],"kind":"comment",' +
      '"meta":{"a":{"x":null,"y":[{"a":2,"b":1}]},"z":1},"text":"你好","title":null,"url":"https://example.cn/p/1"}';
    expect(stored(res.body.id)).toBe(sha256(canonical));
  });

  it('writes absent fields as null', async () => {
    const res = await sys.post<{ id: string }>(tenant, { externalId: 'hash-2', title: '标题' });
    expect(res.status).toBe(202);
    const canonical = '{"author":null,"externalId":"hash-2","images":[],"kind":null,"meta":null,"text":null,"title":"标题","url":null}';
    expect(stored(res.body.id)).toBe(sha256(canonical));
  });
});
