import zlib from 'node:zlib';
import sharp from 'sharp';
import { mulberry32 } from '../../bench/rng';

export const CJK_FONT = 'Noto Sans CJK SC';

/** A picture with shapes and a gradient, different for each seed. */
export async function sceneImage(seed: number, width = 640, height = 480): Promise<Buffer> {
  const rnd = mulberry32(seed);
  const colour = (): string =>
    `#${Math.floor(rnd() * 0xffffff)
      .toString(16)
      .padStart(6, '0')}`;
  const shapes: string[] = [];
  for (let i = 0; i < 6; i++) {
    const x = Math.floor(rnd() * width);
    const y = Math.floor(rnd() * height);
    const r = 20 + Math.floor(rnd() * 120);
    shapes.push(
      rnd() < 0.5
        ? `<circle cx="${x}" cy="${y}" r="${r}" fill="${colour()}"/>`
        : `<rect x="${x - r}" y="${y - r}" width="${r * 2}" height="${Math.floor(r * (0.5 + rnd()))}" fill="${colour()}" transform="rotate(${Math.floor(rnd() * 90)} ${x} ${y})"/>`,
    );
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="g" x1="0" y1="0" x2="${rnd().toFixed(2)}" y2="1"><stop offset="0" stop-color="${colour()}"/><stop offset="1" stop-color="${colour()}"/></linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/>${shapes.join('')}</svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 92 }).toBuffer();
}

/** Black text on white, rendered by librsvg with the CJK font. */
export async function textImage(text: string, width = 900, height = 200, size = 64): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#fff"/>
    <text x="30" y="${Math.round(height / 2 + size / 3)}" font-size="${size}" font-family="${CJK_FONT}" fill="#111">${text}</text></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

export { mulberry32 };

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([len, body, crc]);
}

/**
 * A decompression bomb: a valid PNG header declaring width×height pixels, followed by a few rows of
 * zeros deflated (a real bomb's data would expand to gigabytes; the header alone must get it refused).
 */
export function pngBomb(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const rows = zlib.deflateSync(Buffer.alloc((width + 1) * 4), { level: 9 });
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', rows),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** An animated GIF or WebP of `frames` frames of size×size, each a different flat colour. */
export async function animation(frames: number, size: number, format: 'gif' | 'webp'): Promise<Buffer> {
  const raw = Buffer.alloc(size * size * frames * 3);
  for (let f = 0; f < frames; f++) {
    const c = [(f * 37) % 256, (f * 91) % 256, (f * 13) % 256];
    for (let p = 0; p < size * size; p++) raw.set(c, (f * size * size + p) * 3);
  }
  const img = sharp(raw, { raw: { width: size, height: size * frames, channels: 3, pageHeight: size } });
  return format === 'gif' ? img.gif({ delay: 20, loop: 0 }).toBuffer() : img.webp({ delay: 20, loop: 0, effort: 0 }).toBuffer();
}
