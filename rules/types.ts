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

/** CONTRACT §6. */
export interface Verdict {
  id?: string;
  suggestion: Suggestion;
  risk: number;
  labels: Label[];
  engine: { rules: string; model: string };
  images?: ImageInfo[];
}

export interface Filter {
  /** Synchronous and pure. */
  screen(input: ScreenInput): Verdict;
}

export interface CreateFilterOptions {
  /** Extra rule-pack folders loaded on top of the shipped packs (default: none). */
  rules?: string[];
  /** Load the statistical text classifier (default: true). */
  classifier?: boolean;
}
