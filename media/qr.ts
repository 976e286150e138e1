/** QR codes in images: contact details and links that word lists never see as text. */
import jsQR from 'jsqr';
import type { RawImage } from './decode';

/** Longest side the QR stage looks at: small codes in large posters stay a few pixels per module. */
export const QR_MAX_SIDE = 1200;

/** Decoded payloads (jsQR finds at most one code per pass). `img` must be RGBA. */
export function decodeQr(img: RawImage): string[] {
  if (img.channels !== 4) throw new RangeError('decodeQr needs RGBA pixels');
  const data = new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.length);
  // Light-on-dark codes are rare in ads; trying the inverted image as well doubles the cost.
  const code = jsQR(data, img.width, img.height, { inversionAttempts: 'dontInvert' });
  if (!code) return [];
  const text = code.data || Buffer.from(code.binaryData).toString('utf8');
  return text ? [text] : [];
}
