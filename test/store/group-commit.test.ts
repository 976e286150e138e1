import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { newId, nowIso } from '../../lib/ids';
import type { NewItem } from '../../store/sqlite/items';
import { SqliteStore } from '../../store/sqlite/sqlite-store';
import { WalSync } from '../../store/sqlite/wal-sync';
import { makeTenant } from '../harness/fixtures';
import { tempDir } from '../harness/temp';

const newItem = (tenantId: string, externalId: string, bodyHash = 'h'): NewItem => ({
  id: newId('it'),
  tenantId,
  externalId,
  bodyHash,
  kind: 'comment',
  title: null,
  text: `text of ${externalId}`,
  authorId: 'a1',
  authorName: null,
  authorIp: null,
  url: null,
  meta: { n: 1 },
  sourceIp: null,
  imageCount: 0,
  createdAt: nowIso(),
});

describe.each(['FULL', 'NORMAL'] as const)('store: group commit of ingests (synchronous=%s)', (synchronous) => {
  let dir: string;
  let store: SqliteStore;
  let cleanup: () => void;

  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
    store = new SqliteStore(dir, { synchronous });
  });
  afterEach(async () => {
    await store.close();
    cleanup();
  });

  it('answers every ingest of one turn on its own, and each answer is committed for every other connection', async () => {
    const { id: tenantId } = await makeTenant(store);
    const items = Array.from({ length: 20 }, (_, i) => newItem(tenantId, `e-${i}`));
    const answers = await Promise.all(items.map((it) => store.ingest(it, [])));
    expect(answers.map((a) => a.created)).toEqual(items.map(() => true));
    // Every other transaction of this connection still makes its own commit durable.
    expect(store.db.pragma('synchronous', { simple: true })).toBe(synchronous === 'FULL' ? 2 : 1);
    const other = new SqliteStore(dir);
    try {
      for (const it of items) expect((await other.getItem(it.id))?.externalId).toBe(it.externalId);
      expect((await other.pendingOutbox(100)).length).toBe(items.length);
    } finally {
      await other.close();
    }
  });

  it('answers the ingests that arrive while a batch is being flushed, in a batch of their own', async () => {
    const { id: tenantId } = await makeTenant(store);
    const first = store.ingest(newItem(tenantId, 'early'), []);
    await new Promise((resolve) => setImmediate(resolve)); // the first batch has committed; its flush may be running
    const later = [store.ingest(newItem(tenantId, 'late'), []), store.ingest(newItem(tenantId, 'early', 'other body'), [])];
    await expect(first).resolves.toMatchObject({ created: true });
    await expect(later[0]).resolves.toMatchObject({ created: true });
    await expect(later[1]).rejects.toMatchObject({ code: 'IDEMPOTENCY_CONFLICT' });
    await expect(store.ingest(newItem(tenantId, 'after'), [])).resolves.toMatchObject({ created: true });
  });

  it('fails only the conflicting item of a batch, and returns the stored item to an identical retry', async () => {
    const { id: tenantId } = await makeTenant(store);
    const first = newItem(tenantId, 'same');
    const results = await Promise.allSettled([
      store.ingest(first, []),
      store.ingest(newItem(tenantId, 'same'), []),
      store.ingest(newItem(tenantId, 'same', 'other body'), []),
      store.ingest(newItem(tenantId, 'different'), []),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    const [a, b, c, d] = results;
    expect(a.status === 'fulfilled' && a.value).toMatchObject({ created: true, item: { id: first.id } });
    expect(b.status === 'fulfilled' && b.value).toMatchObject({ created: false, item: { id: first.id } });
    expect(c.status === 'rejected' && c.reason).toMatchObject({ code: 'IDEMPOTENCY_CONFLICT' });
    expect(d.status === 'fulfilled' && d.value.created).toBe(true);
  });
});

describe('WalSync', () => {
  let dir: string;
  let cleanup: () => void;

  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  it('resolves once a WAL and the directory that holds it are flushed', async () => {
    const wal = path.join(dir, 'x.db-wal');
    writeFileSync(wal, 'frames');
    const sync = new WalSync(wal);
    await expect(Promise.all([sync.flush(), sync.flush()])).resolves.toEqual([undefined, undefined]);
    await expect(sync.flush()).resolves.toBeUndefined();
  });

  it('resolves when the WAL is gone (the last connection checkpointed and removed it on close)', async () => {
    await expect(new WalSync(path.join(dir, 'gone.db-wal')).flush()).resolves.toBeUndefined();
  });

  it('rejects when the WAL cannot be flushed', async () => {
    await expect(new WalSync(dir).flush()).rejects.toMatchObject({ code: 'EISDIR' });
  });
});
