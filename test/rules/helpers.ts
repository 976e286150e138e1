import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createFilterSync } from '../../rules/filter';
import type { Verdict } from '../../rules/types';

/** A temp folder holding the given packs (file name → YAML text). */
export function packDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shenhe-rules-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

export const shipped = createFilterSync({ classifier: false });

export function ruleIds(v: Verdict): string[] {
  return [...new Set(v.labels.flatMap((l) => l.hits.map((h) => h.rule)))].sort();
}

export function hitTexts(v: Verdict, rule: string): string[] {
  return v.labels.flatMap((l) => l.hits.filter((h) => h.rule === rule).map((h) => h.text));
}
