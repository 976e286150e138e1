/*
 * Dataset readers for training and evaluation (scripts only; never imported on the prediction path).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface LabelledText {
  text: string;
  /** 1 = offensive / sexist / spam. */
  label: 0 | 1;
  /** COLD topic (race, region, gender); 'gender' for SWSR; '' otherwise. */
  topic: string;
  source: string;
}

/** Default: ../shared/datasets next to the repository root; SHENHE_DATASETS_DIR overrides. */
export function datasetsDir(repoRoot: string): string {
  return process.env.SHENHE_DATASETS_DIR ?? path.resolve(repoRoot, '..', 'shared', 'datasets');
}

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and newlines. */
export function parseCsv(text: string): string[][] {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function byHeader(rows: string[][]): Array<Record<string, string>> {
  const [head, ...body] = rows;
  return body.filter((r) => r.length === head.length).map((r) => Object.fromEntries(head.map((h, i) => [h, r[i]])));
}

export function readCold(dir: string, split: 'train' | 'dev'): LabelledText[] {
  const rows = byHeader(parseCsv(fs.readFileSync(path.join(dir, 'cold', `${split}.csv`), 'utf8')));
  return rows.map((r) => ({ text: r.TEXT, label: r.label === '1' ? 1 : 0, topic: r.topic, source: `cold-${split}` }));
}

export function readSwsr(dir: string): LabelledText[] {
  const rows = byHeader(parseCsv(fs.readFileSync(path.join(dir, 'swsr', 'SexComment.csv'), 'utf8')));
  return rows.map((r) => ({ text: r.comment_text, label: r.label === '1' ? 1 : 0, topic: 'gender', source: 'swsr' }));
}

export function readSms(dir: string): LabelledText[] {
  const lines = fs.readFileSync(path.join(dir, 'sms_spam_en', 'SMSSpamCollection'), 'utf8').split(/\r?\n/);
  const out: LabelledText[] = [];
  for (const line of lines) {
    const tab = line.indexOf('\t');
    if (tab < 0) continue;
    const tag = line.slice(0, tab);
    if (tag !== 'ham' && tag !== 'spam') continue;
    out.push({ text: line.slice(tab + 1), label: tag === 'spam' ? 1 : 0, topic: '', source: 'sms' });
  }
  return out;
}

/** Deterministic split by a hash of the text, so the same message always lands on the same side. */
export function holdOut<T extends { text: string }>(items: T[], fraction: number, salt: string): { train: T[]; test: T[] } {
  const train: T[] = [];
  const test: T[] = [];
  for (const it of items) {
    let h = 0x811c9dc5;
    const s = salt + it.text;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    ((h >>> 0) / 4294967296 < fraction ? test : train).push(it);
  }
  return { train, test };
}
