// Edits of a pack's YAML text that keep everything else as the operator wrote it (comments, order, layout).
import { dump, load } from 'js-yaml';
import { parsePack, RulePackError } from './packs';

const MODE_SHADOW = /^\s*mode:\s*(['"]?)shadow\1\s*(#.*)?$/;

/**
 * Switches one shadow rule live (CONTRACT §13): removes its `mode: shadow` line, so the rule counts from the next
 * reload on, exactly as written. Packs written in a shape this line edit does not find (flow style) are rewritten
 * through the YAML parser instead, which keeps the data but not the comments. Throws RulePackError when the
 * rule is not a shadow rule of this pack; the result always parses as a valid pack.
 */
export function switchRuleLive(text: string, file: string, ruleId: string): string {
  const before = parsePack(text, file);
  const rule = before.rules.find((r) => r.id === ruleId);
  if (!rule) throw new RulePackError(file, ruleId, 'no such rule in this pack');
  if (rule.mode !== 'shadow') throw new RulePackError(file, ruleId, 'the rule is already live');
  const edited = removeModeLine(text, ruleId) ?? rewrite(text, ruleId);
  const after = parsePack(edited, file);
  if (after.rules.find((r) => r.id === ruleId)?.mode !== 'live' || after.rules.length !== before.rules.length)
    throw new RulePackError(file, ruleId, 'could not switch the rule live without changing anything else');
  return edited;
}

/** The block-style edit: the `mode: shadow` line inside the list item whose `id` is `ruleId`. */
function removeModeLine(text: string, ruleId: string): string | null {
  const lines = text.split('\n');
  const idLine = lines.findIndex((l) => new RegExp(`^\\s*(-\\s+)?id:\\s*(['"]?)${escape(ruleId)}\\2\\s*(#.*)?$`).test(l));
  if (idLine < 0) return null;
  // The list item starts at the `- ` at or above the id line; it ends before the next `- ` at that indentation.
  let start = idLine;
  while (start > 0 && !/^\s*-\s/.test(lines[start])) start--;
  const indent = /^(\s*)-/.exec(lines[start])?.[1].length ?? 0;
  let end = idLine + 1;
  while (end < lines.length) {
    const m = /^(\s*)(\S)/.exec(lines[end]);
    if (m && m[1].length <= indent && !lines[end].trimStart().startsWith('#')) break;
    end++;
  }
  const modeLines = [];
  for (let i = start; i < end; i++) if (MODE_SHADOW.test(lines[i].replace(/^(\s*)-\s+/, '$1  '))) modeLines.push(i);
  if (modeLines.length !== 1) return null;
  const i = modeLines[0];
  if (/^\s*-\s/.test(lines[i])) return null; // `- mode: shadow` opens the item: leave it to the parser route
  lines.splice(i, 1);
  return lines.join('\n');
}

function rewrite(text: string, ruleId: string): string {
  const doc = load(text) as { rules?: Array<Record<string, unknown>> };
  for (const r of doc.rules ?? []) if (r.id === ruleId) delete r.mode;
  return dump(doc, { lineWidth: 120 });
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
