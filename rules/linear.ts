// The linear-time regular-expression engine for operator patterns (packs from SHENHE_RULES_DIR, the console,
// --rules folders). V8's backtracking engine can take exponential time on patterns such as (?:b|b)+c, and no
// static check or timed probe catches every such shape; RE2 (the `re2` package) guarantees time linear in the
// text for every pattern it accepts, and refuses what it cannot run that way (lookaround, backreferences).
// V8's own linear engine (--enable-experimental-regexp-engine, flag `l`) was measured and is unusable here:
// on Node 20 it refuses every pattern with the i or u flag, and our patterns need both.
// The shipped packs are reviewed, use lookbehind, and keep V8's engine and its speed.

/** RE2 objects are RegExp subclasses (exec, lastIndex, UTF-16 indices), so the filter runs them unchanged. */
type Re2Constructor = new (pattern: string, flags: string) => RegExp;

let re2: Re2Constructor | null | undefined;

/** The RE2 constructor, or null when the optional native module is not installed. */
export function re2Engine(): Re2Constructor | null {
  if (re2 === undefined) {
    try {
      re2 = require('re2') as Re2Constructor;
    } catch {
      re2 = null;
    }
  }
  return re2;
}

/** Compiles an operator pattern with RE2 (flags giu, as V8 patterns have), or says why it cannot be run in linear time. */
export function compileLinear(pattern: string): { re: RegExp } | { problem: string } {
  const RE2 = re2Engine();
  if (!RE2) return { problem: 'operator patterns run on the linear-time engine RE2, and the re2 module is not installed (npm install re2)' };
  try {
    return { re: new RE2(pattern, 'giu') };
  } catch (e) {
    const why = (e as Error).message;
    if (/\(\?<?[=!]|invalid perl operator|backreference|escape sequence: \\[1-9k]/i.test(`${why} ${pattern}`)) {
      return { problem: `pattern cannot run in linear time (RE2 has no lookahead, lookbehind or backreferences): ${why}` };
    }
    return { problem: `pattern is not valid for the linear-time engine RE2: ${why}` };
  }
}

/** The RE2 form of a pattern the pack loader accepted as linear (it throws only if that check was skipped). */
export function compileRe2(pattern: string): RegExp {
  const compiled = compileLinear(pattern);
  if ('problem' in compiled) throw new Error(compiled.problem);
  return compiled.re;
}
