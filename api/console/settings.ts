import { z } from 'zod';
import type { RouteModule } from '../server';
import { actorOf, parse } from './common';

/** Per-user preferences; wellbeing settings follow the moderator to any browser. */
export const settingsSchema = z
  .object({
    greyscale: z.boolean(),
    lang: z.enum(['zh-CN', 'en']),
    undoSeconds: z.number().int().min(0).max(15),
  })
  .partial()
  .strict();

/** `PUT /api/me/settings`: merges the given preferences into the logged-in user's settings (any role). */
export const userSettings: RouteModule = (router, deps, { staff }) => {
  router.put('/me/settings', ...staff, async (req, res) => {
    const patch = parse(settingsSchema, req.body);
    const user = req.user!;
    const settings = { ...user.settings, ...patch };
    await deps.store.updateUser(user.id, { settings }, actorOf(req), 'user.settings', { changed: patch });
    res.json({ settings });
  });
};
