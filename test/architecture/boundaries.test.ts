import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/*
 * The folder boundaries README "Architecture" promises, checked by reading every import in the repository:
 * lib/ imports nothing of ours; api/ never imports cli/ (operations both perform live in domain/, which imports
 * neither); only store/ sees a database driver or a store implementation; file names are kebab-case.
 */

const ROOT = path.join(__dirname, '../..');
const SKIP_DIRS = new Set(['node_modules', 'dist', 'data', 'coverage', 'var', '.git']);

/** Every .ts/.tsx file of ours, repository-relative with `/` separators. */
function sourceFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) walk(dir ? `${dir}/${entry.name}` : entry.name);
      } else if (/\.tsx?$/.test(entry.name)) {
        out.push(dir ? `${dir}/${entry.name}` : entry.name);
      }
    }
  };
  walk('');
  return out.sort();
}

interface Import {
  file: string;
  /** As written: `../store/rows`, `zod`, `node:fs`. */
  specifier: string;
  /** Repository-relative path (no extension) for `./` and `../` specifiers; null for packages. */
  target: string | null;
}

const IMPORT_PATTERNS = [
  /^\s*(?:import|export)\s[^'"`;]*?\sfrom\s*['"]([^'"]+)['"]/gm, // import … from 'x', export … from 'x'
  /^\s*import\s*['"]([^'"]+)['"]/gm, // import 'x' (side effects)
  /\b(?:import|require)\(\s*['"]([^'"]+)['"]\s*\)/g, // import('x'), require('x')
];

function importsOf(file: string): Import[] {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  const seen = new Set<string>();
  const out: Import[] = [];
  for (const pattern of IMPORT_PATTERNS) {
    for (const m of text.matchAll(pattern)) {
      const specifier = m[1];
      if (seen.has(specifier)) continue;
      seen.add(specifier);
      const target = specifier.startsWith('.') ? path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier)) : null;
      out.push({ file, specifier, target });
    }
  }
  return out;
}

const FILES = sourceFiles();
const IMPORTS = FILES.flatMap(importsOf);
const under = (p: string, dir: string): boolean => p === dir || p.startsWith(`${dir}/`);
const show = (i: Import): string => `${i.file} → ${i.specifier}`;

/** A database driver, or a module of a store implementation. */
function seesTheDatabase(i: Import): boolean {
  if (i.target) return under(i.target, 'store/sqlite') || under(i.target, 'store/postgres');
  return /^(?:better-sqlite3|pg|pg-[\w-]+)(?:\/|$)/.test(i.specifier);
}

/**
 * The only files outside store/ that may see a store implementation: operations on the SQLite file itself. The test
 * fails both when a file not listed here starts to see the database and when a listed file no longer does (then
 * delete its line), so the list only shrinks.
 */
const STORE_BOUNDARY_OFFENDERS_TODAY: readonly string[] = [
  // Benchmarks: the backtest bench's bulk fixture and the review bench's fsync peer work on SQLite files directly,
  // and the scale-out bench creates and drops its own PostgreSQL databases.
  'bench/backtest.ts → ../store/sqlite/sqlite-store',
  'bench/backtest.ts → ../store/sqlite/bench-fixtures',
  'bench/review.ts → better-sqlite3',
  'bench/scale-out.ts → pg',
  // `shenhe restore` of the embedded store swaps its file, which only the SQLite implementation knows how to do.
  'compliance/restore.ts → ../store/sqlite/restore',
];

describe('import boundaries', () => {
  it('the scanner reads imports (so the checks below can fail)', () => {
    expect(FILES.length).toBeGreaterThan(200);
    expect(IMPORTS.filter((i) => i.file === 'api/console/tenants.ts').map((i) => i.target)).toContain('domain/tenants');
    expect(IMPORTS.some((i) => i.specifier === 'better-sqlite3' && seesTheDatabase(i))).toBe(true);
    expect(IMPORTS.some((i) => i.file.startsWith('store/') && i.target === 'lib/errors')).toBe(true);
  });

  it('lib/ imports nothing of ours outside lib/ (node and npm modules are fine)', () => {
    const bad = IMPORTS.filter((i) => under(i.file, 'lib') && i.target !== null && !under(i.target, 'lib'));
    expect(bad.map(show)).toEqual([]);
  });

  it('api/ never imports cli/, and domain/ imports neither api/ nor cli/', () => {
    const bad = IMPORTS.filter(
      (i) =>
        i.target !== null &&
        ((under(i.file, 'api') && under(i.target, 'cli')) || (under(i.file, 'domain') && (under(i.target, 'api') || under(i.target, 'cli')))),
    );
    expect(bad.map(show)).toEqual([]);
  });

  // test/ is outside the rule: store tests read the implementation, and the Waline test runs Waline's own SQLite.
  it('nothing outside store/ (and test/) imports a database driver or store/sqlite, store/postgres (except the shrinking list)', () => {
    const offenders = IMPORTS.filter((i) => !under(i.file, 'store') && !under(i.file, 'test') && seesTheDatabase(i)).map(show);
    if (process.env.PRINT_OFFENDERS) process.stdout.write(`${JSON.stringify(offenders, null, 2)}\n`);
    expect(offenders.filter((o) => !STORE_BOUNDARY_OFFENDERS_TODAY.includes(o))).toEqual([]);
    // A listed import that is gone: delete its line, so the list only ever shrinks.
    expect(STORE_BOUNDARY_OFFENDERS_TODAY.filter((o) => !offenders.includes(o))).toEqual([]);
  });
});

describe('file names', () => {
  it('every .ts/.tsx file name is kebab-case (outside node_modules, dist, data; *.d.ts aside)', () => {
    const bad = FILES.filter((f) => !f.endsWith('.d.ts')).filter((f) => !/^[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+)*\.tsx?$/.test(path.posix.basename(f)));
    expect(bad).toEqual([]);
  });

  it('the name check can fail', () => {
    expect(
      ['ImageCard.tsx', 'review_queue.ts', 'review-queue.ts', 'screen-thread-entry.ts', 'x.test.ts'].map((n) =>
        /^[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+)*\.tsx?$/.test(n),
      ),
    ).toEqual([false, false, true, true, true]);
  });
});
