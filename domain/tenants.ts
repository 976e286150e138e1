/**
 * Tenant operations that both the HTTP console and the CLI perform. Input is validated at each edge (zod in the
 * console, usage errors in the CLI); here it is done once, the same way, and audited by the store.
 */
import { newId, nowIso } from '../lib/ids';
import { hashToken, randomToken, type SecretBox } from '../lib/secrets';
import type { Officer } from '../store/rows';
import type { Actor, Store } from '../store/store';

export interface CreatedTenant {
  id: string;
  /** In clear only here: the store keeps a hash. */
  apiKey: string;
  /** In clear only here: the store keeps it sealed (it signs webhooks). */
  webhookSecret: string;
}

const setupActor: Actor = { type: 'cli', id: null, name: process.env.USER ?? 'cli', ip: null };

/** Creates a tenant with a fresh API key and webhook secret; the key and secret exist in clear only in the result. */
export async function createTenant(
  store: Store,
  secrets: SecretBox,
  name: string,
  callbackUrl: string | null,
  actor: Actor = setupActor,
  siteUrl: string | null = null,
): Promise<CreatedTenant> {
  const apiKey = randomToken('sk');
  const webhookSecret = randomToken('whsec');
  const id = newId('tn');
  const now = nowIso();
  await store.createTenant(
    {
      id,
      name,
      callbackUrl,
      siteUrl,
      apiKeyHash: hashToken(apiKey),
      apiKeyHint: apiKey.slice(-4),
      webhookSecretEnc: secrets.seal(webhookSecret),
      disabled: false,
      createdAt: now,
      updatedAt: now,
    },
    actor,
  );
  return { id, apiKey, webhookSecret };
}

/** Registers (or replaces) a tenant's security officer (clauses 18–19); the contact must already be validated. */
export function registerSecurityOfficer(
  store: Store,
  tenantId: string,
  contact: { name: string; phone: string; email: string },
  actor: Actor,
): Promise<Officer> {
  const now = nowIso();
  return store.registerOfficer(
    {
      id: newId('of'),
      tenantId,
      kind: 'security_officer',
      name: contact.name.trim(),
      phone: contact.phone.trim(),
      email: contact.email.trim(),
      createdAt: now,
      updatedAt: now,
    },
    actor,
  );
}
