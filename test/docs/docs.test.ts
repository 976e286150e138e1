import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ERROR_CODES } from '../../api/openapi/error-codes';
import { ALL_ROUTES } from '../../api/openapi/routes';
import { CONFIG_VARIABLES } from '../../lib/config';

const ROOT = path.join(__dirname, '../..');
const read = (file: string): string => readFileSync(path.join(ROOT, file), 'utf8');
const API_MD = read('docs/api.md');
const CLI_MD = read('docs/cli.md');

function sources(dirs: string[]): Array<{ file: string; text: string }> {
  const out: Array<{ file: string; text: string }> = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(rel);
      else if (entry.name.endsWith('.ts')) out.push({ file: rel, text: read(rel) });
    }
  };
  dirs.forEach(walk);
  return out;
}

/** HTTP status of each AppError subclass and its default code, read from lib/errors.ts. */
function errorClasses(): Map<string, { status: number; defaultCode: string | null }> {
  const classes = new Map<string, { status: number; defaultCode: string | null }>();
  for (const m of read('lib/errors.ts').matchAll(/class (\w+) extends AppError \{([\s\S]*?)\n\}/g)) {
    const status = /super\((\d{3})/.exec(m[2]);
    if (status) classes.set(m[1], { status: Number(status[1]), defaultCode: /code = '([A-Z][A-Z0-9_]*)'/.exec(m[2])?.[1] ?? null });
  }
  return classes;
}

/**
 * Every error code the code can produce, found by reading the source: codes passed to error constructors (with the
 * class's HTTP status), `super(status, 'CODE')`, `parse(…, 'CODE')` (400), `code: 'CODE'` / `code = 'CODE'` fields,
 * and the store triggers' `RAISE(ABORT, 'CODE: …')`.
 */
function codesInSource(): Map<string, Set<number | null>> {
  const classes = errorClasses();
  const found = new Map<string, Set<number | null>>();
  const add = (code: string, status: number | null): void => {
    found.set(code, (found.get(code) ?? new Set()).add(status));
  };
  for (const [, c] of classes) if (c.defaultCode) add(c.defaultCode, c.status);
  for (const { text } of sources(['api', 'lib', 'store', 'workers', 'cli', 'compliance', 'media', 'rules'])) {
    for (const m of text.matchAll(/new (\w+Error)\(([^;]*?),\s*'([A-Z][A-Z0-9_]*)'\s*\)/g))
      add(m[3], classes.get(m[1])?.status ?? (m[1] === 'AppError' ? null : null));
    for (const m of text.matchAll(/(?:new AppError|super)\(\s*(\d{3}),\s*'([A-Z][A-Z0-9_]*)'/g)) add(m[2], Number(m[1]));
    for (const m of text.matchAll(/\bparse\([^;]*?,\s*'([A-Z][A-Z0-9_]*)'\s*\)/g)) add(m[1], 400);
    for (const m of text.matchAll(/\bcode(?:\s*=|\s*:)\s*'([A-Z][A-Z0-9_]*)'/g)) add(m[1], null);
    for (const m of text.matchAll(/RAISE\(ABORT, '([A-Z][A-Z0-9_]*):/g)) add(m[1], null);
  }
  return found;
}

/** `| \`CODE\` | 404 | …` rows of docs/api.md's error table. */
function documentedStatuses(): Map<string, number> {
  return new Map([...API_MD.matchAll(/^\| `([A-Z][A-Z0-9_]*)` \| (\d{3}) \|/gm)].map((m) => [m[1], Number(m[2])]));
}

describe('docs/api.md: error codes', () => {
  const found = codesInSource();
  const documented = documentedStatuses();

  it('the source scan finds the codes (so the checks below can fail)', () => {
    expect(found.size).toBeGreaterThan(50);
    for (const code of ['IDEMPOTENCY_CONFLICT', 'INVALID_QUERY', 'LEASE_NOT_YOURS', 'STATUS_GUARD', 'INTERNAL', 'NOT_WAITING'])
      expect(found.has(code)).toBe(true);
    expect([...found.get('INVALID_QUERY')!]).toEqual([400]);
    expect([...found.get('LEASE_EXPIRED')!]).toEqual([409]);
  });

  it('documents every code the code can produce', () => {
    const missing = [...found.keys()].filter((code) => !API_MD.includes(`\`${code}\``) && !CLI_MD.includes(`\`${code}\``));
    expect(missing).toEqual([]);
  });

  it('gives each HTTP error code the status the code answers with', () => {
    const wrong: string[] = [];
    for (const [code, statuses] of found) {
      for (const status of statuses) {
        if (status === null) continue;
        if (documented.get(code) !== status) wrong.push(`${code}: answered with ${status}, documented ${documented.get(code) ?? 'nowhere'}`);
        if ((ERROR_CODES as Record<string, { status: number }>)[code]?.status !== status)
          wrong.push(`${code}: answered with ${status}, api/openapi/error-codes.ts says otherwise`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('lists the OpenAPI error catalogue in the table with the same statuses', () => {
    for (const [code, { status }] of Object.entries(ERROR_CODES)) expect([code, documented.get(code)]).toEqual([code, status]);
    expect([...documented.keys()].filter((c) => !(c in ERROR_CODES))).toEqual([]);
  });
});

describe('docs/api.md: routes and environment', () => {
  it('documents every route the app declares', () => {
    const missing = ALL_ROUTES.map((r) => `${r.method.toUpperCase()} ${r.path.replace(/:(\w+)/g, '{$1}')}`).filter((r) => !API_MD.includes(r));
    expect(missing).toEqual([]);
  });

  it('documents every environment variable lib/config.ts reads, in the table', () => {
    expect(CONFIG_VARIABLES.length).toBeGreaterThan(20);
    const rows = new Set([...API_MD.matchAll(/^\| `([A-Z][A-Z0-9_]*)` \| /gm)].map((m) => m[1]));
    expect(CONFIG_VARIABLES.filter((v) => !rows.has(v))).toEqual([]);
  });
});

describe('docs/cli.md', () => {
  const cli = sources(['cli/commands', 'compliance/cli'])
    .map((s) => s.text)
    .join('\n');

  it('documents every command and option the CLI registers', () => {
    const commands = [...cli.matchAll(/\.command\('([a-z-]+)'\)/g)].map((m) => m[1]);
    const options = [...cli.matchAll(/\.(?:option|requiredOption)\('(--[a-z-]+)/g)].map((m) => m[1]);
    expect(commands).toEqual(expect.arrayContaining(['start', 'worker', 'screen', 'export', 'verify']));
    expect(options).toEqual(expect.arrayContaining(['--metrics-port', '--callback-url', '--as-of']));
    expect(commands.filter((c) => !new RegExp('`shenhe [^`]*\\b' + c + '\\b').test(CLI_MD))).toEqual([]);
    expect(options.filter((o) => !CLI_MD.includes(o))).toEqual([]);
  });
});

describe('documentation stands alone in a clone', () => {
  it('the README links the reference pages and no longer points outside the repository', () => {
    const readme = read('README.md');
    for (const page of ['docs/api.md', 'docs/cli.md', 'docs/deployment.md', 'docs/grafana-dashboard.json']) expect(readme).toContain(`](${page}`);
    expect(readme).not.toContain('../shared');
  });

  it('every relative link in docs/*.md and the README points at a file that exists', () => {
    const broken: string[] = [];
    for (const file of [
      'README.md',
      ...readdirSync(path.join(ROOT, 'docs'))
        .filter((f) => f.endsWith('.md'))
        .map((f) => `docs/${f}`),
    ]) {
      for (const m of read(file).matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
        const target = m[1];
        if (/^[a-z]+:/.test(target)) continue;
        if (!existsSync(path.join(ROOT, path.dirname(file), target))) broken.push(`${file}: ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
