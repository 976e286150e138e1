/**
 * The whole image stage for one upload, in whichever thread calls it. Every failure of the image
 * becomes a finding; only programming errors throw.
 */
import sharp from 'sharp';
import { type DecodeLimits, errorMessage, open, probe, rawPixels, render } from './decode';
import { scanMalware } from './malware';
import { NSFW_INPUT, nsfwClassifier, pornScore } from './nsfw';
import { OCR_MIN_CONFIDENCE, ocrEngine, tidyOcrText } from './ocr';
import { QR_MAX_SIDE, decodeQr } from './qr';
import { type ImageFormat, sniffForeign, sniffImageFormat } from './sniff';
import type { ImageAnalysis, ImageFinding, ResolvedOptions } from './types';

export const DEFAULT_OPTIONS: ResolvedOptions = {
  ocr: true,
  qr: true,
  classifier: true,
  maxPixels: 50_000_000,
  maxDimension: 16_384,
  maxFrames: 500,
  pornReview: 0.6,
  pornBlock: 0.95,
};

/** Longest side given to OCR: enough for ad copy in a phone screenshot, bounded in time. */
const OCR_MAX_SIDE = 1600;
/** Pixels decoded to reach sampled animation frames (each page decode replays the earlier frames). */
const FRAME_SAMPLE_BUDGET = 20_000_000;

export function emptyAnalysis(index: number, format: ImageFormat | 'unknown'): ImageAnalysis {
  return { index, format, width: 0, height: 0, frames: 0, phash: '', ocrText: '', qrTexts: [], variants: null, findings: [], timings: {} };
}

/** A `review` finding for an image that could not be (fully) checked. */
export function unverified(index: number, reason: string, score = 0.5): ImageFinding {
  return { category: 'malware', label: 'unverified', score, action: 'review', reason, field: `images[${index}]` };
}

export async function analyseImage(buf: Buffer, index: number, opts: ResolvedOptions): Promise<ImageAnalysis> {
  const field = `images[${index}]`;
  const t0 = performance.now();
  const timings: Record<string, number> = {};
  let mark = t0;
  const lap = (name: string): void => {
    const now = performance.now();
    timings[name] = Math.round((now - mark) * 100) / 100;
    mark = now;
  };

  const findings: ImageFinding[] = scanMalware(buf).map((hit) => ({
    category: 'malware',
    label: hit.label,
    score: 1,
    action: 'block',
    reason: hit.reason,
    field,
  }));
  lap('malware');

  const format = sniffImageFormat(buf);
  if (!format) {
    const result = emptyAnalysis(index, 'unknown');
    if (findings.length === 0) {
      findings.push(unverified(index, `image.unsupported_format: ${sniffForeign(buf).type}`));
    }
    return { ...result, findings, timings };
  }

  const limits: DecodeLimits = { maxPixels: opts.maxPixels, maxDimension: opts.maxDimension, maxFrames: opts.maxFrames };
  const probed = await probe(buf, format, limits);
  lap('probe');
  if (!probed.ok) {
    findings.push(unverified(index, probed.reason));
    const p = probed.probe;
    return { ...emptyAnalysis(index, format), width: p?.width ?? 0, height: p?.height ?? 0, frames: p?.frames ?? 0, findings, timings };
  }
  const info = probed.probe;
  const result: ImageAnalysis = { ...emptyAnalysis(index, format), width: info.width, height: info.height, frames: info.frames, findings, timings };

  try {
    const r = await render(buf, info, limits);
    result.variants = { stored: r.stored, storedFormat: r.storedFormat, thumb: r.thumb, blur: r.blur };
    result.phash = r.phash;
    result.width = r.width;
    result.height = r.height;
  } catch (err) {
    findings.push(unverified(index, `image.decode_failed: ${errorMessage(err)}`));
    lap('render');
    return result;
  }
  lap('render');

  if (info.frames > opts.maxFrames) {
    findings.push(unverified(index, `image.too_many_frames: ${info.frames} frames, first ${opts.maxFrames} inspected`, 0.3));
  }

  const errors: string[] = [];
  if (opts.qr) {
    try {
      result.qrTexts = decodeQr(await rawPixels(buf, limits, { maxSide: QR_MAX_SIDE, channels: 4, oriented: info.oriented }));
    } catch (err) {
      errors.push(`qr: ${errorMessage(err)}`);
    }
    lap('qr');
  }

  if (opts.ocr) {
    try {
      const engine = await ocrEngine();
      lap('ocrLoad');
      const page = await open(buf, limits, 0, info.oriented)
        .flatten({ background: '#ffffff' })
        .greyscale()
        .resize(OCR_MAX_SIDE, OCR_MAX_SIDE, { fit: 'inside', withoutEnlargement: true })
        .png({ compressionLevel: 1 })
        .toBuffer();
      const { text, confidence } = await engine.recognize(page);
      result.ocrText = confidence >= OCR_MIN_CONFIDENCE ? tidyOcrText(text) : '';
    } catch (err) {
      errors.push(`ocr: ${errorMessage(err)}`);
    }
    lap('ocr');
  }

  if (opts.classifier) {
    try {
      const classifier = await nsfwClassifier();
      lap('classifierLoad');
      let worst: Record<string, number> | null = null;
      for (const page of sampleFrames(info.frames, Math.min(info.frames, opts.maxFrames), info.width * info.height)) {
        const pixels = await rawPixels(buf, limits, { maxSide: NSFW_INPUT, channels: 3, exact: true, page, oriented: info.oriented });
        const scores = await classifier.classify(pixels);
        if (!worst || pornScore(scores) > pornScore(worst)) worst = scores;
      }
      if (worst) {
        result.classifierScores = worst;
        const porn = pornScore(worst);
        const sexy = worst.Sexy ?? 0;
        if (porn >= opts.pornReview) {
          findings.push({
            category: 'obscene_violent',
            label: 'porn',
            score: round(porn),
            action: porn >= opts.pornBlock ? 'block' : 'review',
            reason: `nsfw.porn: ${round(porn)}`,
            field,
          });
        } else if (sexy >= 0.85) {
          findings.push({ category: 'obscene_violent', label: 'porn', score: round(sexy * 0.5), action: 'review', reason: `nsfw.sexy: ${round(sexy)}`, field });
        }
      }
    } catch (err) {
      // An unchecked image must not pass silently: the classifier is the porn check.
      findings.push({ category: 'obscene_violent', label: 'porn', score: 0, action: 'review', reason: `image.classifier_failed: ${errorMessage(err)}`, field });
    }
    lap('classifier');
  }

  if (errors.length) result.errors = errors;
  timings.total = Math.round((performance.now() - t0) * 100) / 100;
  return result;
}

/**
 * The first frame, plus for animations a middle and a last frame of the inspected window, as far as
 * the decode budget reaches (GIF frames are composited in order, so frame k costs k frames).
 */
export function sampleFrames(frames: number, window: number, framePixels: number): number[] {
  const pages = [0];
  if (frames <= 1 || window <= 1) return pages;
  const reachable = Math.max(0, Math.floor(FRAME_SAMPLE_BUDGET / Math.max(1, framePixels)) - 1);
  const last = Math.min(window - 1, reachable);
  const mid = Math.floor(last / 2);
  if (mid > 0) pages.push(mid);
  if (last > mid) pages.push(last);
  return pages;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/** libvips threads per pipeline; a pool of worker threads already uses the cores. */
export function configureSharp(threadsInPool: number): void {
  if (threadsInPool > 1) sharp.concurrency(1);
}
