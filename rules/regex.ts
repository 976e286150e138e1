// Regular-expression rules: compile-time guardrails and the lightly folded text they run on.
import * as vm from 'node:vm';
import { foldTables } from './normalise';

export const MAX_PATTERN_LENGTH = 2000;

/**
 * Static screen for the classic catastrophic shapes: a quantified group whose body is itself
 * unboundedly quantified ((a+)+, (\w+\s?)*), and backreferences. Not a proof of safety; the
 * timed probe below catches some of the rest.
 */
export function regexProblem(source: string): string | null {
  if (source.length > MAX_PATTERN_LENGTH) return `pattern longer than ${MAX_PATTERN_LENGTH} characters`;
  if (/\\[1-9]|\\k</.test(source)) return 'backreferences are not allowed (they defeat linear-time matching)';
  // Stack of "group body contains an unbounded quantifier" flags.
  const stack: boolean[] = [false];
  let i = 0;
  // '?' (at most once) cannot make a group repeat, so (x+)? is harmless; {2,5} can.
  const quantAt = (j: number): 'unbounded' | 'bounded' | null => {
    const c = source[j];
    if (c === '*' || c === '+') return 'unbounded';
    if (c === '?') return null;
    if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(j));
      if (!m) return null;
      if (m[2] !== undefined && m[3] === '') return 'unbounded';
      const hi = m[3] !== undefined ? Number(m[3]) : Number(m[1]);
      return hi > 1 ? 'bounded' : null;
    }
    return null;
  };
  while (i < source.length) {
    const c = source[i];
    if (c === '\\') {
      i += 2;
      if (quantAt(i) === 'unbounded') stack[stack.length - 1] = true;
      continue;
    }
    if (c === '[') {
      i++;
      while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
      i++;
      if (quantAt(i) === 'unbounded') stack[stack.length - 1] = true;
      continue;
    }
    if (c === '(') {
      stack.push(false);
      i++;
      continue;
    }
    if (c === ')') {
      const inner = stack.length > 1 ? (stack.pop() ?? false) : false;
      i++;
      const q = quantAt(i);
      if (inner && q !== null) return 'nested quantifier (a quantified group containing + or *) can backtrack catastrophically';
      if (inner || q === 'unbounded') stack[stack.length - 1] = true;
      continue;
    }
    i++;
    if (quantAt(i) === 'unbounded') stack[stack.length - 1] = true;
  }
  return null;
}

const PROBES = ['a', '1', ' ', '加', 'a1', '-'].map((s) => s.repeat(600) + '\u0000!');

let probeContext: vm.Context | null = null;
const probeScript = new vm.Script('for (const p of probes) { re.lastIndex = 0; let n = 0; while (re.exec(p) && n++ < 100) {} }');

/** Runs the pattern over adversarial inputs in a VM with a time limit (a VM is interruptible). */
export function regexProbeFails(source: string): boolean {
  try {
    probeContext ??= vm.createContext({ re: null, probes: PROBES });
    probeContext.re = new RegExp(source, 'giu');
    // Generous: a loaded machine must not make a sound pattern look catastrophic (a refused pack stops start-up).
    probeScript.runInContext(probeContext, { timeout: 2000 });
    return false;
  } catch {
    return true;
  }
}

export interface LightText {
  text: string;
  /** Original span of each unit of `text` (null when text is the original unchanged). */
  starts: Int32Array | null;
  ends: Int32Array | null;
}

let buf = new Uint16Array(1024);
let bStart = new Int32Array(1024);
let bEnd = new Int32Array(1024);
const decoder = new TextDecoder('utf-16le');

/**
 * Fold for regular expressions: non-ASCII letters and digits fold like the matcher (full-width
 * digits, traditional characters, circled letters), invisible characters are removed; ASCII case
 * and all separators are kept, so patterns (run with the i flag) still see word and number
 * boundaries. Most Chinese text comes back unchanged, without a copy.
 */
export function lightFold(s: string): LightText {
  const light = foldTables().light;
  const n = s.length;
  if (buf.length < n) {
    buf = new Uint16Array(n * 2);
    bStart = new Int32Array(n * 2);
    bEnd = new Int32Array(n * 2);
  }
  let first = 0;
  while (first < n && light[s.charCodeAt(first)] === s.charCodeAt(first)) first++;
  if (first === n) return { text: s, starts: null, ends: null };
  let changed = false;
  let k = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    const f = light[c];
    if (f !== c) changed = true;
    if (f === 0 && c !== 0) continue;
    buf[k] = f;
    bStart[k] = i;
    bEnd[k] = i + 1;
    // Keep surrogate pairs as one span, so no hit can end between the halves.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        bEnd[k] = i + 2;
        k++;
        buf[k] = d;
        bStart[k] = i;
        bEnd[k] = i + 2;
        i++;
      }
    }
    k++;
  }
  if (!changed) return { text: s, starts: null, ends: null };
  const text = decoder.decode(buf.subarray(0, k));
  // Views into reused buffers: valid until the next call, which is all screen() needs.
  return { text, starts: bStart.subarray(0, k), ends: bEnd.subarray(0, k) };
}
