import type { Role, Session, User } from '../rows';
import { rows, row, run, type Sql } from './db';

const USER_COLUMNS = `id, username, role, disabled, settings, created_at AS "createdAt"`;
type UserRow = Omit<User, 'settings'> & { settings: string; passwordHash: string };
const toUser = ({ passwordHash: _p, ...r }: UserRow): User => ({ ...r, settings: JSON.parse(r.settings) as Record<string, unknown> });

export const users = {
  /** Inserts unless the username (in any case) is taken, also by a concurrent creation a moment ago: false then. */
  async insert(q: Sql, u: User, passwordHash: string): Promise<boolean> {
    const n = await run(
      q,
      `INSERT INTO users (id, username, role, password_hash, disabled, settings, created_at) VALUES ($1, $2, $3, $4, false, $5, $6)
       ON CONFLICT (lower(username)) DO NOTHING`,
      [u.id, u.username, u.role, passwordHash, JSON.stringify(u.settings), u.createdAt],
    );
    return n === 1;
  },

  async byId(q: Sql, id: string): Promise<User | null> {
    const r = await row<UserRow>(q, `SELECT ${USER_COLUMNS}, password_hash AS "passwordHash" FROM users WHERE id = $1`, [id]);
    return r ? toUser(r) : null;
  },

  /** Usernames compare case-insensitively, like SQLite's COLLATE NOCASE. */
  async withHash(q: Sql, username: string): Promise<{ user: User; passwordHash: string } | null> {
    const r = await row<UserRow>(q, `SELECT ${USER_COLUMNS}, password_hash AS "passwordHash" FROM users WHERE lower(username) = lower($1)`, [username]);
    return r ? { user: toUser(r), passwordHash: r.passwordHash } : null;
  },

  async list(q: Sql): Promise<User[]> {
    return (await rows<UserRow>(q, `SELECT ${USER_COLUMNS}, password_hash AS "passwordHash" FROM users ORDER BY created_at`)).map(toUser);
  },

  async count(q: Sql): Promise<number> {
    return (await row<{ n: number }>(q, 'SELECT COUNT(*) AS n FROM users'))?.n ?? 0;
  },

  async update(q: Sql, id: string, f: { role?: Role; disabled?: boolean; passwordHash?: string; settings?: Record<string, unknown> }): Promise<void> {
    await q.query(
      `UPDATE users SET role = COALESCE($1, role), disabled = COALESCE($2, disabled), password_hash = COALESCE($3, password_hash),
       settings = COALESCE($4, settings) WHERE id = $5`,
      [f.role ?? null, f.disabled ?? null, f.passwordHash || null, f.settings ? JSON.stringify(f.settings) : null, id],
    );
  },
};

const SESSION_COLUMNS = `user_id AS "userId", csrf_token AS "csrfToken", created_at AS "createdAt", last_seen_at AS "lastSeenAt", expires_at AS "expiresAt"`;

export const sessions = {
  async insert(q: Sql, idHash: string, s: Session, ip: string | null): Promise<void> {
    await q.query('INSERT INTO sessions (id_hash, user_id, csrf_token, ip, created_at, last_seen_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
      idHash,
      s.userId,
      s.csrfToken,
      ip,
      s.createdAt,
      s.lastSeenAt,
      s.expiresAt,
    ]);
  },

  async get(q: Sql, idHash: string): Promise<Session | null> {
    return row<Session>(q, `SELECT ${SESSION_COLUMNS} FROM sessions WHERE id_hash = $1`, [idHash]);
  },

  async touch(q: Sql, idHash: string, lastSeenAt: string, expiresAt: string): Promise<void> {
    await q.query('UPDATE sessions SET last_seen_at = $1, expires_at = $2 WHERE id_hash = $3', [lastSeenAt, expiresAt, idHash]);
  },

  async delete(q: Sql, idHash: string): Promise<void> {
    await q.query('DELETE FROM sessions WHERE id_hash = $1', [idHash]);
  },

  async deleteForUser(q: Sql, userId: string): Promise<void> {
    await q.query('DELETE FROM sessions WHERE user_id = $1', [userId]);
  },

  /** Every session of the user but `keepHash` (the one that asked), e.g. after a password change. */
  async deleteOthersOfUser(q: Sql, userId: string, keepHash: string): Promise<void> {
    await q.query('DELETE FROM sessions WHERE user_id = $1 AND id_hash <> $2', [userId, keepHash]);
  },

  async deleteExpired(q: Sql, now: string): Promise<number> {
    return run(q, 'DELETE FROM sessions WHERE expires_at < $1', [now]);
  },
};
