/**
 * Fluent Bit tags and the patterns that route them (src/flb_router.c): an output's or a filter's
 * `Match` is a case-sensitive pattern where `*` stands for any run of characters (nothing else is
 * special); `Match_Regex` is a regular expression that must match at the start of the tag.
 *
 * A tag that varies per record (a `tail` tag with `*` expanded from the file path, records
 * re-emitted under a tag built from their content) is itself kept as such a pattern; a route
 * exists when some tag the input can carry is matched.
 */
import { RE2JS } from 're2js';

/** Patterns longer than this are taken to overlap (the check is quadratic in their lengths). */
const MAX_PATTERN = 1024;

/** True when some string matches both wildcard patterns (`*` = any run of characters). */
export function patternsOverlap(a: string, b: string): boolean {
  if (a === b || a === '*' || b === '*') return true;
  const aLiteral = isLiteral(a);
  const bLiteral = isLiteral(b);
  if (aLiteral && bLiteral) return false;
  if (aLiteral) return wildcardMatches(b, a);
  if (bLiteral) return wildcardMatches(a, b);
  if (a.length > MAX_PATTERN || b.length > MAX_PATTERN) return true;
  // Both vary: the fixed text before the first and after the last `*` must agree.
  const prefix = Math.min(a.indexOf('*'), b.indexOf('*'));
  if (a.slice(0, prefix) !== b.slice(0, prefix)) return false;
  const suffix = Math.min(a.length - 1 - a.lastIndexOf('*'), b.length - 1 - b.lastIndexOf('*'));
  if (suffix > 0 && a.slice(a.length - suffix) !== b.slice(b.length - suffix)) return false;
  const m = a.length;
  const n = b.length;
  // ok[i][j]: a[i..] and b[j..] can match one common string. Filled from the ends backwards.
  let next = new Uint8Array(n + 1);
  let row = new Uint8Array(n + 1);
  for (let i = m; i >= 0; i--) {
    for (let j = n; j >= 0; j--) {
      const ca = i < m ? a[i] : undefined;
      const cb = j < n ? b[j] : undefined;
      let ok = false;
      if (ca === undefined && cb === undefined) ok = true;
      else if (ca === '*') ok = next[j] === 1 || (cb !== undefined && row[j + 1] === 1);
      else if (cb === '*') ok = row[j + 1] === 1 || (ca !== undefined && next[j] === 1);
      else if (ca !== undefined && cb !== undefined) ok = ca === cb && next[j + 1] === 1;
      row[j] = ok ? 1 : 0;
    }
    [next, row] = [row, next];
  }
  return next[0] === 1;
}

/** Whether a literal tag matches a wildcard pattern (greedy with one backtrack point: linear in practice). */
function wildcardMatches(pattern: string, tag: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let mark = 0;
  while (t < tag.length) {
    if (p < pattern.length && pattern[p] !== '*' && pattern[p] === tag[t]) {
      p++;
      t++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      mark = t;
    } else if (star !== -1) {
      p = star + 1;
      t = ++mark;
    } else return false;
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

export function isLiteral(pattern: string): boolean {
  return !pattern.includes('*');
}

/** Tags and expressions longer than this are not evaluated. */
const MAX_REGEX_TAG = 512;

/**
 * Whether `Match_Regex` matches a tag at its start: true/false for a literal tag, null when the tag
 * varies (a pattern) or the expression cannot be evaluated here. Expressions run on RE2JS (linear
 * time, so a hostile expression cannot hang a scan); Onigmo syntax RE2 lacks (lookaround,
 * backreferences, possessive quantifiers) leaves the answer unknown.
 */
export function regexMatchesTag(regex: string, tag: string): boolean | null {
  if (!isLiteral(tag) || tag.length > MAX_REGEX_TAG || regex.length > MAX_REGEX_TAG) return null;
  const compiled = compiledRegex(regex);
  return compiled === null ? null : compiled.matcher(tag).find();
}

/** Compiled expressions, a few at a time (a configuration repeats the same ones). */
const COMPILED = new Map<string, RE2JS | null>();
const MAX_COMPILED = 256;

function compiledRegex(regex: string): RE2JS | null {
  const cached = COMPILED.get(regex);
  if (cached !== undefined) return cached;
  let compiled: RE2JS | null;
  try {
    compiled = RE2JS.compile(`^(?:${regex})`);
  } catch {
    compiled = null;
  }
  if (COMPILED.size >= MAX_COMPILED) COMPILED.clear();
  COMPILED.set(regex, compiled);
  return compiled;
}

/**
 * The tags a `tail` input gives its records: the first `*` of `Tag` is replaced by the file path,
 * whose `/` become `.` (a leading one dropped) and whose repeated dots collapse (in_tail
 * tag_compose). The path's own wildcards stay wildcards.
 */
export function tailTagPattern(tag: string, path: string): string {
  const star = tag.indexOf('*');
  if (star === -1) return tag;
  const globAsWildcards = path.replace(/\*\*|\?|\[[^\]]*\]|\{[^}]*\}/g, '*');
  let composed = tag.slice(0, star) + globAsWildcards + tag.slice(star + 1);
  composed = composed.replace(/^\//, '').replace(/\//g, '.').replace(/\.{2,}/g, '.');
  return composed.replace(/\*{2,}/g, '*');
}

/** `<name>` placeholders of `Tag_Regex` captures become wildcards. */
export function tagRegexPattern(tag: string): string {
  return tag.replace(/<[^>]*>/g, '*').replace(/\*{2,}/g, '*');
}

/**
 * The tag a `rewrite_tag` rule gives: record accessors (`$key`, `$key['a']['b']`), `$TAG`,
 * `$TAG[n]` and captures (`$0`..`$9`) vary per record and become wildcards.
 */
export function rewrittenTagPattern(newTag: string): string {
  return newTag
    .replace(/\$[A-Za-z0-9_]*(\[[^\]]*\])*/g, '*')
    .replace(/\*{2,}/g, '*');
}
