/*
 * Dataset readers for training and evaluation (scripts only; never imported on the prediction path):
 * the shared corpora (COLD, SWSR, SMS) and the project's own JSON Lines files in data/classifier/.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import type { LabelledText } from '../../rules/classifier/build';

export type { LabelledText };

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

/**
 * One line of a data/classifier/*.jsonl file. Every row says where it came from and under which licence;
 * the other fields are per file (see data/README.md).
 */
export const DataRow = z
  .object({
    text: z.string().min(1),
    /** 1 = offensive / spam; the spam files may say 'spam' / 'ham'. */
    label: z.union([z.literal(0), z.literal(1), z.literal('spam'), z.literal('ham')]).transform((v): 0 | 1 => (v === 1 || v === 'spam' ? 1 : 0)),
    source: z.string().min(1),
    licence: z.string().min(1),
    /** training, validation (chose between variants), calibration or evaluation (report only). */
    set: z.enum(['train', 'validation', 'calibration', 'evaluation', 'experiment']).optional(),
    /** COLD-style topic for the topic head: race, region, gender or ''. */
    topic: z.string().optional(),
    /** counter (opposes discrimination), neutral, attack, personal; spam files: ad or ordinary. */
    stance: z.string().optional(),
    kind: z.string().optional(),
    /** cold-reviewed.jsonl: the reader's verdict, A (opposes), N (neutral), O (offensive). */
    review: z.enum(['A', 'N', 'O']).optional(),
    /** zh-spam files: sms (a text message) or post (a comment or forum post); absent: kind 'comment' is a post, anything else an SMS. */
    channel: z.string().optional(),
    /** harm-v1.jsonl: threats, drugs, weapons, porn, terror (harmful) or the kind of ordinary text. */
    family: z.string().optional(),
  })
  .loose();
export type DataRow = z.infer<typeof DataRow>;

export interface DataFile {
  /** Path relative to the repository root, e.g. data/classifier/extra-v1.jsonl. */
  file: string;
  rows: DataRow[];
  sha256: string;
}

/** Reads and validates a JSON Lines file; a bad line throws with its file and line number. */
export function readJsonl(root: string, file: string): DataFile {
  const bytes = fs.readFileSync(path.join(root, file));
  const rows: DataRow[] = [];
  bytes
    .toString('utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      const parsed = DataRow.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${file}:${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join('.')} ${x.message}`).join('; ')}`);
      rows.push(parsed.data);
    });
  return { file, rows, sha256: crypto.createHash('sha256').update(bytes).digest('hex') };
}

/** SHA-256 of a file's bytes (hex). */
export function sha256File(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** Key of a COLD comment in the review file: the first 12 hex digits of the SHA-1 of its text (COLD's ids are not unique). */
export function coldKey(text: string): string {
  return crypto.createHash('sha1').update(text).digest('hex').slice(0, 12);
}
