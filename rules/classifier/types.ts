import type { Category } from '../categories';

/** One statistical finding. Scores are calibrated so that 0.5 is the decision threshold. */
export interface Prediction {
  category: Category;
  label?: string;
  score: number;
}

/** The text classifier as the filter sees it: pure and synchronous once loaded. */
export interface TextModel {
  readonly version: string;
  predict(text: string): Prediction[];
}
