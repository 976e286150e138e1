import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { imagesDir } from '../../lib/data-dir';

import type { ImageVariant } from '../store';

/**
 * Image bytes live in files under the data dir, one folder per item; the store holds their metadata.
 * The original is kept for the record (clause 16) and never served to browsers.
 */
export class ImageFiles {
  constructor(private readonly dataDir: string) {}

  file(itemId: string, index: number, variant: ImageVariant): string {
    return path.join(imagesDir(this.dataDir), itemId, `${index}.${variant}`);
  }

  /** Written and fsynced before the item's row commits, so a 202 never points at a missing file. */
  writeDurably(itemId: string, index: number, variant: ImageVariant, data: Buffer): void {
    const file = this.file(itemId, index, variant);
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const fd = openSync(file, 'w', 0o600);
    try {
      writeSync(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  read(itemId: string, index: number, variant: ImageVariant): Buffer | null {
    try {
      return readFileSync(this.file(itemId, index, variant));
    } catch {
      return null;
    }
  }

  removeItem(itemId: string): void {
    rmSync(path.join(imagesDir(this.dataDir), itemId), { recursive: true, force: true });
  }
}
