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
  quantified: boolean;
  alternation: boolean;
}

/** Returns why the pattern is refused, or null when it is safe to compile. */
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
    switch (ch) {
      case '[':
        inClass = true;
        break;
      case '(':
        stack.push({ quantified: false, alternation: false });
        break;
      case '|':
        if (top) top.alternation = true;
        break;
      case ')': {
        const group = stack.pop();
        if (!group) return 'unbalanced parenthesis';
        const next = pattern[i + 1];
        const repeated = next === '*' || next === '+' || next === '{';
        if (repeated && (group.quantified || group.alternation)) {
          return 'a repeated group may not contain a quantifier or an alternation';
        }
        const parent = stack[stack.length - 1];
        if (parent && (group.quantified || repeated)) parent.quantified = true;
        break;
      }
      case '*':
      case '+':
      case '{':
        if (top) top.quantified = true;
        break;
      default:
        break;
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
