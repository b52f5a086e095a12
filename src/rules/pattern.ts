/**
 * Regular expressions carried by rule packs. They run on RE2JS, a linear-time engine (RE2's
 * semantics, no backtracking), so no pattern can hang a scan whatever the input; RE2 syntax has
 * no backreferences or lookaround. Patterns and matched inputs are length-bounded.
 */
import { RE2JS } from 're2js';

export const MAX_PATTERN_LENGTH = 500;
export const MAX_MATCH_INPUT = 10_000;

export interface Pattern {
  readonly source: string;
  /** True when the pattern matches somewhere in the input (its first MAX_MATCH_INPUT characters). */
  test(input: string): boolean;
}

/** Compiles a pack pattern, or returns why it is refused. */
export function compilePattern(source: string): Pattern | { error: string } {
  if (source.length > MAX_PATTERN_LENGTH) return { error: `pattern longer than ${MAX_PATTERN_LENGTH} characters` };
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(source);
  } catch (error) {
    return { error: `not a valid RE2 pattern: ${(error as Error).message.replace(/^error parsing regexp: /, '')}` };
  }
  return {
    source,
    test: (input) => compiled.matcher(input.slice(0, MAX_MATCH_INPUT)).find(),
  };
}

export function isPattern(value: Pattern | { error: string }): value is Pattern {
  return 'test' in value;
}
