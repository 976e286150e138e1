import type { ImageAnalyser } from '../media/image-analyser';

/** What the screen worker needs from the image stage (media/ImageAnalyser); tests may pass another. */
export type ImageStage = Pick<ImageAnalyser, 'analyse' | 'close'>;
