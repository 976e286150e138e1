import type { Pool, PoolClient } from 'pg';
import type { BacktestItem } from '../../rules/backtest';
import type { Category } from '../../rules/categories';
import type { Verdict } from '../../rules/types';
import { AppError, appError } from '../../lib/errors';
import { REVIEWER_ROLES } from '../../lib/roles';
import { newId } from '../../lib/ids';
import type {
  Appeal,
  AuditEntry,
  Decision,
  Delivery,
  ImageRecord,
  Item,
  ItemStatus,
  Lease,
  Officer,
  OutboxRow,
  Role,
  Session,
  StoredVerdict,
  Tenant,
  TenantWithSecrets,
  User,
} from '../rows';
import { publicTenant } from '../rows';
import {
  jobIds,
  reviewPriority,
  type Actor,
  type AlarmKind,
  type AppealStats,
  type Attempt,
  type AuditVerification,
  type BackupInfo,
  type DecideInput,
  type DecideResult,
  type ExportedItem,
  type ExportFilters,
  type ExportRecord,
  type ImageInfo,
  type ImageVariant,
  type Incident,
  type IncidentAlarm,
  type IncidentStep,
  type ItemFilter,
  type ItemSummary,
  type LearningSummary,
  type NewItem,
  type OpenIncidentInput,
  type OpenLeaseInput,
  type OutboxMessage,
  type QueueStats,
  type RetentionPlan,
  type RulePack,
  type ShadowRuleStats,
  type Shift,
  type StaleOfficer,
  type Store,
  type StoredExample,
  type TenantPatch,
  type UserPatch,
  type WaitingItem,
} from '../store';
import { appealStatsOf, asGuardRefusal, auditFields, escalatedJobIdOf, ocrFields, statusAfterLease, webhookDelivery } from '../store-rules';
import { appeals } from './appeals';
import { audit } from './audit';
import { dumpTo, restoreFrom } from './backup';
import { createPool, migrate, row, rows, tx, type Sql } from './db';
import { deliveries } from './deliveries';
import { exportLines } from './export-lines';
import { exportsRegister } from './exports';
import { imageBlobs } from './image-blobs';
import { incidents, legalHold } from './incidents';
import { itemSearch } from './item-search';
import { images, items, verdicts } from './items';
import { learning } from './learning';
import { meta } from './meta';
import { officerRegistry } from './officer-registry';
import { outbox } from './outbox';
import { retention } from './retention';
import { rulePacks } from './rule-packs';
import { redactUrl } from '../../lib/redact';
import { decisions, leases } from './review';
import { shadowHits } from './shadow-hits';
import { shifts } from './shifts';
import { officers, tenants } from './tenants';
import { sessions, users } from './users';

const PURGE_BATCH = 200;
const DAY_MS = 86_400_000;

/** Export days are YYYY-MM-DD in UTC; `to` is inclusive (as the SQLite store). */
const dayStart = (day: string): string => new Date(`${day}T00:00:00.000Z`).toISOString();

/**
 * The PostgreSQL store (CONTRACT §10): the same domain methods as SqliteStore, each state change in one transaction
 * with its audit row and outbox row, for deployments where `api` and `worker` processes on several machines share
 * one database. Read-then-write transactions lock the rows they read (`FOR UPDATE`), which is what SQLite's single
 * writer gives for free; the audit chain is ordered by an advisory lock (store/postgres/audit.ts).
 */
export class PostgresStore implements Store {
  readonly kind = 'postgres' as const;
  private readonly ingestQueue: Array<{
    item: NewItem;
    images: ImageRecord[];
    resolve: (v: { item: Item; created: boolean }) => void;
    reject: (e: unknown) => void;
  }> = [];

  private constructor(
    private readonly pool: Pool,
    /** The URL without its password, for output. */
    readonly location: string,
  ) {}

  /** Connects and applies pending migrations (safe when several processes start at once). */
  static async open(url: string, options: { poolSize?: number } = {}): Promise<PostgresStore> {
    const pool = createPool(url, options.poolSize ?? 10);
    try {
      await migrate(pool);
    } catch (err) {
      await pool.end();
      throw err;
    }
    return new PostgresStore(pool, redactUrl(url));
  }

  private closing: Promise<void> | null = null;

  /** Ends the pool once (a second call waits for the first). */
  async close(): Promise<void> {
    this.closing ??= this.pool.end();
    await this.closing;
  }

  async schemaVersion(): Promise<number> {
    return Number((await row<{ v: number | null }>(this.q, 'SELECT MAX(version) AS v FROM schema_migrations'))?.v ?? 0);
  }

  async healthy(): Promise<boolean> {
    try {
      await this.pool.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  /** One transaction (see db.ts `tx`); trigger refusals come out as 409s. */
  private async tx<T>(fn: (c: PoolClient) => Promise<T>): Promise<T> {
    try {
      return await tx(this.pool, fn);
    } catch (err) {
      throw asGuardRefusal(err);
    }
  }

  /**
   * A transaction whose loss in a crash of the database server is harmless (a claim or a heartbeat: the lease would
   * simply not exist and the job returns to the queue), so it does not wait for its WAL flush — as SQLite's lightTx.
   */
  private async lightTx<T>(fn: (c: PoolClient) => Promise<T>): Promise<T> {
    return this.tx(async (c) => {
      await c.query('SET LOCAL synchronous_commit = off');
      return fn(c);
    });
  }

  private get q(): Sql {
    return this.pool;
  }

  // ── audit ──────────────────────────────────────────────────────────────
  async audit(actor: Actor, action: string, target: { type: string; id: string } | null, details: Record<string, unknown> = {}): Promise<AuditEntry> {
    return this.tx((c) => this.appendAudit(c, actor, action, target, details));
  }

  /** Appends an audit row on `c`, inside the transaction of the change it records. */
  private appendAudit(c: Sql, actor: Actor, action: string, target: { type: string; id: string } | null, details: Record<string, unknown> = {}) {
    return audit.append(c, auditFields(actor, action, target, details));
  }

  /** The chain alone (edits, deletions, reorderings in the middle). */
  async verifyAudit(): Promise<{ ok: true; count: number } | { ok: false; count: number; brokenSeq: number; reason: string }> {
    const v = await this.verifyAuditTrail({ chainOnly: true });
    return v.ok ? { ok: true, count: v.count } : { ok: false, count: v.count, brokenSeq: v.brokenSeq, reason: v.reason };
  }

  /** The chain and the anchor (deleted last entries, truncation, a rewritten chain), read in one snapshot. */
  async verifyAuditTrail(options: { chainOnly?: boolean } = {}): Promise<AuditVerification> {
    return this.tx(async (c) => {
      await c.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
      return audit.verify(c, options.chainOnly ?? false);
    });
  }

  async listAudit(options: { limit: number; beforeSeq?: number; targetType?: string; targetId?: string }): Promise<AuditEntry[]> {
    return audit.list(this.q, options);
  }

  /**
   * Re-anchors on the chain's current end after the anchor was lost (`audit verify --reanchor`), audited with what it
   * replaced. The anchor never moves backwards (a trigger refuses): a log that lost its last entries stays flagged.
   */
  async reanchorAudit(actor: Actor): Promise<void> {
    const before = await this.verifyAuditTrail();
    await this.tx(async (c) => {
      await audit.reanchor(c);
      await this.appendAudit(c, actor, 'audit.reanchor', null, { previous: before.anchor, reason: before.ok ? null : before.reason });
    });
  }

  // ── tenants, officers, users, sessions ─────────────────────────────────
  async createTenant(t: TenantWithSecrets, actor: Actor): Promise<Tenant> {
    await this.tx(async (c) => {
      await tenants.insert(c, t);
      await this.appendAudit(c, actor, 'tenant.create', { type: 'tenant', id: t.id }, { name: t.name, callbackUrl: t.callbackUrl });
    });
    return publicTenant(t);
  }

  async getTenant(id: string): Promise<TenantWithSecrets | null> {
    return tenants.byId(this.q, id);
  }

  async tenantByKeyHash(hash: string): Promise<TenantWithSecrets | null> {
    return tenants.byKeyHash(this.q, hash);
  }

  async registerOfficer(o: Officer, actor: Actor): Promise<Officer> {
    if (!(await tenants.byId(this.q, o.tenantId))) throw appError('TENANT_NOT_FOUND');
    return this.tx(async (c) => {
      const saved = await officers.upsertSecurityOfficer(c, o);
      await this.appendAudit(c, actor, 'tenant.officer', { type: 'tenant', id: o.tenantId }, { officerId: saved.id });
      return saved;
    });
  }

  async officerRegistered(tenantId: string): Promise<boolean> {
    return officers.hasCompleteSecurityOfficer(this.q, tenantId);
  }

  async createUser(user: User, passwordHash: string, actor: Actor): Promise<User> {
    return this.tx(async (c) => {
      if (!(await users.insert(c, user, passwordHash))) throw appError('USERNAME_TAKEN');
      await this.appendAudit(c, actor, 'user.create', { type: 'user', id: user.id }, { username: user.username, role: user.role });
      return user;
    });
  }

  async userWithHash(username: string): Promise<{ user: User; passwordHash: string } | null> {
    return users.withHash(this.q, username);
  }

  async getUser(id: string): Promise<User | null> {
    return users.byId(this.q, id);
  }

  async countUsers(): Promise<number> {
    return users.count(this.q);
  }

  async createSession(idHash: string, s: Session, ip: string | null, actor: Actor): Promise<void> {
    await this.tx(async (c) => {
      await sessions.insert(c, idHash, s, ip);
      await this.appendAudit(c, actor, 'auth.login', { type: 'user', id: s.userId }, {});
    });
  }

  async getSession(idHash: string): Promise<Session | null> {
    return sessions.get(this.q, idHash);
  }

  async touchSession(idHash: string, lastSeenAt: string, expiresAt: string): Promise<void> {
    await sessions.touch(this.q, idHash, lastSeenAt, expiresAt);
  }

  async deleteSession(idHash: string, actor: Actor | null): Promise<void> {
    await this.tx(async (c) => {
      const s = await sessions.get(c, idHash);
      await sessions.delete(c, idHash);
      if (s && actor) await this.appendAudit(c, actor, 'auth.logout', { type: 'user', id: s.userId }, {});
    });
  }

  // ── ingest ─────────────────────────────────────────────────────────────
  /**
   * Stores a new item with its image records and the outbox row that will screen it, in one transaction.
   * Idempotent on (tenant, externalId): the same body returns the existing item; another body is a 409.
   */
  async ingest(item: NewItem, imgs: ImageRecord[]): Promise<{ item: Item; created: boolean }> {
    return new Promise((resolve, reject) => {
      this.ingestQueue.push({ item, images: imgs, resolve, reject });
      if (this.ingestQueue.length === 1) setImmediate(() => void this.flushIngest());
    });
  }

  /**
   * Group commit, as in SQLite: the ingests of one event-loop turn share a transaction (one WAL flush), and here a
   * handful of statements for the whole batch rather than a few round trips per item. Each ingest still gets its own
   * answer: a conflict fails only that one.
   */
  private async flushIngest(): Promise<void> {
    const batch = this.ingestQueue.splice(0);
    let outcomes: Array<{ item: Item; created: boolean } | AppError> = [];
    try {
      outcomes = await this.tx((c) => this.ingestBatch(c, batch));
    } catch (error) {
      // The transaction rolled back: nothing of this batch was stored.
      for (const b of batch) b.reject(error);
      return;
    }
    batch.forEach((b, i) => {
      const o = outcomes[i];
      if (o instanceof AppError) b.reject(o);
      else b.resolve(o);
    });
  }

  private async ingestBatch(c: Sql, batch: Array<{ item: NewItem; images: ImageRecord[] }>): Promise<Array<{ item: Item; created: boolean } | AppError>> {
    const created = await items.insertNew(
      c,
      batch.map((b) => b.item),
    );
    const fresh = batch.filter((b) => created.has(b.item.id));
    const repeated = batch.filter((b) => !created.has(b.item.id));
    await images.insertMany(
      c,
      fresh.flatMap((b) => b.images),
    );
    await outbox.addMany(
      c,
      fresh.map((b) => ({ topic: 'screen', jobId: jobIds.screen(b.item.id), payload: { itemId: b.item.id }, createdAt: b.item.createdAt })),
    );
    // A repeated post stored its image bytes under the id it would have had: they belong to nothing.
    await imageBlobs.removeItems(
      c,
      repeated.filter((b) => b.images.length).map((b) => b.item.id),
    );
    const existing = await items.byExternalIds(
      c,
      repeated.map((b) => b.item),
    );
    const byKey = new Map(existing.map((i) => [`${i.tenantId}\u0000${i.externalId}`, i]));
    return batch.map(({ item }) => {
      if (created.has(item.id))
        return { item: { ...item, status: 'screening', risk: 0, suggestion: null, legalHold: false, updatedAt: item.createdAt }, created: true };
      const found = byKey.get(`${item.tenantId}\u0000${item.externalId}`);
      if (!found) throw new Error(`ingest: item ${item.tenantId}/${item.externalId} neither inserted nor found`);
      if (found.bodyHash !== item.bodyHash) {
        return appError('IDEMPOTENCY_CONFLICT');
      }
      return { item: found, created: false };
    });
  }

  async getItem(id: string): Promise<Item | null> {
    return items.byId(this.q, id);
  }

  async getVerdict(itemId: string): Promise<StoredVerdict | null> {
    return verdicts.forItem(this.q, itemId);
  }

  async decisionById(id: string): Promise<Decision | null> {
    return decisions.byId(this.q, id);
  }

  async latestDecision(itemId: string): Promise<Decision | null> {
    return decisions.latestForItem(this.q, itemId);
  }

  async imagesOf(itemId: string): Promise<ImageRecord[]> {
    return images.forItem(this.q, itemId);
  }

  // ── screening ──────────────────────────────────────────────────────────
  /**
   * Records the filter's verdict and moves the item out of `screening`, with the next work order.
   * Returns false (and changes nothing) when the item is no longer in `screening`: a job that ran twice.
   */
  async recordVerdict(itemId: string, verdict: Verdict, imageInfo: ImageInfo[] = []): Promise<boolean> {
    return this.tx(async (c) => {
      const item = await items.byId(c, itemId, true);
      if (!item || item.status !== 'screening') return false;
      const now = new Date().toISOString();
      await verdicts.insert(c, { itemId, suggestion: verdict.suggestion, risk: verdict.risk, body: verdict, createdAt: now });
      if (verdict.shadowHits?.length) await shadowHits.record(c, itemId, verdict.shadowHits, now);
      await items.setScore(c, itemId, verdict.risk, verdict.suggestion);
      for (const info of imageInfo) await images.setAnalysis(c, itemId, info.index, info);
      if (verdict.suggestion === 'block') {
        await items.transition(c, itemId, 'screening', 'blocked', now);
        const categories = [...new Set(verdict.labels.map((l) => l.category))];
        const decision: Decision = { id: newId('dc'), itemId, userId: null, leaseId: null, action: 'block', categories, note: null, decidedAt: now };
        await decisions.insert(c, decision);
        await this.enqueueDelivery(c, item, decision, 'content.blocked', 'blocked', now);
      } else {
        await items.transition(c, itemId, 'screening', 'pending_review', now);
        await outbox.add(c, { topic: 'review', jobId: jobIds.review(itemId), payload: { itemId }, priority: reviewPriority(verdict.risk) }, now);
      }
      return true;
    });
  }

  private async enqueueDelivery(
    c: Sql,
    item: Item,
    decision: Decision,
    type: string,
    status: ItemStatus,
    now: string,
    extra: Record<string, unknown> = {},
  ): Promise<boolean> {
    const tenant = await tenants.byId(c, item.tenantId);
    if (!tenant?.callbackUrl) return false;
    const delivery = webhookDelivery(item, decision, type, status, now, newId('dl'), extra);
    await deliveries.insert(c, delivery);
    await outbox.add(c, { topic: 'publish', jobId: jobIds.publish(decision.id), payload: { deliveryId: delivery.id } }, now);
    return true;
  }

  // ── review ─────────────────────────────────────────────────────────────
  /**
   * Mirrors a BullMQ claim: the item goes to `in_review` under a new lease.
   * Returns null when the item is not waiting in that queue any more (a stale job).
   */
  async openLease(input: OpenLeaseInput): Promise<{ lease: Lease; item: Item } | null> {
    return this.lightTx(async (c) => {
      const now = new Date();
      const waiting = (await items.byId(c, input.itemId, true))?.status;
      // The escalated queue serves escalated items and appeals alike (CONTRACT §12).
      const from: ItemStatus = input.queue === 'review' ? 'pending_review' : waiting === 'appealed' ? 'appealed' : 'escalated';
      if (!(await items.transition(c, input.itemId, from, 'in_review', now.toISOString()))) return null;
      const lease: Lease = {
        id: input.leaseId,
        itemId: input.itemId,
        userId: input.user.id,
        queue: input.queue,
        jobId: input.jobId,
        claimedAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + input.leaseSeconds * 1000).toISOString(),
        endedAt: null,
        endReason: null,
      };
      await leases.insert(c, lease);
      await this.appendAudit(
        c,
        { type: 'user', id: input.user.id, name: input.user.username, ip: input.ip },
        'review.claim',
        { type: 'item', id: input.itemId },
        { leaseId: lease.id, queue: input.queue },
      );
      return { lease, item: (await items.byId(c, input.itemId)) as Item };
    });
  }

  /** Checks that `leaseId` is open, unexpired and `userId`'s, or throws the 404/409 the API answers with. */
  private async liveLease(c: Sql, leaseId: string, userId: string, now: string): Promise<Lease> {
    const lease = await leases.byId(c, leaseId, true);
    if (!lease) throw appError('LEASE_NOT_FOUND');
    if (lease.userId !== userId) throw appError('LEASE_NOT_YOURS');
    if (lease.endedAt || lease.expiresAt <= now) throw appError('LEASE_EXPIRED');
    return lease;
  }

  async getLease(leaseId: string): Promise<Lease | null> {
    return leases.byId(this.q, leaseId);
  }

  async extendLease(leaseId: string, userId: string, seconds: number): Promise<Lease> {
    return this.lightTx(async (c) => {
      const now = new Date();
      await this.liveLease(c, leaseId, userId, now.toISOString());
      const expiresAt = new Date(now.getTime() + seconds * 1000).toISOString();
      if (!(await leases.extend(c, leaseId, now.toISOString(), expiresAt))) throw appError('LEASE_EXPIRED');
      return (await leases.byId(c, leaseId)) as Lease;
    });
  }

  /** A moderator's decision, its audit row and its outbox row, in one transaction (DESIGN: publishing). */
  async decide(input: DecideInput): Promise<DecideResult> {
    return this.tx(async (c) => {
      const now = new Date().toISOString();
      const lease = await this.liveLease(c, input.leaseId, input.user.id, now);
      if (!(REVIEWER_ROLES as readonly Role[]).includes(input.user.role)) throw appError('ROLE_GUARD');
      const item = await items.byId(c, lease.itemId, true);
      if (!item || item.status !== 'in_review') throw appError('STATUS_GUARD', 'item is not in review');
      const decision: Decision = {
        id: newId('dc'),
        itemId: item.id,
        userId: input.user.id,
        leaseId: lease.id,
        action: input.action,
        categories: input.categories,
        note: input.note,
        decidedAt: now,
      };
      const appeal = await appeals.pendingForItem(c, item.id);
      await decisions.insert(c, decision);
      await leases.end(c, lease.id, now, 'decided');
      let sent = false;
      if (appeal) {
        sent = await this.decideAppeal(c, appeal, item, decision, now);
      } else if (input.action === 'approve') {
        await items.transition(c, item.id, 'in_review', 'approved', now);
        sent = await this.enqueueDelivery(c, item, decision, 'content.approved', 'approved', now);
        // A tenant that polls learns of the approval by reading it: publication is the approval itself.
        if (!sent) await items.transition(c, item.id, 'approved', 'published', now);
      } else if (input.action === 'reject') {
        await items.transition(c, item.id, 'in_review', 'rejected', now);
        sent = await this.enqueueDelivery(c, item, decision, 'content.rejected', 'rejected', now);
      } else {
        await items.transition(c, item.id, 'in_review', 'escalated', now);
        await outbox.add(
          c,
          { topic: 'escalated', jobId: jobIds.escalated(item.id, decision.id), payload: { itemId: item.id }, priority: reviewPriority(item.risk) },
          now,
        );
        sent = true;
      }
      // Every staff approval or rejection teaches the tenant's filter (CONTRACT §11), committed with the decision.
      if (input.action !== 'escalate') {
        const rejectedAs = input.action === 'reject' ? (input.categories as Category[]) : [];
        await learning.add(c, { tenantId: item.tenantId, itemId: item.id, decisionId: decision.id, title: item.title, text: item.text, rejectedAs }, now);
      }
      await this.appendAudit(
        c,
        { type: 'user', id: input.user.id, name: input.user.username, ip: input.ip },
        appeal ? `appeal.${input.action}` : `review.${input.action}`,
        { type: 'item', id: item.id },
        { decisionId: decision.id, categories: input.categories, note: input.note, ...(appeal ? { appealId: appeal.id } : {}) },
      );
      return { decision, item: (await items.byId(c, item.id)) as Item, outbox: sent };
    });
  }

  // ── learning from moderators (CONTRACT §11) ────────────────────────────
  async learningExamples(tenantId: string, afterSeq: number, limit = 5000): Promise<StoredExample[]> {
    return learning.since(this.q, tenantId, afterSeq, limit);
  }

  async learningGeneration(tenantId: string): Promise<number> {
    return learning.generation(this.q, tenantId);
  }

  async learningSummary(tenantId: string): Promise<LearningSummary> {
    return learning.summary(this.q, tenantId);
  }

  async resetLearning(tenantId: string, actor: Actor): Promise<number> {
    return this.tx(async (c) => {
      const deleted = await learning.reset(c, tenantId, new Date().toISOString());
      await this.appendAudit(c, actor, 'learning.reset', { type: 'tenant', id: tenantId }, { examples: deleted });
      return deleted;
    });
  }

  /** Ends expired leases and puts their items back where they were waiting. */
  async expireLeases(now = new Date().toISOString()): Promise<Lease[]> {
    const ended: Lease[] = [];
    for (const lease of await leases.expired(this.q, now)) {
      if (await this.endLease(lease.id, 'expired')) ended.push(lease);
    }
    return ended;
  }

  /** Ends one open lease (expired, or lost in Redis) and returns its item to the queue it came from. */
  async endLease(leaseId: string, reason: string): Promise<boolean> {
    return this.tx(async (c) => {
      const now = new Date().toISOString();
      const lease = await leases.byId(c, leaseId, true);
      if (!lease || !(await leases.end(c, lease.id, now, reason))) return false;
      const appealPending = lease.queue === 'escalated' && !!(await appeals.pendingForItem(c, lease.itemId));
      await items.transition(c, lease.itemId, 'in_review', statusAfterLease(lease, appealPending), now);
      return true;
    });
  }

  // ── appeals (CONTRACT §12) ─────────────────────────────────────────────
  async createAppeal(tenantId: string, itemId: string, reason: string, actor: Actor): Promise<Appeal> {
    return this.tx(async (c) => {
      const item = await items.byId(c, itemId, true);
      if (!item || item.tenantId !== tenantId) throw appError('CONTENT_NOT_FOUND');
      const notAllowed = (why: string) => appError('APPEAL_NOT_ALLOWED', why);
      if (await appeals.forItem(c, itemId)) throw notAllowed('this item was appealed before');
      if (item.status !== 'blocked' && item.status !== 'rejected') throw notAllowed(`status is ${item.status}`);
      const original = await decisions.latestForItem(c, itemId);
      if (!original || (original.action !== 'block' && original.action !== 'reject')) throw notAllowed('no block or rejection to appeal');
      const now = new Date().toISOString();
      const appeal: Appeal = {
        id: newId('ap'),
        itemId,
        tenantId,
        reason,
        status: 'pending',
        originalDecisionId: original.id,
        originalUserId: original.userId,
        createdAt: now,
        decisionId: null,
        decidedBy: null,
        decidedAt: null,
      };
      await appeals.insert(c, appeal);
      if (!(await items.transition(c, itemId, item.status, 'appealed', now))) throw notAllowed('the item changed meanwhile');
      // An appeal is someone waiting for an answer about their own content: it goes to the front of the seniors' queue.
      await outbox.add(c, { topic: 'escalated', jobId: jobIds.appeal(appeal.id), payload: { itemId }, priority: 1 }, now);
      await this.appendAudit(c, actor, 'appeal.create', { type: 'item', id: itemId }, { appealId: appeal.id, originalDecisionId: original.id, reason });
      return appeal;
    });
  }

  async appealOf(itemId: string): Promise<Appeal | null> {
    return appeals.forItem(this.q, itemId);
  }

  async isOriginalDecider(itemId: string, userId: string): Promise<boolean> {
    return (await appeals.pendingForItem(this.q, itemId))?.originalUserId === userId;
  }

  async escalatedJobId(itemId: string): Promise<string> {
    return escalatedJobIdOf(itemId, await decisions.latestForItem(this.q, itemId), await appeals.pendingForItem(this.q, itemId));
  }

  /** Inside `decide`: an approval publishes as usual (the webhook names the appeal), a rejection stands, an escalation waits again. */
  private async decideAppeal(c: Sql, appeal: Appeal, item: Item, decision: Decision, now: string): Promise<boolean> {
    const extra = { appeal: { id: appeal.id, reason: appeal.reason } };
    if (decision.action === 'escalate') {
      await items.transition(c, item.id, 'in_review', 'appealed', now);
      await outbox.add(c, { topic: 'escalated', jobId: jobIds.appeal(appeal.id, decision.id), payload: { itemId: item.id }, priority: 1 }, now);
      return true;
    }
    const approved = decision.action === 'approve';
    if (!(await appeals.decide(c, appeal.id, approved ? 'approved' : 'rejected', decision.id, decision.userId as string, now))) {
      throw appError('STATUS_GUARD');
    }
    if (!approved) {
      await items.transition(c, item.id, 'in_review', 'rejected', now);
      return this.enqueueDelivery(c, item, decision, 'content.appeal_rejected', 'rejected', now, extra);
    }
    await items.transition(c, item.id, 'in_review', 'approved', now);
    const sent = await this.enqueueDelivery(c, item, decision, 'content.approved', 'approved', now, extra);
    if (!sent) await items.transition(c, item.id, 'approved', 'published', now);
    return sent;
  }

  /** Appeal counts and overturn rates (approved appeals / decided appeals) per original moderator and per rule hit. */
  async appealStats(since: string): Promise<AppealStats> {
    return appealStatsOf(await appeals.countByStatus(this.q), await appeals.decidedSince(this.q, since));
  }

  // ── shadow rules and backtests (CONTRACT §13) ──────────────────────────
  async shadowRuleStats(since: string): Promise<ShadowRuleStats[]> {
    return shadowHits.stats(this.q, since);
  }

  /**
   * The stored items created since `since` (all of one tenant's when `tenantId` is set), oldest first, in batches
   * (keyset paging on created_at, id), each with the text its images yielded at screening and its latest human decision.
   */
  async *backtestItems(options: { since: string; tenantId?: string | null; batchSize?: number }): AsyncGenerator<BacktestItem[]> {
    const size = options.batchSize ?? 2000;
    let afterAt = '';
    let afterId = '';
    for (;;) {
      const page = await rows<{
        id: string;
        title: string | null;
        text: string | null;
        createdAt: string;
        verdict: string | null;
        decision: 'approve' | 'reject' | null;
      }>(
        this.q,
        `SELECT i.id, i.title, i.text, i.created_at AS "createdAt",
                CASE WHEN i.image_count > 0 THEN v.body END AS verdict,
                (SELECT d.action FROM decisions d WHERE d.item_id = i.id AND d.user_id IS NOT NULL AND d.action IN ('approve', 'reject')
                  ORDER BY d.seq DESC LIMIT 1) AS decision
         FROM items i LEFT JOIN verdicts v ON v.item_id = i.id
         WHERE i.created_at >= $1 AND ($2::text IS NULL OR i.tenant_id = $2) AND (i.created_at, i.id) > ($3, $4)
         ORDER BY i.created_at, i.id LIMIT $5`,
        [options.since, options.tenantId ?? null, afterAt, afterId, size],
      );
      if (page.length === 0) return;
      yield page.map((r) => ({ id: r.id, title: r.title, text: r.text, fields: ocrFields(r.verdict), decision: r.decision }));
      afterAt = page[page.length - 1].createdAt;
      afterId = page[page.length - 1].id;
      if (page.length < size) return;
    }
  }

  // ── outbox and deliveries ──────────────────────────────────────────────
  /**
   * Hands up to `limit` undispatched rows to `send` and marks them dispatched once it resolves, all in one
   * transaction that holds the rows' locks (FOR UPDATE SKIP LOCKED): a concurrent relay skips them, a failed `send`
   * rolls back and leaves them pending, and a relay that dies releases them with its connection.
   */
  async relayOutbox(limit: number, send: (rows: OutboxRow[]) => Promise<void>, olderThan?: string): Promise<number> {
    return this.lightTx(async (c) => {
      const claimed = await outbox.lockPending(c, limit, olderThan);
      if (claimed.length === 0) return 0;
      await send(claimed);
      // Losing this mark in a crash only means dispatching again, which deterministic job ids make harmless.
      await outbox.markDispatched(
        c,
        claimed.map((r) => r.id),
        new Date().toISOString(),
      );
      return claimed.length;
    });
  }

  /** What is waiting to be relayed (a plain read: it claims nothing). */
  async pendingOutbox(limit: number, olderThan?: string): Promise<OutboxRow[]> {
    return outbox.pending(this.q, limit, olderThan);
  }

  async addOutbox(message: OutboxMessage): Promise<void> {
    await outbox.add(this.q, message, new Date().toISOString());
  }

  async getDelivery(id: string): Promise<Delivery | null> {
    return deliveries.byId(this.q, id);
  }

  async recordAttempt(a: Attempt, nextAttemptAt: string | null): Promise<void> {
    await this.tx((c) => deliveries.recordAttempt(c, a, nextAttemptAt));
  }

  /** A 2xx answer: the delivery is done, and an approved item becomes `published` (guarded, once). */
  async markDelivered(deliveryId: string): Promise<boolean> {
    return this.tx(async (c) => {
      const now = new Date().toISOString();
      const d = await deliveries.byId(c, deliveryId);
      if (!d || !(await deliveries.markDelivered(c, deliveryId, now))) return false;
      if (d.type === 'content.approved') await items.transition(c, d.itemId, 'approved', 'published', now);
      return true;
    });
  }

  async markDeliveryFailed(deliveryId: string): Promise<boolean> {
    return deliveries.markFailed(this.q, deliveryId);
  }

  async pendingDeliveries(): Promise<Delivery[]> {
    return deliveries.pending(this.q);
  }

  // ── queries for reconciliation and the dashboard ───────────────────────
  async itemsInStatus(statuses: ItemStatus[]): Promise<Array<{ id: string; status: ItemStatus; risk: number; createdAt: string; updatedAt: string }>> {
    return items.idsInStatus(this.q, statuses);
  }

  async openLeases(): Promise<Lease[]> {
    return leases.open(this.q);
  }

  async queueStats(): Promise<QueueStats> {
    const byStatus = await items.countByStatus(this.q);
    return {
      waiting: byStatus.pending_review ?? 0,
      inReview: byStatus.in_review ?? 0,
      escalated: (byStatus.escalated ?? 0) + (byStatus.appealed ?? 0),
      oldestWaitingAt: await items.oldestCreatedAt(this.q, ['pending_review', 'escalated', 'appealed']),
      byStatus,
    };
  }

  async decisionsSince(since: string): Promise<number> {
    return decisions.countSince(this.q, since);
  }

  async tidy(now: string, dispatchedBefore: string): Promise<{ outbox: number; sessions: number }> {
    return this.tx(async (c) => ({ outbox: await outbox.deleteDispatchedBefore(c, dispatchedBefore), sessions: await sessions.deleteExpired(c, now) }));
  }

  async claimDailyRun(key: string, day: string): Promise<boolean> {
    return meta.claim(this.q, key, day);
  }

  async releaseDailyRun(key: string, day: string): Promise<void> {
    await meta.release(this.q, key, day);
  }

  // ── console: tenants, officers, users, deliveries, items, duty ─────────
  async listTenants(): Promise<TenantWithSecrets[]> {
    return tenants.list(this.q);
  }

  async updateTenant(id: string, patch: TenantPatch, actor: Actor, action: string, details: Record<string, unknown>): Promise<void> {
    await this.tx(async (c) => {
      if (!(await tenants.byId(c, id, true))) throw appError('TENANT_NOT_FOUND');
      await tenants.update(c, id, patch, new Date().toISOString());
      await this.appendAudit(c, actor, action, { type: 'tenant', id }, details);
    });
  }

  async officersOf(tenantId: string): Promise<Officer[]> {
    return officers.forTenant(this.q, tenantId);
  }

  async addReviewer(tenantId: string, details: { name: string; phone: string; email: string }, actor: Actor): Promise<Officer> {
    return this.tx((c) => officerRegistry.addReviewer(c, tenantId, details, actor));
  }

  async updateReviewer(tenantId: string, officerId: string, details: { name: string; phone: string; email: string }, actor: Actor): Promise<Officer> {
    return this.tx((c) => officerRegistry.updateReviewer(c, tenantId, officerId, details, actor));
  }

  async removeReviewer(tenantId: string, officerId: string, actor: Actor): Promise<void> {
    await this.tx((c) => officerRegistry.removeReviewer(c, tenantId, officerId, actor));
  }

  async confirmOfficer(tenantId: string, officerId: string, actor: Actor): Promise<Officer> {
    return this.tx((c) => officerRegistry.confirm(c, tenantId, officerId, actor));
  }

  async staleOfficers(days: number, now?: number): Promise<StaleOfficer[]> {
    return officerRegistry.stale(this.q, days, now);
  }

  async remindStaleOfficers(days: number, now?: number): Promise<number> {
    let n = 0;
    for (const o of await officerRegistry.stale(this.q, days, now)) {
      if (await this.tx((c) => officerRegistry.remindOnce(c, o, days))) n++;
    }
    return n;
  }

  async incidentOfficerEmails(incidentId: string): Promise<string[]> {
    return (
      await rows<{ email: string }>(
        this.q,
        `SELECT DISTINCT o.email FROM officers o WHERE o.kind = 'security_officer' AND (
           NOT EXISTS (SELECT 1 FROM incident_items WHERE incident_id = $1)
           OR o.tenant_id IN (SELECT i.tenant_id FROM incident_items x JOIN items i ON i.id = x.item_id WHERE x.incident_id = $1))`,
        [incidentId],
      )
    ).map((r) => r.email);
  }

  async listUsers(): Promise<User[]> {
    return users.list(this.q);
  }

  async updateUser(
    id: string,
    patch: UserPatch,
    actor: Actor,
    action: string,
    details: Record<string, unknown>,
    endSessions?: { mode: 'all' } | { mode: 'others'; keepSession: string },
  ): Promise<User> {
    return this.tx(async (c) => {
      // The admins are locked together, so two demotions at once cannot both pass the last-admin check.
      const admins = await rows<{ id: string }>(c, `SELECT id FROM users WHERE role = 'admin' AND NOT disabled ORDER BY id FOR UPDATE`);
      const target = await users.byId(c, id);
      if (!target) throw appError('USER_NOT_FOUND');
      const dropsAdmin = target.role === 'admin' && ((patch.role && patch.role !== 'admin') || patch.disabled === true);
      if (dropsAdmin && admins.length <= 1) throw appError('LAST_ADMIN');
      await users.update(c, id, patch);
      if (endSessions?.mode === 'all') await sessions.deleteForUser(c, id);
      if (endSessions?.mode === 'others') await sessions.deleteOthersOfUser(c, id, endSessions.keepSession);
      await this.appendAudit(c, actor, action, { type: 'user', id }, details);
      return (await users.byId(c, id)) as User;
    });
  }

  async listDeliveries(options: { limit: number; tenantId?: string; status?: string }): Promise<Delivery[]> {
    return deliveries.list(this.q, options);
  }

  async deliveryAttempts(deliveryId: string): Promise<Attempt[]> {
    return deliveries.attempts(this.q, deliveryId);
  }

  async replayDelivery(id: string, actor: Actor): Promise<Delivery> {
    return this.tx(async (c) => {
      const d = await deliveries.byId(c, id);
      if (!d) throw appError('DELIVERY_NOT_FOUND');
      if (!(await deliveries.reopen(c, id))) throw appError('NOT_FAILED');
      await outbox.add(c, { topic: 'publish', jobId: `publish-${d.decisionId}-r${d.attempts}`, payload: { deliveryId: d.id } }, new Date().toISOString());
      await this.appendAudit(c, actor, 'webhook.replay', { type: 'delivery', id }, {});
      return (await deliveries.byId(c, id)) as Delivery;
    });
  }

  async searchItems(filter: ItemFilter): Promise<{ rows: ItemSummary[]; total: number }> {
    return itemSearch.search(this.q, filter);
  }

  async authorHistory(item: Item, limit: number): Promise<ItemSummary[]> {
    return itemSearch.authorHistory(this.q, item, limit);
  }

  async leasesOfUser(userId: string, now: string): Promise<Lease[]> {
    return leases.openForUser(this.q, userId, now);
  }

  async decisionsOf(itemId: string): Promise<Decision[]> {
    return decisions.forItem(this.q, itemId);
  }

  async waitingItems(tenantId: string, limit: number): Promise<WaitingItem[]> {
    return learning.waiting(this.q, tenantId, limit);
  }

  async clockIn(user: User, actor: Actor): Promise<boolean> {
    return this.tx(async (c) => {
      if (!(await shifts.start(c, newId('sh'), user.id, new Date().toISOString()))) return false;
      await this.appendAudit(c, actor, 'duty.clock_in', { type: 'user', id: user.id }, {});
      return true;
    });
  }

  async clockOut(user: User, actor: Actor): Promise<boolean> {
    return this.tx(async (c) => {
      if (!(await shifts.end(c, user.id, new Date().toISOString()))) return false;
      await this.appendAudit(c, actor, 'duty.clock_out', { type: 'user', id: user.id }, {});
      return true;
    });
  }

  async onDuty(): Promise<Shift[]> {
    return shifts.onDuty(this.q);
  }

  async recentShifts(limit: number): Promise<Shift[]> {
    return shifts.recent(this.q, limit);
  }

  // ── image bytes: in the database, so every machine serves them ────────
  async putImageBytes(itemId: string, index: number, variant: ImageVariant, data: Buffer): Promise<void> {
    await imageBlobs.put(this.q, itemId, index, variant, data, new Date().toISOString());
  }

  async imageBytes(itemId: string, index: number, variant: ImageVariant): Promise<Buffer | null> {
    return imageBlobs.get(this.q, itemId, index, variant);
  }

  async removeImageBytes(itemId: string): Promise<void> {
    await imageBlobs.removeItems(this.q, [itemId]);
  }

  async setLegalHold(itemId: string, hold: boolean, actor: Actor, details: Record<string, unknown>): Promise<void> {
    await this.tx((c) => legalHold.set(c, itemId, hold, actor, details));
  }

  // ── compliance ─────────────────────────────────────────────────────────
  async openIncident(input: OpenIncidentInput): Promise<Incident> {
    return this.tx((c) => incidents.open(c, input));
  }

  async getIncident(id: string): Promise<Incident | null> {
    return incidents.get(this.q, id);
  }

  async listIncidents(options?: { openOnly?: boolean; limit?: number }): Promise<Incident[]> {
    return incidents.list(this.q, options);
  }

  async incidentItems(id: string): Promise<Array<{ itemId: string; addedAt: string; status: string | null; legalHold: boolean }>> {
    return incidents.items(this.q, id);
  }

  async incidentSteps(id: string): Promise<IncidentStep[]> {
    return incidents.steps(this.q, id);
  }

  async incidentAlarms(id: string): Promise<IncidentAlarm[]> {
    return incidents.alarms(this.q, id);
  }

  async addIncidentStep(id: string, text: string, actor: Actor): Promise<IncidentStep> {
    return this.tx((c) => incidents.addStep(c, id, text, actor));
  }

  async addIncidentItems(id: string, itemIds: string[], actor: Actor): Promise<string[]> {
    return this.tx((c) => incidents.addItems(c, id, itemIds, actor));
  }

  async closeIncident(id: string, reportReference: string, summary: string | null, actor: Actor): Promise<Incident> {
    return this.tx((c) => incidents.close(c, id, reportReference, summary, actor));
  }

  async pendingAlarms(): Promise<Array<{ incidentId: string; kind: AlarmKind; dueAt: string }>> {
    return incidents.pendingAlarms(this.q);
  }

  async markAlarmSent(incidentId: string, kind: AlarmKind, result: string): Promise<boolean> {
    return this.tx((c) => incidents.markAlarmSent(c, incidentId, kind, result));
  }

  async planRetention(retentionDays: number, asOf: Date): Promise<RetentionPlan> {
    return retention.plan(this.q, retentionDays, asOf);
  }

  /** Short transactions of 200 items each (image bytes go with their items), so the pipeline keeps moving. */
  async purgeItems(plan: RetentionPlan, actor: Actor): Promise<string[]> {
    const purged: string[] = [];
    for (let i = 0; i < plan.purge.length; i += PURGE_BATCH) {
      const batch = plan.purge.slice(i, i + PURGE_BATCH);
      purged.push(...(await this.tx((c) => retention.purgeBatch(c, plan, batch, actor))));
    }
    return purged;
  }

  async exportItems(filters: ExportFilters, each: (item: ExportedItem) => void): Promise<number> {
    const fromIso = dayStart(filters.from);
    const toIso = new Date(Date.parse(dayStart(filters.to)) + DAY_MS).toISOString();
    return this.tx(async (c) => {
      await c.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
      let n = 0;
      for await (const line of exportLines(c, { fromIso, toIso, tenantId: filters.tenantId, authorId: filters.authorId, keyword: filters.keyword })) {
        each(line);
        n++;
      }
      return n;
    });
  }

  async recordExport(rec: Omit<ExportRecord, 'actor'>, actor: Actor): Promise<void> {
    await this.tx(async (c) => {
      await exportsRegister.insert(c, rec, actor);
      await this.appendAudit(
        c,
        actor,
        'export.create',
        { type: 'export', id: rec.id },
        { filters: rec.filters, rows: rec.rows, sha256: rec.sha256, file: rec.file, reason: rec.reason ?? '(no legal basis given)', requester: rec.requester },
      );
    });
  }

  async getExport(id: string): Promise<ExportRecord | null> {
    return exportsRegister.get(this.q, id);
  }

  async listExports(limit?: number): Promise<ExportRecord[]> {
    return exportsRegister.list(this.q, limit);
  }

  // ── rule packs edited in the console (not in the Store interface yet: the console still writes pack files) ──
  /** The packs saved through the console, shared by every machine's rules reloader. */
  async saveRulePack(
    name: string,
    yaml: string,
    hash: string,
    actor: Actor,
    details: Record<string, unknown>,
    audit?: { action: string; target: { type: string; id: string } },
  ): Promise<void> {
    await this.tx(async (c) => {
      await rulePacks.save(c, name, yaml, hash, new Date().toISOString());
      await this.appendAudit(c, actor, audit?.action ?? 'rules.save', audit?.target ?? { type: 'rule_pack', id: name }, details);
    });
  }

  async rulePacks(): Promise<RulePack[]> {
    return rulePacks.list(this.q);
  }

  async rulePacksVersion(): Promise<number> {
    return rulePacks.version(this.q);
  }

  /** A consistent online copy of the whole store, image bytes included, from one snapshot (store/postgres/backup.ts). */
  async backupTo(file: string, _options: { imagesTo: string | null }): Promise<BackupInfo> {
    const { auditSeq } = await dumpTo(this.pool, file);
    return { auditSeq, images: null };
  }

  /** Loads a backup made by backupTo into this store's database, which must be empty (not in the Store interface yet). */
  async restoreBackup(file: string): Promise<{ tables: number; rows: number; auditSeq: number }> {
    return restoreFrom(this.pool, file);
  }
}
