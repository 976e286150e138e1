import sharp from 'sharp';
import { ImageAnalyser } from '../../media/image-analyser';
import { animation, pngBomb, sceneImage } from './helpers';

// The sharp stages only; OCR, QR and the classifier have their own test file.
const analyser = new ImageAnalyser({ threads: 0, ocr: false, qr: false, classifier: false });
afterAll(() => analyser.close());

const GPS = {
  IFD0: { Make: 'TestCam', Model: 'X1', Copyright: 'someone' },
  IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '39/1 54/1 2706/100', GPSLongitudeRef: 'E', GPSLongitude: '116/1 23/1 2946/100' },
};

async function withGps(format: 'jpeg' | 'png' | 'webp'): Promise<Buffer> {
  const img = sharp(await sceneImage(7, 400, 300))
    .withExif(GPS)
    .withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF/></x:xmpmeta>');
  return img.toFormat(format).toBuffer();
}

describe('stored copies carry pixels only', () => {
  test.each(['jpeg', 'png', 'webp'] as const)('EXIF, GPS and XMP are dropped from a %s', async (format) => {
    const input = await withGps(format);
    const before = await sharp(input).metadata();
    expect(before.exif).toBeDefined(); // the fixture really has GPS data
    expect(input.includes(Buffer.from('TestCam'))).toBe(true);

    const r = await analyser.analyse(input, 0);
    expect(r.findings).toEqual([]);
    expect(r.variants).not.toBeNull();
    for (const [name, out] of Object.entries({ stored: r.variants!.stored, thumb: r.variants!.thumb, blur: r.variants!.blur })) {
      const meta = await sharp(out).metadata();
      expect([name, meta.exif, meta.xmp, meta.icc, meta.iptc]).toEqual([name, undefined, undefined, undefined, undefined]);
      expect(out.includes(Buffer.from('TestCam'))).toBe(false);
      expect(out.includes(Buffer.from('GPS'))).toBe(false);
    }
    expect(r.variants!.storedFormat).toBe(format);
    expect(r).toMatchObject({ index: 0, format, width: 400, height: 300, frames: 1 });
  });

  test('EXIF orientation is applied before it is dropped', async () => {
    const rotated = await sharp(await sceneImage(3, 400, 300))
      .withMetadata({ orientation: 6 })
      .jpeg()
      .toBuffer();
    const r = await analyser.analyse(rotated, 1);
    expect([r.width, r.height]).toEqual([300, 400]);
    const meta = await sharp(r.variants!.stored).metadata();
    expect([meta.width, meta.height, meta.orientation]).toEqual([300, 400, undefined]);
  });

  test('thumbnail and blurred preview fit in 320 px', async () => {
    const r = await analyser.analyse(await sceneImage(4, 1200, 900), 0);
    for (const out of [r.variants!.thumb, r.variants!.blur]) {
      const meta = await sharp(out).metadata();
      expect(meta.format).toBe('webp');
      expect(Math.max(meta.width!, meta.height!)).toBeLessThanOrEqual(320);
    }
  });

  test('an appended payload is blocked and absent from the stored copy', async () => {
    const payload = Buffer.from('PK\x03\x04secret-archive-bytes', 'latin1');
    const r = await analyser.analyse(Buffer.concat([await sceneImage(5), payload]), 2);
    expect(r.findings).toEqual([expect.objectContaining({ category: 'malware', label: 'appended_data', action: 'block', field: 'images[2]' })]);
    expect(r.variants!.stored.includes(Buffer.from('secret-archive-bytes'))).toBe(false);
    expect(r.phash).toMatch(/^[0-9a-f]{16}$/);
  });

  test('a GIF is stored as its first frame in PNG', async () => {
    const r = await analyser.analyse(await animation(12, 32, 'gif'), 0);
    expect(r).toMatchObject({ format: 'gif', frames: 12, width: 32, height: 32, findings: [] });
    const meta = await sharp(r.variants!.stored).metadata();
    expect([meta.format, meta.pages ?? 1, meta.height]).toEqual(['png', 1, 32]);
  });
});

describe('bounded decoding', () => {
  test('a decompression bomb is refused from its header, quickly', async () => {
    const bomb = pngBomb(60_000, 60_000); // 3.6 gigapixels declared in a few hundred bytes
    expect(bomb.length).toBeLessThan(2000);
    const t = Date.now();
    const r = await analyser.analyse(bomb, 3);
    expect(Date.now() - t).toBeLessThan(2000);
    expect(r.variants).toBeNull();
    expect(r.phash).toBe('');
    expect(r.findings).toEqual([expect.objectContaining({ category: 'malware', label: 'unverified', action: 'review', field: 'images[3]' })]);
    expect(r.findings[0].reason).toMatch(/^image\.too_large/);
  });

  test('more pixels than maxPixels are refused', async () => {
    const small = new ImageAnalyser({ threads: 0, ocr: false, qr: false, classifier: false, maxPixels: 100_000 });
    const r = await small.analyse(await sceneImage(1, 640, 480), 0);
    expect(r.findings[0].reason).toMatch(/^image\.too_large: 640×480 exceeds 100000 pixels/);
    await small.close();
  });

  test('a long animation is sampled within bounded time and memory', async () => {
    const gif = await animation(1200, 48, 'gif');
    const t = Date.now();
    const r = await analyser.analyse(gif, 0);
    const elapsed = Date.now() - t;
    expect(r.frames).toBe(1200);
    expect(r.variants).not.toBeNull();
    expect((await sharp(r.variants!.stored).metadata()).pages ?? 1).toBe(1);
    expect(r.findings).toEqual([expect.objectContaining({ label: 'unverified', action: 'review' })]);
    expect(r.findings[0].reason).toBe('image.too_many_frames: 1200 frames, first 500 inspected');
    expect(elapsed).toBeLessThan(5000);
  });

  test('an animated WebP keeps its first frame', async () => {
    const r = await analyser.analyse(await animation(40, 32, 'webp'), 0);
    expect(r).toMatchObject({ format: 'webp', frames: 40, findings: [] });
    expect(r.variants!.storedFormat).toBe('webp');
    expect((await sharp(r.variants!.stored).metadata()).pages ?? 1).toBe(1);
  });

  test('truncated and corrupt images become review findings, never exceptions', async () => {
    const jpeg = await sceneImage(9);
    const truncated = jpeg.subarray(0, 600);
    const corrupt = Buffer.concat([jpeg.subarray(0, 200), Buffer.alloc(4000, 0xff), jpeg.subarray(4200)]);
    for (const buf of [truncated, corrupt, Buffer.from('not an image at all')]) {
      const r = await analyser.analyse(buf, 4);
      expect(r.findings.length).toBeGreaterThan(0);
      expect(r.findings.every((f) => f.action === 'review' && f.field === 'images[4]')).toBe(true);
    }
  });

  test('SVG handed to analyse is refused, not rendered', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>');
    const r = await analyser.analyse(svg, 0);
    expect(r).toMatchObject({ format: 'unknown', variants: null, phash: '' });
    expect(r.findings[0].reason).toBe('image.unsupported_format: svg');
  });

  test('an executable is a malware block', async () => {
    const r = await analyser.analyse(Buffer.concat([Buffer.from('MZ'), Buffer.alloc(500)]), 5);
    expect(r.findings).toEqual([expect.objectContaining({ category: 'malware', label: 'executable', action: 'block', field: 'images[5]' })]);
  });
});
