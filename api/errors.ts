import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, NotFoundError } from '../lib/errors';
import type { Logger } from '../lib/logger';

export function sendError(res: Parameters<RequestHandler>[1], err: AppError): void {
  for (const [k, v] of Object.entries(err.headers)) res.setHeader(k, v);
  res.status(err.status).json({ error: { code: err.code, message: err.message } });
}

export const notFound: RequestHandler = (_req, _res, next) => next(new NotFoundError('没有这个接口 (no such endpoint)', 'NOT_FOUND'));

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
    if (bp && typeof bp === 'object' && bp.type === 'entity.too.large') {
      return sendError(res, new AppError(413, 'PAYLOAD_TOO_LARGE', '请求体过大 (payload too large)'));
    }
    if (bp && typeof bp === 'object' && bp.type === 'entity.parse.failed') {
      return sendError(res, new AppError(400, 'INVALID_JSON', '请求体不是有效的 JSON (body is not valid JSON)'));
    }
    if (bp && typeof bp === 'object' && typeof bp.status === 'number' && bp.status >= 400 && bp.status < 500) {
      return sendError(res, new AppError(bp.status, 'INVALID_REQUEST', '请求无效 (invalid request)'));
    }
    logger.error({ err, method: req.method, path: req.path }, 'unhandled error');
    sendError(res, new AppError(500, 'INTERNAL', '服务器内部错误 (internal error)'));
  };
}
