/**
 * The `Store`: the record of truth, as domain operations. Two implementations — SQLite in the data dir (the
 * embedded default, store/sqlite/) and PostgreSQL (store/postgres/, when SHENHE_DATABASE_URL is set) — keep the
 * same behaviour, and nothing outside store/ sees a database handle or SQL. Every state change runs in one
 * transaction together with its audit row and outbox row; the invariants (no `approved` without a human approval
 * row, no `published` without `approved`, legal hold, append-only audit) are enforced by the database itself.
 */
import type { BacktestItem } from '../rules/backtest';
import type { Verdict } from '../rules/types';
import type {
  Appeal,
  AuditEntry,
  Decision,
  DecisionAction,
  Delivery,
  ImageRecord,
  Item,
  ItemStatus,
  Lease,
  Officer,
  OutboxRow,
  Session,
  StoredVerdict,
  Tenant,
  User,
  Role,
} from './rows';
import type { ItemFilter, ItemSummary } from './sqlite/item-search';
import type { Shift } from './sqlite/shifts';
import type { TenantWithSecrets } from './rows';
import type { StoredExample, LearningSummary, WaitingItem } from './sqlite/learning';
import type { ShadowRuleStats } from './sqlite/shadow-hits';
import type { NewItem } from './sqlite/items';
import type { OutboxMessage } from './sqlite/outbox';
import type { Attempt } from './sqlite/deliveries';
import type { OpenIncidentInput } from './sqlite/incidents';
import type { Incident, IncidentAlarm, IncidentStep, AlarmKind } from './incident-clock';
import type { RetentionPlan } from './sqlite/retention';
import type { ExportFilters, ExportRecord } from './sqlite/exports';
import type { StaleOfficer } from './sqlite/officer-registry';
import type { AuditVerification } from './sqlite/audit-verify';
import type { ExportedItem } from './sqlite/export-items';
import type { RulePack } from './sqlite/rule-packs';

export type { ItemFilter, ItemSummary, Shift, TenantWithSecrets, StoredExample, LearningSummary, WaitingItem, ShadowRuleStats, NewItem };
export type { OutboxMessage, Attempt, Incident, IncidentAlarm, IncidentStep, AlarmKind, OpenIncidentInput, RetentionPlan };
export type { ExportFilters, ExportRecord, StaleOfficer, AuditVerification, ExportedItem, RulePack };
export { publicTenant } from './rows';

export interface Actor {
  type: AuditEntry['actorType'];
  id: string | null;
  name: string | null;
  ip: string | null;
}

export const systemActor = (name: string): Actor => ({ type: 'system', id: null, name, ip: null });

/** Who ran a CLI command: the operating-system user, since the CLI has no login. */
export const cliActor = (): Actor => ({ type: 'cli', id: null, name: process.env.SUDO_USER ?? process.env.USER ?? process.env.LOGNAME ?? 'cli', ip: null });

export interface DecideInput {
  leaseId: string;
  user: User;
  action: Exclude<DecisionAction, 'block'>;
  categories: string[];
  note: string | null;
  ip: string | null;
}

export interface DecideResult {
  decision: Decision;
  item: Item;
  /** Set when the decision asks for a follow-up (webhook delivery or escalation) through the outbox. */
  outbox: boolean;
}

export interface OpenLeaseInput {
  itemId: string;
  user: User;
  queue: Lease['queue'];
  jobId: string;
  leaseId: string;
  leaseSeconds: number;
  ip: string | null;
}

export type ImageVariant = 'orig' | 'stored' | 'thumb' | 'blur';

export interface ImageInfo {
  index: number;
  width: number | null;
  height: number | null;
  phash: string | null;
  storedFormat: string | null;
}

export interface QueueStats {
  waiting: number;
  inReview: number;
  escalated: number;
  oldestWaitingAt: string | null;
  byStatus: Record<string, number>;
}

export interface UserPatch {
  role?: Role;
  disabled?: boolean;
  passwordHash?: string;
  settings?: Record<string, unknown>;
}

export interface TenantPatch {
  name?: string;
  callbackUrl?: string | null;
  siteUrl?: string | null;
  disabled?: boolean;
  apiKeyHash?: string;
  apiKeyHint?: string;
  webhookSecretEnc?: string;
}

export interface BackupInfo {
  /** The last audit entry inside the backup (a restore re-anchors on it). */
  auditSeq: number;
  /** The image bytes saved beside the backup (null when the backup holds them itself or they were skipped). */
  images: { path: string; files: number } | null;
}

/** Review queue priority: BullMQ serves lower numbers first. Risk 1.0 → 1, risk 0 → 1001. */
export function reviewPriority(risk: number): number {
  return 1 + Math.round((1 - Math.min(1, Math.max(0, risk))) * 1000);
}

export const jobIds = {
  screen: (itemId: string) => `screen-${itemId}`,
  review: (itemId: string) => `review-${itemId}`,
  escalated: (itemId: string, decisionId: string) => `esc-${itemId}-${decisionId}`,
  /** An appeal's job in the escalated queue; `afterDecisionId` when a senior passed it on (escalate) unresolved. */
  appeal: (appealId: string, afterDecisionId?: string) => (afterDecisionId ? `appeal-${appealId}-${afterDecisionId}` : `appeal-${appealId}`),
  publish: (decisionId: string) => `publish-${decisionId}`,
};

export interface Store {
  /** `sqlite` or `postgres`: for health output and the few operations only one of them has (restore). */
  readonly kind: 'sqlite' | 'postgres';
  close(): Promise<void>;
  /** The database answers (for /readyz). */
  healthy(): Promise<boolean>;
  /** Where the records are, for output: the SQLite file, or the PostgreSQL URL without its password. */
  readonly location: string;
  /** The newest schema migration applied. */
  schemaVersion(): Promise<number>;

  // ── audit (append-only hash chain; its end vouched for by an anchor every machine can read) ──
  audit(actor: Actor, action: string, target: { type: string; id: string } | null, details?: Record<string, unknown>): Promise<AuditEntry>;
  listAudit(options: { limit: number; beforeSeq?: number; targetType?: string; targetId?: string }): Promise<AuditEntry[]>;
  /** The chain alone (edits, deletions, reorderings in the middle). */
  verifyAudit(): Promise<{ ok: true; count: number } | { ok: false; count: number; brokenSeq: number; reason: string }>;
  /** The full check behind `shenhe audit verify`: the chain, deleted last rows and the anchor. */
  verifyAuditTrail(): Promise<AuditVerification>;
  /** Re-anchors on the chain's current end after the anchor was lost (`audit verify --reanchor`), audited. */
  reanchorAudit(actor: Actor): Promise<void>;

  // ── tenants, officers, users, sessions ──
  createTenant(t: TenantWithSecrets, actor: Actor): Promise<Tenant>;
  getTenant(id: string): Promise<TenantWithSecrets | null>;
  tenantByKeyHash(hash: string): Promise<TenantWithSecrets | null>;
  listTenants(): Promise<TenantWithSecrets[]>;
  updateTenant(id: string, patch: TenantPatch, actor: Actor, action: string, details: Record<string, unknown>): Promise<void>;
  registerOfficer(o: Officer, actor: Actor): Promise<Officer>;
  officerRegistered(tenantId: string): Promise<boolean>;
  officersOf(tenantId: string): Promise<Officer[]>;
  addReviewer(tenantId: string, details: { name: string; phone: string; email: string }, actor: Actor): Promise<Officer>;
  updateReviewer(tenantId: string, officerId: string, details: { name: string; phone: string; email: string }, actor: Actor): Promise<Officer>;
  removeReviewer(tenantId: string, officerId: string, actor: Actor): Promise<void>;
  confirmOfficer(tenantId: string, officerId: string, actor: Actor): Promise<Officer>;
  staleOfficers(days: number, now?: number): Promise<StaleOfficer[]>;
  /** One audit reminder per stale officer per version of their details. Returns how many were written. */
  remindStaleOfficers(days: number, now?: number): Promise<number>;
  /** The security officers' e-mail addresses for an incident's alarms (of its items' tenants; all tenants when it has none). */
  incidentOfficerEmails(incidentId: string): Promise<string[]>;

  createUser(user: User, passwordHash: string, actor: Actor): Promise<User>;
  userWithHash(username: string): Promise<{ user: User; passwordHash: string } | null>;
  getUser(id: string): Promise<User | null>;
  listUsers(): Promise<User[]>;
  countUsers(): Promise<number>;
  /**
   * Changes a user (audited as `action`). Sessions end with it: all of the user's when `endSessions` is 'all', all
   * but `keepSession` when 'others'. Refuses (409 LAST_ADMIN) to leave no enabled admin.
   */
  updateUser(
    id: string,
    patch: UserPatch,
    actor: Actor,
    action: string,
    details: Record<string, unknown>,
    endSessions?: { mode: 'all' } | { mode: 'others'; keepSession: string },
  ): Promise<User>;
  createSession(idHash: string, s: Session, ip: string | null, actor: Actor): Promise<void>;
  getSession(idHash: string): Promise<Session | null>;
  touchSession(idHash: string, lastSeenAt: string, expiresAt: string): Promise<void>;
  deleteSession(idHash: string, actor: Actor | null): Promise<void>;

  // ── items, images, verdicts ──
  ingest(item: NewItem, images: ImageRecord[]): Promise<{ item: Item; created: boolean }>;
  getItem(id: string): Promise<Item | null>;
  getVerdict(itemId: string): Promise<StoredVerdict | null>;
  imagesOf(itemId: string): Promise<ImageRecord[]>;
  /** Image bytes, durable before this resolves (so a 202 never points at missing bytes). */
  putImageBytes(itemId: string, index: number, variant: ImageVariant, data: Buffer): Promise<void>;
  imageBytes(itemId: string, index: number, variant: ImageVariant): Promise<Buffer | null>;
  removeImageBytes(itemId: string): Promise<void>;
  recordVerdict(itemId: string, verdict: Verdict, imageInfo?: ImageInfo[]): Promise<boolean>;
  /** Holds an item beyond retention or releases it (409 INCIDENT_HOLD for an item linked to an incident), audited with `details`. */
  setLegalHold(itemId: string, hold: boolean, actor: Actor, details: Record<string, unknown>): Promise<void>;
  searchItems(filter: ItemFilter): Promise<{ rows: ItemSummary[]; total: number }>;
  authorHistory(item: Item, limit: number): Promise<ItemSummary[]>;

  // ── review ──
  /** Mirrors a BullMQ claim: the item goes to `in_review` under a new lease; null when it is not waiting in that queue any more. */
  openLease(input: OpenLeaseInput): Promise<{ lease: Lease; item: Item } | null>;
  getLease(leaseId: string): Promise<Lease | null>;
  extendLease(leaseId: string, userId: string, seconds: number): Promise<Lease>;
  leasesOfUser(userId: string, now: string): Promise<Lease[]>;
  decide(input: DecideInput): Promise<DecideResult>;
  decisionById(id: string): Promise<Decision | null>;
  latestDecision(itemId: string): Promise<Decision | null>;
  decisionsOf(itemId: string): Promise<Decision[]>;
  expireLeases(now?: string): Promise<Lease[]>;
  endLease(leaseId: string, reason: string): Promise<boolean>;
  openLeases(): Promise<Lease[]>;
  /** Clock in (false when already on duty) and out (false when not on duty), audited. */
  clockIn(user: User, actor: Actor): Promise<boolean>;
  clockOut(user: User, actor: Actor): Promise<boolean>;
  onDuty(): Promise<Shift[]>;
  recentShifts(limit: number): Promise<Shift[]>;

  // ── learning from moderators (§11) ──
  learningExamples(tenantId: string, afterSeq: number, limit?: number): Promise<StoredExample[]>;
  learningGeneration(tenantId: string): Promise<number>;
  learningSummary(tenantId: string): Promise<LearningSummary>;
  resetLearning(tenantId: string, actor: Actor): Promise<number>;
  waitingItems(tenantId: string, limit: number): Promise<WaitingItem[]>;

  // ── appeals (§12), shadow rules and backtests (§13) ──
  createAppeal(tenantId: string, itemId: string, reason: string, actor: Actor): Promise<Appeal>;
  appealOf(itemId: string): Promise<Appeal | null>;
  isOriginalDecider(itemId: string, userId: string): Promise<boolean>;
  escalatedJobId(itemId: string): Promise<string>;
  appealStats(since: string): Promise<AppealStats>;
  shadowRuleStats(since: string): Promise<ShadowRuleStats[]>;
  backtestItems(options: { since: string; tenantId?: string | null; batchSize?: number }): AsyncGenerator<BacktestItem[]>;

  // ── rule packs saved in the console (§7): the shared record every process mirrors into its first rules folder ──
  /**
   * Inserts or replaces pack `name` (validated by the caller; `hash` is the SHA-256 of `yaml`), audited in the same
   * transaction as `rules.save` on the pack with `details`, or as `audit` names when the save is part of another
   * action (a shadow rule switched live).
   */
  saveRulePack(
    name: string,
    yaml: string,
    hash: string,
    actor: Actor,
    details: Record<string, unknown>,
    audit?: { action: string; target: { type: string; id: string } },
  ): Promise<void>;
  rulePacks(): Promise<RulePack[]>;
  /** Rises with every save of any pack (0 before the first): a cheap "has anything changed" for the mirrors. */
  rulePacksVersion(): Promise<number>;

  // ── outbox and webhook deliveries ──
  /**
   * Hands up to `limit` undispatched outbox rows (older than `olderThan`, when given) to `send` and marks them
   * dispatched once it resolves. Concurrent relays never receive the same row at the same time (PostgreSQL: FOR
   * UPDATE SKIP LOCKED); a row whose `send` failed stays pending. Returns how many rows were dispatched.
   */
  relayOutbox(limit: number, send: (rows: OutboxRow[]) => Promise<void>, olderThan?: string): Promise<number>;
  pendingOutbox(limit: number, olderThan?: string): Promise<OutboxRow[]>;
  addOutbox(message: OutboxMessage): Promise<void>;
  getDelivery(id: string): Promise<Delivery | null>;
  listDeliveries(options: { limit: number; tenantId?: string; status?: string }): Promise<Delivery[]>;
  deliveryAttempts(deliveryId: string): Promise<Attempt[]>;
  /** A failed delivery goes out again (409 NOT_FAILED unless it failed), audited; returns it reopened. */
  replayDelivery(id: string, actor: Actor): Promise<Delivery>;
  recordAttempt(a: Attempt, nextAttemptAt: string | null): Promise<void>;
  markDelivered(deliveryId: string): Promise<boolean>;
  markDeliveryFailed(deliveryId: string): Promise<boolean>;
  pendingDeliveries(): Promise<Delivery[]>;

  // ── reconciliation, dashboard, housekeeping ──
  itemsInStatus(statuses: ItemStatus[]): Promise<Array<{ id: string; status: ItemStatus; risk: number; createdAt: string; updatedAt: string }>>;
  queueStats(): Promise<QueueStats>;
  decisionsSince(since: string): Promise<number>;
  /** Deletes dispatched outbox rows older than `dispatchedBefore` and expired sessions. */
  tidy(now: string, dispatchedBefore: string): Promise<{ outbox: number; sessions: number }>;
  /** Claims a once-a-day job for `day` (false when another process has it); `release` gives it back after a failure. */
  claimDailyRun(key: string, day: string): Promise<boolean>;
  releaseDailyRun(key: string, day: string): Promise<void>;

  // ── compliance: incidents (clause 17), retention and exports (clause 16), backups ──
  openIncident(input: OpenIncidentInput): Promise<Incident>;
  getIncident(id: string): Promise<Incident | null>;
  listIncidents(options?: { openOnly?: boolean; limit?: number }): Promise<Incident[]>;
  incidentItems(id: string): Promise<Array<{ itemId: string; addedAt: string; status: string | null; legalHold: boolean }>>;
  incidentSteps(id: string): Promise<IncidentStep[]>;
  incidentAlarms(id: string): Promise<IncidentAlarm[]>;
  addIncidentStep(id: string, text: string, actor: Actor): Promise<IncidentStep>;
  addIncidentItems(id: string, itemIds: string[], actor: Actor): Promise<string[]>;
  closeIncident(id: string, reportReference: string, summary: string | null, actor: Actor): Promise<Incident>;
  pendingAlarms(): Promise<Array<{ incidentId: string; kind: AlarmKind; dueAt: string }>>;
  markAlarmSent(incidentId: string, kind: AlarmKind, result: string): Promise<boolean>;
  planRetention(retentionDays: number, asOf: Date): Promise<RetentionPlan>;
  /** Purges the plan's items (and their image bytes) in short audited batches; returns the ids purged. */
  purgeItems(plan: RetentionPlan, actor: Actor): Promise<string[]>;
  /** Calls `each` for every item the filters select, with its whole record, in one consistent snapshot. */
  exportItems(filters: ExportFilters, each: (item: ExportedItem) => void): Promise<number>;
  recordExport(rec: Omit<ExportRecord, 'actor'>, actor: Actor): Promise<void>;
  getExport(id: string): Promise<ExportRecord | null>;
  listExports(limit?: number): Promise<ExportRecord[]>;
  /**
   * A consistent online copy of the whole store into `file` (readers and writers carry on). Image bytes kept
   * outside the database are copied under `imagesTo` (when given); a store holding them itself includes them in `file`.
   */
  backupTo(file: string, options: { imagesTo: string | null }): Promise<BackupInfo>;
}

/** How often one moderator's rejections, or one rule's blocks, are overturned on appeal. */
export interface AppealRate {
  /** User id or rule id. */
  key: string;
  /** Username or rule id. */
  label: string;
  decided: number;
  overturned: number;
  overturnRate: number;
}

export interface AppealStats {
  pending: number;
  approved: number;
  rejected: number;
  /** Approved (overturned) appeals over all decided appeals, all time. */
  overturnRate: number;
  byModerator: AppealRate[];
  byRule: AppealRate[];
}
