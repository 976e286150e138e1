import type { Category } from './categories';

/** What the filter screens. `fields` carries extra named text fields, e.g. `images[0].ocr`. */
export interface ScreenInput {
  id?: string;
  title?: string;
  text?: string;
  fields?: Record<string, string>;
}

/** One match. `start`/`end` are UTF-16 indices into the ORIGINAL field: field.slice(start, end) === text. */
export interface Hit {
  rule: string;
  field: string;
  start: number;
  end: number;
  text: string;
}

export interface Label {
  category: Category;
  label?: string;
  score: number;
  hits: Hit[];
  /** Optional human-readable reason (e.g. for image/malware findings without text hits). */
  reason?: string;
  /** Where the label came from (CONTRACT §11); absent on labels made before sources were recorded. */
  source?: 'rules' | 'classifier' | 'learned' | 'image';
  /** Learned labels: one decided item this one resembles (the evidence behind `reason`). */
  similarTo?: string;
}

export type Suggestion = 'block' | 'review' | 'pass';

export interface ImageInfo {
  index: number;
  format: string;
  width: number;
  height: number;
  phash: string;
  ocrText?: string;
}

/** A match of a shadow rule (CONTRACT §13): reported, never counted. */
export interface ShadowHit extends Hit {
  category: Category;
}

/** CONTRACT §6. */
export interface Verdict {
  id?: string;
  suggestion: Suggestion;
  risk: number;
  labels: Label[];
  engine: { rules: string; model: string };
  images?: ImageInfo[];
  /** Matches of `mode: shadow` rules; present only when there are some. */
  shadowHits?: ShadowHit[];
}

/** A label that may force the suggestion (image-hash rules, malware findings). */
export interface ActionLabel extends Label {
  action?: 'block' | 'review';
}

/** One loaded pack, as named in audit rows and `shenhe rules check`. */
export interface PackInfo {
  file: string;
  name: string;
  category: Category;
  version: string;
  /** SHA-256 of the file's bytes. */
  hash: string;
  rules: number;
}

/** What a filter was built from: the verdict's `engine` plus the detail behind it. */
export interface FilterInfo {
  /** Same as every verdict's `engine.rules`: pack names and versions, then `#` and a short hash. */
  rules: string;
  /** SHA-256 over all packs (name, version, content hash), in load order. */
  hash: string;
  /** `engine.model`: the classifier's version or 'none'. */
  model: string;
  packs: PackInfo[];
  /** Rules per category. */
  counts: Record<Category, number>;
  terms: number;
  /** Time to compile the rules (ms), excluding the one-off fold tables. */
  buildMs: number;
}

export interface Filter {
  /** Synchronous and pure. */
  screen(input: ScreenInput): Verdict;
  /** Image-hash rules (CONTRACT §7): labels for an image whose perceptual hash is near a listed one. */
  matchImage(index: number, phash: string): ActionLabel[];
  /** Adds labels found elsewhere (image stage) and recomputes risk and suggestion. */
  addLabels(verdict: Verdict, extra: ActionLabel[]): Verdict;
  /** Packs, versions and counts this filter was built from. */
  readonly info: FilterInfo;
}

export interface CreateFilterOptions {
  /** Extra rule-pack folders loaded on top of the shipped packs (default: none). */
  rules?: string[];
  /** Load the statistical text classifier (default: true). */
  classifier?: boolean;
  /** Load the packs shipped in `rules/packs` (default: true). */
  shipped?: boolean;
  /** A category score at or above this suggests `block` (default 0.97). */
  blockThreshold?: number;
}
