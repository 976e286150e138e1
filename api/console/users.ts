import { z } from 'zod';
import { BadRequestError, NotFoundError } from '../../lib/errors';
import { newId, nowIso } from '../../lib/ids';
import { ROLES, type User } from '../../store/rows';
import { hashPassword } from '../auth/passwords';
import { requireRole } from '../auth/session';
import type { RouteModule } from '../server';
import { actorOf, parse } from './common';

const username = z.string().regex(/^[A-Za-z0-9_.@-]{2,64}$/, '2–64 characters of letters, digits, _ . @ -');
const password = z.string().min(8, 'at least 8 characters').max(1024);
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

  router.post('/console/users', ...staff, requireRole('admin'), async (req, res) => {
    const body = parse(createSchema, req.body);
    const user = await deps.store.createUser(
      { id: newId('us'), username: body.username, role: body.role, disabled: false, settings: {}, createdAt: nowIso() },
      await hashPassword(body.password),
      actorOf(req),
    );
    res.status(201).json({ user: present(user) });
  });

  router.patch('/console/users/:id', ...staff, requireRole('admin'), async (req, res) => {
    const target = await deps.store.getUser(String(req.params.id));
    if (!target) throw new NotFoundError('用户不存在 (user not found)', 'USER_NOT_FOUND');
    const patch = parse(updateSchema, req.body);
    const self = target.id === req.user!.id;
    if (self && (patch.disabled === true || (patch.role && patch.role !== 'admin'))) {
      throw new BadRequestError('不能停用自己或取消自己的管理员角色 (you cannot lock yourself out)', 'SELF_LOCKOUT');
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
