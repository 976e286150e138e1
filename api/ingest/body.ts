import { randomBytes } from 'node:crypto';
import { createWriteStream, readFileSync, rmSync } from 'node:fs';
import type { Request } from 'express';
import { appError } from '../../lib/errors';
import { FILE_MODE, privateDir } from '../../lib/private-files';
import { JsonImageScanner } from './json-image-scanner';
import path from 'node:path';
import Busboy from 'busboy';

export const MAX_IMAGES = 9;
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

/**
 * What the fields of CONTRACT §3 can take in JSON at worst, every character written as an escape (12 bytes for a
 * character outside the BMP, `\uD83D\uDE00`): text 50,000, title 500, url 2,048, externalId/author.id/name 128,
 * kind 32 characters, author.ip 64 units, meta 4 KiB serialised (≤ 6 bytes of escape per byte), nine image names of
 * 255 — about 690 KB. One MiB leaves room for whitespace and structure.
 */
const WORST_FIELDS = 12 * (50_000 + 500 + 2048 + 3 * 128 + 32 + MAX_IMAGES * 255) + 6 * 64 + 6 * 4096;
export const MAX_JSON_TEXT_BYTES = 1024 * 1024;
if (WORST_FIELDS > MAX_JSON_TEXT_BYTES) throw new Error('MAX_JSON_TEXT_BYTES is below what valid fields may take');
/** Nine 10 MiB images in base64 plus the fields. */
export const MAX_JSON_BYTES = Math.ceil((MAX_IMAGES * MAX_IMAGE_BYTES * 4) / 3) + MAX_JSON_TEXT_BYTES;

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
 * Reads the body, counting bytes against two budgets as they arrive: the base64 of `images[i].data` against
 * MAX_JSON_BYTES, everything else against MAX_JSON_TEXT_BYTES. A text-only body of 20 MB is refused after its
 * first MiB, without being kept. An over-long body is drained (never kept) before the 413 is answered: answering
 * while the client is still sending makes Node close the socket under it, and the client then sees a connection
 * reset instead of our JSON error.
 */
function readJsonBody(req: Request): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (declared > MAX_JSON_BYTES + DRAIN_BYTES) {
      req.resume();
      return reject(appError('PAYLOAD_TOO_LARGE'));
    }
    const scanner = new JsonImageScanner();
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = declared > MAX_JSON_BYTES;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (!tooLarge) {
        scanner.feed(c);
        if (size > MAX_JSON_BYTES || scanner.otherBytes > MAX_JSON_TEXT_BYTES) tooLarge = true;
      }
      if (tooLarge) {
        chunks.length = 0;
        if (size > MAX_JSON_BYTES + DRAIN_BYTES) {
          req.removeAllListeners('data');
          req.resume();
          reject(appError('PAYLOAD_TOO_LARGE'));
        }
      } else chunks.push(c);
    });
    req.on('end', () => (tooLarge ? reject(appError('PAYLOAD_TOO_LARGE')) : resolve(Buffer.concat(chunks, size))));
    req.on('error', reject);
  });
}

/** JSON bodies: the bytes must be valid UTF-8 (no silent replacement) and parse as one object. */
async function parseJson(req: Request): Promise<ParsedBody> {
  const raw = await readJsonBody(req);
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch {
    throw appError('INVALID_ENCODING');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw appError('INVALID_JSON');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw appError('INVALID_BODY', 'body: must be a JSON object');
  return { fields: value as Record<string, unknown>, files: null };
}

/** Field names of the multipart form: plain fields, `author.id`-style or JSON-valued `author`/`meta`. */
const JSON_FIELDS = new Set(['author', 'meta']);

/**
 * Multipart: image parts are streamed to 0600 files in `tmpDir` as they arrive (a slow or large upload holds no
 * memory), then read back once the whole body is in and the files removed.
 */
function parseMultipart(req: Request, tmpDir: string): Promise<ParsedBody> {
  return new Promise((resolve, reject) => {
    let bb: Busboy.Busboy;
    try {
      bb = Busboy({
        headers: req.headers,
        limits: { files: MAX_IMAGES + 1, fileSize: MAX_IMAGE_BYTES + 1, fields: 50, fieldSize: 256 * 1024, parts: 70 },
        defParamCharset: 'utf8',
      });
    } catch {
      return reject(appError('INVALID_MULTIPART'));
    }
    const fields: Record<string, unknown> = {};
    const spooled: Array<{ name: string | null; file: string; written: Promise<void> }> = [];
    let failure: Error | null = null;
    const fail = (e: Error): void => {
      failure ??= e;
    };
    bb.on('field', (name, value, info) => {
      if (info.valueTruncated) return fail(appError('PAYLOAD_TOO_LARGE', `${name}: field too large`));
      if (JSON_FIELDS.has(name)) {
        try {
          fields[name] = JSON.parse(value);
        } catch {
          fail(appError('INVALID_BODY', `${name}: must be JSON`));
        }
      } else if (name.startsWith('author.')) {
        const author = (fields.author ??= {}) as Record<string, unknown>;
        author[name.slice('author.'.length)] = value;
      } else fields[name] = value;
    });
    bb.on('file', (name, stream, info) => {
      if (name !== 'images' || failure) {
        stream.resume();
        if (name !== 'images') fail(appError('INVALID_BODY', `${name}: unexpected file field (use "images")`));
        return;
      }
      const index = spooled.length;
      const file = path.join(privateDir(tmpDir), `${randomBytes(12).toString('hex')}.part`);
      const out = createWriteStream(file, { mode: FILE_MODE });
      const written = new Promise<void>((done) => {
        out.on('finish', done);
        out.on('error', (e) => {
          fail(e);
          done();
        });
      });
      spooled.push({ name: info.filename ?? null, file, written });
      stream.on('limit', () => fail(appError('PAYLOAD_TOO_LARGE', `images[${index}]: 图片超过 10 MiB (image over 10 MiB)`)));
      stream.pipe(out);
    });
    bb.on('filesLimit', () => fail(appError('INVALID_BODY', 'images: at most 9 images')));
    bb.on('partsLimit', () => fail(appError('INVALID_BODY', 'body: too many parts')));
    bb.on('fieldsLimit', () => fail(appError('INVALID_BODY', 'body: too many fields')));
    bb.on('error', () => fail(appError('INVALID_MULTIPART')));
    bb.on('close', () => {
      void Promise.all(spooled.map((s) => s.written)).then(() => {
        try {
          const files = failure ? [] : spooled.map((s) => ({ name: s.name, data: readFileSync(s.file) }));
          if (failure) reject(failure);
          else resolve({ fields, files });
        } catch (e) {
          reject(e as Error);
        } finally {
          for (const s of spooled) rmSync(s.file, { force: true });
        }
      });
    });
    req.on('error', (e) => fail(e));
    req.pipe(bb);
  });
}

/** Reads a POST /v1/contents body of either accepted type; anything else is a 415. */
export async function readContentBody(req: Request, tmpDir: string): Promise<ParsedBody> {
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  const [mime, ...params] = type.split(';').map((s) => s.trim());
  if (mime === 'application/json') {
    const charset = params
      .find((p) => p.startsWith('charset='))
      ?.slice(8)
      .replace(/"/g, '');
    if (charset && charset !== 'utf-8' && charset !== 'utf8') {
      req.resume();
      throw appError('UNSUPPORTED_CHARSET');
    }
    return parseJson(req);
  }
  if (mime === 'multipart/form-data') return parseMultipart(req, tmpDir);
  req.resume();
  throw appError('UNSUPPORTED_MEDIA_TYPE');
}
