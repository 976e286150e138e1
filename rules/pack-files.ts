// Rule-pack files in an operator folder, as the console routes and the pack mirror (workers/pack-sync.ts) write them.
import { createHash } from 'node:crypto';
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** A pack name the console accepts: it becomes a file name, so no separators, no leading dot. */
export const PACK_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** SHA-256 of a pack's text, the same `hash` parsePack gives it. */
export function packHash(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * The file pack `name` lives in inside `dir`: an existing `name.yml` stays where it is (writing `name.yaml` beside it
 * would load the pack twice and clash with itself), otherwise `name.yaml`.
 */
export function packFileIn(dir: string, name: string): string {
  const yml = path.join(dir, `${name}.yml`);
  const yaml = path.join(dir, `${name}.yaml`);
  return existsSync(yml) && !existsSync(yaml) ? yml : yaml;
}

/** Write-then-rename (0600), so the reloader never reads half a file. */
export function writePackFile(target: string, text: string): void {
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  writeFileSync(tmp, text, { mode: 0o600 });
  renameSync(tmp, target);
}
