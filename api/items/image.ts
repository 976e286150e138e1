import type { Request, Response } from 'express';
import { appError } from '../../lib/errors';
import type { ApiDeps } from '../deps';

const CONTENT_TYPES: Record<string, string> = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', gif: 'image/gif' };

function sniffType(buf: Buffer): string {
  if (buf[0] === 0xff && buf[1] === 0xd8) return 'image/jpeg';
  if (buf[0] === 0x89 && buf[1] === 0x50) return 'image/png';
  if (buf.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  if (buf.toString('latin1', 0, 3) === 'GIF') return 'image/gif';
  return 'application/octet-stream';
}

/**
 * `GET /api/items/{id}/images/{index}[?variant=thumb|blur]`: only the re-encoded copies, never the original
 * bytes (which may carry metadata or payloads), and only once screening produced them.
 */
export function getImage(deps: ApiDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const variantParam = req.query.variant === undefined ? 'stored' : String(req.query.variant);
    if (!['stored', 'thumb', 'blur'].includes(variantParam)) throw appError('INVALID_QUERY', 'variant: must be thumb or blur');
    const index = Number(req.params.index);
    const item = await deps.store.getItem(String(req.params.id));
    if (!item || !Number.isInteger(index) || index < 0 || index >= item.imageCount) throw appError('IMAGE_NOT_FOUND');
    const variant = variantParam as 'stored' | 'thumb' | 'blur';
    const data = await deps.store.imageBytes(item.id, index, variant);
    if (!data) throw appError('IMAGE_NOT_AVAILABLE');
    const images = await deps.store.imagesOf(item.id);
    const stored = images.find((i) => i.index === index)?.storedFormat;
    res.setHeader('Content-Type', variant === 'stored' && stored ? (CONTENT_TYPES[stored] ?? sniffType(data)) : sniffType(data));
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Disposition', 'inline');
    if (variant === 'stored') {
      await deps.store.audit(
        { type: 'user', id: req.user!.id, name: req.user!.username, ip: req.ip ?? null },
        'image.reveal',
        { type: 'item', id: item.id },
        { index },
      );
    }
    res.end(data);
  };
}
