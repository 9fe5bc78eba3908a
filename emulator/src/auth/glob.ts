/**
 * URI_ALLOW_LIST patterns, matched as GoTrue matches them (gobwas/glob with the separators "." and
 * "/"): `*` stays within a label or path segment, `**` crosses them, `?` is one non-separator
 * character, `[abc]` / `[!abc]` a class, `{a,b}` alternatives, `\` escapes.
 *
 * Matching walks the pattern and the URL together as a set of positions (a Thompson NFA), so it is
 * linear in the URL's length: a pattern like `http://**\/**\/**\/z` cannot make a long redirect_to
 * block the event loop, as a backtracking regular expression did.
 */

type Token =
  | { kind: 'char'; ch: string }
  | { kind: 'one' } // ?
  | { kind: 'star' } // *
  | { kind: 'any' } // **
  | { kind: 'class'; chars: string; negate: boolean };

const SEPARATORS = '/.';
/** `{a,b}{c,d}...` multiplies; a pattern with more variants than this matches nothing (safe, never slow). */
const MAX_VARIANTS = 1024;

export interface Glob {
  match(input: string): boolean;
}

export function compileGlob(pattern: string): Glob {
  const variants = (expandAlternatives(pattern) ?? []).map(tokenize);
  return { match: (input) => variants.some((tokens) => matches(tokens, input)) };
}

/** `{a,b}` anywhere (nested too) becomes one pattern per alternative; undefined past MAX_VARIANTS. */
function expandAlternatives(pattern: string): string[] | undefined {
  const open = findUnescaped(pattern, '{', 0);
  if (open === -1) return [pattern];
  let depth = 0;
  let close = -1;
  const commas: number[] = [];
  for (let i = open; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\') i++;
    else if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) {
      close = i;
      break;
    } else if (ch === ',' && depth === 1) commas.push(i);
  }
  // an unclosed brace is a literal, as the old matcher read it
  if (close === -1) return [pattern];
  const head = pattern.slice(0, open);
  const tails = expandAlternatives(pattern.slice(close + 1));
  if (!tails) return undefined;
  const bounds = [open, ...commas, close];
  const out: string[] = [];
  for (let k = 0; k + 1 < bounds.length; k++) {
    const alternatives = expandAlternatives(pattern.slice(bounds[k]! + 1, bounds[k + 1]));
    if (!alternatives) return undefined;
    for (const alt of alternatives) {
      for (const tail of tails) {
        out.push(head + alt + tail);
        if (out.length > MAX_VARIANTS) return undefined;
      }
    }
  }
  return out;
}

function findUnescaped(s: string, ch: string, from: number): number {
  for (let i = from; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === ch) return i;
  }
  return -1;
}

function tokenize(pattern: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '\\' && i + 1 < pattern.length) tokens.push({ kind: 'char', ch: pattern[++i]! });
    else if (ch === '*') {
      if (pattern[i + 1] === '*') {
        i++;
        tokens.push({ kind: 'any' });
      } else tokens.push({ kind: 'star' });
    } else if (ch === '?') tokens.push({ kind: 'one' });
    else if (ch === '[' && pattern.indexOf(']', i + 1) !== -1) {
      const end = pattern.indexOf(']', i + 1);
      const body = pattern.slice(i + 1, end);
      const negate = body.startsWith('!');
      tokens.push({ kind: 'class', chars: expandRanges(negate ? body.slice(1) : body), negate });
      i = end;
    } else tokens.push({ kind: 'char', ch });
  }
  return tokens;
}

/** `a-z` inside a class becomes its characters. */
function expandRanges(body: string): string {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    if (body[i + 1] === '-' && i + 2 < body.length) {
      for (let c = body.charCodeAt(i); c <= body.charCodeAt(i + 2); c++) out += String.fromCharCode(c);
      i += 2;
    } else out += body[i];
  }
  return out;
}

function matches(tokens: Token[], input: string): boolean {
  // positions in `tokens` reachable after the input read so far; a star may also be skipped
  let current = closure(tokens, new Set([0]));
  for (const ch of input) {
    const next = new Set<number>();
    for (const at of current) {
      const t = tokens[at];
      if (!t) continue;
      if (t.kind === 'any') next.add(at);
      else if (t.kind === 'star') {
        if (!SEPARATORS.includes(ch)) next.add(at);
      } else if (accepts(t, ch)) next.add(at + 1);
    }
    if (next.size === 0) return false;
    current = closure(tokens, next);
  }
  return current.has(tokens.length);
}

/** Stars match the empty string: wherever one stands, the token after it is reachable too. */
function closure(tokens: Token[], positions: Set<number>): Set<number> {
  for (const at of positions) {
    let i = at;
    while (tokens[i]?.kind === 'star' || tokens[i]?.kind === 'any') positions.add(++i);
  }
  return positions;
}

function accepts(t: Token, ch: string): boolean {
  switch (t.kind) {
    case 'char':
      return t.ch === ch;
    case 'one':
      return !SEPARATORS.includes(ch);
    case 'class':
      return t.chars.includes(ch) !== t.negate;
    default:
      return false;
  }
}
