/** Row shapes as the store returns them (camelCase, parsed JSON). */
import type { Verdict } from '../rules/types';
import type { Role } from '../lib/roles';

export { ROLES, type Role } from '../lib/roles';

export type ItemStatus = 'screening' | 'pending_review' | 'escalated' | 'in_review' | 'approved' | 'published' | 'blocked' | 'rejected' | 'appealed';

export const TERMINAL_STATUSES: ItemStatus[] = ['published', 'blocked', 'rejected'];

export interface Tenant {
  id: string;
  name: string;
  callbackUrl: string | null;
  /** The site's base URL; ingest `url` paths are resolved against it (null: `url` must be absolute). */
  siteUrl: string | null;
  apiKeyHint: string;
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface Officer {
  id: string;
  tenantId: string;
  kind: 'security_officer' | 'reviewer';
  name: string;
  phone: string;
  email: string;
  createdAt: string;
  updatedAt: string;
}

export interface User {
  id: string;
  username: string;
  role: Role;
  disabled: boolean;
  settings: Record<string, unknown>;
  createdAt: string;
}

export interface Session {
  userId: string;
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

export interface Item {
  id: string;
  tenantId: string;
  externalId: string;
  bodyHash: string;
  kind: string | null;
  title: string | null;
  text: string | null;
  authorId: string | null;
  authorName: string | null;
  authorIp: string | null;
  url: string | null;
  meta: Record<string, unknown> | null;
  sourceIp: string | null;
  imageCount: number;
  status: ItemStatus;
  risk: number;
  suggestion: string | null;
  legalHold: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface ImageRecord {
  itemId: string;
  index: number;
  name: string | null;
  declaredFormat: string | null;
  sniffedFormat: string | null;
  bytes: number;
  sha256: string;
  width: number | null;
  height: number | null;
  phash: string | null;
  storedFormat: string | null;
}

export interface Lease {
  id: string;
  itemId: string;
  userId: string;
  queue: 'review' | 'escalated';
  jobId: string;
  claimedAt: string;
  expiresAt: string;
  endedAt: string | null;
  endReason: string | null;
}

export type DecisionAction = 'approve' | 'reject' | 'escalate' | 'block';

export interface Decision {
  id: string;
  itemId: string;
  userId: string | null;
  leaseId: string | null;
  action: DecisionAction;
  categories: string[];
  note: string | null;
  decidedAt: string;
}

/** A tenant's appeal against a block or a rejection (CONTRACT §12); one per item, decided once. */
export interface Appeal {
  id: string;
  itemId: string;
  tenantId: string;
  reason: string;
  status: 'pending' | 'approved' | 'rejected';
  /** The decision appealed against: a moderator's `reject` or the filter's `block`. */
  originalDecisionId: string;
  /** Who made that decision (null for the filter's block); never the one who decides the appeal. */
  originalUserId: string | null;
  createdAt: string;
  decisionId: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
}

export interface Delivery {
  id: string;
  tenantId: string;
  itemId: string;
  decisionId: string;
  type: string;
  body: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

export interface OutboxRow {
  id: number;
  topic: string;
  jobId: string;
  payload: Record<string, unknown>;
  delayMs: number;
  priority: number;
  createdAt: string;
}

export interface StoredVerdict {
  itemId: string;
  suggestion: Verdict['suggestion'];
  risk: number;
  body: Verdict;
  createdAt: string;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actorType: 'user' | 'system' | 'cli' | 'tenant';
  actorId: string | null;
  actorName: string | null;
  ip: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export interface TenantWithSecrets extends Tenant {
  apiKeyHash: string;
  webhookSecretEnc: string;
}

/** A tenant as shown to staff and the CLI: without its key hash and sealed webhook secret. */
export function publicTenant(t: TenantWithSecrets): Tenant {
  const { apiKeyHash: _h, webhookSecretEnc: _s, ...rest } = t;
  return rest;
}
