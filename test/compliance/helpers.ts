import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { newId, nowIso } from '../../lib/ids';
import type { Verdict } from '../../rules/types';
import type { ItemStatus, User } from '../../store/rows';
import type { Store } from '../../store/store';
import { sqliteOf } from '../harness/fixtures';
import { makeItem } from '../harness/fixtures';

const ROOT = path.resolve(__dirname, '../..');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
  json: () => Record<string, unknown>;
}

/** The real CLI (`npm run build` first), as an operator runs it. */
export function cli(dataDir: string, args: string[], env: Record<string, string> = {}): CliResult {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/shenhe.js'), ...args], {
    cwd: ROOT,
    env: { ...process.env, SHENHE_DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return {
    status: r.status,
    stdout: r.stdout,
    stderr: r.stderr,
    json: () => JSON.parse(r.stdout) as Record<string, unknown>,
  };
}

const verdict = (suggestion: Verdict['suggestion']): Verdict => ({
  id: 'x',
  suggestion,
  risk: suggestion === 'block' ? 0.9 : 0.1,
  labels: [],
  engine: { rules: 't', model: 't' },
});

/** An item driven to `status` through the store's own paths (a human decision where one is needed). */
export async function itemIn(
  store: Store,
  tenantId: string,
  status: ItemStatus,
  options: { text?: string; reviewer?: User; authorIp?: string } = {},
): Promise<string> {
  const id = await makeItem(store, tenantId, options.text ?? `内容 ${Math.random()}`);
  if (options.authorIp) sqliteOf(store).db.prepare('UPDATE items SET author_ip = ?, source_ip = ? WHERE id = ?').run(options.authorIp, '198.51.100.7', id);
  if (status === 'screening') return id;
  if (status === 'blocked') {
    await store.recordVerdict(id, verdict('block'));
    return id;
  }
  await store.recordVerdict(id, verdict('pass'));
  if (status === 'pending_review') return id;
  const user = options.reviewer;
  if (!user) throw new Error('itemIn: a reviewer is needed');
  await store.openLease({ itemId: id, user, queue: 'review', jobId: `review-${id}`, leaseId: newId('ls'), leaseSeconds: 300, ip: '127.0.0.1' });
  if (status === 'in_review') return id;
  const lease = sqliteOf(store).leases.openForItem(id);
  await store.decide({
    leaseId: lease!.id,
    user,
    action: status === 'rejected' ? 'reject' : 'approve',
    categories: status === 'rejected' ? ['advertising'] : [],
    note: null,
    ip: '127.0.0.1',
  });
  return id;
}

/** Moves an item's clock back, as if it had arrived and been decided `days` ago. */
export function age(store: Store, itemId: string, days: number): void {
  const t = new Date(Date.now() - days * 86_400_000).toISOString();
  sqliteOf(store).db.prepare('UPDATE items SET created_at = ?, updated_at = ? WHERE id = ?').run(t, t, itemId);
}

export const today = (): string => nowIso().slice(0, 10);
