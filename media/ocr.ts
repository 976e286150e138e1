/**
 * Text in images (WeChat IDs, phone numbers, ad copy) with tesseract.js, simplified Chinese + English.
 * The trained data ships gzipped in @tesseract.js-data/{chi_sim,eng}; tesseract.js wants one folder
 * holding every language, so a private temp folder of symlinks to the two packaged files is used as
 * `langPath`. Nothing is downloaded and no cache is written.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Worker as TessWorker } from 'tesseract.js';

// English first: with chi_sim first, tesseract 5 (wasm) prints a spurious "Failed loading language" for a
// garbled name while loading; the recognised text is the same either way.
const LANGS = ['eng', 'chi_sim'] as const;

export interface OcrEngine {
  recognize(image: Buffer): Promise<{ text: string; confidence: number }>;
  terminate(): Promise<void>;
}

let loading: Promise<OcrEngine> | null = null;

/** The thread's OCR engine, created on first use (tesseract.js runs it in a thread of its own). */
export function ocrEngine(): Promise<OcrEngine> {
  loading ??= load().catch((err: unknown) => {
    loading = null;
    throw err;
  });
  return loading;
}

export async function closeOcr(): Promise<void> {
  const current = loading;
  loading = null;
  if (current) await (await current.catch(() => null))?.terminate();
}

function languageDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shenhe-tessdata-'));
  for (const lang of LANGS) {
    const pkg = path.dirname(require.resolve(`@tesseract.js-data/${lang}/package.json`));
    fs.symlinkSync(path.join(pkg, '4.0.0_best_int', `${lang}.traineddata.gz`), path.join(dir, `${lang}.traineddata.gz`));
  }
  return dir;
}

async function load(): Promise<OcrEngine> {
  const tesseract = require('tesseract.js') as typeof import('tesseract.js');
  const langPath = languageDir();
  let lastError: unknown = null;
  let worker: TessWorker;
  try {
    worker = await tesseract.createWorker([...LANGS], tesseract.OEM.LSTM_ONLY, {
      langPath,
      gzip: true,
      cacheMethod: 'none',
      // Without a handler tesseract.js rethrows worker errors asynchronously, killing the thread.
      errorHandler: (err: unknown) => {
        lastError = err;
      },
    });
  } catch (err) {
    fs.rmSync(langPath, { recursive: true, force: true });
    throw err instanceof Error ? err : new Error(`OCR failed to start: ${String(lastError ?? err)}`);
  }
  // The data is in tesseract's memory now; the folder is no longer needed.
  fs.rmSync(langPath, { recursive: true, force: true });
  return {
    async recognize(image: Buffer) {
      const { data } = await worker.recognize(image);
      return { text: data.text, confidence: data.confidence };
    },
    async terminate() {
      await worker.terminate();
    },
  };
}

const CJK = '\\p{Script=Han}\\u3000-\\u303f\\uff00-\\uffef';
const CJK_GAP = new RegExp(`(?<=[${CJK}])[ \\t]+(?=[${CJK}])`, 'gu');

/**
 * Tesseract separates CJK characters with spaces ("加 微 信"); they are joined again so moderators
 * read normal text. Blank lines and trailing spaces go too.
 */
export function tidyOcrText(text: string): string {
  return text
    .split('\n')
    .map((line) =>
      line
        .replace(CJK_GAP, '')
        .replace(/[ \t]+/g, ' ')
        .trim(),
    )
    .filter((line) => line.length > 0)
    .join('\n');
}

/** Below this mean confidence the output is noise read from a photo's texture, not text. */
export const OCR_MIN_CONFIDENCE = 45;
