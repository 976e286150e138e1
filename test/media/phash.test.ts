import sharp from 'sharp';
import { ImageAnalyser, hammingDistance } from '../../media/image-analyser';
import { phashFromGrey } from '../../media/phash';
import { mulberry32, sceneImage, textImage } from './helpers';

const analyser = new ImageAnalyser({ threads: 0, ocr: false, qr: false, classifier: false });
afterAll(() => analyser.close());

async function hashOf(buf: Buffer): Promise<string> {
  const r = await analyser.analyse(buf, 0);
  expect(r.phash).toMatch(/^[0-9a-f]{16}$/);
  return r.phash;
}

type Edit = (img: Buffer) => Promise<Buffer>;

const EDITS: Record<string, Edit> = {
  'resize 50%': async (b) => {
    const m = await sharp(b).metadata();
    return sharp(b)
      .resize(Math.round(m.width! / 2))
      .jpeg({ quality: 85 })
      .toBuffer();
  },
  'resize 160% png': async (b) => {
    const m = await sharp(b).metadata();
    return sharp(b)
      .resize(Math.round(m.width! * 1.6))
      .png()
      .toBuffer();
  },
  'recompress q30': (b) => sharp(b).jpeg({ quality: 30 }).toBuffer(),
  'webp q50': (b) => sharp(b).webp({ quality: 50 }).toBuffer(),
  'brightness +15%': (b) => sharp(b).modulate({ brightness: 1.15 }).jpeg().toBuffer(),
  'brightness -15%': (b) => sharp(b).modulate({ brightness: 0.85 }).jpeg().toBuffer(),
  'contrast/gamma': (b) => sharp(b).gamma(1.6).jpeg().toBuffer(),
  'crop 3% top-left': async (b) => {
    const m = await sharp(b).metadata();
    const dx = Math.round(m.width! * 0.03);
    const dy = Math.round(m.height! * 0.03);
    return sharp(b)
      .extract({ left: dx, top: dy, width: m.width! - dx, height: m.height! - dy })
      .jpeg()
      .toBuffer();
  },
  'crop 5% border': async (b) => {
    const m = await sharp(b).metadata();
    const dx = Math.round(m.width! * 0.05);
    const dy = Math.round(m.height! * 0.05);
    return sharp(b)
      .extract({ left: dx, top: dy, width: m.width! - 2 * dx, height: m.height! - 2 * dy })
      .jpeg()
      .toBuffer();
  },
  'resize+recompress+brighten': async (b) => {
    const m = await sharp(b).metadata();
    return sharp(b)
      .resize(Math.round(m.width! * 0.7))
      .modulate({ brightness: 1.1 })
      .jpeg({ quality: 50 })
      .toBuffer();
  },
  'watermark text': async (b) => {
    const m = await sharp(b).metadata();
    const mark = Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="${m.width}" height="${m.height}"><text x="${m.width! - 200}" y="${m.height! - 20}" font-size="24" fill="white" fill-opacity="0.7">@someone 水印</text></svg>`,
    );
    return sharp(b)
      .composite([{ input: mark }])
      .jpeg()
      .toBuffer();
  },
};

const THRESHOLDS = [6, 8, 10];

describe('perceptual hash', () => {
  test('hamming distance', () => {
    expect(hammingDistance('0000000000000000', '0000000000000000')).toBe(0);
    expect(hammingDistance('0000000000000000', 'ffffffffffffffff')).toBe(64);
    expect(hammingDistance('8000000000000001', '0000000000000000')).toBe(2);
    expect(hammingDistance('ABCDEF0123456789', 'abcdef0123456789')).toBe(0);
    expect(hammingDistance('', '0000000000000000')).toBe(64); // no hash never matches
    expect(() => phashFromGrey(new Uint8Array(10))).toThrow(RangeError);
  });

  test('robustness: edited copies match, different images do not', async () => {
    const originals: Buffer[] = [];
    for (let seed = 1; seed <= 24; seed++) originals.push(await sceneImage(seed * 7919, 640 + (seed % 3) * 160, 480));
    const lines = ['加微信领红包 兼职日赚', '澳门赌场 注册送彩金', '今日特价 全场五折', '扫码关注 公众号', 'Call 13800138000 now', '招聘 日结 高薪'];
    for (const [i, line] of lines.entries()) originals.push(await textImage(line, 800 + i * 20, 220 + i * 10, 56));
    // Smooth random texture, seeded so the numbers are the same on every run.
    const rnd = mulberry32(42);
    const noise = Buffer.from(Array.from({ length: 80 * 60 * 3 }, () => Math.floor(rnd() * 256)));
    originals.push(
      await sharp(noise, { raw: { width: 80, height: 60, channels: 3 } })
        .resize(640, 480)
        .blur(3)
        .jpeg()
        .toBuffer(),
    );

    const hashes = await Promise.all(originals.map(hashOf));

    const recall: Record<string, Record<number, number>> = {};
    const worst: Record<string, number> = {};
    let allEdits = 0;
    const allHits: Record<number, number> = Object.fromEntries(THRESHOLDS.map((t) => [t, 0]));
    for (const [name, edit] of Object.entries(EDITS)) {
      const distances: number[] = [];
      for (const [i, img] of originals.entries()) distances.push(hammingDistance(hashes[i], await hashOf(await edit(img))));
      recall[name] = Object.fromEntries(THRESHOLDS.map((t) => [t, distances.filter((d) => d <= t).length / distances.length]));
      worst[name] = Math.max(...distances);
      allEdits += distances.length;
      for (const t of THRESHOLDS) allHits[t] += distances.filter((d) => d <= t).length;
    }

    const pairs: number[] = [];
    for (let i = 0; i < hashes.length; i++) for (let j = i + 1; j < hashes.length; j++) pairs.push(hammingDistance(hashes[i], hashes[j]));
    const falseMatches = Object.fromEntries(THRESHOLDS.map((t) => [t, pairs.filter((d) => d <= t).length]));

    const summary = {
      images: originals.length,
      editedCopies: allEdits,
      recall: Object.fromEntries(THRESHOLDS.map((t) => [t, +(allHits[t] / allEdits).toFixed(3)])),
      recallByEdit: recall,
      worstDistanceByEdit: worst,
      pairsOfDifferentImages: pairs.length,
      falseMatches,
      minDistanceBetweenDifferent: Math.min(...pairs),
    };
    // The README quotes these numbers.
    process.stdout.write(`phash robustness ${JSON.stringify(summary, null, 1)}\n`);

    expect(allHits[10] / allEdits).toBeGreaterThanOrEqual(0.93);
    expect(allHits[8] / allEdits).toBeGreaterThanOrEqual(0.9);
    // A DCT hash of the whole frame is not crop-invariant: a 5% border crop is a 1.11× zoom.
    for (const name of Object.keys(EDITS)) {
      expect([name, recall[name][10] >= (name === 'crop 5% border' ? 0.5 : 0.8)]).toEqual([name, true]);
    }
    expect(falseMatches[10] / pairs.length).toBeLessThanOrEqual(0.01);
    expect(falseMatches[8]).toBe(0);
    expect(falseMatches[6]).toBe(0);
  });
});
