import { randomBytes } from 'node:crypto';
import { newId, nowIso } from '../../lib/ids';
import { hashToken, randomToken } from '../../lib/secrets';
import type { Role, User } from '../../store/rows';
import { SqliteStore } from '../../store/sqlite/sqlite-store';
import type { Store } from '../../store/store';

export const cliActor = { type: 'cli' as const, id: null, name: 'test', ip: null };

export async function makeTenant(store: Store, callbackUrl: string | null = null): Promise<{ id: string; apiKey: string }> {
  const apiKey = randomToken('sk');
  const id = newId('tn');
  const now = nowIso();
  await store.createTenant(
    {
      id,
      name: `t-${id}`,
      callbackUrl,
      siteUrl: null,
      apiKeyHash: hashToken(apiKey),
      apiKeyHint: apiKey.slice(-4),
      webhookSecretEnc: 'x',
      disabled: false,
      createdAt: now,
      updatedAt: now,
    },
    cliActor,
  );
  return { id, apiKey };
}

export async function makeUser(store: Store, role: Role): Promise<User> {
  const user: User = { id: newId('us'), username: `u-${randomBytes(4).toString('hex')}`, role, disabled: false, settings: {}, createdAt: nowIso() };
  return store.createUser(user, 'not-a-real-hash', cliActor);
}

export async function makeItem(store: Store, tenantId: string, text = 'hello'): Promise<string> {
  const id = newId('it');
  await store.ingest(
    {
      id,
      tenantId,
      externalId: id,
      bodyHash: 'h',
      kind: 'comment',
      title: null,
      text,
      authorId: 'a1',
      authorName: null,
      authorIp: null,
      url: null,
      meta: null,
      sourceIp: null,
      imageCount: 0,
      createdAt: nowIso(),
    },
    [],
  );
  return id;
}

/**
 * The SQLite implementation behind a test system's store, for tests that look under the Store interface (raw SQL
 * to prove a trigger refuses, or to age a row). Tests of behaviour use the interface.
 */
export function sqliteOf(store: Store): SqliteStore {
  if (!(store instanceof SqliteStore)) throw new Error('this test needs the SQLite store');
  return store;
}
