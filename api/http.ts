import type { Request } from 'express';

/** The peer address; X-Forwarded-For is honoured only when express's `trust proxy` is configured. */
export function clientIp(req: Request): string | null {
  return req.ip ?? req.socket.remoteAddress ?? null;
}
