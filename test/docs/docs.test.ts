import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ERROR_CODES } from '../../lib/error-codes';
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

/** A list of codes in the source, `[…] as const satisfies readonly ErrorCode[]` (e.g. the store's trigger codes). */
const LISTED_CODES = /\[([^\]]*)\] as const satisfies readonly ErrorCode\[\]/;
const CATALOGUE = ERROR_CODES as Record<string, { status: number; zh: string; en: string }>;

/**
 * Every error code the code can produce, found by reading the source: codes given to `appError('CODE'…)`,
 * `new AppError('CODE'…)`, `rateLimited('CODE'…)` and `parse(…, 'CODE')` (answered with the catalogue's status, or
 * `undefined` when the catalogue lacks the code), `code: 'CODE'` / `code = 'CODE'` fields and the store triggers'
 * `RAISE(ABORT, 'CODE: …')` (not HTTP answers by themselves: `null`). A throw site whose code is not a literal is
 * reported too, so the scan cannot miss codes silently.
 */
function codesInSource(): { found: Map<string, Set<number | null | undefined>>; dynamic: string[] } {
  const found = new Map<string, Set<number | null | undefined>>();
  const dynamic: string[] = [];
  const add = (code: string, status: number | null | undefined): void => {
    found.set(code, (found.get(code) ?? new Set()).add(status));
  };
  for (const { file, text } of sources(['api', 'compliance', 'domain', 'lib', 'store', 'workers', 'cli', 'media', 'rules'])) {
    for (const m of text.matchAll(/\b(?:appError|new AppError|rateLimited)\(\s*([^,)]*)/g)) {
      const code = /^'([A-Z][A-Z0-9_]*)'$/.exec(m[1].trim())?.[1];
      if (code) add(code, CATALOGUE[code]?.status);
      // lib/errors.ts defines the helpers; a file that picks the code from a scanned list (below) may pass a variable.
      else if (!/lib\/errors\.ts$/.test(file) && !LISTED_CODES.test(text)) dynamic.push(`${file}: ${m[0]}`);
    }
    for (const m of text.matchAll(/\b(?:parse|parseOrThrow)\([^;]*?,\s*'([A-Z][A-Z0-9_]*)'\s*\)/g)) add(m[1], CATALOGUE[m[1]]?.status);
    for (const m of text.matchAll(/\bcode(?:\s*=|\s*:)\s*'([A-Z][A-Z0-9_]*)'/g)) add(m[1], null);
    for (const m of text.matchAll(/RAISE\(ABORT, '([A-Z][A-Z0-9_]*):/g)) add(m[1], null);
    // The trigger codes the store turns into 409s, listed as `as const satisfies readonly ErrorCode[]`.
    for (const m of text.matchAll(new RegExp(LISTED_CODES, 'g'))) for (const c of m[1].matchAll(/'([A-Z][A-Z0-9_]*)'/g)) add(c[1], CATALOGUE[c[1]]?.status);
  }
  return { found, dynamic };
}

/** `| \`CODE\` | 404 | …` rows of docs/api.md's error table. */
function documentedStatuses(): Map<string, number> {
  return new Map([...API_MD.matchAll(/^\| `([A-Z][A-Z0-9_]*)` \| (\d{3}) \|/gm)].map((m) => [m[1], Number(m[2])]));
}

describe('docs/api.md: error codes', () => {
  const { found, dynamic } = codesInSource();
  const documented = documentedStatuses();

  it('the source scan finds the codes (so the checks below can fail)', () => {
    expect(found.size).toBeGreaterThan(50);
    for (const code of ['IDEMPOTENCY_CONFLICT', 'INVALID_QUERY', 'LEASE_NOT_YOURS', 'STATUS_GUARD', 'INTERNAL', 'NOT_WAITING', 'INCIDENT_HOLD', 'APPEND_ONLY'])
      expect(found.has(code)).toBe(true);
    expect([...found.get('INVALID_QUERY')!]).toEqual([400]);
    expect([...found.get('LEASE_EXPIRED')!]).toEqual([409]);
  });

  it('every throw site names its code as a literal (so the scan sees it and the compiler checks it)', () => {
    expect(dynamic).toEqual([]);
  });

  it('documents every code the code can produce', () => {
    const missing = [...found.keys()].filter((code) => !API_MD.includes(`\`${code}\``) && !CLI_MD.includes(`\`${code}\``));
    expect(missing).toEqual([]);
  });

  it('every code thrown as an HTTP error is in lib/error-codes.ts and in the table with the same status', () => {
    const wrong: string[] = [];
    for (const [code, statuses] of found) {
      for (const status of statuses) {
        if (status === null) continue;
        if (status === undefined) wrong.push(`${code}: thrown, but not in lib/error-codes.ts`);
        else if (documented.get(code) !== status) wrong.push(`${code}: answered with ${status}, documented ${documented.get(code) ?? 'nowhere'}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('lists the error catalogue in the table with the same statuses, each with a zh-CN and an English message', () => {
    for (const [code, { status, zh, en }] of Object.entries(CATALOGUE)) {
      expect([code, documented.get(code)]).toEqual([code, status]);
      expect([code, /\p{Script=Han}/u.test(zh), en.length > 0]).toEqual([code, true, true]);
    }
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
