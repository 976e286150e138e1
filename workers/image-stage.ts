import type { Category } from '../rules/categories';

/** What the screen worker needs from the image analyser (media/ImageAnalyser implements it). */
export interface ImageFindingLike {
  category: Category;
  label?: string;
  score: number;
  action?: 'block' | 'review';
  reason: string;
  field: string;
}

export interface ImageAnalysisLike {
  index: number;
  format: string;
  width: number;
  height: number;
  phash: string;
  ocrText: string;
  qrTexts: string[];
  variants: { stored: Buffer; storedFormat: string; thumb: Buffer; blur: Buffer } | null;
  findings: ImageFindingLike[];
}

export interface ImageStage {
  analyse(buf: Buffer, index: number): Promise<ImageAnalysisLike>;
  close(): Promise<void>;
}
