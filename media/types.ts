import type { Category } from '../rules/categories';
import type { ImageFormat } from './sniff';

export interface ImageVariants {
  /** Re-encoded first frame: pixels only, no metadata, nothing appended. */
  stored: Buffer;
  storedFormat: 'jpeg' | 'png' | 'webp';
  /** WebP, fitted inside 320×320. */
  thumb: Buffer;
  /** WebP, same size as `thumb`, blurred beyond recognition. */
  blur: Buffer;
}

export interface ImageFinding {
  category: Category;
  label?: string;
  score: number;
  action?: 'block' | 'review';
  reason: string;
  /** `images[N]`. */
  field: string;
}

export interface ImageAnalysis {
  index: number;
  /** `unknown` only when the bytes are no JPEG/PNG/WebP/GIF at all (the ingest API refuses those). */
  format: ImageFormat | 'unknown';
  width: number;
  height: number;
  frames: number;
  /** 16 hex digits; '' when no hash could be computed (refused or undecodable): match nothing then. */
  phash: string;
  /** '' when none. CJK characters that OCR separated with spaces are joined again. */
  ocrText: string;
  qrTexts: string[];
  variants: ImageVariants | null;
  findings: ImageFinding[];
  /** Milliseconds per stage. */
  timings: Record<string, number>;
  /** Classifier class probabilities (nsfwjs: Drawing, Hentai, Neutral, Porn, Sexy), when it ran. */
  classifierScores?: Record<string, number>;
  /** Stages that failed without a finding of their own (OCR, QR), e.g. `ocr: …`. */
  errors?: string[];
}

export interface ImageAnalyserOptions {
  /** Worker threads (default 1). 0 runs in the calling thread (tests, tools); no timeout kill then. */
  threads?: number;
  /** Read text with tesseract.js (default true). */
  ocr?: boolean;
  /** Decode QR codes with jsQR (default true). */
  qr?: boolean;
  /** nsfwjs porn classifier (default true). */
  classifier?: boolean;
  /** Per image; past it the thread is replaced and the image gets an `image.timeout` review finding (default 30000). */
  timeoutMs?: number;
  /** Extra time allowed for the first image on a fresh thread, which loads the models (default 90000). */
  warmUpMs?: number;
  /**
   * Receives each line the threads print (model banners, tesseract's "Invalid resolution" warnings), so a server
   * sends them through its JSON logger (default: a JSON line on stderr; stdout may be a JSON stream).
   */
  onThreadOutput?: (line: string) => void;
  /** Pixels of one frame (default 50,000,000). */
  maxPixels?: number;
  /** Longest side of one frame (default 16,384). */
  maxDimension?: number;
  /** Frames of an animation inspected (default 500); longer ones get a review finding. */
  maxFrames?: number;
  /** Porn+Hentai probability for a `review` finding (default 0.6) and for `block` (default 0.95). */
  pornReview?: number;
  pornBlock?: number;
}

/** Options after defaults, as sent to a worker thread. */
export type ResolvedOptions = Required<Omit<ImageAnalyserOptions, 'threads' | 'timeoutMs' | 'warmUpMs' | 'onThreadOutput'>>;
