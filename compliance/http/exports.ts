import { existsSync } from 'node:fs';
import { z } from 'zod';
import { parseDay } from '../dates';
import { exportRecords, manifestPath } from '../export';
import { appError } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { requireRole } from '../../api/auth/session';
import type { RouteModule } from '../../api/server';
import { actorOf, param, parse, roles } from './common';
import path from 'node:path';

const day = z.string().refine((v) => parseDay(v) !== null, 'must be a calendar date YYYY-MM-DD');
export const createSchema = z
  .object({
    from: day,
    to: day,
    tenantId: z.string().min(1).max(100).nullish(),
    authorId: z.string().min(1).max(200).nullish(),
    keyword: z.string().min(1).max(200).nullish(),
    reason: z.string().trim().min(1, 'the legal basis is required').max(1000),
    requester: z.string().trim().max(1000).nullish(),
  })
  .refine((b) => b.from <= b.to, { message: 'from must not be after to', path: ['from'] });

/**
 * Clause 16 lawful export from the console. Unlike the CLI, the legal basis (`reason`) is required here. Files go
 * to `<dataDir>/exports/`; downloading one is itself audited, since the file holds personal data.
 */
export const exportRoutes: RouteModule = (router, deps, { staff }) => {
  router.post('/exports', ...staff, requireRole(...roles('exportWrite')), async (req, res) => {
    const body = parse(createSchema, req.body);
    if (body.tenantId && !(await deps.store.getTenant(body.tenantId))) throw appError('INVALID_BODY', 'tenantId: no such tenant');
    const out = path.join(deps.config.dataDir, 'exports', `${newId('exf')}.jsonl`);
    const manifest = await exportRecords(deps.store, {
      from: body.from,
      to: body.to,
      tenantId: body.tenantId ?? null,
      authorId: body.authorId ?? null,
      keyword: body.keyword ?? null,
      reason: body.reason,
      requester: body.requester ?? null,
      out,
      actor: actorOf(req),
    });
    res.status(201).json({ id: manifest.exportId, manifest, download: `/api/exports/${manifest.exportId}/file` });
  });

  router.get('/exports', ...staff, requireRole(...roles('exportRead')), async (_req, res) => {
    res.json({ exports: (await deps.store.listExports()).map(({ file: _file, ...rest }) => rest) });
  });

  router.get('/exports/:id/manifest', ...staff, requireRole(...roles('exportRead')), async (req, res) => {
    const rec = await deps.store.getExport(param(req, 'id'));
    if (!rec || !existsSync(manifestPath(rec.file))) throw appError('EXPORT_NOT_FOUND');
    res.setHeader('Cache-Control', 'private, no-store');
    res.sendFile(manifestPath(rec.file));
  });

  router.get('/exports/:id/file', ...staff, requireRole(...roles('exportDownload')), async (req, res) => {
    const rec = await deps.store.getExport(param(req, 'id'));
    if (!rec || !existsSync(rec.file)) throw appError('EXPORT_NOT_FOUND');
    await deps.store.audit(actorOf(req), 'export.download', { type: 'export', id: rec.id }, { sha256: rec.sha256 });
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('Content-Type', 'application/x-ndjson; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="shenhe-export-${rec.id}.jsonl"`);
    res.sendFile(rec.file);
  });
};
