import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { ImageAnalyser } from '../../media/image-analyser';
import { tidyOcrText } from '../../media/ocr';
import { sceneImage, textImage } from './helpers';

// One analyser with every stage, in a worker thread (the TypeScript sources are loaded there through
// the swc hook), shared by the whole file: the OCR and classifier models load once.
const analyser = new ImageAnalyser({ threads: 1 });
afterAll(() => analyser.close());

jest.setTimeout(120_000);

test('OCR reads Chinese ad copy from a picture, QR payloads are decoded, the classifier runs', async () => {
  const picture = await textImage('加微信领红包 兼职日赚', 900, 200, 64);
  const r = await analyser.analyse(picture, 0);
  expect(r.ocrText.replace(/\s/g, '')).toMatch(/加微信/);
  expect(r.ocrText).toMatch(/兼职/);
  expect(r.classifierScores).toBeDefined();
  expect(Object.keys(r.classifierScores!).sort()).toEqual(['Drawing', 'Hentai', 'Neutral', 'Porn', 'Sexy']);
  expect(r.findings).toEqual([]);
  expect(r.variants!.stored.length).toBeGreaterThan(0);
  expect(Buffer.isBuffer(r.variants!.stored)).toBe(true);
  expect(r.timings.ocr).toBeGreaterThan(0);

  const qr = fs.readFileSync(path.join(__dirname, 'fixtures', 'qr-wechat.png'));
  // A QR code inside a bigger poster, as ads put them.
  const poster = await sharp(await sceneImage(11, 1000, 700))
    .composite([{ input: qr, left: 600, top: 300 }])
    .jpeg()
    .toBuffer();
  const q = await analyser.analyse(poster, 1);
  expect(q.qrTexts).toEqual(['加微信 wxid_abc123 领红包']);
  expect(q.findings.filter((f) => f.category === 'obscene_violent' && f.action === 'block')).toEqual([]);
});

test('a photo without text gives no OCR noise', async () => {
  const r = await analyser.analyse(await sceneImage(21, 640, 480), 2);
  expect(r.ocrText.length).toBeLessThan(8);
});

test('a bad image never throws out of a worker thread', async () => {
  const r = await analyser.analyse(Buffer.from('GIF89a\x10\x00\x10\x00garbage', 'latin1'), 3);
  expect(r.findings[0]).toMatchObject({ action: 'review', field: 'images[3]' });
});

test('a timeout becomes a review finding and the thread is replaced', async () => {
  const slow = new ImageAnalyser({ threads: 1, ocr: false, classifier: false, qr: false, timeoutMs: 1, warmUpMs: 0 });
  const img = await sceneImage(5, 2000, 1500);
  const r = await slow.analyse(img, 4);
  expect(r.findings).toEqual([expect.objectContaining({ category: 'malware', label: 'unverified', action: 'review', field: 'images[4]' })]);
  expect(r.findings[0].reason).toMatch(/^image\.timeout/);
  expect(r.variants).toBeNull();
  await slow.close();
  await expect(slow.analyse(img, 0)).rejects.toThrow(/closed/);
});

test('several images in flight on a pool of two threads', async () => {
  const pool = new ImageAnalyser({ threads: 2, ocr: false, classifier: false });
  const imgs = await Promise.all([1, 2, 3, 4, 5].map((s) => sceneImage(s * 31)));
  const results = await Promise.all(imgs.map((b, i) => pool.analyse(b, i)));
  expect(results.map((r) => r.index)).toEqual([0, 1, 2, 3, 4]);
  expect(new Set(results.map((r) => r.phash)).size).toBe(5);
  await pool.close();
});

test('tidyOcrText joins CJK characters that OCR spaced out', () => {
  expect(tidyOcrText('加 微 信 领 红包 兼职 日 赚\n\n  call 138 0013 8000  \n')).toBe('加微信领红包兼职日赚\ncall 138 0013 8000');
});
