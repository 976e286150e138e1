import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { AppError, appError } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { resolveContentUrl } from '../../lib/site-url';
import { sniffImageFormat } from '../../media/sniff';
import type { ImageRecord } from '../../store/rows';
import type { ApiDeps } from '../deps';
import { clientIp } from '../http';
import { MAX_IMAGE_BYTES, readContentBody, type RawImage } from './body';
import { contentSchema, describeIssue, type ContentBody } from './schema';
import path from 'node:path';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function decodeImages(body: ContentBody, files: RawImage[] | null): RawImage[] {
  if (files) return files;
  return (body.images ?? []).map((img, i) => {
    const data = img.data.replace(/\s+/g, '');
    if (!BASE64.test(data) || data.length % 4 === 1) throw appError('INVALID_BODY', `images[${i}].data: must be base64`);
    if (Math.floor((data.length * 3) / 4) > MAX_IMAGE_BYTES + 3) throw appError('PAYLOAD_TOO_LARGE', `images[${i}]: 图片超过 10 MiB (image over 10 MiB)`);
    return { name: img.name ?? null, data: Buffer.from(data, 'base64') };
  });
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/**
 * What makes two posts "the same body" for idempotent retries: every field, images by content. The canonical form is
 * the JSON of the fields with every object's keys sorted (stored hashes depend on it): the top level and the images are
 * written in sorted order here, so only the objects whose keys the client chose are sorted at run time.
 */
function bodyHash(body: ContentBody, images: Array<{ name: string | null; sha256: string }>): string {
  const canonical = JSON.stringify({
    author: body.author ? sortKeys(body.author) : null,
    externalId: body.externalId,
    images: images.map((img) => ({ name: img.name, sha256: img.sha256 })),
    kind: body.kind ?? null,
    meta: body.meta ? sortKeys(body.meta) : null,
    text: body.text ?? null,
    title: body.title ?? null,
    url: body.url ?? null,
  });
  return createHash('sha256').update(canonical).digest('hex');
}

/** Tenants seen with a complete registration in the last second: the gate is checked per request without a query each time. */
const registeredUntil = new Map<string, number>();

async function officerGate(deps: ApiDeps, tenantId: string): Promise<boolean> {
  const now = Date.now();
  if ((registeredUntil.get(tenantId) ?? 0) > now) return true;
  const ok = await deps.store.officerRegistered(tenantId);
  if (ok) registeredUntil.set(tenantId, now + 1000);
  else registeredUntil.delete(tenantId);
  return ok;
}

/** `POST /v1/contents` (CONTRACT §3). */
export function createContent(deps: ApiDeps) {
  const tmpDir = path.join(deps.config.dataDir, 'tmp');
  return async (req: Request, res: Response): Promise<void> => {
    const tenant = req.tenant;
    if (!tenant) throw appError('UNAUTHORIZED');
    // Clause 19: nothing is accepted from a tenant without a complete security-officer registration.
    if (!(await officerGate(deps, tenant.id))) {
      req.resume();
      throw appError('OFFICER_NOT_REGISTERED');
    }
    const raw = await readContentBody(req, tmpDir);
    const parsed = contentSchema.safeParse(raw.fields);
    if (!parsed.success) throw appError('INVALID_BODY', describeIssue(parsed.error));
    const body = parsed.data;
    if (raw.files && raw.files.length > 9) throw appError('INVALID_BODY', 'images: at most 9 images');
    const pageUrl = body.url ? resolveContentUrl(body.url, tenant.siteUrl) : null;
    if (body.url && !pageUrl) {
      throw appError('INVALID_BODY', 'url: 路径需要站点地址 (a path needs the site URL: shenhe tenant create --site-url, or the console)');
    }
    const images = decodeImages(body, raw.files);
    if (!body.title && !body.text && images.length === 0) {
      throw appError('EMPTY_CONTENT');
    }
    const imageMeta = images.map((img, i) => {
      if (img.data.length > MAX_IMAGE_BYTES) throw appError('PAYLOAD_TOO_LARGE', `images[${i}]: 图片超过 10 MiB (image over 10 MiB)`);
      if (img.data.length === 0) throw appError('INVALID_BODY', `images[${i}]: empty image`);
      const format = sniffImageFormat(img.data);
      if (!format) throw appError('UNSUPPORTED_IMAGE_TYPE', `images[${i}]`);
      return { name: img.name, format, sha256: createHash('sha256').update(img.data).digest('hex') };
    });

    const id = newId('it');
    const now = new Date().toISOString();
    const records: ImageRecord[] = imageMeta.map((m, i) => ({
      itemId: id,
      index: i,
      name: m.name,
      declaredFormat: m.name?.split('.').pop()?.toLowerCase() ?? null,
      sniffedFormat: m.format,
      bytes: images[i].data.length,
      sha256: m.sha256,
      width: null,
      height: null,
      phash: null,
      storedFormat: null,
    }));
    let result;
    try {
      for (const [i, img] of images.entries()) await deps.store.putImageBytes(id, i, 'orig', img.data);
      result = await deps.store.ingest(
        {
          id,
          tenantId: tenant.id,
          externalId: body.externalId,
          bodyHash: bodyHash(body, imageMeta),
          kind: body.kind ?? null,
          title: body.title ?? null,
          text: body.text ?? null,
          authorId: body.author?.id ?? null,
          authorName: body.author?.name ?? null,
          authorIp: body.author?.ip ?? null,
          url: pageUrl,
          meta: body.meta ?? null,
          sourceIp: clientIp(req),
          imageCount: images.length,
          createdAt: now,
        },
        records,
      );
    } catch (err) {
      if (images.length) await deps.store.removeImageBytes(id).catch(() => undefined);
      if (err instanceof AppError) throw err;
      deps.logger.error({ err: String(err) }, 'ingest: could not store item');
      throw appError('STORE_UNAVAILABLE');
    }
    if (!result.created && images.length) await deps.store.removeImageBytes(id);
    if (result.created) {
      deps.metrics.itemIngested(tenant.id);
      deps.pokeOutbox();
    }
    const item = result.item;
    res.status(result.created ? 202 : 200).json({ id: item.id, externalId: item.externalId, status: item.status });
  };
}
