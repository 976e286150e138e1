import type { AuditEntry } from '../rows';
import type { Actor } from '../store';
import type { SqliteStore } from './sqlite-store';

/** For compliance code that writes its audit row inside its own transaction. */
export function appendAudit(
  store: SqliteStore,
  actor: Actor,
  action: string,
  target: { type: string; id: string } | null,
  details: Record<string, unknown> = {},
): AuditEntry {
  return store.appendAudit(actor, action, target, details);
}

export const systemActor = (name: string): Actor => ({ type: 'system', id: null, name, ip: null });

/** Who ran a CLI command: the operating-system user, since the CLI has no login. */
export const cliActor = (): Actor => ({ type: 'cli', id: null, name: process.env.SUDO_USER ?? process.env.USER ?? process.env.LOGNAME ?? 'cli', ip: null });
