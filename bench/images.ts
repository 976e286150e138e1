// The image stage on 1-megapixel JPEGs, in one process: the sharp stages (malware scan, probe,
// decode, re-encode, thumbnail, blur, pHash) against a plain sharp thumbnail of the same images in the
// same run, then the per-image latency of the classifier, OCR and QR stages.
import os from 'node:os';
import sharp from 'sharp';
import { ImageAnalyser } from '../media/image-analyser';
import type { ImageAnalysis } from '../media/types';
import { mulberry32 } from './rng';

export const name = 'images';

const COUNT = 60;
const ROUNDS = 3;

/** Photo-like 1155×866 (1.0 MP) JPEGs: shapes on a gradient with fine texture, ~150–300 KB at q85. */
async function photos(): Promise<Buffer[]> {
  const out: Buffer[] = [];
  const w = 1155;
  const h = 866;
  for (let i = 0; i < COUNT; i++) {
    const r = mulberry32(i + 1);
    const c = (): string =>
      `#${Math.floor(r() * 0xffffff)
        .toString(16)
        .padStart(6, '0')}`;
    const shapes = Array.from({ length: 8 }, () => `<circle cx="${r() * w}" cy="${r() * h}" r="${40 + r() * 200}" fill="${c()}"/>`).join('');
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><defs><linearGradient id="g"><stop offset="0" stop-color="${c()}"/><stop offset="1" stop-color="${c()}"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/>${shapes}</svg>`;
    const tw = 289;
    const th = 217;
    const texture = Buffer.from(Array.from({ length: tw * th }, () => Math.floor(r() * 256)));
    const grain = await sharp(texture, { raw: { width: tw, height: th, channels: 1 } })
      .resize(w, h)
      .toColourspace('srgb')
      .png()
      .toBuffer();
    out.push(
      await sharp(Buffer.from(svg))
        .composite([{ input: grain, blend: 'soft-light' }])
        .jpeg({ quality: 85 })
        .toBuffer(),
    );
  }
  return out;
}

async function textPictures(): Promise<Buffer[]> {
  const lines = ['加微信领红包 兼职日赚', '澳门赌场 注册送彩金 日结', '扫码关注公众号 免费领取', '招聘打字员 在家兼职 日赚三百', '代开发票 联系QQ 123456789'];
  return Promise.all(
    lines.map((text, i) =>
      sharp(
        Buffer.from(
          `<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="${400 + i * 40}"><rect width="100%" height="100%" fill="#fdf6e3"/><text x="40" y="200" font-size="56" font-family="Noto Sans CJK SC" fill="#c00">${text}</text></svg>`,
        ),
      )
        .jpeg({ quality: 85 })
        .toBuffer(),
    ),
  );
}

/** Images per second over ROUNDS passes, `concurrency` in flight. */
async function throughput(imgs: Buffer[], concurrency: number, work: (b: Buffer, i: number) => Promise<unknown>): Promise<number> {
  await Promise.all(imgs.slice(0, 4).map(work)); // warm-up
  const t0 = performance.now();
  for (let round = 0; round < ROUNDS; round++) {
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < imgs.length) {
          const i = next++;
          await work(imgs[i], i);
        }
      }),
    );
  }
  return (imgs.length * ROUNDS) / ((performance.now() - t0) / 1000);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
}

async function latency(
  imgs: Buffer[],
  opts: ConstructorParameters<typeof ImageAnalyser>[0],
  stage: string,
): Promise<{ load: number; median: number; sample: ImageAnalysis }> {
  const analyser = new ImageAnalyser({ threads: 1, ...opts });
  try {
    const first = await analyser.analyse(imgs[0], 0);
    const load = first.timings[`${stage}Load`] ?? NaN;
    const times: number[] = [];
    let sample = first;
    for (const [i, img] of imgs.entries()) {
      sample = await analyser.analyse(img, i);
      times.push(sample.timings[stage]);
    }
    return { load, median: median(times), sample };
  } finally {
    await analyser.close();
  }
}

export async function run(): Promise<string> {
  const imgs = await photos();
  const meanKb = imgs.reduce((s, b) => s + b.length, 0) / imgs.length / 1024;
  const rows: string[] = [];

  const peer = await throughput(imgs, 2, (b) => sharp(b).resize(320, 320, { fit: 'inside' }).webp({ quality: 75, effort: 1 }).toBuffer());
  const peerReencode = await throughput(imgs, 2, (b) => sharp(b).jpeg({ quality: 90 }).toBuffer());
  rows.push(`| peer: plain sharp 320 px WebP thumbnail | ${peer.toFixed(1)} | 1.00 |`);
  rows.push(`| peer: plain sharp JPEG re-encode (q90) | ${peerReencode.toFixed(1)} | ${(peerReencode / peer).toFixed(2)} |`);

  const sharpOnly = { ocr: false, qr: false, classifier: false } as const;
  for (const threads of [0, 1, 2]) {
    const analyser = new ImageAnalyser({ threads, ...sharpOnly });
    const concurrency = threads === 0 ? 2 : threads * 2;
    const rate = await throughput(imgs, concurrency, (b, i) => analyser.analyse(b, i));
    await analyser.close();
    const where = threads === 0 ? 'in the calling thread' : `${threads} worker thread${threads > 1 ? 's' : ''}`;
    rows.push(`| shenhe image stage (scan, probe, decode, re-encode, thumb, blur, pHash), ${where} | ${rate.toFixed(1)} | ${(rate / peer).toFixed(2)} |`);
  }

  const classifier = await latency(imgs.slice(0, 12), { ocr: false, qr: false }, 'classifier');
  const texts = await textPictures();
  const ocr = await latency(texts, { classifier: false, qr: false }, 'ocr');
  const qr = await latency(imgs.slice(0, 12), { ocr: false, classifier: false }, 'qr');

  return [
    '## Images',
    '',
    `${COUNT} photo-like 1155×866 (1.0 MP) JPEGs, mean ${meanKb.toFixed(0)} KB, ${ROUNDS} passes; one process, ${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(1)} at the end, sharp ${sharp.versions.sharp} / libvips ${sharp.versions.vips}.`,
    '',
    '| what | images/s | ratio to peer |',
    '| --- | ---: | ---: |',
    ...rows,
    '',
    '| stage (one worker thread) | model load, ms | median per image, ms |',
    '| --- | ---: | ---: |',
    `| nsfwjs MobileNetV2 classifier (${classifier.sample.classifierScores ? 'ran' : 'DID NOT RUN'}) | ${classifier.load.toFixed(0)} | ${classifier.median.toFixed(1)} |`,
    `| tesseract.js OCR, chi_sim+eng, 1000 px text pictures | ${ocr.load.toFixed(0)} | ${ocr.median.toFixed(1)} |`,
    `| jsQR on 1 MP photos | – | ${qr.median.toFixed(1)} |`,
    '',
    `OCR sample: ${JSON.stringify(ocr.sample.ocrText)}`,
  ].join('\n');
}
