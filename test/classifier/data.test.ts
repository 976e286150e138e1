import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { coldKey, readJsonl } from '../../scripts/classifier/datasets';
import { DATA_FILES } from '../../scripts/classifier/recipe';
import { decodeModel } from '../../rules/classifier/model';
import { findModelFile } from '../../rules/classifier';
import { versionOf } from '../../scripts/train';

const ROOT = path.resolve(__dirname, '..', '..');
const DIR = path.join(ROOT, 'data', 'classifier');
const FILES = fs
  .readdirSync(DIR)
  .filter((f) => f.endsWith('.jsonl'))
  .map((f) => `data/classifier/${f}`);

describe('classifier data files (data/classifier/*.jsonl)', () => {
  it('has every file the recipe names, except the optional one from the advertising branch', () => {
    for (const [key, file] of Object.entries(DATA_FILES)) if (key !== 'zhSpam') expect(FILES).toContain(file);
  });

  it.each(FILES)('%s: every line is an object with text, label 0/1, source and licence', (file) => {
    const lines = fs
      .readFileSync(path.join(ROOT, file), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '');
    const { rows } = readJsonl(ROOT, file);
    expect(rows.length).toBe(lines.length);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.text.length).toBeGreaterThan(0);
      expect([0, 1]).toContain(r.label);
      expect(r.source.length).toBeGreaterThan(0);
      expect(r.licence.length).toBeGreaterThan(0);
    }
  });

  it('refuses a line without a licence, naming the file and line', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shenhe-data-'));
    fs.writeFileSync(path.join(dir, 'bad.jsonl'), '{"text":"a","label":0,"source":"s","licence":"MIT"}\n{"text":"b","label":1,"source":"s"}\n');
    expect(() => readJsonl(dir, 'bad.jsonl')).toThrow(/bad\.jsonl:2: licence/);
    fs.rmSync(dir, { recursive: true });
  });

  it('reads spam/ham labels as 1/0', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shenhe-data-'));
    fs.writeFileSync(
      path.join(dir, 's.jsonl'),
      '{"text":"回T退订","label":"spam","source":"s","licence":"MIT"}\n{"text":"你好","label":"ham","source":"s","licence":"MIT"}\n',
    );
    expect(readJsonl(dir, 's.jsonl').rows.map((r) => r.label)).toEqual([1, 0]);
    fs.rmSync(dir, { recursive: true });
  });

  it('cold-reviewed: each row is a COLD offensive comment with its verdict, key and reviewed label', () => {
    const { rows } = readJsonl(ROOT, DATA_FILES.reviews);
    expect(rows.length).toBeGreaterThan(4000);
    for (const r of rows) {
      expect(['A', 'N', 'O']).toContain(r.review);
      expect(r.label).toBe(r.review === 'O' ? 1 : 0);
      expect(r.key).toBe(coldKey(r.text));
      expect(['train', 'dev']).toContain(r.cold_split);
    }
  });

  it('held-out sets are marked validation or evaluation, never train', () => {
    for (const f of [DATA_FILES.evalV1, DATA_FILES.evalV2, DATA_FILES.evalV3, DATA_FILES.evalV4]) {
      for (const r of readJsonl(ROOT, f).rows) expect(['validation', 'evaluation']).toContain(r.set);
    }
  });
});

describe('the committed model states what it was trained on', () => {
  const file = findModelFile();
  const header = decodeModel(fs.readFileSync(file!)).header;
  const training = header.training as { data: { files: Array<{ file: string; sha256: string; rows: number; use: string }> }; eval: Record<string, unknown> };

  it('lists every data file it read with the SHA-256 and row count of the file in the tree', () => {
    expect(training.data.files.length).toBeGreaterThanOrEqual(12);
    for (const f of training.data.files) {
      const now = readJsonl(ROOT, f.file);
      expect({ file: f.file, sha256: now.sha256, rows: now.rows.length, use: f.use }).toEqual(f);
      expect(f.use.length).toBeGreaterThan(0);
    }
  });

  it('has a version that is the hash of its data and settings (no timestamp)', () => {
    const { eval: figures, ...manifest } = header.training;
    expect(figures).toBeDefined();
    expect(header.version).toBe(versionOf(manifest));
    expect(header.created).toBeUndefined();
  });

  it('has a classifier.json next to it that matches the header and the model bytes', () => {
    const sidecar = JSON.parse(fs.readFileSync(path.join(path.dirname(file!), 'classifier.json'), 'utf8')) as Record<string, unknown>;
    const { version, modelSha256, ...rest } = sidecar;
    expect(version).toBe(header.version);
    expect(rest).toEqual(header.training);
    const crypto = require('node:crypto') as typeof import('node:crypto');
    expect(modelSha256).toBe(crypto.createHash('sha256').update(fs.readFileSync(file!)).digest('hex'));
  });
});
