/** The one error base of ztmm. `code` is stable; the CLI prints `message` in one line. */
export type ZtmmErrorCode =
  | 'E_USAGE'
  | 'E_CONFIG'
  | 'E_RULEPACK_PARSE'
  | 'E_RULEPACK_SCHEMA'
  | 'E_RULEPACK_DUPLICATE'
  | 'E_RULEPACK_PATTERN'
  | 'E_RULEPACK_UNREADABLE'
  | 'E_ROOT_UNREADABLE'
  | 'E_UNKNOWN_RULE'
  | 'E_OUTPUT'
  | 'E_RESULT';

/**
 * Line breaks and other control characters as escapes (`\n`, `\u001b`; a tab stays): a message
 * stays one line whatever it quotes (a key, a path or a value read from a file).
 */
function oneLine(message: string): string {
  return message.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/g, (c) =>
    c === '\n' ? '\\n' : c === '\r' ? '\\r' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

export class ZtmmError extends Error {
  readonly code: ZtmmErrorCode;
  constructor(code: ZtmmErrorCode, message: string, options?: { cause?: unknown }) {
    super(oneLine(message), options);
    this.name = 'ZtmmError';
    this.code = code;
  }
}

export function isZtmmError(error: unknown): error is ZtmmError {
  return error instanceof ZtmmError;
}
