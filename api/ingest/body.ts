import Busboy from 'busboy';
import type { Request } from 'express';
import { BadRequestError, PayloadTooLargeError, UnsupportedMediaTypeError } from '../../lib/errors';

export const MAX_IMAGES = 9;
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
/** Nine 10 MiB images in base64 plus 1 MiB for everything else. */
export const MAX_JSON_BYTES = Math.ceil((MAX_IMAGES * MAX_IMAGE_BYTES * 4) / 3) + 1024 * 1024;

export interface RawImage {
  name: string | null;
  data: Buffer;
}

export interface ParsedBody {
  /** The JSON-shaped fields (images as base64 for JSON bodies). */
  fields: Record<string, unknown>;
  /** Images already in bytes (multipart). */
  files: RawImage[] | null;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Past the limit we keep reading (and dropping) this much more, so the client is still listening when the 413 comes. */
const DRAIN_BYTES = 256 * 1024 * 1024;

/**
 * Reads the body up to `limit` bytes. An over-long body is drained to its end before the 413 is answered:
 * answering while the client is still sending makes Node close the socket under it, and the client then sees a
 * connection reset instead of our JSON error.
 */
function readAll(req: Request, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (declared > limit + DRAIN_BYTES) {
      req.resume();
      return reject(new PayloadTooLargeError());
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = declared > limit;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) tooLarge = true;
      if (tooLarge) {
        chunks.length = 0;
        if (size > limit + DRAIN_BYTES) {
          req.removeAllListeners('data');
          req.resume();
          reject(new PayloadTooLargeError());
        }
      } else chunks.push(c);
    });
    req.on('end', () => (tooLarge ? reject(new PayloadTooLargeError()) : resolve(Buffer.concat(chunks, size))));
    req.on('error', reject);
  });
}

/** JSON bodies: the bytes must be valid UTF-8 (no silent replacement) and parse as one object. */
async function parseJson(req: Request): Promise<ParsedBody> {
  const raw = await readAll(req, MAX_JSON_BYTES);
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch {
    throw new BadRequestError('请求体不是有效的 UTF-8 (body is not valid UTF-8)', 'INVALID_ENCODING');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new BadRequestError('请求体不是有效的 JSON (body is not valid JSON)', 'INVALID_JSON');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new BadRequestError('body: must be a JSON object', 'INVALID_BODY');
  return { fields: value as Record<string, unknown>, files: null };
}

/** Field names of the multipart form: plain fields, `author.id`-style or JSON-valued `author`/`meta`. */
const JSON_FIELDS = new Set(['author', 'meta']);

function parseMultipart(req: Request): Promise<ParsedBody> {
  return new Promise((resolve, reject) => {
    let bb: Busboy.Busboy;
    try {
      bb = Busboy({
        headers: req.headers,
        limits: { files: MAX_IMAGES + 1, fileSize: MAX_IMAGE_BYTES + 1, fields: 50, fieldSize: 256 * 1024, parts: 70 },
        defParamCharset: 'utf8',
      });
    } catch {
      return reject(new BadRequestError('multipart 请求格式错误 (malformed multipart body)', 'INVALID_MULTIPART'));
    }
    const fields: Record<string, unknown> = {};
    const files: RawImage[] = [];
    let failure: Error | null = null;
    const fail = (e: Error): void => {
      failure ??= e;
    };
    bb.on('field', (name, value, info) => {
      if (info.valueTruncated) return fail(new PayloadTooLargeError(`${name}: 字段过大 (field too large)`));
      if (JSON_FIELDS.has(name)) {
        try {
          fields[name] = JSON.parse(value);
        } catch {
          fail(new BadRequestError(`${name}: must be JSON`, 'INVALID_BODY'));
        }
      } else if (name.startsWith('author.')) {
        const author = (fields.author ??= {}) as Record<string, unknown>;
        author[name.slice('author.'.length)] = value;
      } else fields[name] = value;
    });
    bb.on('file', (name, stream, info) => {
      if (name !== 'images') {
        stream.resume();
        return fail(new BadRequestError(`${name}: unexpected file field (use "images")`, 'INVALID_BODY'));
      }
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('limit', () => fail(new PayloadTooLargeError(`images[${files.length}]: 图片超过 10 MiB (image over 10 MiB)`)));
      stream.on('end', () => files.push({ name: info.filename ?? null, data: Buffer.concat(chunks) }));
    });
    bb.on('filesLimit', () => fail(new BadRequestError('images: at most 9 images', 'INVALID_BODY')));
    bb.on('partsLimit', () => fail(new BadRequestError('body: too many parts', 'INVALID_BODY')));
    bb.on('fieldsLimit', () => fail(new BadRequestError('body: too many fields', 'INVALID_BODY')));
    bb.on('error', () => fail(new BadRequestError('multipart 请求格式错误 (malformed multipart body)', 'INVALID_MULTIPART')));
    bb.on('close', () => (failure ? reject(failure) : resolve({ fields, files })));
    req.on('error', (e) => fail(e));
    req.pipe(bb);
  });
}

/** Reads a POST /v1/contents body of either accepted type; anything else is a 415. */
export async function readContentBody(req: Request): Promise<ParsedBody> {
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  const [mime, ...params] = type.split(';').map((s) => s.trim());
  if (mime === 'application/json') {
    const charset = params
      .find((p) => p.startsWith('charset='))
      ?.slice(8)
      .replace(/"/g, '');
    if (charset && charset !== 'utf-8' && charset !== 'utf8') {
      req.resume();
      throw new UnsupportedMediaTypeError('只接受 UTF-8 编码的 JSON (only UTF-8 JSON is accepted)', 'UNSUPPORTED_CHARSET');
    }
    return parseJson(req);
  }
  if (mime === 'multipart/form-data') return parseMultipart(req);
  req.resume();
  throw new UnsupportedMediaTypeError('Content-Type 须为 application/json 或 multipart/form-data', 'UNSUPPORTED_MEDIA_TYPE');
}
