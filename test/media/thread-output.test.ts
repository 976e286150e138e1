import sharp from 'sharp';
import { ImageAnalyser } from '../../media/image-analyser';
import { textImage } from './helpers';

jest.setTimeout(120_000);

test("third-party output from the image threads (tesseract's warnings) reaches onThreadOutput line by line, not the raw stream", async () => {
  const lines: string[] = [];
  const analyser = new ImageAnalyser({ threads: 1, classifier: false, qr: false, onThreadOutput: (line) => lines.push(line) });
  try {
    // A picture claiming 10 dpi: tesseract warns "Invalid resolution 10 dpi. Using 70 instead."
    const picture = await sharp(await textImage('加微信领红包', 600, 160, 48))
      .withMetadata({ density: 10 })
      .png()
      .toBuffer();
    const r = await analyser.analyse(picture, 0);
    expect(r.ocrText.replace(/\s/g, '')).toMatch(/微信/);
    await new Promise((resolve) => setTimeout(resolve, 200)); // thread output is piped asynchronously
    expect(lines.some((l) => /Invalid resolution/.test(l))).toBe(true);
    expect(lines.every((l) => !l.includes('\n'))).toBe(true);
  } finally {
    await analyser.close();
  }
});
