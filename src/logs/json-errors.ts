/**
 * A short description of a JSON.parse failure, without the input: V8 messages may quote the
 * offending text, so only known shapes are mapped to fixed wording, plus the position when given.
 */
export function describeJsonError(error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  const kinds: ReadonlyArray<readonly [RegExp, string]> = [
    [/^Unexpected end of JSON input/, 'unexpected end of input'],
    [/^Unexpected non-whitespace character after JSON/, 'unexpected text after the JSON value'],
    [/^Unexpected token/, 'unexpected token'],
    [/^Unterminated string/, 'unterminated string'],
    [/^Bad control character/, 'control character in string'],
    [/^Bad escaped character|^Bad Unicode escape/, 'bad escape in string'],
    [/^Expected (?:double-quoted )?property name/, 'expected a property name'],
    [/^Expected ',' or '\}'/, "expected ',' or '}'"],
    [/^Expected ',' or '\]'/, "expected ',' or ']'"],
    [/^Expected ':'/, "expected ':'"],
    [/^(?:Unterminated fractional number|No number after minus sign|Exponent part is missing)/, 'malformed number'],
  ];
  const kind = kinds.find(([pattern]) => pattern.test(message))?.[1] ?? 'invalid JSON';
  const position = /\bat position (\d+)/.exec(message)?.[1];
  return position === undefined ? kind : `${kind} at position ${position}`;
}
