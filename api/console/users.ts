import { z } from 'zod';
import { appError } from '../../lib/errors';
import type { User } from '../../store/rows';
import { hashPassword } from '../../lib/passwords';
import { createUser, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, USERNAME_PATTERN, USERNAME_RULE } from '../../domain/users';
import { requireRole } from '../auth/session';
import type { RouteModule } from '../server';
import { actorOf, parse } from './common';
import { ADMIN_ROLES, ROLES } from '../../lib/roles';

const username = z.string().regex(USERNAME_PATTERN, USERNAME_RULE);
const password = z.string().min(MIN_PASSWORD_LENGTH, `at least ${MIN_PASSWORD_LENGTH} characters`).max(MAX_PASSWORD_LENGTH);
export const createSchema = z.object({ username, role: z.enum(ROLES), password });
export const updateSchema = z
  .object({ role: z.enum(ROLES), disabled: z.boolean(), password })
  .partial()
  .strict();

const present = (u: User) => ({ id: u.id, username: u.username, role: u.role, disabled: u.disabled, createdAt: u.createdAt });

/**
 * Staff accounts, for admins (auditors may read): `GET /api/console/users`, `POST` (create), `PATCH /{id}` (role,
 * disable/enable, new password). Disabling or re-roling someone, or giving them a new password, ends their sessions
 * at once; a new password for oneself ends one's other sessions.
 */
export const users: RouteModule = (router, deps, { staff }) => {
  router.get('/console/users', ...staff, requireRole('admin', 'auditor'), async (_req, res) => {
    res.json({ users: (await deps.store.listUsers()).map(present) });
  });

  router.post('/console/users', ...staff, requireRole(...ADMIN_ROLES), async (req, res) => {
    const body = parse(createSchema, req.body);
    const user = await createUser(deps.store, body, actorOf(req));
    res.status(201).json({ user: present(user) });
  });

  router.patch('/console/users/:id', ...staff, requireRole('admin'), async (req, res) => {
    const target = await deps.store.getUser(String(req.params.id));
    if (!target) throw appError('USER_NOT_FOUND');
    const patch = parse(updateSchema, req.body);
    const self = target.id === req.user!.id;
    if (self && (patch.disabled === true || (patch.role && patch.role !== 'admin'))) {
      throw appError('SELF_LOCKOUT');
    }
    const passwordHash = patch.password ? await hashPassword(patch.password) : undefined;
    // Re-roling or disabling someone, or a new password, ends their sessions at once; a new password of one's own
    // ends one's other sessions (a stolen cookie dies with the old password) and keeps this one.
    const ends = patch.role || patch.disabled || patch.password;
    const endSessions = self
      ? patch.password
        ? { mode: 'others' as const, keepSession: req.sessionHash! }
        : undefined
      : ends
        ? { mode: 'all' as const }
        : undefined;
    const user = await deps.store.updateUser(
      target.id,
      { role: patch.role, disabled: patch.disabled, passwordHash },
      actorOf(req),
      'user.update',
      { role: patch.role, disabled: patch.disabled, passwordChanged: !!patch.password },
      endSessions,
    );
    res.json({ user: present(user) });
  });
};
