// `shenhe screen`: the automatic filter alone, JSON Lines in, one verdict per line out, in order.
//
// Output per input line:
//   a verdict (CONTRACT §6) carrying the input's id, or, for a line that is not a JSON object with
//   string title/text: {"id": <id or null>, "line": N, "error": {"code": "INVALID_JSON" |
//   "INVALID_INPUT", "message": "…"}}. Blank lines are skipped. Exit 0 when every line screened,
//   1 when any line was rejected or the packs are invalid, 2 for usage errors.
import { once } from 'node:events';
import * as fs from 'node:fs';
import * as readline from 'node:readline';
import type { Command } from 'commander';
import { createFilterSync } from '../../rules/filter';
import { RulePackError } from '../../rules/packs';
import type { Filter, ScreenInput } from '../../rules/types';

interface ScreenOptions {
  rules: string[];
  classifier: boolean;
}

/**
 * Runs `fn` with anything written to stdout sent to stderr instead: `natural` (loaded with the
 * classifier) prints dotenv notices on require, and stdout must stay clean JSON Lines.
 */
export function withStdoutOnStderr<T>(fn: () => T): T {
  const write = process.stdout.write;
  const log = console.log;
  const info = console.info;
  process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write;
  console.log = (...args: unknown[]): void => console.error(...args);
  console.info = console.log;
  try {
    return fn();
  } finally {
    process.stdout.write = write;
    console.log = log;
    console.info = info;
  }
}

type Parsed = { ok: true; input: ScreenInput; id: unknown } | { ok: false; id: unknown; code: string; message: string };

export function parseLine(line: string): Parsed {
  let doc: unknown;
  try {
    doc = JSON.parse(line);
  } catch (e) {
    return { ok: false, id: null, code: 'INVALID_JSON', message: (e as Error).message };
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    return { ok: false, id: null, code: 'INVALID_INPUT', message: 'each line must be a JSON object' };
  const o = doc as Record<string, unknown>;
  const id = o.id ?? null;
  if (id !== null && typeof id !== 'string' && typeof id !== 'number')
    return { ok: false, id: null, code: 'INVALID_INPUT', message: 'id must be a string or number' };
  for (const k of ['title', 'text'] as const) {
    if (o[k] !== undefined && o[k] !== null && typeof o[k] !== 'string') return { ok: false, id, code: 'INVALID_INPUT', message: `${k} must be a string` };
  }
  const input: ScreenInput = {};
  if (typeof o.title === 'string') input.title = o.title;
  if (typeof o.text === 'string') input.text = o.text;
  if (o.fields !== undefined && o.fields !== null) {
    if (typeof o.fields !== 'object' || Array.isArray(o.fields))
      return { ok: false, id, code: 'INVALID_INPUT', message: 'fields must be an object of strings' };
    const fields: Record<string, string> = {};
    for (const [k, v] of Object.entries(o.fields as Record<string, unknown>)) {
      if (typeof v !== 'string') return { ok: false, id, code: 'INVALID_INPUT', message: `fields.${k} must be a string` };
      fields[k] = v;
    }
    input.fields = fields;
  }
  return { ok: true, input, id };
}

export function screenLine(filter: Filter, line: string, lineNo: number): { json: string; ok: boolean } {
  const p = parseLine(lineNo === 1 && line.charCodeAt(0) === 0xfeff ? line.slice(1) : line);
  if (!p.ok) return { json: JSON.stringify({ id: p.id, line: lineNo, error: { code: p.code, message: p.message } }), ok: false };
  try {
    const v = filter.screen(p.input);
    const out = p.id === null ? v : { id: p.id, ...v };
    return { json: JSON.stringify(out), ok: true };
  } catch (e) {
    return { json: JSON.stringify({ id: p.id, line: lineNo, error: { code: 'SCREEN_FAILED', message: (e as Error).message } }), ok: false };
  }
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function registerScreen(program: Command): void {
  program
    .command('screen')
    .description(
      'Screen JSON Lines from stdin ({"id"?, "title"?, "text"?, "fields"?} per line) and write one verdict per line to stdout, ' +
        'in input order. Lines that cannot be screened get {"id","line","error":{"code","message"}} and exit status 1.',
    )
    .option('--rules <dir>', 'extra rule-pack folder on top of the shipped packs (repeatable)', collect, [])
    .option('--no-classifier', 'rules only, without the statistical classifier')
    .action(async (opts: ScreenOptions) => {
      for (const dir of opts.rules) {
        if (!(fs.existsSync(dir) && fs.statSync(dir).isDirectory())) {
          process.stderr.write(`shenhe: screen: --rules ${dir} is not a folder\n`);
          process.exitCode = 2;
          return;
        }
      }
      let filter: Filter;
      try {
        filter = withStdoutOnStderr(() => createFilterSync({ rules: opts.rules, classifier: opts.classifier }));
      } catch (e) {
        process.stderr.write(`shenhe: ${e instanceof RulePackError ? `invalid rule pack: ${e.message}` : (e as Error).message}\n`);
        process.exitCode = 1;
        return;
      }
      process.stderr.write(`shenhe: screening with rules ${filter.info.rules}, model ${filter.info.model}\n`);
      let closed = false;
      process.stdout.on('error', () => {
        // Reader went away (e.g. `| head`): stop quietly.
        closed = true;
      });
      const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
      let lineNo = 0;
      let failed = 0;
      for await (const line of rl) {
        lineNo++;
        if (closed) break;
        if (line.trim() === '') continue;
        const r = screenLine(filter, line, lineNo);
        if (!r.ok) failed++;
        if (!process.stdout.write(`${r.json}\n`)) await once(process.stdout, 'drain');
      }
      process.exitCode = failed > 0 ? 1 : 0;
    });
}
