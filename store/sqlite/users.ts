import type { Db } from './db';
import type { Role, Session, User } from '../rows';

interface UserRow {
  id: string;
  username: string;
  role: Role;
  password_hash: string;
  disabled: number;
  settings: string;
  created_at: string;
}

const toUser = (r: UserRow): User => ({
  id: r.id,
  username: r.username,
  role: r.role,
  disabled: r.disabled === 1,
  settings: JSON.parse(r.settings) as Record<string, unknown>,
  createdAt: r.created_at,
});

export class UsersTable {
  constructor(private readonly db: Db) {}

  insert(u: User, passwordHash: string): void {
    this.db
      .prepare('INSERT INTO users (id, username, role, password_hash, disabled, settings, created_at) VALUES (?, ?, ?, ?, 0, ?, ?)')
      .run(u.id, u.username, u.role, passwordHash, JSON.stringify(u.settings), u.createdAt);
  }

  byId(id: string): User | null {
    const r = this.db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
    return r ? toUser(r) : null;
  }

  withHash(username: string): { user: User; passwordHash: string } | null {
    const r = this.db.prepare('SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined;
    return r ? { user: toUser(r), passwordHash: r.password_hash } : null;
  }

  list(): User[] {
    return (this.db.prepare('SELECT * FROM users ORDER BY created_at').all() as UserRow[]).map(toUser);
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n;
  }

  update(id: string, fields: { role?: Role; disabled?: boolean; passwordHash?: string; settings?: Record<string, unknown> }): void {
    if (fields.role) this.db.prepare('UPDATE users SET role = ? WHERE id = ?').run(fields.role, id);
    if (fields.disabled !== undefined) this.db.prepare('UPDATE users SET disabled = ? WHERE id = ?').run(fields.disabled ? 1 : 0, id);
    if (fields.passwordHash) this.db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(fields.passwordHash, id);
    if (fields.settings) this.db.prepare('UPDATE users SET settings = ? WHERE id = ?').run(JSON.stringify(fields.settings), id);
  }
}

interface SessionRow {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export class SessionsTable {
  constructor(private readonly db: Db) {}

  insert(idHash: string, s: Session, ip: string | null): void {
    this.db
      .prepare('INSERT INTO sessions (id_hash, user_id, csrf_token, ip, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(idHash, s.userId, s.csrfToken, ip, s.createdAt, s.lastSeenAt, s.expiresAt);
  }

  get(idHash: string): Session | null {
    const r = this.db.prepare('SELECT * FROM sessions WHERE id_hash = ?').get(idHash) as SessionRow | undefined;
    return r ? { userId: r.user_id, csrfToken: r.csrf_token, createdAt: r.created_at, lastSeenAt: r.last_seen_at, expiresAt: r.expires_at } : null;
  }

  touch(idHash: string, lastSeenAt: string, expiresAt: string): void {
    this.db.prepare('UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE id_hash = ?').run(lastSeenAt, expiresAt, idHash);
  }

  delete(idHash: string): void {
    this.db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(idHash);
  }

  deleteForUser(userId: string): void {
    this.db.prepare('DELETE FROM sessions WHERE user_id = ?').run(userId);
  }

  /** Every session of the user but `keepHash` (the one that asked), e.g. after a password change. */
  deleteOthersOfUser(userId: string, keepHash: string): void {
    this.db.prepare('DELETE FROM sessions WHERE user_id = ? AND id_hash <> ?').run(userId, keepHash);
  }

  deleteExpired(now: string): number {
    return this.db.prepare('DELETE FROM sessions WHERE expires_at < ?').run(now).changes;
  }
}
