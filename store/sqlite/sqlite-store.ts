import type { Category } from '../../rules/categories';
import type { BacktestItem } from '../../rules/backtest';
import type { Verdict } from '../../rules/types';
import { AppError, appError } from '../../lib/errors';
import { REVIEWER_ROLES } from '../../lib/roles';
import { newId } from '../../lib/ids';
import { AppealsTable } from './appeals';
import { AuditTable } from './audit';
import { LearningTable, type LearningSummary, type StoredExample } from './learning';
import { ShadowHitsTable, type ShadowRuleStats } from './shadow-hits';
import { openDb, storePath, type Db, type OpenOptions } from './db';
import { DeliveriesTable, type Attempt } from './deliveries';
import { ImagesTable, ItemsTable, VerdictsTable, type NewItem } from './items';
import { OutboxTable, type OutboxMessage } from './outbox';
import { WalSync } from './wal-sync';
import { appealStatsOf, asGuardRefusal, auditFields, escalatedJobIdOf, ocrFields, statusAfterLease, webhookDelivery } from '../store-rules';
import { DecisionsTable, LeasesTable } from './review';
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
  User,
} from '../rows';
import { OfficersTable, TenantsTable, publicTenant, type TenantWithSecrets } from './tenants';
import { SessionsTable, UsersTable } from './users';
import { ImageFiles } from './image-files';
import { ShiftsTable, type Shift } from './shifts';
import { ItemSearch, type ItemFilter, type ItemSummary } from './item-search';
import { flushAnchor, readAnchor, resetAnchor } from './audit-anchor';
import { verifyAuditTrail, type AuditVerification } from './audit-verify';
import {
  addReviewer,
  confirmOfficer,
  officersOf,
  remindStaleOfficers,
  removeReviewer,
  staleOfficers,
  updateReviewer,
  type StaleOfficer,
} from './officer-registry';
import {
  addIncidentItems,
  addIncidentStep,
  closeIncident,
  getIncident,
  incidentAlarms,
  incidentItems,
  incidentSteps,
  listIncidents,
  markAlarmSent,
  openIncident,
  pendingAlarms,
  type AlarmKind,
  type Incident,
  type IncidentAlarm,
  type IncidentStep,
  type OpenIncidentInput,
} from './incidents';
import { planRetention, purgeItems, type RetentionPlan } from './retention';
import { getExport, insertExport, listExports, type ExportFilters, type ExportRecord } from './exports';
import { exportItems, type ExportedItem } from './export-items';
import { backupSqlite } from './backup';
import { listRulePacks, rulePacksVersion, saveRulePack, type RulePack } from './rule-packs';
import type { WaitingItem } from './learning';
import {
  jobIds,
  reviewPriority,
  type BackupInfo,
  type ImageVariant,
  type TenantPatch,
  type UserPatch,
  type Actor,
  type DecideInput,
  type DecideResult,
  type Store,
  type AppealStats,
} from '../store';

/** SQLite's trigger messages become stable 409s: the store refused a state change. */
function guard<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw asGuardRefusal(err);
  }
}

/**
 * The repository: every state change of the pipeline, each in one SQLite transaction together with its
 * audit row and outbox row. Methods are async so that a PostgreSQL implementation can stand in.
 */
export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  /** For this implementation's own tests only: nothing outside store/ may use it. */
  readonly db: Db;
  private readonly imageFiles: ImageFiles;
  private appendedAudit = false;
  private readonly shifts: ShiftsTable;
  private readonly search: ItemSearch;
  readonly tenants: TenantsTable;
  readonly officers: OfficersTable;
  readonly users: UsersTable;
  readonly sessions: SessionsTable;
  readonly items: ItemsTable;
  readonly images: ImagesTable;
  readonly verdicts: VerdictsTable;
  readonly leases: LeasesTable;
  readonly decisions: DecisionsTable;
  readonly outbox: OutboxTable;
  readonly deliveries: DeliveriesTable;
  readonly appeals: AppealsTable;
  readonly shadowHits: ShadowHitsTable;
  readonly learning: LearningTable;
  readonly auditLog: AuditTable;
  private readonly ingestQueue: Array<{
    item: NewItem;
    images: ImageRecord[];
    resolve: (v: { item: Item; created: boolean }) => void;
    reject: (e: unknown) => void;
  }> = [];
  /** Flushes the WAL for durable ingests off the event loop; null where SQLite's own commit must do it (set on first ingest). */
  private ingestSync: WalSync | null | undefined;

  private readonly synchronous: 'FULL' | 'NORMAL';

  constructor(
    private readonly dataDir: string,
    options: OpenOptions = {},
  ) {
    this.db = openDb(dataDir, options);
    this.imageFiles = new ImageFiles(dataDir);
    this.shifts = new ShiftsTable(this.db);
    this.search = new ItemSearch(this.db);
    this.synchronous = options.synchronous ?? 'FULL';
    this.tenants = new TenantsTable(this.db);
    this.officers = new OfficersTable(this.db);
    this.users = new UsersTable(this.db);
    this.sessions = new SessionsTable(this.db);
    this.items = new ItemsTable(this.db);
    this.images = new ImagesTable(this.db);
    this.verdicts = new VerdictsTable(this.db);
    this.leases = new LeasesTable(this.db);
    this.decisions = new DecisionsTable(this.db);
    this.outbox = new OutboxTable(this.db);
    this.deliveries = new DeliveriesTable(this.db);
    this.appeals = new AppealsTable(this.db);
    this.shadowHits = new ShadowHitsTable(this.db);
    this.learning = new LearningTable(this.db);
    this.auditLog = new AuditTable(this.db);
  }

  /** Runs `fn` in one write transaction (BEGIN IMMEDIATE, so concurrent processes queue instead of failing mid-way). */
  tx<T>(fn: () => T): T {
    return guard(() => this.db.transaction(fn).immediate());
  }

  /**
   * A transaction whose loss in a power cut is harmless (a claim or a heartbeat: the lease would simply not
   * exist and the job returns to the queue), so it skips its own fsync; the next durable commit flushes it.
   * Process crashes lose nothing either way (WAL).
   */
  private lightTx<T>(fn: () => T): T {
    this.db.pragma('synchronous = NORMAL');
    try {
      return this.tx(fn);
    } finally {
      this.db.pragma(`synchronous = ${this.synchronous}`);
    }
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    // Mirror what this process appended (the microtask mirror may not have run yet). Only then: a process that merely
    // read must never write an anchor, or it would vouch for a log whose anchor someone deleted.
    if (this.appendedAudit) flushAnchor(this.db);
    this.db.close();
  }

  get location(): string {
    return storePath(this.dataDir);
  }

  async schemaVersion(): Promise<number> {
    return (this.db.prepare('SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations').get() as { v: number }).v;
  }

  async healthy(): Promise<boolean> {
    return this.db.open;
  }

  // ── audit ──────────────────────────────────────────────────────────────
  async audit(actor: Actor, action: string, target: { type: string; id: string } | null, details: Record<string, unknown> = {}): Promise<AuditEntry> {
    return this.tx(() => this.appendAudit(actor, action, target, details));
  }

  /** Appends an audit row; call it inside `tx()` so the row commits with the change it records. */
  appendAudit(actor: Actor, action: string, target: { type: string; id: string } | null, details: Record<string, unknown> = {}): AuditEntry {
    this.appendedAudit = true;
    return this.auditLog.append(auditFields(actor, action, target, details));
  }

  async verifyAudit(): Promise<ReturnType<AuditTable['verify']>> {
    return this.auditLog.verify();
  }

  // ── tenants, officers, users, sessions ─────────────────────────────────
  async createTenant(t: TenantWithSecrets, actor: Actor): Promise<Tenant> {
    this.tx(() => {
      this.tenants.insert(t);
      this.appendAudit(actor, 'tenant.create', { type: 'tenant', id: t.id }, { name: t.name, callbackUrl: t.callbackUrl });
    });
    return publicTenant(t);
  }

  async getTenant(id: string): Promise<TenantWithSecrets | null> {
    return this.tenants.byId(id);
  }

  async tenantByKeyHash(hash: string): Promise<TenantWithSecrets | null> {
    return this.tenants.byKeyHash(hash);
  }

  async registerOfficer(o: Officer, actor: Actor): Promise<Officer> {
    if (!this.tenants.byId(o.tenantId)) throw appError('TENANT_NOT_FOUND');
    return this.tx(() => {
      const saved = this.officers.upsertSecurityOfficer(o);
      this.appendAudit(actor, 'tenant.officer', { type: 'tenant', id: o.tenantId }, { officerId: saved.id });
      return saved;
    });
  }

  async officerRegistered(tenantId: string): Promise<boolean> {
    return this.officers.hasCompleteSecurityOfficer(tenantId);
  }

  async createUser(user: User, passwordHash: string, actor: Actor): Promise<User> {
    return this.tx(() => {
      if (this.users.withHash(user.username)) throw appError('USERNAME_TAKEN');
      this.users.insert(user, passwordHash);
      this.appendAudit(actor, 'user.create', { type: 'user', id: user.id }, { username: user.username, role: user.role });
      return user;
    });
  }

  async userWithHash(username: string): Promise<{ user: User; passwordHash: string } | null> {
    return this.users.withHash(username);
  }

  async getUser(id: string): Promise<User | null> {
    return this.users.byId(id);
  }

  async countUsers(): Promise<number> {
    return this.users.count();
  }

  async createSession(idHash: string, s: Session, ip: string | null, actor: Actor): Promise<void> {
    this.tx(() => {
      this.sessions.insert(idHash, s, ip);
      this.appendAudit(actor, 'auth.login', { type: 'user', id: s.userId }, {});
    });
  }

  async getSession(idHash: string): Promise<Session | null> {
    return this.sessions.get(idHash);
  }

  async touchSession(idHash: string, lastSeenAt: string, expiresAt: string): Promise<void> {
    this.sessions.touch(idHash, lastSeenAt, expiresAt);
  }

  async deleteSession(idHash: string, actor: Actor | null): Promise<void> {
    this.tx(() => {
      const s = this.sessions.get(idHash);
      this.sessions.delete(idHash);
      if (s && actor) this.appendAudit(actor, 'auth.logout', { type: 'user', id: s.userId }, {});
    });
  }

  // ── ingest ─────────────────────────────────────────────────────────────
  /**
   * Stores a new item with its image records and the outbox row that will screen it, in one transaction.
   * Idempotent on (tenant, externalId): the same body returns the existing item; another body is a 409.
   */
  async ingest(item: NewItem, images: ImageRecord[]): Promise<{ item: Item; created: boolean }> {
    return new Promise((resolve, reject) => {
      this.ingestQueue.push({ item, images, resolve, reject });
      if (this.ingestQueue.length === 1) setImmediate(() => this.flushIngest());
    });
  }

  /**
   * Group commit: the ingests of one event-loop turn share one transaction and one fsync. The transaction commits
   * without its own fsync; the WAL is flushed in the thread pool at once, and nobody is answered before that has
   * finished, so each answer still means "on disk" while the event loop parses the next requests instead of waiting
   * for the disk (which under a neighbour's writes took 10–30 ms per fsync and stalled every connection).
   * Each item still gets its own answer (a conflict fails only that item).
   */
  private flushIngest(): void {
    const batch = this.ingestQueue.splice(0);
    const outcomes: Array<{ ok: true; value: { item: Item; created: boolean } } | { ok: false; error: unknown }> = [];
    const sync = this.ingestWalSync();
    const store = (): void => {
      for (const { item, images } of batch) {
        try {
          outcomes.push({ ok: true, value: this.ingestOne(item, images) });
        } catch (error) {
          if (!(error instanceof AppError && error.status === 409)) throw error;
          outcomes.push({ ok: false, error });
        }
      }
    };
    try {
      if (sync) this.lightTx(store);
      else this.tx(store);
    } catch (error) {
      // The transaction rolled back: nothing of this batch was stored.
      for (const b of batch) b.reject(error);
      return;
    }
    const answer = (): void =>
      batch.forEach((b, i) => {
        const o = outcomes[i];
        if (o.ok) b.resolve(o.value);
        else b.reject(o.error);
      });
    if (!sync) return answer();
    // A 200 or 409 may rest on an item an earlier batch stored moments ago: every answer waits for the flush.
    sync.flush().then(answer, (error: unknown) => batch.forEach((b) => b.reject(error)));
  }

  /** The WAL flusher when ingests must be durable (synchronous=FULL, WAL journal); null when SQLite's commit decides. */
  private ingestWalSync(): WalSync | null {
    if (this.ingestSync === undefined) {
      const wal = this.synchronous === 'FULL' && this.db.pragma('journal_mode', { simple: true }) === 'wal';
      this.ingestSync = wal ? new WalSync(`${this.db.name}-wal`) : null;
    }
    return this.ingestSync;
  }

  private ingestOne(item: NewItem, images: ImageRecord[]): { item: Item; created: boolean } {
    const existing = this.items.byExternalId(item.tenantId, item.externalId);
    if (existing) {
      if (existing.bodyHash !== item.bodyHash) {
        throw appError('IDEMPOTENCY_CONFLICT');
      }
      return { item: existing, created: false };
    }
    this.items.insert(item);
    for (const img of images) this.images.insert(img);
    this.outbox.add({ topic: 'screen', jobId: jobIds.screen(item.id), payload: { itemId: item.id } }, item.createdAt);
    const stored: Item = { ...item, status: 'screening', risk: 0, suggestion: null, legalHold: false, updatedAt: item.createdAt };
    return { item: stored, created: true };
  }

  async getItem(id: string): Promise<Item | null> {
    return this.items.byId(id);
  }

  async getVerdict(itemId: string): Promise<StoredVerdict | null> {
    return this.verdicts.forItem(itemId);
  }

  async decisionById(id: string): Promise<Decision | null> {
    return this.decisions.byId(id);
  }

  async latestDecision(itemId: string): Promise<Decision | null> {
    return this.decisions.latestForItem(itemId);
  }

  async imagesOf(itemId: string): Promise<ImageRecord[]> {
    return this.images.forItem(itemId);
  }

  // ── screening ──────────────────────────────────────────────────────────
  /**
   * Records the filter's verdict and moves the item out of `screening`, with the next work order.
   * Returns false (and changes nothing) when the item is no longer in `screening`: a job that ran twice.
   */
  async recordVerdict(
    itemId: string,
    verdict: Verdict,
    imageInfo: Array<{ index: number; width: number | null; height: number | null; phash: string | null; storedFormat: string | null }> = [],
  ): Promise<boolean> {
    return this.tx(() => {
      const item = this.items.byId(itemId);
      if (!item || item.status !== 'screening') return false;
      const now = new Date().toISOString();
      this.verdicts.insert({ itemId, suggestion: verdict.suggestion, risk: verdict.risk, body: verdict, createdAt: now });
      if (verdict.shadowHits?.length) this.shadowHits.record(itemId, verdict.shadowHits, now);
      this.items.setScore(itemId, verdict.risk, verdict.suggestion);
      for (const info of imageInfo) this.images.setAnalysis(itemId, info.index, info);
      if (verdict.suggestion === 'block') {
        if (!this.items.transition(itemId, 'screening', 'blocked', now)) return false;
        const categories = [...new Set(verdict.labels.map((l) => l.category))];
        const decision: Decision = { id: newId('dc'), itemId, userId: null, leaseId: null, action: 'block', categories, note: null, decidedAt: now };
        this.decisions.insert(decision);
        this.enqueueDelivery(item, decision, 'content.blocked', 'blocked', now);
      } else {
        if (!this.items.transition(itemId, 'screening', 'pending_review', now)) return false;
        this.outbox.add({ topic: 'review', jobId: jobIds.review(itemId), payload: { itemId }, priority: reviewPriority(verdict.risk) }, now);
      }
      return true;
    });
  }

  private enqueueDelivery(item: Item, decision: Decision, type: string, status: ItemStatus, now: string, extra: Record<string, unknown> = {}): boolean {
    const tenant = this.tenants.byId(item.tenantId);
    if (!tenant?.callbackUrl) return false;
    const delivery = webhookDelivery(item, decision, type, status, now, newId('dl'), extra);
    this.deliveries.insert(delivery);
    this.outbox.add({ topic: 'publish', jobId: jobIds.publish(decision.id), payload: { deliveryId: delivery.id } }, now);
    return true;
  }

  // ── review ─────────────────────────────────────────────────────────────
  /**
   * Mirrors a BullMQ claim: the item goes to `in_review` under a new lease.
   * Returns null when the item is not waiting in that queue any more (a stale job).
   */
  async openLease(input: {
    itemId: string;
    user: User;
    queue: Lease['queue'];
    jobId: string;
    leaseId: string;
    leaseSeconds: number;
    ip: string | null;
  }): Promise<{ lease: Lease; item: Item } | null> {
    return this.lightTx(() => {
      const now = new Date();
      const waiting = this.items.byId(input.itemId)?.status;
      // The escalated queue serves escalated items and appeals alike (CONTRACT §12).
      const from: ItemStatus = input.queue === 'review' ? 'pending_review' : waiting === 'appealed' ? 'appealed' : 'escalated';
      if (!this.items.transition(input.itemId, from, 'in_review', now.toISOString())) return null;
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
      this.leases.insert(lease);
      this.appendAudit(
        { type: 'user', id: input.user.id, name: input.user.username, ip: input.ip },
        'review.claim',
        { type: 'item', id: input.itemId },
        { leaseId: lease.id, queue: input.queue },
      );
      return { lease, item: this.items.byId(input.itemId) as Item };
    });
  }

  /** Checks that `leaseId` is open, unexpired and `userId`'s, or throws the 404/409 the API answers with. */
  private liveLease(leaseId: string, userId: string, now: string): Lease {
    const lease = this.leases.byId(leaseId);
    if (!lease) throw appError('LEASE_NOT_FOUND');
    if (lease.userId !== userId) throw appError('LEASE_NOT_YOURS');
    if (lease.endedAt || lease.expiresAt <= now) throw appError('LEASE_EXPIRED');
    return lease;
  }

  async getLease(leaseId: string): Promise<Lease | null> {
    return this.leases.byId(leaseId);
  }

  async extendLease(leaseId: string, userId: string, seconds: number): Promise<Lease> {
    return this.lightTx(() => {
      const now = new Date();
      this.liveLease(leaseId, userId, now.toISOString());
      const expiresAt = new Date(now.getTime() + seconds * 1000).toISOString();
      if (!this.leases.extend(leaseId, now.toISOString(), expiresAt)) throw appError('LEASE_EXPIRED');
      return this.leases.byId(leaseId) as Lease;
    });
  }

  /** A moderator's decision, its audit row and its outbox row, in one transaction (DESIGN: publishing). */
  async decide(input: DecideInput): Promise<DecideResult> {
    return this.tx(() => {
      const now = new Date().toISOString();
      const lease = this.liveLease(input.leaseId, input.user.id, now);
      if (!(REVIEWER_ROLES as readonly Role[]).includes(input.user.role)) throw appError('ROLE_GUARD');
      const item = this.items.byId(lease.itemId);
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
      const appeal = this.appeals.pendingForItem(item.id);
      this.decisions.insert(decision);
      this.leases.end(lease.id, now, 'decided');
      let outbox = false;
      if (appeal) {
        outbox = this.decideAppeal(appeal, item, decision, now);
      } else if (input.action === 'approve') {
        this.items.transition(item.id, 'in_review', 'approved', now);
        outbox = this.enqueueDelivery(item, decision, 'content.approved', 'approved', now);
        // A tenant that polls learns of the approval by reading it: publication is the approval itself.
        if (!outbox) this.items.transition(item.id, 'approved', 'published', now);
      } else if (input.action === 'reject') {
        this.items.transition(item.id, 'in_review', 'rejected', now);
        outbox = this.enqueueDelivery(item, decision, 'content.rejected', 'rejected', now);
      } else {
        this.items.transition(item.id, 'in_review', 'escalated', now);
        this.outbox.add(
          { topic: 'escalated', jobId: jobIds.escalated(item.id, decision.id), payload: { itemId: item.id }, priority: reviewPriority(item.risk) },
          now,
        );
        outbox = true;
      }
      // Every staff approval or rejection teaches the tenant's filter (CONTRACT §11), committed with the decision.
      if (input.action !== 'escalate') {
        const rejectedAs = input.action === 'reject' ? (input.categories as Category[]) : [];
        this.learning.add({ tenantId: item.tenantId, itemId: item.id, decisionId: decision.id, title: item.title, text: item.text, rejectedAs }, now);
      }
      this.appendAudit(
        { type: 'user', id: input.user.id, name: input.user.username, ip: input.ip },
        appeal ? `appeal.${input.action}` : `review.${input.action}`,
        { type: 'item', id: item.id },
        {
          decisionId: decision.id,
          categories: input.categories,
          note: input.note,
          ...(appeal ? { appealId: appeal.id } : {}),
        },
      );
      return { decision, item: this.items.byId(item.id) as Item, outbox };
    });
  }

  // ── learning from moderators (CONTRACT §11) ────────────────────────────
  /** A tenant's training examples after `afterSeq`, oldest first, at most `limit`. */
  async learningExamples(tenantId: string, afterSeq: number, limit = 5000): Promise<StoredExample[]> {
    return this.learning.since(tenantId, afterSeq, limit);
  }

  /** Bumped by each reset: a worker holding another generation drops its learned state. */
  async learningGeneration(tenantId: string): Promise<number> {
    return this.learning.generation(tenantId);
  }

  async learningSummary(tenantId: string): Promise<LearningSummary> {
    return this.learning.summary(tenantId);
  }

  /** Forgets what a tenant's decisions taught, audited as `learning.reset`. */
  async resetLearning(tenantId: string, actor: Actor): Promise<number> {
    return this.tx(() => {
      const deleted = this.learning.reset(tenantId, new Date().toISOString());
      this.appendAudit(actor, 'learning.reset', { type: 'tenant', id: tenantId }, { examples: deleted });
      return deleted;
    });
  }

  /** Ends expired leases and puts their items back where they were waiting. */
  async expireLeases(now = new Date().toISOString()): Promise<Lease[]> {
    const ended: Lease[] = [];
    for (const lease of this.leases.expired(now)) {
      if (await this.endLease(lease.id, 'expired')) ended.push(lease);
    }
    return ended;
  }

  /** Ends one open lease (expired, or lost in Redis) and returns its item to the queue it came from. */
  async endLease(leaseId: string, reason: string): Promise<boolean> {
    return this.tx(() => {
      const now = new Date().toISOString();
      const lease = this.leases.byId(leaseId);
      if (!lease || !this.leases.end(lease.id, now, reason)) return false;
      this.items.transition(lease.itemId, 'in_review', statusAfterLease(lease, !!this.appeals.pendingForItem(lease.itemId)), now);
      return true;
    });
  }

  // ── appeals (CONTRACT §12) ─────────────────────────────────────────────
  /**
   * A tenant appeals a block or a rejection: the item becomes `appealed` and waits in the escalated queue.
   * Once per item, and only from `blocked` or `rejected` (409 `APPEAL_NOT_ALLOWED` otherwise).
   */
  async createAppeal(tenantId: string, itemId: string, reason: string, actor: Actor): Promise<Appeal> {
    return this.tx(() => {
      const item = this.items.byId(itemId);
      if (!item || item.tenantId !== tenantId) throw appError('CONTENT_NOT_FOUND');
      const notAllowed = (why: string) => appError('APPEAL_NOT_ALLOWED', why);
      if (this.appeals.forItem(itemId)) throw notAllowed('this item was appealed before');
      if (item.status !== 'blocked' && item.status !== 'rejected') throw notAllowed(`status is ${item.status}`);
      const original = this.decisions.latestForItem(itemId);
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
      this.appeals.insert(appeal);
      if (!this.items.transition(itemId, item.status, 'appealed', now)) throw notAllowed('the item changed meanwhile');
      // An appeal is someone waiting for an answer about their own content: it goes to the front of the seniors' queue.
      this.outbox.add({ topic: 'escalated', jobId: jobIds.appeal(appeal.id), payload: { itemId }, priority: 1 }, now);
      this.appendAudit(actor, 'appeal.create', { type: 'item', id: itemId }, { appealId: appeal.id, originalDecisionId: original.id, reason });
      return appeal;
    });
  }

  async appealOf(itemId: string): Promise<Appeal | null> {
    return this.appeals.forItem(itemId);
  }

  /** True when `userId` made the decision that `itemId`'s pending appeal is against (they may not review it). */
  async isOriginalDecider(itemId: string, userId: string): Promise<boolean> {
    return this.appeals.pendingForItem(itemId)?.originalUserId === userId;
  }

  /** The escalated-queue job id an escalated or appealed item waits under (for the reconciler and bulk claims). */
  async escalatedJobId(itemId: string): Promise<string> {
    return escalatedJobIdOf(itemId, this.decisions.latestForItem(itemId), this.appeals.pendingForItem(itemId));
  }

  /** Inside `decide`: an approval publishes as usual (the webhook names the appeal), a rejection stands, an escalation waits again. */
  private decideAppeal(appeal: Appeal, item: Item, decision: Decision, now: string): boolean {
    const extra = { appeal: { id: appeal.id, reason: appeal.reason } };
    if (decision.action === 'escalate') {
      this.items.transition(item.id, 'in_review', 'appealed', now);
      this.outbox.add({ topic: 'escalated', jobId: jobIds.appeal(appeal.id, decision.id), payload: { itemId: item.id }, priority: 1 }, now);
      return true;
    }
    const approved = decision.action === 'approve';
    if (!this.appeals.decide(appeal.id, approved ? 'approved' : 'rejected', decision.id, decision.userId as string, now)) {
      throw appError('STATUS_GUARD');
    }
    if (!approved) {
      this.items.transition(item.id, 'in_review', 'rejected', now);
      return this.enqueueDelivery(item, decision, 'content.appeal_rejected', 'rejected', now, extra);
    }
    this.items.transition(item.id, 'in_review', 'approved', now);
    const outbox = this.enqueueDelivery(item, decision, 'content.approved', 'approved', now, extra);
    if (!outbox) this.items.transition(item.id, 'approved', 'published', now);
    return outbox;
  }

  /** Appeal counts and overturn rates (approved appeals / decided appeals) per original moderator and per rule hit. */
  async appealStats(since: string): Promise<AppealStats> {
    return appealStatsOf(this.appeals.countByStatus(), this.appeals.decidedSince(since));
  }

  // ── shadow rules and backtests (CONTRACT §13) ──────────────────────────
  /** Each shadow rule's hits on items screened since `since`, with the human decisions on those items. */
  async shadowRuleStats(since: string): Promise<ShadowRuleStats[]> {
    return this.shadowHits.stats(since);
  }

  /**
   * The stored items created since `since` (ISO date-time; all of one tenant's when `tenantId` is set), oldest
   * first, in batches, each with the text its images yielded at screening and its latest human decision. Read-only.
   */
  async *backtestItems(options: { since: string; tenantId?: string | null; batchSize?: number }): AsyncGenerator<BacktestItem[]> {
    const size = options.batchSize ?? 2000;
    const page = this.db.prepare(
      `SELECT i.id, i.title, i.text, i.created_at AS createdAt, i.image_count AS imageCount,
              CASE WHEN i.image_count > 0 THEN v.body END AS verdict,
              (SELECT d.action FROM decisions d WHERE d.item_id = i.id AND d.user_id IS NOT NULL AND d.action IN ('approve', 'reject')
                ORDER BY d.seq DESC LIMIT 1) AS decision
       FROM items i LEFT JOIN verdicts v ON v.item_id = i.id
       WHERE i.created_at >= @since AND (@tenant IS NULL OR i.tenant_id = @tenant) AND (i.created_at, i.id) > (@afterAt, @afterId)
       ORDER BY i.created_at, i.id LIMIT @size`,
    );
    let afterAt = '';
    let afterId = '';
    for (;;) {
      const rows = page.all({ since: options.since, tenant: options.tenantId ?? null, afterAt, afterId, size }) as Array<{
        id: string;
        title: string | null;
        text: string | null;
        createdAt: string;
        verdict: string | null;
        decision: 'approve' | 'reject' | null;
      }>;
      if (rows.length === 0) return;
      yield rows.map((r) => ({ id: r.id, title: r.title, text: r.text, fields: ocrFields(r.verdict), decision: r.decision }));
      afterAt = rows[rows.length - 1].createdAt;
      afterId = rows[rows.length - 1].id;
      if (rows.length < size) return;
    }
  }

  // ── outbox and deliveries ──────────────────────────────────────────────
  async pendingOutbox(limit: number, olderThan?: string): Promise<OutboxRow[]> {
    return this.outbox.pending(limit, olderThan);
  }

  /** One writer at a time in SQLite; two relays may read the same rows, and deterministic job ids make the double add harmless. */
  async relayOutbox(limit: number, send: (rows: OutboxRow[]) => Promise<void>, olderThan?: string): Promise<number> {
    const rows = this.outbox.pending(limit, olderThan);
    if (rows.length === 0) return 0;
    await send(rows);
    await this.markOutboxDispatched(rows.map((r) => r.id));
    return rows.length;
  }

  async markOutboxDispatched(ids: number[]): Promise<void> {
    // Losing these marks in a power cut only means dispatching again, which deterministic job ids make harmless.
    if (ids.length) this.lightTx(() => this.outbox.markDispatched(ids, new Date().toISOString()));
  }

  async addOutbox(message: OutboxMessage): Promise<void> {
    this.tx(() => this.outbox.add(message, new Date().toISOString()));
  }

  async getDelivery(id: string): Promise<Delivery | null> {
    return this.deliveries.byId(id);
  }

  async recordAttempt(a: Attempt, nextAttemptAt: string | null): Promise<void> {
    this.tx(() => this.deliveries.recordAttempt(a, nextAttemptAt));
  }

  /** A 2xx answer: the delivery is done, and an approved item becomes `published` (guarded, once). */
  async markDelivered(deliveryId: string): Promise<boolean> {
    return this.tx(() => {
      const now = new Date().toISOString();
      const d = this.deliveries.byId(deliveryId);
      if (!d || !this.deliveries.markDelivered(deliveryId, now)) return false;
      if (d.type === 'content.approved') this.items.transition(d.itemId, 'approved', 'published', now);
      return true;
    });
  }

  async markDeliveryFailed(deliveryId: string): Promise<boolean> {
    return this.tx(() => this.deliveries.markFailed(deliveryId));
  }

  async pendingDeliveries(): Promise<Delivery[]> {
    return this.deliveries.pending();
  }

  // ── queries for reconciliation and the dashboard ───────────────────────
  async itemsInStatus(statuses: ItemStatus[]): Promise<Array<{ id: string; status: ItemStatus; risk: number; createdAt: string; updatedAt: string }>> {
    return this.items.idsInStatus(statuses);
  }

  async openLeases(): Promise<Lease[]> {
    return this.leases.open();
  }

  async queueStats(): Promise<{ waiting: number; inReview: number; escalated: number; oldestWaitingAt: string | null; byStatus: Record<string, number> }> {
    const byStatus = this.items.countByStatus();
    return {
      waiting: byStatus.pending_review ?? 0,
      inReview: byStatus.in_review ?? 0,
      escalated: (byStatus.escalated ?? 0) + (byStatus.appealed ?? 0),
      oldestWaitingAt: this.items.oldestCreatedAt(['pending_review', 'escalated', 'appealed']),
      byStatus,
    };
  }

  async decisionsSince(since: string): Promise<number> {
    return this.decisions.countSince(since);
  }

  async tidy(now: string, dispatchedBefore: string): Promise<{ outbox: number; sessions: number }> {
    return this.tx(() => ({ outbox: this.outbox.deleteDispatchedBefore(dispatchedBefore), sessions: this.sessions.deleteExpired(now) }));
  }

  async claimDailyRun(key: string, day: string): Promise<boolean> {
    return this.tx(() => {
      const r = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
      if (r?.value === day) return false;
      this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, day);
      return true;
    });
  }

  async releaseDailyRun(key: string, day: string): Promise<void> {
    this.tx(() => this.db.prepare('DELETE FROM meta WHERE key = ? AND value = ?').run(key, day));
  }

  // ── audit, as the console and `audit verify` read it ───────────────────
  async listAudit(options: { limit: number; beforeSeq?: number; targetType?: string; targetId?: string }): Promise<AuditEntry[]> {
    return this.auditLog.list(options);
  }

  async verifyAuditTrail(): Promise<AuditVerification> {
    return verifyAuditTrail(this.db, this.dataDir);
  }

  async reanchorAudit(actor: Actor): Promise<void> {
    const previous = readAnchor(this.dataDir);
    const before = verifyAuditTrail(this.db, this.dataDir);
    resetAnchor(this.db, this.dataDir);
    await this.audit(actor, 'audit.reanchor', null, { previous, reason: before.ok ? null : before.reason });
    flushAnchor(this.db);
  }

  // ── console: tenants, officers, users, deliveries, items, duty ─────────
  async listTenants(): Promise<TenantWithSecrets[]> {
    return this.tenants.list();
  }

  async updateTenant(id: string, patch: TenantPatch, actor: Actor, action: string, details: Record<string, unknown>): Promise<void> {
    this.tx(() => {
      if (!this.tenants.byId(id)) throw appError('TENANT_NOT_FOUND');
      this.tenants.update(id, patch);
      this.appendAudit(actor, action, { type: 'tenant', id }, details);
    });
  }

  async officersOf(tenantId: string): Promise<Officer[]> {
    return officersOf(this, tenantId);
  }

  async addReviewer(tenantId: string, details: { name: string; phone: string; email: string }, actor: Actor): Promise<Officer> {
    return addReviewer(this, tenantId, details, actor);
  }

  async updateReviewer(tenantId: string, officerId: string, details: { name: string; phone: string; email: string }, actor: Actor): Promise<Officer> {
    return updateReviewer(this, tenantId, officerId, details, actor);
  }

  async removeReviewer(tenantId: string, officerId: string, actor: Actor): Promise<void> {
    removeReviewer(this, tenantId, officerId, actor);
  }

  async confirmOfficer(tenantId: string, officerId: string, actor: Actor): Promise<Officer> {
    return confirmOfficer(this, tenantId, officerId, actor);
  }

  async staleOfficers(days: number, now?: number): Promise<StaleOfficer[]> {
    return staleOfficers(this, days, now);
  }

  async remindStaleOfficers(days: number, now?: number): Promise<number> {
    return remindStaleOfficers(this, days, now);
  }

  async incidentOfficerEmails(incidentId: string): Promise<string[]> {
    const rows = this.db
      .prepare(
        `SELECT DISTINCT o.email FROM officers o WHERE o.kind = 'security_officer' AND (
          NOT EXISTS (SELECT 1 FROM incident_items WHERE incident_id = @id)
          OR o.tenant_id IN (SELECT i.tenant_id FROM incident_items x JOIN items i ON i.id = x.item_id WHERE x.incident_id = @id))`,
      )
      .all({ id: incidentId }) as Array<{ email: string }>;
    return rows.map((r) => r.email);
  }

  async listUsers(): Promise<User[]> {
    return this.users.list();
  }

  async updateUser(
    id: string,
    patch: UserPatch,
    actor: Actor,
    action: string,
    details: Record<string, unknown>,
    endSessions?: { mode: 'all' } | { mode: 'others'; keepSession: string },
  ): Promise<User> {
    return this.tx(() => {
      const target = this.users.byId(id);
      if (!target) throw appError('USER_NOT_FOUND');
      const dropsAdmin = target.role === 'admin' && ((patch.role && patch.role !== 'admin') || patch.disabled === true);
      if (dropsAdmin && this.users.list().filter((u) => u.role === 'admin' && !u.disabled).length <= 1) {
        throw appError('LAST_ADMIN');
      }
      this.users.update(id, patch);
      if (endSessions?.mode === 'all') this.sessions.deleteForUser(id);
      if (endSessions?.mode === 'others') this.sessions.deleteOthersOfUser(id, endSessions.keepSession);
      this.appendAudit(actor, action, { type: 'user', id }, details);
      return this.users.byId(id) as User;
    });
  }

  async listDeliveries(options: { limit: number; tenantId?: string; status?: string }): Promise<Delivery[]> {
    return this.deliveries.list(options);
  }

  async deliveryAttempts(deliveryId: string): Promise<Attempt[]> {
    return this.deliveries.attempts(deliveryId);
  }

  async replayDelivery(id: string, actor: Actor): Promise<Delivery> {
    return this.tx(() => {
      const d = this.deliveries.byId(id);
      if (!d) throw appError('DELIVERY_NOT_FOUND');
      if (!this.deliveries.reopen(id)) throw appError('NOT_FAILED');
      this.outbox.add({ topic: 'publish', jobId: `publish-${d.decisionId}-r${d.attempts}`, payload: { deliveryId: d.id } }, new Date().toISOString());
      this.appendAudit(actor, 'webhook.replay', { type: 'delivery', id }, {});
      return this.deliveries.byId(id) as Delivery;
    });
  }

  async searchItems(filter: ItemFilter): Promise<{ rows: ItemSummary[]; total: number }> {
    return this.search.search(filter);
  }

  async authorHistory(item: Item, limit: number): Promise<ItemSummary[]> {
    return this.search.authorHistory(item, limit);
  }

  async leasesOfUser(userId: string, now: string): Promise<Lease[]> {
    return this.leases.openForUser(userId, now);
  }

  async decisionsOf(itemId: string): Promise<Decision[]> {
    return this.decisions.forItem(itemId);
  }

  async waitingItems(tenantId: string, limit: number): Promise<WaitingItem[]> {
    return this.learning.waiting(tenantId, limit);
  }

  async clockIn(user: User, actor: Actor): Promise<boolean> {
    return this.tx(() => {
      const now = new Date().toISOString();
      if (!this.shifts.start(newId('sh'), user.id, now)) return false;
      this.appendAudit(actor, 'duty.clock_in', { type: 'user', id: user.id }, {});
      return true;
    });
  }

  async clockOut(user: User, actor: Actor): Promise<boolean> {
    return this.tx(() => {
      if (!this.shifts.end(user.id, new Date().toISOString())) return false;
      this.appendAudit(actor, 'duty.clock_out', { type: 'user', id: user.id }, {});
      return true;
    });
  }

  async onDuty(): Promise<Shift[]> {
    return this.shifts.onDuty();
  }

  async recentShifts(limit: number): Promise<Shift[]> {
    return this.shifts.recent(limit);
  }

  // ── image bytes: files under the data dir, one folder per item ─────────
  async putImageBytes(itemId: string, index: number, variant: ImageVariant, data: Buffer): Promise<void> {
    this.imageFiles.writeDurably(itemId, index, variant, data);
  }

  async imageBytes(itemId: string, index: number, variant: ImageVariant): Promise<Buffer | null> {
    return this.imageFiles.read(itemId, index, variant);
  }

  async removeImageBytes(itemId: string): Promise<void> {
    this.imageFiles.removeItem(itemId);
  }

  async setLegalHold(itemId: string, hold: boolean, actor: Actor, details: Record<string, unknown>): Promise<void> {
    this.tx(() => {
      if (!this.items.byId(itemId)) throw appError('ITEM_NOT_FOUND');
      if (!hold && this.db.prepare('SELECT 1 FROM incident_items WHERE item_id = ?').get(itemId)) {
        throw appError('INCIDENT_HOLD');
      }
      this.db.prepare('UPDATE items SET legal_hold = ? WHERE id = ?').run(hold ? 1 : 0, itemId);
      this.appendAudit(actor, 'item.legal_hold', { type: 'item', id: itemId }, details);
    });
  }

  // ── compliance ─────────────────────────────────────────────────────────
  async openIncident(input: OpenIncidentInput): Promise<Incident> {
    return openIncident(this, input);
  }

  async getIncident(id: string): Promise<Incident | null> {
    return getIncident(this, id);
  }

  async listIncidents(options?: { openOnly?: boolean; limit?: number }): Promise<Incident[]> {
    return listIncidents(this, options);
  }

  async incidentItems(id: string): Promise<Array<{ itemId: string; addedAt: string; status: string | null; legalHold: boolean }>> {
    return incidentItems(this, id);
  }

  async incidentSteps(id: string): Promise<IncidentStep[]> {
    return incidentSteps(this, id);
  }

  async incidentAlarms(id: string): Promise<IncidentAlarm[]> {
    return incidentAlarms(this, id);
  }

  async addIncidentStep(id: string, text: string, actor: Actor): Promise<IncidentStep> {
    return addIncidentStep(this, id, text, actor);
  }

  async addIncidentItems(id: string, itemIds: string[], actor: Actor): Promise<string[]> {
    return addIncidentItems(this, id, itemIds, actor);
  }

  async closeIncident(id: string, reportReference: string, summary: string | null, actor: Actor): Promise<Incident> {
    return closeIncident(this, id, reportReference, summary, actor);
  }

  async pendingAlarms(): Promise<Array<{ incidentId: string; kind: AlarmKind; dueAt: string }>> {
    return pendingAlarms(this);
  }

  async markAlarmSent(incidentId: string, kind: AlarmKind, result: string): Promise<boolean> {
    return markAlarmSent(this, incidentId, kind, result);
  }

  async planRetention(retentionDays: number, asOf: Date): Promise<RetentionPlan> {
    return planRetention(this, retentionDays, asOf);
  }

  async purgeItems(plan: RetentionPlan, actor: Actor): Promise<string[]> {
    return purgeItems(this, plan, actor, (id) => this.imageFiles.removeItem(id));
  }

  async exportItems(filters: ExportFilters, each: (item: ExportedItem) => void): Promise<number> {
    return this.db.transaction(() => exportItems(this.db, filters, each)).deferred();
  }

  async recordExport(rec: Omit<ExportRecord, 'actor'>, actor: Actor): Promise<void> {
    this.tx(() => {
      insertExport(this, rec, actor);
      this.appendAudit(
        actor,
        'export.create',
        { type: 'export', id: rec.id },
        { filters: rec.filters, rows: rec.rows, sha256: rec.sha256, file: rec.file, reason: rec.reason ?? '(no legal basis given)', requester: rec.requester },
      );
    });
  }

  async getExport(id: string): Promise<ExportRecord | null> {
    return getExport(this, id);
  }

  async listExports(limit?: number): Promise<ExportRecord[]> {
    return listExports(this, limit);
  }

  async backupTo(file: string, options: { imagesTo: string | null }): Promise<BackupInfo> {
    return backupSqlite(this.db, this.dataDir, file, options);
  }

  // ── rule packs saved in the console, mirrored by every process into its rules folder ──
  async saveRulePack(
    name: string,
    yaml: string,
    hash: string,
    actor: Actor,
    details: Record<string, unknown>,
    audit?: { action: string; target: { type: string; id: string } },
  ): Promise<void> {
    this.tx(() => {
      saveRulePack(this.db, name, yaml, hash, new Date().toISOString());
      this.appendAudit(actor, audit?.action ?? 'rules.save', audit?.target ?? { type: 'rule_pack', id: name }, details);
    });
  }

  async rulePacks(): Promise<RulePack[]> {
    return listRulePacks(this.db);
  }

  async rulePacksVersion(): Promise<number> {
    return rulePacksVersion(this.db);
  }
}
