import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, appError } from '../lib/errors';
import type { Logger } from '../lib/logger';

export function sendError(res: Parameters<RequestHandler>[1], err: AppError): void {
  for (const [k, v] of Object.entries(err.headers)) res.setHeader(k, v);
  res.status(err.status).json({ error: { code: err.code, message: err.message } });
}

export const notFound: RequestHandler = (_req, _res, next) => next(appError('NOT_FOUND'));

interface BodyParserError {
  type?: string;
  status?: number;
  expose?: boolean;
}

/** Every error leaves as `{"error":{"code","message"}}`; only unknown errors are 500s, and they are logged. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (err instanceof AppError) return sendError(res, err);
    const bp = err as BodyParserError;
    if (bp && typeof bp === 'object' && bp.type === 'entity.parse.failed') {
      return sendError(res, appError('INVALID_JSON'));
    }
    if (bp && typeof bp === 'object' && typeof bp.status === 'number' && bp.status >= 400 && bp.status < 500) {
      // The code decides the status (lib/error-codes.ts), so body-parser's 413s and 415s get codes of their status.
      if (bp.status === 413) return sendError(res, appError('PAYLOAD_TOO_LARGE'));
      if (bp.status === 415) return sendError(res, appError('UNSUPPORTED_MEDIA_TYPE', bp.type));
      return sendError(res, appError('INVALID_REQUEST', bp.type));
    }
    logger.error({ err, method: req.method, path: req.path }, 'unhandled error');
    sendError(res, appError('INTERNAL'));
  };
}
