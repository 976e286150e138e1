/**
 * Bounded decoding and re-encoding with sharp. Everything the moderators see or that is kept for
 * serving is produced here from decoded pixels, so metadata (EXIF, GPS, XMP, IPTC, ICC, comments)
 * and any bytes the decoder did not consume never survive.
 */
import sharp from 'sharp';
import type { Metadata, Sharp } from 'sharp';
import type { ImageFormat } from './sniff';
import { HASH_SIZE, phashFromGrey } from './phash';

export interface DecodeLimits {
  /** Pixels of one frame (sharp `limitInputPixels`). */
  maxPixels: number;
  /** Longest side of one frame. */
  maxDimension: number;
  /** Frames of an animation that are inspected; the rest are ignored with a review finding. */
  maxFrames: number;
}

export const DEFAULT_LIMITS: DecodeLimits = {
  maxPixels: 50_000_000,
  maxDimension: 16_384,
  maxFrames: 500,
};

export const VARIANT_SIZE = 320;

export type StoredFormat = 'jpeg' | 'png' | 'webp';

export interface Probe {
  format: ImageFormat;
  width: number;
  height: number;
  frames: number;
  /** EXIF orientation other than "normal": the pixels must be rotated/flipped. */
  oriented: boolean;
}

export type ProbeResult = { ok: true; probe: Probe } | { ok: false; reason: string; probe?: Probe };

/** Header-only look: dimensions and frame count, without decoding pixels. */
export async function probe(buf: Buffer, sniffed: ImageFormat, limits: DecodeLimits): Promise<ProbeResult> {
  let meta: Metadata;
  try {
    meta = await sharp(buf, { limitInputPixels: false, failOn: 'none' }).metadata();
  } catch (err) {
    return { ok: false, reason: `image.decode_failed: ${errorMessage(err)}` };
  }
  const format = normaliseFormat(meta.format);
  const width = meta.width ?? 0;
  const height = meta.pageHeight ?? meta.height ?? 0;
  const frames = meta.pages ?? 1;
  const oriented = (meta.orientation ?? 1) > 1;
  const info: Probe =
    oriented && (meta.orientation ?? 1) >= 5
      ? { format: sniffed, width: height, height: width, frames, oriented }
      : { format: sniffed, width, height, frames, oriented };
  if (format !== sniffed) {
    return { ok: false, reason: `image.decode_failed: bytes say ${sniffed}, decoder says ${meta.format ?? 'nothing'}`, probe: info };
  }
  if (width <= 0 || height <= 0) return { ok: false, reason: 'image.decode_failed: no dimensions', probe: info };
  if (width > limits.maxDimension || height > limits.maxDimension) {
    return { ok: false, reason: `image.too_large: ${width}×${height} exceeds ${limits.maxDimension} px per side`, probe: info };
  }
  if (width * height > limits.maxPixels) {
    return { ok: false, reason: `image.too_large: ${width}×${height} exceeds ${limits.maxPixels} pixels`, probe: info };
  }
  return { ok: true, probe: info };
}

export interface Rendered {
  stored: Buffer;
  storedFormat: StoredFormat;
  thumb: Buffer;
  blur: Buffer;
  phash: string;
  /** Oriented width and height of the first frame (EXIF rotation applied). */
  width: number;
  height: number;
}

/** Opens one frame of the upload with every decoder limit set. */
export function open(buf: Buffer, limits: DecodeLimits, page = 0, oriented = true): Sharp {
  const img = sharp(buf, {
    limitInputPixels: limits.maxPixels,
    failOn: 'error',
    pages: 1,
    page,
    sequentialRead: true,
  });
  // Bake the EXIF orientation into the pixels, since the EXIF itself is dropped. Skipped when the
  // header says there is nothing to do: auto-rotation otherwise costs a copy of the whole frame.
  return oriented ? img.rotate() : img;
}

const STORED_FOR: Record<ImageFormat, StoredFormat> = { jpeg: 'jpeg', png: 'png', webp: 'webp', gif: 'png' };

/**
 * The stored copy, thumbnail, blurred preview and perceptual hash, from the first frame. sharp writes
 * no metadata unless asked (`keepMetadata`/`withMetadata`), and converts to sRGB without embedding a
 * profile, so the outputs carry pixels only. The full-size re-encode and one downscale run in
 * parallel; the thumbnail, blur and hash all come from the downscaled pixels (one decode each).
 */
export async function render(buf: Buffer, probeInfo: Probe, limits: DecodeLimits): Promise<Rendered> {
  const base = open(buf, limits, 0, probeInfo.oriented);
  const storedFormat = STORED_FOR[probeInfo.format];
  let stored = base.clone();
  // Single-pass Huffman coding: ~10% faster to write, a few % larger.
  if (storedFormat === 'jpeg') stored = stored.jpeg({ quality: 90, optimiseCoding: false });
  else if (storedFormat === 'webp') stored = stored.webp({ quality: 90, effort: 2 });
  else stored = stored.png({ compressionLevel: 6, adaptiveFiltering: false });

  const storedP = stored.toBuffer({ resolveWithObject: true });
  storedP.catch(() => undefined); // awaited below; this only stops an early rejection counting as unhandled
  const small = await base.clone().resize(VARIANT_SIZE, VARIANT_SIZE, { fit: 'inside', withoutEnlargement: true }).raw().toBuffer({ resolveWithObject: true });
  const { width: sw, height: sh, channels } = small.info;
  const fromSmall = (): Sharp => sharp(small.data, { raw: { width: sw, height: sh, channels } });
  const [storedOut, thumb, blur, grey] = await Promise.all([
    storedP,
    fromSmall().webp({ quality: 75, effort: 1 }).toBuffer(),
    // Blurred hard enough that nothing is recognisable: down to 32 px, blur, back up.
    fromSmall().resize(32, 32, { fit: 'inside' }).blur(1.5).resize(sw, sh, { fit: 'fill', kernel: 'cubic' }).webp({ quality: 50, effort: 1 }).toBuffer(),
    hashPixels(fromSmall()),
  ]);
  return {
    stored: storedOut.data,
    storedFormat,
    thumb,
    blur,
    phash: phashFromGrey(grey),
    width: storedOut.info.width,
    height: storedOut.info.height,
  };
}

/**
 * 32×32 luminance for the perceptual hash. Transparent areas are flattened onto white so that the
 * same picture with and without an alpha channel hashes alike.
 */
export async function hashPixels(img: Sharp): Promise<Uint8Array> {
  const { data } = await img
    .flatten({ background: '#ffffff' })
    .greyscale()
    .resize(HASH_SIZE, HASH_SIZE, { fit: 'fill', kernel: 'cubic' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return new Uint8Array(data.buffer, data.byteOffset, data.length);
}

export interface RawImage {
  data: Uint8Array;
  width: number;
  height: number;
  channels: number;
}

/** Decoded pixels of one frame, fitted inside `maxSide`, for the classifier, QR and OCR stages. */
export async function rawPixels(
  buf: Buffer,
  limits: DecodeLimits,
  opts: { maxSide: number; channels: 3 | 4; page?: number; exact?: boolean; oriented?: boolean },
): Promise<RawImage> {
  let img = open(buf, limits, opts.page ?? 0, opts.oriented ?? true).flatten({ background: '#ffffff' });
  img = opts.exact
    ? img.resize(opts.maxSide, opts.maxSide, { fit: 'fill' })
    : img.resize(opts.maxSide, opts.maxSide, { fit: 'inside', withoutEnlargement: true });
  if (opts.channels === 4) img = img.ensureAlpha();
  const { data, info } = await img.raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height, channels: info.channels };
}

function normaliseFormat(f: string | undefined): ImageFormat | null {
  if (f === 'jpeg' || f === 'png' || f === 'webp' || f === 'gif') return f;
  return null;
}

export function errorMessage(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.split('\n')[0].slice(0, 200);
}
