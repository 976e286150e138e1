/**
 * Real file type from the leading bytes. The declared name and MIME type of an upload are never
 * trusted: the ingest API answers 415 for anything `sniffImageFormat` does not recognise.
 */
export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'gif';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * JPEG, PNG, WebP or GIF by magic bytes, else null. Strict on purpose: the structure right after
 * the signature must also look right, so a file that merely starts with `\xFF\xD8` (or a text file
 * that starts with "GIF89a") is not waved through. SVG, HTML, executables and archives give null.
 */
export function sniffImageFormat(buf: Buffer): ImageFormat | null {
  if (isJpeg(buf)) return 'jpeg';
  if (isPng(buf)) return 'png';
  if (isWebp(buf)) return 'webp';
  if (isGif(buf)) return 'gif';
  return null;
}

function isJpeg(buf: Buffer): boolean {
  // SOI, then a marker: APPn/DQT/SOFn/DHT/COM/DRI all start with 0xFF and a byte that is not 0x00/0xFF.
  if (buf.length < 4 || buf[0] !== 0xff || buf[1] !== 0xd8 || buf[2] !== 0xff) return false;
  const marker = buf[3];
  return marker >= 0xc0 && marker !== 0xff && marker !== 0xd8 && marker !== 0xd9;
}

function isPng(buf: Buffer): boolean {
  // Signature, then the IHDR chunk, which must come first with length 13.
  return buf.length >= 33 && buf.subarray(0, 8).equals(PNG_SIGNATURE) && buf.readUInt32BE(8) === 13 && buf.toString('latin1', 12, 16) === 'IHDR';
}

function isWebp(buf: Buffer): boolean {
  if (buf.length < 20 || buf.toString('latin1', 0, 4) !== 'RIFF' || buf.toString('latin1', 8, 12) !== 'WEBP') {
    return false;
  }
  const chunk = buf.toString('latin1', 12, 16);
  return chunk === 'VP8 ' || chunk === 'VP8L' || chunk === 'VP8X';
}

function isGif(buf: Buffer): boolean {
  if (buf.length < 13) return false;
  const sig = buf.toString('latin1', 0, 6);
  if (sig !== 'GIF87a' && sig !== 'GIF89a') return false;
  // A logical screen of 0×0 is what a text file starting with "GIF89a" usually has.
  return buf.readUInt16LE(6) > 0 && buf.readUInt16LE(8) > 0;
}

/** What a non-image (or a disguised) file most likely is; used for the malware finding's reason. */
export type ForeignKind = 'executable' | 'archive' | 'script' | 'document' | 'svg' | 'html' | 'other-image' | 'unknown';

export interface ForeignType {
  kind: ForeignKind;
  /** Short name for reasons, e.g. `pe`, `elf`, `zip`, `php`. */
  type: string;
}

interface Magic {
  bytes: number[];
  offset?: number;
  kind: ForeignKind;
  type: string;
}

const MAGICS: Magic[] = [
  { bytes: [0x4d, 0x5a], kind: 'executable', type: 'pe' }, // MZ: Windows PE/DOS
  { bytes: [0x7f, 0x45, 0x4c, 0x46], kind: 'executable', type: 'elf' },
  { bytes: [0xfe, 0xed, 0xfa, 0xce], kind: 'executable', type: 'mach-o' },
  { bytes: [0xfe, 0xed, 0xfa, 0xcf], kind: 'executable', type: 'mach-o' },
  { bytes: [0xce, 0xfa, 0xed, 0xfe], kind: 'executable', type: 'mach-o' },
  { bytes: [0xcf, 0xfa, 0xed, 0xfe], kind: 'executable', type: 'mach-o' },
  { bytes: [0xca, 0xfe, 0xba, 0xbe], kind: 'executable', type: 'mach-o-fat-or-java' },
  { bytes: [0x00, 0x61, 0x73, 0x6d], kind: 'executable', type: 'wasm' },
  { bytes: [0x64, 0x65, 0x78, 0x0a], kind: 'executable', type: 'dex' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], kind: 'archive', type: 'zip' },
  { bytes: [0x50, 0x4b, 0x05, 0x06], kind: 'archive', type: 'zip' },
  { bytes: [0x50, 0x4b, 0x07, 0x08], kind: 'archive', type: 'zip' },
  { bytes: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], kind: 'archive', type: 'rar' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], kind: 'archive', type: '7z' },
  { bytes: [0x1f, 0x8b], kind: 'archive', type: 'gzip' },
  { bytes: [0x42, 0x5a, 0x68], kind: 'archive', type: 'bzip2' },
  { bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], kind: 'archive', type: 'xz' },
  { bytes: [0x28, 0xb5, 0x2f, 0xfd], kind: 'archive', type: 'zstd' },
  { bytes: [0x75, 0x73, 0x74, 0x61, 0x72], offset: 257, kind: 'archive', type: 'tar' },
  { bytes: [0x4d, 0x53, 0x43, 0x46], kind: 'archive', type: 'cab' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], kind: 'document', type: 'ole' }, // old Office: macros
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], kind: 'document', type: 'pdf' },
  { bytes: [0x7b, 0x5c, 0x72, 0x74, 0x66], kind: 'document', type: 'rtf' },
  { bytes: [0x49, 0x49, 0x2a, 0x00], kind: 'other-image', type: 'tiff' },
  { bytes: [0x4d, 0x4d, 0x00, 0x2a], kind: 'other-image', type: 'tiff' },
  { bytes: [0x42, 0x4d], kind: 'other-image', type: 'bmp' },
  { bytes: [0x00, 0x00, 0x01, 0x00], kind: 'other-image', type: 'ico' },
];

const SCRIPT_PATTERNS: Array<[RegExp, string]> = [
  [/^#!/, 'shebang'],
  [/<\?php|<\?=/i, 'php'],
  [/<%[@=\s]|<%eval/i, 'asp-jsp'],
  [/^\s*@echo\s+off|^\s*(?:rem|set|call)\s/im, 'batch'],
  [/\b(?:powershell|invoke-expression|iex\s*\(|new-object\s+net\.webclient)\b/i, 'powershell'],
  [/\b(?:wscript|cscript|createobject\s*\()/i, 'vbscript'],
  [/\beval\s*\(|\bfunction\s*\(|\bvar\s+\w+\s*=|\brequire\s*\(|\bimport\s+/, 'javascript'],
];

/**
 * Classifies bytes that `sniffImageFormat` rejected. Executables and archives by magic bytes; text
 * by content (SVG and HTML can carry script; shell, PHP, batch and the like are scripts).
 */
export function sniffForeign(buf: Buffer): ForeignType {
  for (const m of MAGICS) {
    const off = m.offset ?? 0;
    if (buf.length >= off + m.bytes.length && m.bytes.every((b, i) => buf[off + i] === b)) {
      return { kind: m.kind, type: m.type };
    }
  }
  if (buf.length >= 12 && buf.toString('latin1', 4, 8) === 'ftyp') {
    const brand = buf.toString('latin1', 8, 12);
    return /^(?:heic|heix|mif1|msf1|avif)$/.test(brand) ? { kind: 'other-image', type: brand } : { kind: 'unknown', type: `iso-bmff:${brand.trim()}` };
  }
  const head = buf
    .subarray(0, 4096)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  if (/<svg[\s>]/i.test(head)) return { kind: 'svg', type: 'svg' };
  for (const [re, type] of SCRIPT_PATTERNS.slice(0, 6)) if (re.test(head)) return { kind: 'script', type };
  if (/<(?:!doctype\s+html|html|script|iframe|body|head)[\s>]/i.test(head)) return { kind: 'html', type: 'html' };
  if (looksLikeText(buf.subarray(0, 4096))) {
    const [re, type] = SCRIPT_PATTERNS[6];
    if (re.test(head)) return { kind: 'script', type };
  }
  return { kind: 'unknown', type: 'unknown' };
}

function looksLikeText(buf: Buffer): boolean {
  if (buf.length === 0) return false;
  let control = 0;
  for (const b of buf) if (b < 0x09 || (b > 0x0d && b < 0x20)) control++;
  return control / buf.length < 0.01;
}
