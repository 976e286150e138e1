import { ApiError, api, request } from './api';
import { t } from './i18n';
import { createStore } from './store';
import type { Claimed, DecisionInput } from './types';

export interface PendingDecision {
  claimed: Claimed;
  decision: DecisionInput;
  /** When it will be sent (ms since epoch). */
  sendAt: number;
}

export interface ReviewState {
  current: Claimed | null;
  phase: 'idle' | 'claiming' | 'empty' | 'item';
  pending: PendingDecision | null;
  last: { itemId: string; action: string } | null;
  /** The last rejection fell in a category that calls for a security incident (clause 17): the item to link. */
  suggestIncident: { itemId: string; externalId: string } | null;
  error: string | null;
}

/** Heartbeats go at most this far apart, and at least three times per lease. */
const MAX_HEARTBEAT_MS = 60_000;
/** A moderator idle this long stops extending leases, so abandoned items return to the queue. */
const IDLE_MS = 10 * 60_000;

/**
 * Leases whose decision this page has sent: a session created right after (the moderator came back from another
 * screen) must not resume them while the decision is still on its way.
 */
const decidedLeases = new Set<string>();

/**
 * The review loop outside the view: claim, decide with an undo window, claim the next item at once, keep every
 * held lease alive. Undo brings the previous item back; the item claimed meanwhile waits in a stash and comes next.
 */
export class ReviewSession {
  readonly state = createStore<ReviewState>({ current: null, phase: 'idle', pending: null, last: null, suggestIncident: null, error: null });
  private stash: Claimed[] = [];
  private pendingTimer: ReturnType<typeof setTimeout> | null = null;
  private heartbeatTimer: ReturnType<typeof setTimeout> | null = null;
  private lastActivity = Date.now();
  private disposed = false;

  constructor(private readonly undoMs: () => number) {
    this.scheduleHeartbeat();
    void this.resume();
  }

  /**
   * Picks up the claims this moderator still holds (the page was reloaded, or they come back from another screen),
   * so the items are not stranded until their leases expire. The oldest is shown; the others come next.
   */
  private async resume(): Promise<void> {
    let claims: Claimed[];
    try {
      claims = (await api.get<{ claims: Claimed[] }>('/api/review/leases')).claims;
    } catch {
      return; // the 领取 button still works
    }
    const s = this.state.get();
    const known = new Set([...this.held().map((c) => c.lease.id), ...decidedLeases]);
    const fresh = claims.filter((c) => !known.has(c.lease.id));
    if (this.disposed || !fresh.length) return;
    const show = !s.current && s.phase !== 'claiming';
    // stash.pop() takes from the end: the oldest claim goes nearest to it.
    this.stash.unshift(...fresh.slice(show ? 1 : 0).reverse());
    if (show) this.patch({ current: fresh[0], phase: 'item', error: null });
  }

  private patch(p: Partial<ReviewState>): void {
    this.state.set({ ...this.state.get(), ...p });
  }

  touch(): void {
    this.lastActivity = Date.now();
  }

  async claim(): Promise<void> {
    const s = this.state.get();
    if (s.phase === 'claiming' || s.current || this.disposed) return;
    const stashed = this.stash.pop();
    if (stashed) {
      this.patch({ current: stashed, phase: 'item', error: null });
      return;
    }
    this.patch({ phase: 'claiming', error: null });
    try {
      const r = await request<Claimed | null>('POST', '/api/review/claim', {});
      if (r.status === 204 || !r.body) this.patch({ phase: 'empty', current: null });
      else this.patch({ phase: 'item', current: r.body });
    } catch (err) {
      this.patch({ phase: 'idle', error: err instanceof Error ? err.message : String(err) });
    }
  }

  /** Queues the decision for the undo window, then moves on to the next item. */
  decide(decision: DecisionInput): void {
    const s = this.state.get();
    if (!s.current) return;
    this.flush();
    const pending: PendingDecision = { claimed: s.current, decision, sendAt: Date.now() + this.undoMs() };
    this.patch({ current: null, pending, phase: 'idle' });
    if (this.undoMs() <= 0) this.flush();
    else this.pendingTimer = setTimeout(() => this.flush(), this.undoMs());
    void this.claim();
  }

  undo(): void {
    const s = this.state.get();
    if (!s.pending) return;
    if (this.pendingTimer) clearTimeout(this.pendingTimer);
    this.pendingTimer = null;
    if (s.current) this.stash.push(s.current);
    this.patch({ current: s.pending.claimed, pending: null, phase: 'item' });
  }

  dismissIncidentSuggestion(): void {
    this.patch({ suggestIncident: null });
  }

  /** Sends the pending decision now (end of the undo window, another decision, leaving the page). */
  flush(keepalive = false): void {
    const p = this.state.get().pending;
    if (!p) return;
    if (this.pendingTimer) clearTimeout(this.pendingTimer);
    this.pendingTimer = null;
    this.patch({ pending: null });
    decidedLeases.add(p.claimed.lease.id);
    const path = `/api/review/leases/${encodeURIComponent(p.claimed.lease.id)}/decision`;
    request<{ suggestIncident?: boolean }>('POST', path, p.decision, { keepalive }).then(
      (res) =>
        this.patch({
          last: { itemId: p.claimed.item.id, action: p.decision.action },
          ...(res.body?.suggestIncident ? { suggestIncident: { itemId: p.claimed.item.id, externalId: p.claimed.item.externalId } } : {}),
        }),
      (err: unknown) => this.patch({ error: `${p.claimed.item.externalId}: ${err instanceof Error ? err.message : String(err)}` }),
    );
  }

  private held(): Claimed[] {
    const s = this.state.get();
    return [...(s.current ? [s.current] : []), ...(s.pending ? [s.pending.claimed] : []), ...this.stash];
  }

  private scheduleHeartbeat(): void {
    if (this.disposed) return;
    const held = this.held();
    const soonest = held.reduce((m, c) => Math.min(m, Date.parse(c.lease.expiresAt) - Date.now()), Infinity);
    const wait = Number.isFinite(soonest) ? Math.max(2000, Math.min(MAX_HEARTBEAT_MS, soonest / 3)) : 5000;
    this.heartbeatTimer = setTimeout(() => void this.heartbeat().finally(() => this.scheduleHeartbeat()), wait);
  }

  private async heartbeat(): Promise<void> {
    if (Date.now() - this.lastActivity > IDLE_MS) return;
    for (const c of this.held()) {
      try {
        const r = await api.post<{ expiresAt: string }>(`/api/review/leases/${encodeURIComponent(c.lease.id)}/extend`);
        c.lease = { ...c.lease, expiresAt: r.expiresAt };
        const s = this.state.get();
        if (s.current === c) this.patch({ current: { ...c } });
      } catch (err) {
        if (err instanceof ApiError && (err.status === 409 || err.status === 404)) this.drop(c);
      }
    }
  }

  private drop(c: Claimed): void {
    this.stash = this.stash.filter((x) => x !== c);
    const s = this.state.get();
    if (s.current?.lease.id === c.lease.id) this.patch({ current: null, phase: 'idle', error: t('leaseLost') });
  }

  dispose(): void {
    this.disposed = true;
    this.flush(true);
    if (this.heartbeatTimer) clearTimeout(this.heartbeatTimer);
  }
}
