/**
 * Rule packs may carry regular expressions; none of them may hang a scan. We accept a subset of
 * JavaScript regex syntax that cannot backtrack catastrophically: no backreferences, no
 * lookaround, and no repeated group (`*`, `+`, `{n,m}`) that contains a quantifier or an
 * alternation (`(a+)+`, `(a|aa)*`). Patterns are length-bounded, and inputs matched against them
 * are capped at MAX_MATCH_INPUT characters.
 */
export const MAX_PATTERN_LENGTH = 500;
export const MAX_MATCH_INPUT = 10_000;

interface GroupState {
  /** Holds `*`, `+` or `{n,}` somewhere inside. */
  unbounded: boolean;
  /** Holds `?`, `{n}` or `{n,m}` somewhere inside. */
  bounded: boolean;
  alternation: boolean;
}

/** The quantifier starting at `i` (if any): its length and whether it is unbounded. */
function quantifierAt(pattern: string, i: number): { unbounded: boolean } | null {
  const ch = pattern[i];
  if (ch === '*' || ch === '+') return { unbounded: true };
  if (ch === '?') return { unbounded: false };
  if (ch === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i));
    if (!m) return null;
    return { unbounded: m[2] !== undefined && m[3] === '' };
  }
  return null;
}

/**
 * Returns why the pattern is refused, or null when it is safe to compile. A group repeated
 * without bound may hold no quantifier and no alternation; a group repeated a bounded number of
 * times may hold no unbounded quantifier.
 */
export function unsafePatternReason(pattern: string): string | null {
  if (pattern.length > MAX_PATTERN_LENGTH) return `pattern longer than ${MAX_PATTERN_LENGTH} characters`;
  if (/\\[1-9]|\\k</.test(pattern)) return 'backreferences are not allowed';
  if (/\(\?<?[=!]/.test(pattern)) return 'lookaround is not allowed';
  const stack: GroupState[] = [];
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      continue;
    }
    const top = stack[stack.length - 1];
    if (ch === '[') {
      inClass = true;
    } else if (ch === '(') {
      stack.push({ unbounded: false, bounded: false, alternation: false });
    } else if (ch === '|') {
      if (top) top.alternation = true;
    } else if (ch === ')') {
      const group = stack.pop();
      if (!group) return 'unbalanced parenthesis';
      const repeat = quantifierAt(pattern, i + 1);
      if (repeat?.unbounded && (group.unbounded || group.bounded || group.alternation)) {
        return 'a repeated group may not contain a quantifier or an alternation';
      }
      if (repeat && !repeat.unbounded && pattern[i + 1] !== '?' && group.unbounded) {
        return 'a repeated group may not contain an unbounded quantifier';
      }
      const parent = stack[stack.length - 1];
      if (parent) {
        parent.unbounded ||= group.unbounded || repeat?.unbounded === true;
        parent.bounded ||= group.bounded || (repeat !== null && !repeat.unbounded);
        parent.alternation ||= group.alternation;
      }
    } else if (top) {
      const q = quantifierAt(pattern, i);
      if (q?.unbounded) top.unbounded = true;
      else if (q) top.bounded = true;
    }
  }
  if (stack.length > 0) return 'unbalanced parenthesis';
  try {
    new RegExp(pattern, 'u');
  } catch (error) {
    return `invalid regular expression: ${(error as Error).message}`;
  }
  return null;
}
